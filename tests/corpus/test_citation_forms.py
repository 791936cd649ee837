"""Every form offices write references in, normalized by the one grammar in corpus/citations."""

import datetime as dt

import pytest

from corpus.citations import CitingContext, find_citations, references_in

BEFORE_NEW_LAW = dt.date(2023, 3, 1)
AFTER_NEW_LAW = dt.date(2026, 9, 1)


def refs(text, **context):
    context.setdefault("on", BEFORE_NEW_LAW)
    found = references_in(text, CitingContext(**context))
    return [(r.law, r.article, r.clause, r.point) for r in found]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the forms named in the issue, in running text
        (
            "Chấp hành viên chưa thực hiện điểm a khoản 2 Điều 7 Luật Thi hành án dân sự khi…",
            [("26/2008/QH12", "7", "2", "a")],
        ),
        (
            "trái với khoản 1, điểm b và điểm e khoản 4 Điều 44 Luật THADS",
            [
                ("26/2008/QH12", "44", "1", None),
                ("26/2008/QH12", "44", "4", "b"),
                ("26/2008/QH12", "44", "4", "e"),
            ],
        ),
        ("hướng dẫn tại Điều 9 Nghị định số 62/2015/NĐ-CP", [("62/2015/NĐ-CP", "9", None, None)]),
        ("thực hiện theo NĐ 62/2015/NĐ-CP", [("62/2015/NĐ-CP", None, None, None)]),
        ("mẫu ban hành kèm Thông tư 04/2023/TT-BTP", [("04/2023/TT-BTP", None, None, None)]),
        (
            "Điều 44 đến Điều 46",
            [(None, "44", None, None), (None, "45", None, None), (None, "46", None, None)],
        ),
        # variants
        ("khoản 2 Điều 9 của Nghị định số 62/2015/NĐ-CP", [("62/2015/NĐ-CP", "9", "2", None)]),
        ("Khoản 3 Điều 101 Luật THADS", [("26/2008/QH12", "101", "3", None)]),
        (
            "khoản 1 và khoản 3 Điều 98 Luật THADS",
            [("26/2008/QH12", "98", "1", None), ("26/2008/QH12", "98", "3", None)],
        ),
        (
            "các khoản 2, 3 Điều 48 Luật THADS",
            [("26/2008/QH12", "48", "2", None), ("26/2008/QH12", "48", "3", None)],
        ),
        (
            "điểm c, d khoản 1 Điều 50 Luật THADS",
            [("26/2008/QH12", "50", "1", "c"), ("26/2008/QH12", "50", "1", "d")],
        ),
        ("điểm đ khoản 1 Điều 48 Luật THADS", [("26/2008/QH12", "48", "1", "đ")]),
        (
            "từ khoản 2 đến khoản 4 Điều 9 Nghị định 62/2015/NĐ-CP",
            [("62/2015/NĐ-CP", "9", str(n), None) for n in (2, 3, 4)],
        ),
        (
            "từ điểm a đến điểm đ khoản 1 Điều 48 Luật THADS",
            [("26/2008/QH12", "48", "1", p) for p in ("a", "b", "c", "d", "đ")],
        ),
        ("Điều 40 - 42 Luật THADS", [("26/2008/QH12", a, None, None) for a in ("40", "41", "42")]),
        (
            "các Điều 122, 123 Luật THADS",
            [("26/2008/QH12", "122", None, None), ("26/2008/QH12", "123", None, None)],
        ),
        (
            "Điều 7a và Điều 7b Luật THADS",
            [("26/2008/QH12", "7a", None, None), ("26/2008/QH12", "7b", None, None)],
        ),
        ("Điều 44a Luật Thi hành án dân sự", [("26/2008/QH12", "44a", None, None)]),
        ("khoản 1 Điều 36 Luật Thi hành án dân sự năm 2008", [("26/2008/QH12", "36", "1", None)]),
        ("Điều 39 Luật Thi hành án dân sự số 26/2008/QH12", [("26/2008/QH12", "39", None, None)]),
        ("Điều 12 NĐ 62/2015", [("62/2015/NĐ-CP", "12", None, None)]),
        ("Điều 26 Nghị định 62", [("62/2015/NĐ-CP", "26", None, None)]),
        ("Điều 9 Thông tư số 200/2016/TT-BTC", [("200/2016/TT-BTC", "9", None, None)]),
        (
            "Thông tư liên tịch số 11/2016/TTLT-BTP-TANDTC-VKSNDTC",
            [("11/2016/TTLT-BTP-TANDTC-VKSNDTC", None, None, None)],
        ),
        ("Điều 28 Luật Khiếu nại năm 2011", [("02/2011/QH13", "28", None, None)]),
        ("Luật Tố cáo năm 2011", [("03/2011/QH13", None, None, None)]),
        ("khoản 1 Điều 58 Luật Đấu giá tài sản", [("01/2016/QH14", "58", "1", None)]),
        ("Điều 357 BLDS", [("91/2015/QH13", "357", None, None)]),
        (
            "Điều 7 Nghị định 62/2015/NĐ-CP được sửa đổi bởi Nghị định số 33/2020/NĐ-CP",
            [("62/2015/NĐ-CP", "7", None, None), ("33/2020/NĐ-CP", None, None, None)],
        ),
    ],
)
def test_reference_forms_normalize(text, expected):
    assert refs(text) == expected


def test_this_document_and_this_article_take_the_citing_documents_number():
    context = {"number": "26/2008/QH12", "article": "48"}
    assert refs("Điều 74 và Điều 75 của Luật này", **context) == [
        ("26/2008/QH12", "74", None, None),
        ("26/2008/QH12", "75", None, None),
    ]
    assert refs("quy định tại điểm a khoản 1 Điều này", **context) == [
        ("26/2008/QH12", "48", "1", "a")
    ]
    assert refs("khoản 3 Điều này", **context) == [("26/2008/QH12", "48", "3", None)]


def test_a_name_means_the_law_in_force_on_the_citing_date():
    assert refs("khoản 1 Điều 36 Luật Thi hành án dân sự", on=BEFORE_NEW_LAW) == [
        ("26/2008/QH12", "36", "1", None)
    ]
    assert refs("khoản 1 Điều 36 Luật Thi hành án dân sự", on=AFTER_NEW_LAW) == [
        ("106/2025/QH15", "36", "1", None)
    ]
    assert refs("Luật Tố cáo", on=dt.date(2015, 1, 1)) == [("03/2011/QH13", None, None, None)]
    assert refs("Luật Tố cáo", on=dt.date(2020, 1, 1)) == [("25/2018/QH14", None, None, None)]


def test_a_year_in_the_name_wins_over_the_date():
    assert refs("Điều 45 Luật Thi hành án dân sự năm 2008", on=AFTER_NEW_LAW) == [
        ("26/2008/QH12", "45", None, None)
    ]


def test_bare_units_follow_the_previous_document_when_asked():
    text = "vi phạm khoản 1 Điều 44 Luật THADS; biên bản cũng chưa đúng điểm e khoản 4 Điều 44."
    assert refs(text)[1] == (None, "44", "4", "e")
    assert refs(text, bare_means_previous=True)[1] == ("26/2008/QH12", "44", "4", "e")


def test_unresolvable_references_keep_their_text_and_say_so():
    found = references_in(
        "theo Điều 12 Quy chế phối hợp và Luật Đất đai năm 2013", CitingContext(on=BEFORE_NEW_LAW)
    )
    assert [(r.law, r.article, r.status, r.text) for r in found] == [
        (None, "12", "unresolved", "Điều 12"),
        (None, None, "unresolved", "Luật Đất đai năm 2013"),
    ]


def test_unknown_numbers_stay_as_written_and_resolved_by_number():
    found = references_in("Điều 3 Nghị định số 777/2031/NĐ-CP", CitingContext(on=BEFORE_NEW_LAW))
    assert [(r.law, r.article, r.status) for r in found] == [("777/2031/NĐ-CP", "3", "resolved")]


@pytest.mark.parametrize(
    "text",
    [
        "Luật sư Trần Văn Bình tham gia buổi làm việc",
        "Quyết định số 31/QĐ-CTHADS ngày 05/7/2023 về việc kiểm tra",
        "Quyết định thi hành án số 215/QĐ-CCTHADS",
        "đáp ứng các điều kiện theo quy định",
        "hồ sơ 12/QĐ-CCTHADS",
    ],
)
def test_prose_and_case_decisions_are_not_references(text):
    assert find_citations(text) == []


def test_citation_span_is_exactly_the_words_of_the_citation():
    text = "Việc này chưa đúng khoản 2 Điều 98 Luật Thi hành án dân sự, cần rút kinh nghiệm."
    (citation,) = find_citations(text)
    assert text[citation.start : citation.end] == "khoản 2 Điều 98 Luật Thi hành án dân sự"
