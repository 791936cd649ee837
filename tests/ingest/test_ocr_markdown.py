"""The noisy OCR Markdown of Nghị định 151 and 152/2026: regulations with all their articles.

The OCR text garbles headings (`Chương ]`, a missing `###`, `Điều 56.` printed for 86) and
wraps lines so that a reference starts a line (`Điều 50. Nghị định này.`). The article count
is the last article number on a Markdown heading line of the raw file, and the parser must
give every article from 1 to it, in order.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from tests.ingest.realdocs import corpus_file, parsed

FILES = {
    "nghi-dinh-151-2026-nd-cp-thi-hanh-an-dan-su.md": ("151/2026/NĐ-CP", 59),
    "nghi-dinh-152-2026-nd-cp-thi-hanh-an-dan-su.md": ("152/2026/NĐ-CP", 116),
}


@pytest.mark.parametrize("name", sorted(FILES))
def test_ocr_regulation_facts_and_articles(name: str) -> None:
    number, count = FILES[name]
    raw = corpus_file("ocr-noisy", name).read_text("utf-8")
    headings = [int(n) for n in re.findall(r"^#+\s*Điều\s+(\d+)\.", raw, re.MULTILINE)]
    assert max(headings) == count
    doc = parsed("ocr-noisy", name)
    assert (doc.kind, doc.doc_type, doc.number, doc.issuer) == (
        "regulation",
        "nghi_dinh",
        number,
        "CHÍNH PHỦ",
    )
    assert doc.issued == dt.date(2026, 5, 13)
    assert doc.effective_from == dt.date(2026, 7, 1)
    assert [a.number for a in doc.articles()] == [str(n) for n in range(1, count + 1)]
    assert sum(1 for p in doc.walk() if p.kind == "khoan") > count


def test_ocr_chapters_are_numbered_in_order() -> None:
    doc = parsed("ocr-noisy", "nghi-dinh-152-2026-nd-cp-thi-hanh-an-dan-su.md")
    chapters = [p for p in doc.provisions if p.kind == "chuong"]
    assert [c.number for c in chapters] == ["I", "II", "III", "IV", "V"]
    assert chapters[0].title == "QUY ĐỊNH CHUNG"


def test_ocr_title_is_not_the_file_label() -> None:
    doc = parsed("ocr-noisy", "nghi-dinh-151-2026-nd-cp-thi-hanh-an-dan-su.md")
    assert not re.match(r"^\d+/\d{4}/", doc.title)
    assert "Thừa hành viên" in doc.title
