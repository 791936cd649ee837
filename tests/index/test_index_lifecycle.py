"""The index follows the store: ingest, replace, delete, corruption, a missing index, reindex.

Every test runs once per engine (the `engine` fixture of this folder's conftest).
"""

import shutil
from pathlib import Path

import docx
import pytest

from index.service import manifest_name
from search_api.library import Library
from tests.conftest import shared_path

MARKER = "zqxđặcbiệt"


@pytest.fixture
def resolution() -> Path:
    return shared_path("corpus", "docx", "nghi_quyet_01_2019_NQ_HDTP.docx")


def _edited_copy(source: Path, target: Path, marker: str) -> Path:
    """The same resolution (same số hiệu) with a word added to a khoản of an article."""
    document = docx.Document(str(source))
    for paragraph in document.paragraphs:
        if paragraph.text.startswith("1. Hợp đồng vay"):
            paragraph.add_run(f" {marker}")
            break
    else:
        raise AssertionError("no paragraph to edit")
    document.save(str(target))
    return target


def test_ingest_makes_a_document_searchable_at_once(data_dir, engine, resolution):
    with Library(data_dir, engine=engine) as library:
        library.ingest([resolution])
        hit = library.search("lãi suất nợ gốc quá hạn").hits[0]
        assert hit.doc_id == "01-2019-nq-hdtp" and hit.label.startswith(("Điều", "khoản", "điểm"))
    assert (data_dir / "index" / engine).is_dir()


def test_replacing_a_document_replaces_its_units(data_dir, engine, resolution, tmp_path):
    with Library(data_dir, engine=engine) as library:
        library.ingest([resolution])
        units = library.search("lãi suất", limit=1000).total
        library.ingest([_edited_copy(resolution, tmp_path / "v2.docx", MARKER)])
        assert [h.doc_id for h in library.search(MARKER).hits] == ["01-2019-nq-hdtp"]
        assert library.search("lãi suất", limit=1000).total == units
        library.ingest([_edited_copy(resolution, tmp_path / "v3.docx", "zqxkhác")])
        assert library.search(MARKER).hits == []
        assert library.search("zqxkhác").hits


def test_deleting_a_document_removes_it_from_search(data_dir, engine, resolution):
    with Library(data_dir, engine=engine) as library:
        library.ingest([resolution])
        assert library.delete("01-2019-nq-hdtp")
        assert library.search("lãi suất").hits == []


def test_a_corrupted_index_folder_is_rebuilt_from_the_store(data_dir, engine, resolution):
    with Library(data_dir, engine=engine) as library:
        library.ingest([resolution])
        before = [h.key for h in library.search("lãi suất").hits]
    for f in (data_dir / "index" / engine).iterdir():
        f.write_bytes(b"\x00garbage" * 10)
    with Library(data_dir, engine=engine) as library:
        assert [h.key for h in library.search("lãi suất").hits] == before


def test_a_missing_index_is_rebuilt_and_a_stale_one_synced(data_dir, engine, resolution, tmp_path):
    with Library(data_dir, engine=engine) as library:
        library.ingest([resolution])
    shutil.rmtree(data_dir / "index")
    with Library(data_dir, engine=engine) as library:
        assert library.search("lãi suất").hits
    # a document stored while the index was not updated (as after a crash between the two)
    manifest = data_dir / "index" / manifest_name(engine)
    saved = manifest.read_text(encoding="utf-8")
    with Library(data_dir, engine=engine) as library:
        library.ingest([_edited_copy(resolution, tmp_path / "v2.docx", MARKER)])
    manifest.write_text(saved, encoding="utf-8")
    with Library(data_dir, engine=engine) as library:
        assert library.search(MARKER).hits


def test_reindex_rebuilds_on_demand(data_dir, engine, resolution):
    with Library(data_dir, engine=engine) as library:
        library.ingest([resolution])
        articles = library.list()[0].articles
        assert library.reindex() == articles >= 10
        assert library.search("lãi suất").hits
