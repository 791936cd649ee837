"""A compiled handbook as a Word document (python-docx).

Cover page (no page number), a real table-of-contents field (`TOC \\o "1-3"`, filled with the
headings and marked dirty so Word fills in the page numbers on opening; a note inside it says
how to update it by hand), Heading 1 for sections and Heading 2 for quotes and tables, each
quote's lines in the quote styles followed by a `Nguồn: …` paragraph with its citation and a
`[n]` mark linked to the numbered sources list, violation tables with a repeated header row,
page numbers (`PAGE`/`NUMPAGES` fields) in the footer. Every style names Times New Roman for
all scripts (ascii, hAnsi, cs, eastAsia), the font Vietnamese administrative documents use.
"""

from __future__ import annotations

import io
from typing import Any

from docx import Document
from docx.enum.section import WD_SECTION_START
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from handbook.compiled import CompiledHandbook, Note, Quote, ViolationTable
from handbook.html_body import (
    SOURCES_TITLE,
    TABLE_HEAD,
    TOC_TITLE,
    count_text,
    cover_lines,
    headings,
    shown_category,
)

FONT = "Times New Roman"
ACCENT = RGBColor(0x7A, 0x17, 0x12)
QUOTE_STYLES = ("Trích dẫn", "Trích dẫn khoản", "Trích dẫn điểm", "Trích dẫn mức 4")
CITE_STYLE = "Nguồn trích dẫn"
FLAG_STYLE = "Lưu ý hiệu lực"
NOTE_STYLE = "Ghi chú giảng viên"
SOURCE_STYLE = "Danh mục nguồn"
TOC_NOTE = (
    "Mục lục: nhấn chuột phải vào đây và chọn Cập nhật trường (Update Field), hoặc nhấn F9, "
    "để Word điền số trang."
)
COLUMN_WIDTHS = (Cm(4.6), Cm(2.2), Cm(4.2), Cm(5.0))


def export_docx(book: CompiledHandbook) -> bytes:
    """The .docx file's bytes."""
    doc = Document()
    _styles(doc)
    _page_setup(doc)
    _cover(doc, book)
    _toc(doc, book)
    for number, section in enumerate(book.sections, 1):
        heading = doc.add_paragraph(section.title, style="Heading 1")
        heading.paragraph_format.page_break_before = number > 1
        for text in section.intro:
            doc.add_paragraph(text, style="Body Text").runs[0].italic = True
        for block in section.blocks:
            if isinstance(block, Quote):
                _quote(doc, block)
            elif isinstance(block, ViolationTable):
                _table(doc, block)
            elif isinstance(block, Note):
                for text in block.paragraphs:
                    doc.add_paragraph(text, style=NOTE_STYLE)
    if book.sources:
        heading = doc.add_paragraph(SOURCES_TITLE, style="Heading 1")
        heading.paragraph_format.page_break_before = True
        for n, source in enumerate(book.sources):
            paragraph = doc.add_paragraph(style=SOURCE_STYLE)
            _bookmark(paragraph, f"src{source.n}", 100 + n, f"[{source.n}] {source.text}")
    props = doc.core_properties
    props.title, props.subject, props.author = book.title, book.subtitle, "camnang"
    props.keywords = "cẩm nang; thi hành án dân sự"
    _update_fields_on_open(doc)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


# -- styles and page -------------------------------------------------------------------------


def set_fonts(rpr: Any) -> None:
    """Name the font for every script on a run-properties element (and drop theme fonts)."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("asciiTheme", "hAnsiTheme", "cstheme", "eastAsiaTheme"):
        fonts.attrib.pop(qn(f"w:{attr}"), None)
    for attr in ("ascii", "hAnsi", "cs", "eastAsia"):
        fonts.set(qn(f"w:{attr}"), FONT)


def _styles(doc: Any) -> None:
    styles = doc.styles
    defaults = styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
        if rpr is not None:
            set_fonts(rpr)
    normal = styles["Normal"]
    normal.font.size = Pt(13)
    normal.paragraph_format.space_after = Pt(4)
    normal.paragraph_format.line_spacing = 1.15
    for name, size in (("Heading 1", 16), ("Heading 2", 13), ("Title", 24), ("Subtitle", 15)):
        style = styles[name]
        style.font.size = Pt(size)
        style.font.color.rgb = ACCENT if name in ("Heading 1", "Title") else RGBColor(0, 0, 0)
        style.font.bold = name != "Subtitle"
    styles["Heading 2"].paragraph_format.keep_with_next = True
    indents = (Cm(0.8), Cm(1.3), Cm(1.8), Cm(2.3))
    for name, indent in zip(QUOTE_STYLES, indents, strict=True):
        style = _paragraph_style(doc, name)
        style.paragraph_format.left_indent = indent
        style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        style.paragraph_format.space_after = Pt(3)
    cite = _paragraph_style(doc, CITE_STYLE)
    cite.font.italic = True
    cite.font.size = Pt(11)
    cite.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    cite.paragraph_format.space_after = Pt(10)
    flag = _paragraph_style(doc, FLAG_STYLE)
    flag.font.bold = True
    flag.font.color.rgb = RGBColor(0x8A, 0x3B, 0x00)
    flag.paragraph_format.left_indent = Cm(0.8)
    note = _paragraph_style(doc, NOTE_STYLE)
    note.paragraph_format.left_indent = Cm(0.4)
    note.paragraph_format.space_before = Pt(6)
    source = _paragraph_style(doc, SOURCE_STYLE)
    source.paragraph_format.left_indent = Cm(1.0)
    source.paragraph_format.first_line_indent = Cm(-1.0)
    for level in (1, 2, 3):
        toc = _paragraph_style(doc, f"toc {level}")
        toc.paragraph_format.left_indent = Cm(0.6 * (level - 1))
        toc.paragraph_format.space_after = Pt(2)
    for name in ("Normal", "Heading 1", "Heading 2", "Title", "Subtitle", "TOC Heading",
                 "Body Text", "Footer", *QUOTE_STYLES, CITE_STYLE, FLAG_STYLE, NOTE_STYLE,
                 SOURCE_STYLE, "toc 1", "toc 2", "toc 3"):  # fmt: skip
        set_fonts(styles[name].element.get_or_add_rPr())


def _paragraph_style(doc: Any, name: str) -> Any:
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = doc.styles["Normal"]
    style.quick_style = True
    return style


def _page_setup(doc: Any) -> None:
    section = doc.sections[0]
    section.start_type = WD_SECTION_START.NEW_PAGE
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin, section.right_margin = Cm(3), Cm(2)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    section.different_first_page_header_footer = True
    footer = section.footer.paragraphs[0]
    footer.style = doc.styles["Footer"]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("Trang ")
    _simple_field(footer, "PAGE", "1")
    footer.add_run(" / ")
    _simple_field(footer, "NUMPAGES", "1")


def _simple_field(paragraph: Any, instruction: str, shown: str) -> None:
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), f" {instruction} ")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = shown
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


_AFTER_UPDATE_FIELDS = (
    "hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars", "rsids", "mathPr",
    "attachedSchema", "themeFontLang", "clrSchemeMapping", "doNotIncludeSubdocsInStats",
    "doNotAutoCompressPictures", "forceUpgrade", "captions", "readModeInkLockDown",
    "smartTagType", "schemaLibrary", "shapeDefaults", "doNotEmbedSmartTags", "decimalSymbol",
    "listSeparator",
)  # fmt: skip
"""Elements that come after `w:updateFields` in `w:settings` (the schema fixes the order)."""


def _update_fields_on_open(doc: Any) -> None:
    """`w:updateFields`: Word offers to update the fields (the TOC's page numbers) on opening."""
    settings = doc.settings.element
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    later = {qn(f"w:{name}") for name in _AFTER_UPDATE_FIELDS}
    following = next((child for child in settings if child.tag in later), None)
    if following is not None:
        following.addprevious(update)
    else:
        settings.append(update)


# -- cover and contents ----------------------------------------------------------------------


def _cover(doc: Any, book: CompiledHandbook) -> None:
    for _ in range(6):
        doc.add_paragraph()
    styles = {"title": "Title", "subtitle": "Subtitle"}
    for cls, text in cover_lines(book):
        paragraph = doc.add_paragraph(text, style=styles.get(cls, "Normal"))
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if cls == "subtitle":
            paragraph.paragraph_format.space_after = Pt(36)
    doc.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)


def _toc(doc: Any, book: CompiledHandbook) -> None:
    doc.add_paragraph(TOC_TITLE, style="TOC Heading")
    first = doc.add_paragraph(style="toc 1")
    _field_char(first, "begin", dirty=True)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = ' TOC \\o "1-3" \\h \\z \\u '
    first._p.append(_run_with(instr))
    _field_char(first, "separate")
    first.add_run(TOC_NOTE).italic = True
    last = first
    for h in headings(book):
        last = doc.add_paragraph(h.text, style=f"toc {h.level}")
    _field_char(last, "end")
    last.add_run().add_break(WD_BREAK.PAGE)


def _run_with(child: Any) -> Any:
    run = OxmlElement("w:r")
    run.append(child)
    return run


def _field_char(paragraph: Any, kind: str, dirty: bool = False) -> None:
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    if dirty:
        char.set(qn("w:dirty"), "true")
    paragraph._p.append(_run_with(char))


# -- blocks ----------------------------------------------------------------------------------


def _quote(doc: Any, quote: Quote) -> None:
    doc.add_paragraph(quote.heading, style="Heading 2")
    for line in quote.lines:
        doc.add_paragraph(line.text, style=QUOTE_STYLES[min(line.level, 3)])
    for flag in quote.flags:
        doc.add_paragraph(flag, style=FLAG_STYLE)
    cite = doc.add_paragraph(f"Nguồn: {quote.citation} ", style=CITE_STYLE)
    _link(cite, f"src{quote.source}", f"[{quote.source}]")


def _table(doc: Any, table: ViolationTable) -> None:
    doc.add_paragraph(table.heading, style="Heading 2")
    grid = doc.add_table(rows=1, cols=len(TABLE_HEAD))
    grid.style = doc.styles["Table Grid"]
    header = grid.rows[0]
    _repeat_header(header)
    for cell, text, width in zip(header.cells, TABLE_HEAD, COLUMN_WIDTHS, strict=True):
        cell.width = width
        cell.paragraphs[0].add_run(text).bold = True
    for row in table.rows:
        cells = grid.add_row().cells
        for cell, width in zip(cells, COLUMN_WIDTHS, strict=True):
            cell.width = width
        cells[0].paragraphs[0].add_run(row.label).bold = True
        if shown_category(row):
            category = cells[0].add_paragraph().add_run(shown_category(row))
            category.italic, category.font.size = True, Pt(10)
        cells[1].paragraphs[0].add_run(count_text(row))
        cells[2].paragraphs[0].add_run("; ".join(row.units))
        marks = cells[2].add_paragraph()
        for n in row.sources:
            _link(marks, f"src{n}", f"[{n}]")
            marks.add_run(" ")
        provisions = row.provisions or ["—"]
        cells[3].paragraphs[0].add_run(provisions[0])
        for text in provisions[1:]:
            cells[3].add_paragraph(text)
        for cell in cells:
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.size = run.font.size or Pt(11)
    doc.add_paragraph()


def _repeat_header(row: Any) -> None:
    props = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    props.append(header)


def _link(paragraph: Any, anchor: str, text: str) -> None:
    """An internal hyperlink (to a bookmark) showing `text`."""
    link = OxmlElement("w:hyperlink")
    link.set(qn("w:anchor"), anchor)
    run = OxmlElement("w:r")
    props = OxmlElement("w:rPr")
    color = OxmlElement("w:color")
    color.set(qn("w:val"), "7A1712")
    props.append(color)
    run.append(props)
    t = OxmlElement("w:t")
    t.text = text
    run.append(t)
    link.append(run)
    paragraph._p.append(link)


def _bookmark(paragraph: Any, name: str, ident: int, text: str) -> None:
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(ident))
    start.set(qn("w:name"), name)
    paragraph._p.append(start)
    paragraph.add_run(text)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(ident))
    paragraph._p.append(end)
