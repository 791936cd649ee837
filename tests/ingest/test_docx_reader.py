"""The DOCX reader: document order through (nested) tables, line breaks, heading styles, bold,
centring, capitals and hidden text, Word's automatic numbering, and no XML entities ever.

Documents are built here with python-docx (our own words); the real corpus checks the header
tables and styles of a real law.
"""

from __future__ import annotations

import copy
import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from ingest.errors import IngestError
from ingest.readers.docx import read_docx
from tests.ingest.realdocs import corpus_file


def _save(document: docx.document.Document, tmp_path: Path, name: str = "t.docx") -> Path:
    path = tmp_path / name
    document.save(str(path))
    return path


def test_paragraphs_and_nested_tables_come_in_document_order(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Đoạn A")
    table = document.add_table(rows=1, cols=3)
    table.cell(0, 0).text = "Ô B"
    inner = table.cell(0, 1).add_table(rows=2, cols=1)
    inner.cell(0, 0).text = "Ô trong C"
    inner.cell(1, 0).text = "Ô trong D"
    table.cell(0, 2).text = "Ô E"
    merged = document.add_table(rows=1, cols=2)
    merged.cell(0, 0).merge(merged.cell(0, 1)).text = "Ô gộp F"
    document.add_paragraph("Đoạn G")
    blocks = read_docx(_save(document, tmp_path)).blocks
    assert [b.text for b in blocks] == [
        "Đoạn A",
        "Ô B",
        "Ô trong C",
        "Ô trong D",
        "Ô E",
        "Ô gộp F",
        "Đoạn G",
    ]
    assert [b.in_table for b in blocks] == [False, True, True, True, True, True, False]


def test_line_breaks_split_a_paragraph_as_it_is_drawn(tmp_path: Path) -> None:
    document = docx.Document()
    paragraph = document.add_paragraph()
    run = paragraph.add_run("NGHỊ ĐỊNH")
    run.bold = True
    run.add_break()
    paragraph.add_run("Về đăng ký mẫu").bold = True
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    blocks = read_docx(_save(document, tmp_path)).blocks
    assert [(b.text, b.bold, b.center) for b in blocks] == [
        ("NGHỊ ĐỊNH", True, True),
        ("Về đăng ký mẫu", True, True),
    ]


def test_headings_bold_capitals_and_hidden_text(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("Chương mẫu", level=1)
    document.add_heading("Mục mẫu", level=2)
    style = document.styles.add_style("Điều in đậm", 1)
    style.font.bold = True
    document.add_paragraph("Điều 1. Phạm vi", style=style)
    mixed = document.add_paragraph()
    mixed.add_run("Một phần ").bold = True
    mixed.add_run("in đậm")
    caps = document.add_paragraph().add_run("quy định chung")
    caps.font.all_caps = True
    hidden = document.add_paragraph("Hiện ")
    hidden.add_run("ẩn").font.hidden = True
    outline = document.add_paragraph("Đề mục theo cấp đề cương")
    outline._p.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl {nsdecls("w")} w:val="2"/>'))
    blocks = read_docx(_save(document, tmp_path)).blocks
    assert [(b.text, b.heading, b.bold) for b in blocks] == [
        ("Chương mẫu", 1, True),  # the template's heading styles are bold
        ("Mục mẫu", 2, True),
        ("Điều 1. Phạm vi", 0, True),
        ("Một phần in đậm", 0, False),
        ("QUY ĐỊNH CHUNG", 0, False),
        ("Hiện", 0, False),
        ("Đề mục theo cấp đề cương", 3, False),
    ]
    assert blocks[2].style == "Điều in đậm"


NUMBERING = """
<w:abstractNum {ns} w:abstractNumId="90">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2)"/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%3."/></w:lvl>
</w:abstractNum>
"""  # noqa: E501


def _numbered(document: docx.document.Document, text: str, num_id: int, level: int) -> None:
    paragraph = document.add_paragraph(text)
    paragraph._p.get_or_add_pPr().append(
        parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/>'
            f'<w:numId w:val="{num_id}"/></w:numPr>'
        )
    )


def test_automatic_numbering_is_rendered_into_the_text(tmp_path: Path) -> None:
    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(NUMBERING.format(ns=nsdecls("w"))))
    numbering.append(
        parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>')
    )
    numbering.append(
        parse_xml(
            f'<w:num {nsdecls("w")} w:numId="91"><w:abstractNumId w:val="90"/>'
            '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="7"/></w:lvlOverride></w:num>'
        )
    )
    _numbered(document, "Khoản một:", 90, 0)
    _numbered(document, "Điểm một;", 90, 1)
    _numbered(document, "Điểm hai.", 90, 1)
    _numbered(document, "Khoản hai:", 90, 0)
    _numbered(document, "Điểm mới;", 90, 1)
    _numbered(document, "Tiểu khoản.", 90, 2)
    _numbered(document, "Danh sách khác.", 91, 0)
    document.add_paragraph("1. Số gõ tay không nhân đôi").style = document.styles["List Number"]
    blocks = read_docx(_save(document, tmp_path)).blocks
    assert [(b.numbering, b.text) for b in blocks] == [
        ("1.", "1. Khoản một:"),
        ("a)", "a) Điểm một;"),
        ("b)", "b) Điểm hai."),
        ("2.", "2. Khoản hai:"),
        ("a)", "a) Điểm mới;"),
        ("2.1.", "2.1. Tiểu khoản."),
        ("7.", "7. Danh sách khác."),
        ("1.", "1. Số gõ tay không nhân đôi"),
    ]


def test_content_controls_are_read_in_place(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Trước")
    wrapped = document.add_paragraph("Trong điều khiển nội dung")
    sdt = parse_xml(f"<w:sdt {nsdecls('w')}><w:sdtContent/></w:sdt>")
    wrapped._p.addprevious(sdt)
    sdt.find(qn("w:sdtContent")).append(wrapped._p)
    document.add_paragraph("Sau")
    blocks = read_docx(_save(document, tmp_path)).blocks
    assert [b.text for b in blocks] == ["Trước", "Trong điều khiển nội dung", "Sau"]


def test_a_part_that_declares_a_dtd_is_refused(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("&x;")
    source = _save(document, tmp_path, "plain.docx")
    hostile = tmp_path / "entities.docx"
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(hostile, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "word/document.xml":
                head, rest = data.split(b"?>", 1)
                data = head + b'?><!DOCTYPE w:document [<!ENTITY x "expanded">]>' + rest
                data = data.replace(b"&amp;x;", b"&x;")
            zout.writestr(copy.copy(info), data)
    with pytest.raises(IngestError, match="DTD"):
        read_docx(hostile)


def test_python_docx_never_expands_entities() -> None:
    """The parser python-docx uses for every part is configured not to resolve entities."""
    xml = (
        b'<?xml version="1.0"?><!DOCTYPE w:p [<!ENTITY x "EXPANDED">]>'
        b'<w:p xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        b"<w:r><w:t>&x;</w:t></w:r></w:p>"
    )
    element = parse_xml(xml)
    assert "EXPANDED" not in "".join(element.itertext())


def test_a_real_law_header_in_its_table_then_the_body() -> None:
    blocks = read_docx(corpus_file("docx", "bo_luat_91_2015_QH13.docx")).blocks
    head = [(b.text, b.in_table) for b in blocks[:8]]
    assert head[0] == ("QUỐC HỘI", True)
    assert ("Luật số: 91/2015/QH13", True) in head
    assert ("BỘ LUẬT", False) in head and ("DÂN SỰ", False) in head
    article = next(b for b in blocks if b.text.startswith("Điều 1."))
    assert article.bold and not article.in_table
    assert sum(1 for b in blocks if b.text.startswith("Điều ")) >= 689


def test_a_document_with_thousands_of_styles_reads_its_text() -> None:
    """Nghị định 19/2019 carries over a megabyte of styles (the old reader took ~16 s on it)."""
    path = corpus_file("docx", "nghi_dinh_19_2019_ND_CP.docx")
    with zipfile.ZipFile(path) as zf:
        assert zf.getinfo("word/styles.xml").file_size > 1_000_000
    blocks = read_docx(path).blocks
    assert blocks[0].text == "CHÍNH PHỦ" and blocks[0].in_table
    assert any(b.text == "NGHỊ ĐỊNH" and b.bold and b.center for b in blocks[:12])
