"""A data folder with the bundled samples ingested, built once per test session (read-only)."""

from __future__ import annotations

import atexit
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
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    with Library(folder) as library:
        outcomes = library.ingest([SAMPLES])
    failed = [o for o in outcomes if o.status == "failed"]
    assert not failed, failed
    return folder
