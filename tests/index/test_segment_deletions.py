"""Deleting records from a Whoosh segment shared with other documents keeps search working."""

from __future__ import annotations

from pathlib import Path

from index.engine import AnyOf, Request
from index.service import SearchIndex
from search_api.library import Library
from tests.conftest import shared_path


def test_search_after_deleting_part_of_a_merged_segment(data_dir: Path) -> None:
    pdfs = sorted(shared_path("corpus", "pdf").glob("*.pdf"))
    with Library(data_dir) as library:
        library.ingest(pdfs)  # one commit per file: Whoosh merges the small segments
        total = library.search("hợp đồng", limit=1000).total
    index = SearchIndex(data_dir / "index")
    try:
        gone = index.engine.search(Request(filters=[AnyOf("document", ("43-2021-al",))], limit=100))
        assert gone.hits
        index.remove_document("43-2021-al")
        index.commit()
        after = index.search("hợp đồng", limit=1000)
        assert 0 < after.total < total
        assert "43-2021-al" not in {h.doc_id for h in after.hits}
    finally:
        index.close()
