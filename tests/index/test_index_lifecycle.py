"""The index follows the store: ingest, replace, delete, corruption, a missing index, reindex
(readers keep the old index while it is rebuilt, and a failed rebuild leaves it).

Every test runs once per engine (the `engine` fixture of this folder's conftest).
"""

import shutil
from pathlib import Path

import docx
import pytest

from index import service
from index.service import SearchIndex, manifest_name, move_index, remove_folder
from search_api.index_keeper import BUILDING_DIR, IndexKeeper
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


def test_readers_answer_from_the_old_index_while_it_is_rebuilt(
    data_dir, engine, resolution, monkeypatch
):
    with Library(data_dir, engine=engine) as library:
        library.ingest([resolution])
        before = [h.key for h in library.search("lãi suất").hits]
    assert before
    seen: list[list[str]] = []
    build = SearchIndex.index_documents

    def index_documents(self, docs, jobs=1):
        if not seen:  # half-way through the rebuild: a reader open before it, and a new one
            seen.append([h.key for h in opened_before.search("lãi suất").hits])
            with Library(data_dir, engine=engine) as reader:
                seen.append([h.key for h in reader.search("lãi suất").hits])
        return build(self, docs, jobs)

    monkeypatch.setattr(SearchIndex, "index_documents", index_documents)
    with Library(data_dir, engine=engine) as opened_before, Library(data_dir, engine=engine) as w:
        assert [h.key for h in opened_before.search("lãi suất").hits] == before
        w.reindex()
        assert seen == [before, before]
        assert [h.key for h in opened_before.search("lãi suất").hits] == before
        assert [h.key for h in w.search("lãi suất").hits] == before
    assert not (data_dir / BUILDING_DIR).exists()


def test_a_rebuild_that_fails_leaves_the_old_index(data_dir, engine, resolution, monkeypatch):
    with Library(data_dir, engine=engine) as library:
        library.ingest([resolution])
        before = [h.key for h in library.search("lãi suất").hits]

    def disk_full(self, docs, jobs=1):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(SearchIndex, "index_documents", disk_full)
    with Library(data_dir, engine=engine) as library, pytest.raises(OSError, match="No space"):
        library.reindex()
    monkeypatch.undo()
    assert not (data_dir / BUILDING_DIR).exists()

    def no_rebuild(self):
        raise AssertionError("the old index should have stayed usable")

    monkeypatch.setattr(IndexKeeper, "_build", no_rebuild)
    with Library(data_dir, engine=engine) as library:
        assert [h.key for h in library.search("lãi suất").hits] == before


def test_a_rebuilt_index_replaces_one_a_reader_started_between_the_renames(tmp_path, monkeypatch):
    index_dir, aside = tmp_path / "index", tmp_path / BUILDING_DIR
    for folder, text in ((index_dir, "old"), (aside, "built")):
        (folder / "tantivy").mkdir(parents=True)
        (folder / "tantivy" / "meta.json").write_text(text, encoding="utf-8")
        (folder / manifest_name("tantivy")).write_text(text, encoding="utf-8")
    rename = Path.rename
    readers: list[Path] = []

    def reader_gets_in_between(self, target):
        if self == aside / "tantivy" and not readers:
            readers.append(index_dir / "tantivy")
            (index_dir / "tantivy").mkdir()  # a reader found no index and started an empty one
            (index_dir / "tantivy" / "meta.json").write_text("empty", encoding="utf-8")
        return rename(self, target)

    monkeypatch.setattr(Path, "rename", reader_gets_in_between)
    move_index(aside, index_dir, "tantivy")
    assert (index_dir / "tantivy" / "meta.json").read_text(encoding="utf-8") == "built"
    assert (index_dir / manifest_name("tantivy")).read_text(encoding="utf-8") == "built"
    assert readers and sorted(p.name for p in index_dir.iterdir()) == [
        "manifest-tantivy.json",
        "tantivy",
    ]


def test_a_folder_something_still_writes_in_is_removed_all_the_same(tmp_path, monkeypatch):
    folder = tmp_path / BUILDING_DIR
    (folder / "tantivy").mkdir(parents=True)
    (folder / "tantivy" / "meta.json").write_text("{}", encoding="utf-8")
    rmtree = service.shutil.rmtree
    writes: list[Path] = []

    def while_a_thread_writes(path, ignore_errors=False):
        rmtree(path, ignore_errors=ignore_errors)
        if not writes:  # a lock file taken in the folder while it was being deleted
            writes.append(folder / "tantivy" / ".tantivy-meta.lock")
            writes[0].parent.mkdir(parents=True)
            writes[0].touch()

    monkeypatch.setattr(service.shutil, "rmtree", while_a_thread_writes)
    remove_folder(folder)
    assert writes and not folder.exists()
