"""The citation grammar on every form offices write, normalized to {law, article, clause, point}."""

import datetime as dt

from corpus.citations import CitingContext, find_citations, references_in


def _refs(text, **context):
    return [(r.law, r.article, r.clause, r.point) for r in references_in(text, CitingContext(**context))]


def test_point_clause_article_of_a_named_law():
    assert _refs("điểm a khoản 2 Điều 7 Luật Thi hành án dân sự") == [("26/2008/QH12", "7", "2", "a")]


def test_points_attach_to_the_clause_that_follows_them():
    assert _refs("khoản 1, điểm b và điểm e khoản 4 Điều 44 Luật THADS") == [
        ("26/2008/QH12", "44", "1", None),
        ("26/2008/QH12", "44", "4", "b"),
        ("26/2008/QH12", "44", "4", "e"),
    ]


def test_decree_by_number_and_abbreviated():
    assert _refs("Điều 9 Nghị định số 62/2015/NĐ-CP") == [("62/2015/NĐ-CP", "9", None, None)]
    assert _refs("NĐ 62/2015/NĐ-CP") == [("62/2015/NĐ-CP", None, None, None)]
    assert _refs("Điều 9 NĐ 62/2015") == [("62/2015/NĐ-CP", "9", None, None)]
    assert _refs("Thông tư 04/2023/TT-BTP") == [("04/2023/TT-BTP", None, None, None)]


def test_this_document_and_this_article():
    ctx = {"number": "62/2015/NĐ-CP", "article": "12"}
    assert _refs("Điều 9 của Nghị định này", **ctx) == [("62/2015/NĐ-CP", "9", None, None)]
    assert _refs("khoản 3 Điều này", **ctx) == [("62/2015/NĐ-CP", "12", "3", None)]


def test_article_range_expands():
    assert [r[1] for r in _refs("Điều 44 đến Điều 46 Luật THADS")] == ["44", "45", "46"]


def test_each_group_takes_its_own_document():
    assert _refs("Điều 7a Luật THADS và khoản 2 Điều 9 Nghị định 62/2015/NĐ-CP.") == [
        ("26/2008/QH12", "7a", None, None),
        ("62/2015/NĐ-CP", "9", "2", None),
    ]


def test_a_year_that_names_an_unknown_code_stays_unresolved():
    refs = references_in("các điều 168, 323 Bộ luật Dân sự năm 2005")
    assert [(r.law, r.status) for r in refs] == [(None, "unresolved"), (None, "unresolved")]
    assert refs[0].text == "các điều 168, 323 Bộ luật Dân sự năm 2005"


def test_bare_citation_refers_to_self_only_when_told():
    assert _refs("khoản 2 Điều 5") == [(None, "5", "2", None)]
    assert _refs("khoản 2 Điều 5", number="21/2021/NĐ-CP", bare_means_self=True) == [
        ("21/2021/NĐ-CP", "5", "2", None)
    ]


def test_prose_with_the_word_dieu_is_not_a_citation():
    assert find_citations("đáp ứng các điều kiện theo quy định của pháp luật") == []


def test_name_resolves_to_the_law_in_force_on_the_citing_date():
    refs = references_in("Điều 45 Luật Thi hành án dân sự", CitingContext(on=dt.date(2020, 1, 1)))
    assert refs[0].law == "26/2008/QH12"
