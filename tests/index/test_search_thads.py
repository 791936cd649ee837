"""Search over the real Pháp điển THADS topic: citations, số hiệu, filters, snippets, facets."""

import datetime as dt
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from index.results import SearchFilters


def _top(library, query, **kw):
    result = library.search(query, **kw)
    assert result.hits, query
    return result.hits[0]


def test_a_citation_returns_the_cited_clause_first(thads):
    hit = _top(thads, "khoản 1 Điều 45 Luật THADS")
    assert (hit.law, hit.article, hit.label) == ("26/2008/QH12", "45", "khoản 1 Điều 45")
    assert hit.cited
    assert "10 ngày" in hit.snippet


def test_a_citation_typed_without_diacritics_finds_the_same_clause(thads):
    hit = _top(thads, "khoan 1 dieu 45 luat thi hanh an dan su")
    assert (hit.law, hit.article, hit.label) == ("26/2008/QH12", "45", "khoản 1 Điều 45")


def test_a_decree_cited_by_its_short_number(thads):
    hit = _top(thads, "Điều 9 NĐ 62/2015")
    assert (hit.law, hit.article) == ("62/2015/NĐ-CP", "9")


def test_an_article_added_by_the_amending_law_is_found_under_the_law_it_amends(thads):
    hit = _top(thads, "Điều 7a Luật THADS")
    assert (hit.law, hit.article) == ("64/2014/QH13", "7a")


def test_a_citation_inside_a_question_comes_first_and_the_rest_is_ranked(thads):
    result = thads.search("thời hạn kháng nghị theo Điều 9 Nghị định 62/2015/NĐ-CP", limit=5)
    assert (result.hits[0].law, result.hits[0].article) == ("62/2015/NĐ-CP", "9")
    assert len(result.hits) > 1 and not result.hits[1].cited


def test_number_lookup_in_any_form_restricts_to_that_document(thads):
    for q in ("62/2015/NĐ-CP", "62/2015/ND-CP", "nđ 62/2015"):
        result = thads.search(q, limit=20)
        assert result.hits and {h.law for h in result.hits} == {"62/2015/NĐ-CP"}, q


def test_query_without_diacritics_ranks_the_article_and_snippet_keeps_diacritics(thads):
    result = thads.search("thoi han tu nguyen thi hanh an", limit=3)
    top = result.hits[0]
    assert (top.law, top.article) == ("26/2008/QH12", "45")
    assert "<mark>Thời</mark> <mark>hạn</mark> <mark>tự</mark> <mark>nguyện</mark>" in top.snippet


def test_exact_diacritics_rank_above_folded_matches(thads):
    # `bán` (sell) and `ban` (board, `ban hành`) fold alike; typed with its mark, `bán` wins.
    hits = thads.search("bán", limit=10).hits
    assert hits
    for h in hits:
        marked = {m.lower() for m in re.findall(r"<mark>(.*?)</mark>", h.snippet)}
        assert marked == {"bán"}, (h.label, marked)


def test_abbreviation_in_a_query_finds_the_spelled_out_words(thads):
    hit = _top(thads, "CHV xác minh điều kiện THA")
    assert "xác minh" in hit.heading.lower()


@pytest.mark.parametrize("query", ["đương sự là gì", "khai niem nguoi duoc thi hanh an"])
def test_a_definition_question_finds_the_article_that_defines_the_term(thads, query):
    hits = thads.search(query, limit=3).hits
    assert any((h.law, h.article) == ("26/2008/QH12", "3") for h in hits), [
        (h.law, h.article, h.heading) for h in hits
    ]


def test_quoted_phrase_must_match_as_a_phrase(thads):
    result = thads.search('"tự nguyện thi hành"', limit=50)
    assert result.hits
    for h in result.hits:
        plain = h.snippet.replace("<mark>", "").replace("</mark>", "")
        assert "tự nguyện thi hành" in plain.lower() or "Tự nguyện thi hành" in plain, h.label


def test_filters_by_doc_type_year_and_kind(thads):
    decrees = thads.search("xác minh", filters=SearchFilters(doc_type="nghi_dinh"), limit=20)
    assert decrees.hits and all(h.number.endswith("NĐ-CP") for h in decrees.hits)
    recent = thads.search("xác minh", filters=SearchFilters(year_from=2020), limit=30)
    assert recent.hits and all(int(h.number.split("/")[1]) >= 2020 for h in recent.hits)
    assert thads.search("xác minh", filters=SearchFilters(kind="finding")).hits == []


def test_in_force_on_a_date_uses_the_registry_dates(thads):
    before = thads.search(
        "quyền nghĩa vụ người phải thi hành án",
        filters=SearchFilters(in_force_on=dt.date(2012, 1, 1)),
        limit=50,
    )
    laws = {h.law for h in before.hits}
    assert "26/2008/QH12" in laws
    assert "64/2014/QH13" not in laws and "62/2015/NĐ-CP" not in laws


def test_facets_count_the_whole_result(thads):
    result = thads.search("cưỡng chế", limit=3)
    assert len(result.hits) == 3
    assert sum(result.facets["kind"].values()) == result.total > 3
    assert result.facets["doc_type"]["luat"] > 0


def test_did_you_mean_for_a_query_that_finds_nothing(thads):
    result = thads.search("kee bienn")
    assert result.hits == [] and result.did_you_mean == "ke bien"
    assert thads.search(result.did_you_mean).hits


def test_more_like_this_finds_related_articles(thads):
    key = _top(thads, "khoản 1 Điều 45 Luật THADS").key
    similar = thads.more_like_this(key, limit=5)
    assert similar and key not in {h.key for h in similar}
    assert any("thi hành án" in h.heading.lower() for h in similar)


ODD = [
    '"',
    '""""',
    "a:b:c",
    "AND OR NOT",
    "title:(x OR y) AND NOT z",
    "*",
    "?x*",
    "Điều",
    "khoản 999 Điều 9999 Luật THADS",
    "x" * 10000,
    "đ " * 3000,
    "\x00\ufeff\u200b",
    "\\",
    "((((",
    "62/",
    "/2015/",
]


def test_odd_queries_never_raise(thads):
    for q in ODD:
        thads.search(q)


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=80))
def test_any_text_is_a_query(thads, q):
    result = thads.search(q, limit=3)
    assert len(result.hits) <= 3
