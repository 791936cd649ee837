"""A handbook drafted for a topic over the real Pháp điển THADS text, the sample conclusions
and the conference topic, built in all three formats and read back."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pymupdf
import pytest
from docx.oxml.ns import qn

from handbook.compile import compile_handbook
from handbook.draft import draft_spec, draft_yaml
from handbook.export import export
from handbook.export_docx import CITE_STYLE, FONT, QUOTE_STYLES
from handbook.html_body import headings
from handbook.spec import load_spec
from search_api.library import Library
from tests.handbook.exports import docx_document, html_text, norm, pdf_body_text

TOPIC = "xác minh điều kiện thi hành án"
TODAY = dt.date(2024, 7, 15)


@pytest.fixture(scope="module")
def book(full_data: Path):
    """The draft for the topic (read back from its YAML, as a trainer would edit it) compiled."""
    with Library(full_data) as library:
        draft = draft_spec(TOPIC, library.store, library, today=TODAY)
        spec = load_spec(draft_yaml(draft))
        return compile_handbook(spec, library.store, library, today=TODAY)


@pytest.fixture(scope="module")
def files(book):
    return {fmt: export(book, fmt) for fmt in ("docx", "pdf", "html")}


def test_the_draft_has_provisions_violations_and_topic_parts(book):
    assert [s.title for s in book.sections] == [
        "Quy định pháp luật",
        "Những vi phạm thường gặp",
        "Kinh nghiệm từ các chuyên đề",
    ]
    citations = [q.citation for q in book.quotes()]
    assert citations[0] == "khoản 1 Điều 44 Luật Thi hành án dân sự số 26/2008/QH12"
    assert "khoản 1 Điều 9 Nghị định số 62/2015/NĐ-CP" in citations
    (table,) = book.tables()
    assert table.rows[0].label == "Xác minh điều kiện thi hành án"
    assert any(q.kind == "section" for q in book.quotes())
    assert not book.problems


@pytest.mark.parametrize("topic", ["thẩm định giá tài sản", "tham dinh gia tai san"])
def test_a_topic_in_other_words_than_the_category_still_finds_its_violations(full_data, topic):
    with Library(full_data) as library:
        draft = draft_spec(topic, library.store, library, today=TODAY)
        book = compile_handbook(draft.spec, library.store, library, today=TODAY)
    (table,) = book.tables()
    assert [row.label for row in table.rows] == ["Thẩm định giá và bán đấu giá tài sản"]
    assert "khoản 2 Điều 101 Luật Thi hành án dân sự số 26/2008/QH12" in [
        q.citation for q in book.quotes()
    ]


# -- DOCX --------------------------------------------------------------------------------------


def test_docx_headings_are_the_handbook_headings_in_order(book, files):
    doc = docx_document(files["docx"])
    found = [
        (int(p.style.name[-1]), p.text)
        for p in doc.paragraphs
        if p.style.name.startswith("Heading")
    ]
    assert found == [(h.level, h.text) for h in headings(book)]
    assert doc.paragraphs[6].style.name == "Title" and doc.paragraphs[6].text == book.title


def test_docx_has_a_table_of_contents_field_and_page_number_fields(files):
    doc = docx_document(files["docx"])
    instructions = [e.text for e in doc.element.body.iter(qn("w:instrText"))]
    assert any('TOC \\o "1-3"' in text for text in instructions)
    chars = [e.get(qn("w:fldCharType")) for e in doc.element.body.iter(qn("w:fldChar"))]
    assert chars[:2] == ["begin", "separate"] and chars[-1] == "end"
    footer = doc.sections[0].footer._element
    fields = [f.get(qn("w:instr")).strip() for f in footer.iter(qn("w:fldSimple"))]
    assert fields == ["PAGE", "NUMPAGES"]
    assert doc.sections[0].different_first_page_header_footer  # no number on the cover
    assert doc.settings.element.find(qn("w:updateFields")) is not None


def test_docx_every_quote_is_followed_by_its_citation_and_source_mark(book, files):
    doc = docx_document(files["docx"])
    paragraphs = doc.paragraphs
    starts = [i for i, p in enumerate(paragraphs) if p.style.name == "Heading 2"]
    quotes = list(book.quotes())
    quote_starts = [i for i in starts if paragraphs[i].text in {q.heading for q in quotes}]
    assert len(quote_starts) == len(quotes)
    for start, quote in zip(quote_starts, quotes, strict=True):
        body = paragraphs[start + 1 : start + 1 + len(quote.lines)]
        assert [norm(p.text) for p in body] == [norm(line.text) for line in quote.lines]
        assert all(p.style.name in QUOTE_STYLES for p in body)
        cite = paragraphs[start + 1 + len(quote.lines) + len(quote.flags)]
        assert cite.style.name == CITE_STYLE
        assert cite.text == f"Nguồn: {quote.citation} [{quote.source}]"
    sources = [p.text for p in paragraphs if p.style.name == "Danh mục nguồn"]
    assert sources == [f"[{s.n}] {s.text}" for s in book.sources]


def test_docx_violation_tables_have_counts_places_and_provisions(book, files):
    doc = docx_document(files["docx"])
    (table,) = doc.tables
    (expected,) = book.tables()
    header = [c.text for c in table.rows[0].cells]
    assert header == ["Loại vi phạm", "Số lần", "Nơi phát hiện", "Quy định bị vi phạm"]
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    for row, want in zip(table.rows[1:], expected.rows, strict=True):
        cells = [c.text for c in row.cells]
        assert cells[0].startswith(want.label)
        assert cells[1] == f"{want.count} lần, {want.documents} kết luận"
        assert all(unit in cells[2] for unit in want.units)
        assert cells[3].split("\n") == want.provisions


def test_docx_fonts_are_named_for_every_script(files):
    doc = docx_document(files["docx"])
    for name in ("Normal", "Heading 1", "Heading 2", "Title", *QUOTE_STYLES, CITE_STYLE):
        fonts = doc.styles[name].element.rPr.find(qn("w:rFonts"))
        for script in ("ascii", "hAnsi", "cs", "eastAsia"):
            assert fonts.get(qn(f"w:{script}")) == FONT, (name, script)
        assert fonts.get(qn("w:asciiTheme")) is None


# -- PDF ---------------------------------------------------------------------------------------


def test_pdf_text_extracts_back_identical_to_the_compiled_text(book, files):
    text = pdf_body_text(files["pdf"])
    for quote in book.quotes():
        assert norm(quote.heading) in text
        for line in quote.lines:
            assert norm(line.text) in text, line.text[:60]
        assert norm(f"Nguồn: {quote.citation} [{quote.source}]") in text
    for source in book.sources:
        assert norm(f"[{source.n}] {source.text}") in text
    for row in next(book.tables()).rows:
        assert norm(row.label) in text


def test_pdf_fonts_are_embedded_with_pages_numbered_and_an_outline(book, files, tmp_path):
    doc = pymupdf.open(stream=files["pdf"], filetype="pdf")
    fonts = {f[3].split("+")[-1] for page in doc for f in page.get_fonts()}
    assert fonts == {"Noto Sans Regular", "Noto Sans Bold", "Noto Sans Italic"}
    for page in doc:
        for xref, ext, *_ in page.get_fonts():
            assert ext == "ttf" and doc.extract_font(xref)[3], "font file embedded"
    assert norm(doc[0].get_text()).startswith(norm(book.title))  # the cover
    assert f"\nTrang 2/{doc.page_count}\n" in doc[1].get_text()
    toc = doc.get_toc()
    assert [(level, title) for level, title, _ in toc] == [
        (h.level, h.text) for h in headings(book)
    ]
    assert all(1 < page <= doc.page_count for _, _, page in toc)
    targets = {link["page"] for link in doc[1].get_links() if link["kind"] == pymupdf.LINK_GOTO}
    assert targets >= {page - 1 for _, _, page in toc}  # every entry links to its page
    contents = doc[1].get_text()
    assert "Mục lục" in contents and book.sections[0].title in contents
    for number, page in enumerate(doc):  # the pictures a person looks at
        pix = page.get_pixmap(dpi=60)
        assert pix.width > 400
        pix.save(tmp_path / f"page-{number + 1}.png")


# -- HTML --------------------------------------------------------------------------------------


def test_html_is_one_self_contained_printable_page(book, files):
    page = files["html"].decode("utf-8")
    text, tags = html_text(page)
    names = [tag for tag, _ in tags]
    assert "script" not in names and "link" not in names and "img" not in names
    assert "http://" not in page and "https://" not in page
    assert "@media print" in page and "break-after: page" in page
    h = [attrs.get("id") for tag, attrs in tags if tag in ("h1", "h2")]
    assert [x for x in h if x is not None] == [x.id for x in headings(book)]
    for quote in book.quotes():
        expected = " ".join(norm(line.text) for line in quote.lines)
        cite = norm(f"Nguồn: {quote.citation} [{quote.source}]")
        assert f"{norm(quote.heading)} {expected} " in text
        assert text.index(cite, text.index(expected)) >= 0
