"""Ready-to-paste citation text reads back, through the one grammar, to the same reference."""

import datetime as dt

import pytest

from corpus.citations import CitingContext, references_in
from corpus.citing import citation_text
from corpus.model import Reference


@pytest.mark.parametrize(
    ("ref", "text"),
    [
        (
            ("26/2008/QH12", "45", "1", None),
            "khoản 1 Điều 45 Luật Thi hành án dân sự số 26/2008/QH12",
        ),
        (
            ("26/2008/QH12", "7a", "2", "b"),
            "điểm b khoản 2 Điều 7a Luật Thi hành án dân sự số 26/2008/QH12",
        ),
        (("62/2015/NĐ-CP", "9", None, None), "Điều 9 Nghị định số 62/2015/NĐ-CP"),
        (("01/2016/QH14", "56", None, None), "Điều 56 Luật Đấu giá tài sản số 01/2016/QH14"),
        (("91/2015/QH13", "357", None, None), "Điều 357 Bộ luật Dân sự số 91/2015/QH13"),
        (("777/2031/NĐ-CP", "3", None, None), "Điều 3 Nghị định số 777/2031/NĐ-CP"),
        (("05/2031/TT-BTP", None, None, None), "Thông tư số 05/2031/TT-BTP"),
    ],
)
def test_citation_text_and_back(ref, text):
    law, article, clause, point = ref
    written = citation_text(
        Reference(text="", law=law, article=article, clause=clause, point=point)
    )
    assert written == text
    for on in (dt.date(2020, 1, 1), dt.date(2026, 9, 1)):
        (back,) = references_in(written, CitingContext(on=on))
        assert (back.law, back.article, back.clause, back.point) == ref


def test_a_reference_without_a_law_is_cited_as_written():
    assert (
        citation_text(Reference(text="Điều 12 Quy chế phối hợp", article="12"))
        == "Điều 12 Quy chế phối hợp"
    )
