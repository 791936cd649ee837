"""Two Library objects writing to one data folder in turn (two processes would do the same):
the index manifest each writes keeps the other's documents, so the index stays in step with
the store without a sync or a rebuild."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.service import SearchIndex
from search_api.index_keeper import IndexKeeper
from search_api.library import Library
from tests.conftest import shared_path

FIRST = "nghi_dinh_99_2022_ND_CP.docx"
SECOND = "nghi_quyet_01_2019_NQ_HDTP.docx"
OTHER = "nghi_quyet_02_2022_NQ_HDTP.docx"


def _refuse(self: IndexKeeper, *args: object) -> None:
    raise AssertionError("the index had to be brought in step again")


def test_a_writer_keeps_the_documents_another_writer_indexed_meanwhile(
    library_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Library(library_dir) as one, Library(library_dir) as other:
        files = [shared_path("corpus", "docx", name) for name in (FIRST, SECOND)]
        outcomes = one.ingest_files(files)  # brings the index in step once, then saves each
        assert next(outcomes).status == "ingested"
        # between `one`'s two files, `other` writes too
        assert other.ingest([shared_path("corpus", "docx", OTHER)])[0].status == "ingested"
        assert next(outcomes).status == "ingested"
        stored = {s.id: s for s in one.list()}
    manifest = SearchIndex(library_dir / "index").documents
    assert manifest.keys() == stored.keys()

    monkeypatch.setattr(IndexKeeper, "_sync", _refuse)
    monkeypatch.setattr(IndexKeeper, "_build", _refuse)
    with Library(library_dir) as fresh:
        assert fresh.search("99/2022/NĐ-CP").hits[0].number == "99/2022/NĐ-CP"
        assert fresh.search("01/2019/NQ-HĐTP").hits[0].number == "01/2019/NQ-HĐTP"
        assert fresh.search("02/2022/NQ-HĐTP").hits[0].number == "02/2022/NQ-HĐTP"
        assert fresh.check().consistent
