"""A data folder for handbook tests: the bundled samples, the Pháp điển THADS topic and the
seed conference report (built once per session; tests copy it before writing)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from search_api.library import Library
from tests.conftest import SAMPLES, shared_path
from tests.samples_store import samples_data_dir


@pytest.fixture(scope="session")
def full_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Samples + ../shared/corpus/phapdien/thi-hanh-an-dan-su.md + the seed report."""
    phapdien = shared_path("corpus", "phapdien", "thi-hanh-an-dan-su.md")
    seed = shared_path("corpus", "seed", "hoi-nghi-thads-tphcm-6-thang-2021.txt")
    folder = tmp_path_factory.mktemp("handbook") / "data"
    with Library(folder) as library:
        outcomes = library.ingest([SAMPLES, phapdien, seed])
    assert all(o.status == "ingested" for o in outcomes), outcomes
    return folder


@pytest.fixture(scope="session")
def samples_data() -> Path:
    """The bundled samples alone (read-only)."""
    return samples_data_dir()


@pytest.fixture
def full_copy(full_data: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(full_data, tmp_path / "data"))
