"""A data folder with the bundled samples ingested, built once per test session (read-only)."""

from __future__ import annotations

import shutil
import tempfile
from functools import cache
from pathlib import Path

from search_api.library import Library
from tests.conftest import SAMPLES


@cache
def samples_data_dir() -> Path:
    """Ingest corpus/samples into a fresh folder; tests must not write to it."""
    folder = Path(tempfile.mkdtemp(prefix="camnang-samples-"))
    with Library(folder) as library:
        outcomes = library.ingest([SAMPLES])
    failed = [o for o in outcomes if o.status == "failed"]
    assert not failed, failed
    return folder


def copy_of_samples(target: Path) -> Path:
    """A writable copy of the samples data folder."""
    shutil.copytree(samples_data_dir(), target)
    return target
