"""Quoted text stays in the amending instruction; appendices and forms become `phu_luc`.

Real documents: Nghị định 356/2025/NĐ-CP amends a clause of another decree in its last article
and carries forms; Nghị định 03/2026/NĐ-CP carries two appendices of forms, among them model
charters and decisions with their own `Điều 1.`; Nghị định 99/2022/NĐ-CP carries 47 forms.
The forms each appendix lists in its own table are read with python-docx to check the parser.
Small synthetic bodies (our own wording) pin the rules down one by one.
"""

from __future__ import annotations

import re

import docx
import pytest

from corpus.model import Provision
from ingest.blocks import Block
from ingest.structure.regulation import parse_regulation_body
from tests.ingest.realdocs import body_paragraphs, corpus_file, own_article_run, parsed

REGULATIONS = [
    "bo_luat_91_2015_QH13.docx",
    "nghi_dinh_03_2026_ND_CP.docx",
    "nghi_dinh_19_2019_ND_CP.docx",
    "nghi_dinh_21_2021_ND_CP.docx",
    "nghi_dinh_356_2025_ND_CP.docx",
    "nghi_dinh_99_2022_ND_CP.docx",
    "nghi_quyet_01_2019_NQ_HDTP.docx",
    "nghi_quyet_01_2020_NQ_HDTP.docx",
    "nghi_quyet_02_2022_NQ_HDTP.docx",
]


def test_the_quoted_clause_of_an_amending_instruction_is_its_text() -> None:
    doc = parsed("docx", "nghi_dinh_356_2025_ND_CP.docx")
    last = doc.articles()[-1]
    clauses = [c for c in last.children if c.kind == "khoan"]
    assert [c.number for c in clauses] == ["1", "2", "3", "4", "5"]
    instruction = clauses[2]
    lines = instruction.text.split("\n")
    assert lines[0].endswith("như sau:")
    assert lines[1].startswith("“2.")
    assert lines[-1].endswith("”")


@pytest.mark.parametrize("name", REGULATIONS)
def test_quoted_paragraphs_are_never_units(name: str) -> None:
    """Every body paragraph that starts with a quote mark is text inside a provision."""
    path = str(corpus_file("docx", name))
    paragraphs = body_paragraphs(path)
    run = own_article_run(path)
    quoted = [p for p in paragraphs[run[0][1] : run[-1][1] + 60] if p[:1] in '“"' and len(p) > 20]
    doc = parsed("docx", name)
    texts = "\n".join(p.text for p in doc.walk() if p.kind != "phu_luc")
    for paragraph in quoted:
        assert " ".join(paragraph.split()) in texts
    assert not any(p.title.startswith("“") for p in doc.walk())


def _listed_forms(name: str) -> list[list[str]]:
    """The forms each appendix lists in its table (`Mẫu số 01`, …), read by python-docx."""
    lists = []
    for table in docx.Document(str(corpus_file("docx", name))).tables:
        seen: list[str] = []
        for row in table.rows:
            for cell in row.cells:
                m = re.match(r"^Mẫu số\s*(\d+\s*[a-zđ]?)$", cell.text.strip())
                if m and (not seen or seen[-1] != m.group(1).replace(" ", "")):
                    seen.append(m.group(1).replace(" ", ""))
        if seen:
            lists.append(seen)
    return lists


def _forms(appendix: Provision) -> list[str]:
    return [c.number.removeprefix("Mẫu số ") for c in appendix.children if c.kind == "phu_luc"]


def test_appendices_hold_the_forms_they_list() -> None:
    doc = parsed("docx", "nghi_dinh_03_2026_ND_CP.docx")
    appendices = [p for p in doc.provisions if p.kind == "phu_luc"]
    assert [a.number for a in appendices] == ["I", "II"]
    assert all(a.title.startswith("DANH MỤC MẪU VĂN BẢN") for a in appendices)
    assert [_forms(a) for a in appendices] == _listed_forms("nghi_dinh_03_2026_ND_CP.docx")
    first_form = appendices[0].children[0]
    assert first_form.number == "Mẫu số 01" and first_form.title.startswith("Đơn đề nghị")
    assert [c.kind for c in first_form.children] == ["phu_luc"]  # the scheme attached to it


@pytest.mark.parametrize("name", ["nghi_dinh_99_2022_ND_CP.docx", "nghi_dinh_356_2025_ND_CP.docx"])
def test_one_appendix_with_every_form(name: str) -> None:
    doc = parsed("docx", name)
    appendices = [p for p in doc.provisions if p.kind == "phu_luc"]
    assert len(appendices) == 1
    listed = [form for group in _listed_forms(name) for form in group]
    assert _forms(appendices[0]) == listed
    assert all(form.title for form in appendices[0].children)


def test_model_charters_in_forms_are_not_articles() -> None:
    doc = parsed("docx", "nghi_dinh_03_2026_ND_CP.docx")
    charter = next(
        f
        for a in doc.provisions
        if a.kind == "phu_luc"
        for f in a.children
        if "Điều lệ quỹ xã hội" in f.title
    )
    assert re.search(r"^Điều 1\. ", charter.text, re.MULTILINE)
    assert re.search(r"^Điều 24\. ", charter.text, re.MULTILINE)
    assert len(doc.articles()) == 56
    assert all(p.kind == "phu_luc" for a in doc.provisions if a.kind == "phu_luc" for p in a.walk())


# -- the rules, one by one, on bodies written for these tests --------------------------------


def _body(*lines: str | tuple[str, dict]) -> list[Provision]:
    blocks = []
    for line in lines:
        text, hints = line if isinstance(line, tuple) else (line, {})
        blocks.append(Block(text=text, **hints))
    return parse_regulation_body(blocks)


def _articles(nodes: list[Provision]) -> list[Provision]:
    return [p for n in nodes for p in n.walk() if p.kind == "dieu"]


BOLD = {"bold": True}


def test_an_amending_decree_keeps_quoted_articles_in_its_instructions() -> None:
    nodes = _body(
        ("Điều 1. Sửa đổi, bổ sung một số điều của Nghị định số 1/2020/NĐ-CP", BOLD),
        "1. Sửa đổi, bổ sung Điều 2 như sau:",
        ("“Điều 2. Đối tượng áp dụng", BOLD),
        "1. Cơ quan nhà nước.",
        "2. Tổ chức, cá nhân.”",
        "2. Bổ sung Điều 7a vào sau Điều 7 như sau:",
        ("“Điều 7a. Thời hạn", BOLD),
        "Thời hạn là 15 ngày.",
        ("Điều 7b. Gia hạn", BOLD),
        "Việc gia hạn do Thủ trưởng quyết định.”",
        ("Điều 2. Hiệu lực thi hành", BOLD),
        "Nghị định này có hiệu lực từ ngày ký.",
    )
    articles = _articles(nodes)
    assert [a.number for a in articles] == ["1", "2"]
    first = articles[0]
    assert [c.number for c in first.children] == ["1", "2"]
    assert "Điều 7b. Gia hạn" in first.children[1].text
    assert first.children[0].text.endswith("2. Tổ chức, cá nhân.”")


def test_a_closing_quote_typed_the_wrong_way_round_still_closes() -> None:
    nodes = _body(
        "Điều 1. Sửa đổi",
        "1. Sửa đổi khoản 3 như sau:",
        "“3. Nội dung mới.",
        "Đoạn thứ hai.“",
        "Điều 2. Hiệu lực",
    )
    assert [a.number for a in _articles(nodes)] == ["1", "2"]


def test_an_unclosed_quotation_stops_at_the_signature_block() -> None:
    nodes = _body(
        "Điều 1. Sửa đổi",
        "Sửa đổi Điều 5 như sau:",
        "“Điều 5. Nội dung",
        "Nơi nhận:",
        ("Phụ lục I", BOLD),
        ("DANH MỤC", BOLD),
        "Nội dung phụ lục.",
    )
    assert [p.kind for p in nodes] == ["dieu", "phu_luc"]
    assert nodes[1].number == "I" and nodes[1].title == "DANH MỤC"
    assert nodes[1].text == "Nội dung phụ lục."


def test_a_quoted_term_in_a_clause_is_not_a_quotation() -> None:
    nodes = _body(
        "Điều 1. Giải thích từ ngữ",
        "“Người được thi hành án” là cá nhân, cơ quan, tổ chức được hưởng quyền lợi.",
        "Điều 2. Nguyên tắc",
    )
    assert [a.number for a in _articles(nodes)] == ["1", "2"]


def test_inserted_articles_and_clauses_keep_their_letters() -> None:
    nodes = _body(
        "Điều 7. Quyền",
        "1. Quyền thứ nhất.",
        "2. Quyền thứ hai.",
        "2a. Quyền được bổ sung.",
        "3. Quyền thứ ba:",
        "a) Điểm a;",
        "b) Điểm b;",
        "c) Điểm c;",
        "d) Điểm d;",
        "đ) Điểm đ;",
        "e) Điểm e.",
        "Điều 7a. Quyền được bổ sung",
        "Điều 8. Nghĩa vụ",
    )
    articles = _articles(nodes)
    assert [a.number for a in articles] == ["7", "7a", "8"]
    assert [c.number for c in articles[0].children] == ["1", "2", "2a", "3"]
    assert [p.number for p in articles[0].children[3].children] == ["a", "b", "c", "d", "đ", "e"]


def test_wrapped_lines_that_start_with_dieu_are_text() -> None:
    nodes = _body(
        ("Điều 20. Chấm dứt hoạt động", BOLD),
        "4. Hồ sơ được lưu trữ theo quy định tại khoản 3",
        "Điều 50. Nghị định này.",
        "Điều 34. của Luật Thi hành án dân sự.",
        ("Điều 21. Báo cáo", BOLD),
        ("Điều 22. Chi phí", BOLD),
        ("Điều 23. Phí", BOLD),
    )
    assert [a.number for a in _articles(nodes)] == ["20", "21", "22", "23"]


def test_an_ocr_misread_article_number_is_repaired_from_its_neighbours() -> None:
    nodes = _body(
        ("Điều 85. Nộp chi phí", {"heading": 3}),
        ("Điều 56. Tạm ứng chi phí", {"heading": 3}),
        ("Điều 87. Miễn, giảm chi phí", {"heading": 3}),
    )
    assert [a.number for a in _articles(nodes)] == ["85", "86", "87"]


def test_chapters_sections_and_page_spans() -> None:
    nodes = _body(
        ("Chương I", {"bold": True, "page": 1}),
        ("QUY ĐỊNH CHUNG", {"bold": True, "page": 1}),
        ("Mục 1. THỜI HẠN", {"bold": True, "page": 1}),
        ("Điều 1. Phạm vi", {"bold": True, "page": 1}),
        ("1. Khoản một bắt đầu ở trang 1", {"page": 1}),
        ("và kết thúc ở trang 2.", {"page": 2}),
        ("Mục 2 Chương III của Luật này không áp dụng.", {"page": 2}),
        ("Điều 2. Đối tượng", {"bold": True, "page": 3}),
    )
    chapter = nodes[0]
    assert (chapter.kind, chapter.number, chapter.title) == ("chuong", "I", "QUY ĐỊNH CHUNG")
    section = chapter.children[0]
    assert (section.kind, section.number, section.title) == ("muc", "1", "THỜI HẠN")
    first, second = section.children
    assert (first.page, first.page_end) == (1, 2)
    assert (first.children[0].page, first.children[0].page_end) == (1, 2)
    assert "Mục 2 Chương III" in first.children[0].text
    assert (chapter.page, chapter.page_end) == (1, 3) and second.page == 3
