"""An index change cut short (a kill between the store's commit and the index's) is brought in
step by a sync of what differs, not a rebuild of everything; documents only the engine still
holds are found and removed."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from corpus.store import Store
from index.evaluation.alqac import corpus_units
from index.service import SearchIndex
from search_api.index_keeper import IndexKeeper
from search_api.library import Library
from tests.conftest import shared_path


def _no_rebuild(self: IndexKeeper) -> SearchIndex:
    raise AssertionError("the index was rebuilt from scratch")


def _interrupt(data: Path, doc_id: str, engine_commits: bool) -> None:
    """Re-index `doc_id` and stop before the manifest records it: with `engine_commits`, the
    engine's own commit went through (killed just after it), else nothing of it did."""
    with Store(data) as store:
        doc = store.get(doc_id)
    index = SearchIndex(data / "index")
    index.index_document(doc)
    if engine_commits:
        index.engine.commit()
    index.engine.close()


@pytest.mark.parametrize("engine_commits", [False, True])
def test_an_interrupted_index_change_is_synced_not_rebuilt(
    library_dir: Path, monkeypatch: pytest.MonkeyPatch, engine_commits: bool
) -> None:
    with Library(library_dir) as library:
        doc_id = library.list()[0].id
    _interrupt(library_dir, doc_id, engine_commits)
    assert not SearchIndex(library_dir / "index").current  # the manifest says: cut short

    monkeypatch.setattr(IndexKeeper, "_build", _no_rebuild)
    with Library(library_dir) as library:
        assert library.search("thi hành án").total > 0
        report = library.check()
    assert report.consistent, [str(p) for p in report.problems]


def test_a_document_only_the_engine_holds_is_removed_by_the_sync(
    library_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Library(library_dir) as library:
        doc_id = library.list()[0].id
        doc = library.store.get(doc_id)
        assert library.delete(doc_id)  # store and index without it
    index = SearchIndex(library_dir / "index")
    index.index_document(doc)
    index.engine.commit()  # back in the engine only: the manifest, cut short, lacks it
    index.engine.close()
    assert doc_id in SearchIndex(library_dir / "index").held_documents()

    monkeypatch.setattr(IndexKeeper, "_build", _no_rebuild)
    with Library(library_dir) as library:
        library.search("thi hành án")
        report = library.check()
    assert report.consistent, [str(p) for p in report.problems]
    assert doc_id not in SearchIndex(library_dir / "index").held_documents()


@pytest.mark.parametrize("engine", ["whoosh", "tantivy"])
def test_the_engine_lists_every_document_it_holds_past_the_facet_limit(
    tmp_path: Path, engine: str
) -> None:
    corpus = shared_path("bench", "phapdien", "all_law.json.gz")
    units = list(itertools.islice(corpus_units(corpus), 2500))
    expected: dict[str, int] = {}
    for unit in units:
        expected[unit.doc_id] = expected.get(unit.doc_id, 0) + 1
    assert len(expected) > 150  # more documents than a facet shows
    index = SearchIndex(tmp_path / "index", engine=engine)
    index.add_units(units)
    index.commit()
    assert index.held_documents() == expected
    index.close()
