"""Citing an article of a document the registry does not know, by the document's title.

The ALQAC 2024 corpus names its laws by title (`Luật Tiếp cận thông tin`) with no số hiệu, so
the citation grammar cannot resolve them: the article comes from the index's own titles.
"""

from __future__ import annotations

import pytest

from index.evaluation.alqac import corpus_units
from index.query import parse_query
from index.service import SearchIndex
from tests.conftest import shared_path

LAWS = ("Luật Tiếp cận thông tin", "Luật Viên chức", "Hiến pháp")


@pytest.fixture(scope="module")
def index(tmp_path_factory, engine):
    corpus = shared_path("bench", "alqac2024", "law.json")
    ix = SearchIndex(tmp_path_factory.mktemp(f"by-title-{engine}"), engine=engine)
    ix.add_units(u for u in corpus_units(corpus) if u.law in LAWS)
    ix.commit()
    yield ix
    ix.close()


def _first(index: SearchIndex, query: str):
    hits = index.search(query, limit=5, snippets=False, facets=()).hits
    assert hits, query
    return hits[0]


@pytest.mark.parametrize(
    "query",
    [
        "Mục đích chính của Điều 6 Luật Tiếp cận thông tin là gì?",
        "dieu 6 luat tiep can thong tin",
    ],
)
def test_an_article_of_a_law_named_by_its_title_comes_first(index, query):
    hit = _first(index, query)
    assert (hit.law, hit.article, hit.cited) == ("Luật Tiếp cận thông tin", "6", True)


def test_the_same_article_number_of_another_titled_law(index):
    hit = _first(index, "Điều 6 Luật Viên chức quy định gì")
    assert (hit.law, hit.article, hit.cited) == ("Luật Viên chức", "6", True)


def test_an_unknown_title_cites_nothing_but_its_words_still_rank(index):
    result = index.search("Điều 6 Luật Không Có Thật", limit=5, snippets=False, facets=())
    assert not any(h.cited for h in result.hits)


def test_an_unresolved_citation_keeps_its_words_in_the_free_text():
    q = parse_query("Mục đích chính của Điều 6 Luật Tiếp cận thông tin là gì?")
    assert [r.article for r in q.refs] == ["6"] and q.refs[0].law is None
    assert {"tiếp", "cận", "thông", "tin"} <= set(q.exact)


def test_a_resolved_citation_leaves_the_free_text():
    q = parse_query("thời hạn theo khoản 1 Điều 45 Luật THADS")
    assert q.refs[0].law and "45" not in q.exact and "thads" not in q.folded
