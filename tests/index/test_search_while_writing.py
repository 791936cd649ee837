"""A search in flight when another writer commits finishes on the index it started with: its
scores, hits and facet counts all come from one snapshot, and the next search sees the commit."""

from __future__ import annotations

from pathlib import Path

import pytest

from index import whoosh_scoring
from index.results import SearchResult
from index.service import SearchIndex
from ingest.pipeline import parse_file
from search_api.library import Library
from tests.conftest import shared_path

QUERY = "hợp đồng thế chấp"


def test_a_commit_during_a_search_does_not_break_it(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pdfs = sorted(shared_path("corpus", "pdf").glob("*.pdf"))
    with Library(data_dir) as library:
        library.ingest(pdfs[:2])
    first, second = (parse_file(pdf).document for pdf in pdfs[2:4])
    reader = SearchIndex(data_dir / "index")
    writer = SearchIndex(data_dir / "index")
    try:
        reader.search(QUERY)
        writer.index_document(first)
        writer.commit()  # the reader's next search starts on a new snapshot
        expected = _search_anew(data_dir)
        assert first.id in {h.doc_id for h in expected.hits}
        scoring = whoosh_scoring.VectorScorer.add
        committed: list[bool] = []

        def add_then_commit(self, *args, **kwargs):  # another writer commits mid-search
            if not committed:
                writer.index_document(second)
                writer.commit()
                committed.append(True)
            return scoring(self, *args, **kwargs)

        monkeypatch.setattr(whoosh_scoring.VectorScorer, "add", add_then_commit)
        during = reader.search(QUERY, limit=100)
        assert committed, "the writer committed while the search ran"
        assert (during.total, during.facets) == (expected.total, expected.facets)
        assert [h.key for h in during.hits] == [h.key for h in expected.hits]
        after = reader.search(QUERY, limit=100)
        assert second.id in {h.doc_id for h in after.hits}
        assert after.total > expected.total
    finally:
        reader.close()
        writer.close()


def _search_anew(data_dir: Path) -> SearchResult:
    index = SearchIndex(data_dir / "index")
    try:
        return index.search(QUERY, limit=100)
    finally:
        index.close()
