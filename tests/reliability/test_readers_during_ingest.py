"""Readers are never locked out by a writer: a search answers from the committed index while
another Library ingests real documents (or holds the write lock half-way through), and finds
the new documents once the writer is done."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from corpus.locking import write_lock
from index.results import SearchResult
from index.service import SearchIndex
from ingest.pipeline import parse_file
from search_api.library import Library
from tests.conftest import shared_path

QUERIES = ("thời hạn kháng cáo", "an le", "quyền sử dụng đất", "thi hanh an dan su")
NEW = {
    "bo_luat_91_2015_QH13.docx": ("91/2015/QH13", "91-2015-qh13"),
    "nghi_dinh_99_2022_ND_CP.docx": ("99/2022/NĐ-CP", "99-2022-nd-cp"),
    "nghi_quyet_01_2019_NQ_HDTP.docx": ("01/2019/NQ-HĐTP", "01-2019-nq-hdtp"),
}


def _new_files() -> list[Path]:
    return [shared_path("corpus", "docx", name) for name in NEW]


def _doc_ids(library: Library, query: str) -> list[str]:
    return [hit.doc_id for hit in library.search(query).hits]


def test_search_answers_while_a_writer_holds_the_lock_half_way(library_dir: Path) -> None:
    source = shared_path("corpus", "docx", "bo_luat_91_2015_QH13.docx")
    doc = parse_file(source).document
    saved, release = threading.Event(), threading.Event()
    held_too_long: list[bool] = []

    def writer() -> None:  # stores the document, then stops before indexing it (lock held)
        with Library(library_dir) as library, write_lock(library_dir):
            library.store.save(doc, original=source)
            saved.set()
            held_too_long.append(not release.wait(60))

    with Library(library_dir) as reader:
        assert "91-2015-qh13" not in _doc_ids(reader, "91/2015/QH13")
        thread = threading.Thread(target=writer)
        thread.start()
        assert saved.wait(60)
        during = _doc_ids(reader, "91/2015/QH13")
        release.set()
        thread.join()
        assert held_too_long == [False], "the search waited for the writer's lock"
        assert "91-2015-qh13" not in during, "the index had not been given the document yet"
        # The writer never indexed it (as if killed): the reader brings the index in step.
        assert _doc_ids(reader, "91/2015/QH13")[0] == "91-2015-qh13"


def test_searches_go_on_while_another_library_ingests(library_dir: Path) -> None:
    outcomes = []

    def writer() -> None:
        with Library(library_dir) as library:
            outcomes.extend(library.ingest(_new_files()))

    with Library(library_dir) as reader:
        reader.search(QUERIES[0])
        thread = threading.Thread(target=writer)
        thread.start()
        latencies = []
        while thread.is_alive():
            for query in QUERIES:
                began = time.perf_counter()
                assert reader.search(query).total > 0
                latencies.append(time.perf_counter() - began)
        thread.join()
        assert [o.status for o in outcomes] == ["ingested"] * len(NEW), outcomes
        assert len(latencies) >= len(QUERIES), "searches ran while the ingest did"
        assert max(latencies) < 30, "a search waited for the writer"
        for number, doc_id in NEW.values():
            assert _doc_ids(reader, number)[0] == doc_id, number


def test_an_engine_error_is_searched_again_on_a_fresh_open_not_rebuilt(
    library_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Library(library_dir) as library:
        expected = [hit.key for hit in library.search(QUERIES[2]).hits]
        search = SearchIndex.search
        failed: list[bool] = []

        def fails_once(self: SearchIndex, *args: object, **kwargs: object) -> SearchResult:
            if not failed:
                failed.append(True)
                raise FileNotFoundError("a segment a writer merged away")
            return search(self, *args, **kwargs)

        rebuilt: list[bool] = []
        monkeypatch.setattr(SearchIndex, "search", fails_once)
        monkeypatch.setattr(Library, "reindex", lambda self, engine=None: rebuilt.append(True))
        assert [hit.key for hit in library.search(QUERIES[2]).hits] == expected
        assert failed == [True] and rebuilt == []
