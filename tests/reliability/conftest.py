"""A small real library, built once per session and copied for each test that changes it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from search_api.library import Library
from tests.conftest import SAMPLES, shared_path

DOCX = ("an_le_so_262018AL.docx", "nghi_dinh_21_2021_ND_CP.docx")


def library_files() -> list[Path]:
    """Real documents of every kind: five án lệ PDFs, two DOCX, the sample conclusions."""
    pdfs = sorted(shared_path("corpus", "pdf").glob("*.pdf"))
    docx = [shared_path("corpus", "docx", name) for name in DOCX]
    samples = sorted(p for p in SAMPLES.iterdir() if p.suffix in (".pdf", ".docx"))
    return [*pdfs, *docx, *samples]


@pytest.fixture(scope="session")
def built_library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("reliability") / "data"
    with Library(data) as library:
        outcomes = library.ingest(library_files(), jobs=2)
    failed = [(o.path, o.error) for o in outcomes if o.status == "failed"]
    assert not failed, failed
    return data


@pytest.fixture
def library_dir(built_library: Path, tmp_path: Path) -> Path:
    """A copy of the built library that a test may damage."""
    target = tmp_path / "data"
    shutil.copytree(built_library, target)
    return target
