"""A regulation that arrives as a text PDF: its articles, clauses and page spans.

The corpus has no regulation in PDF, so the test typesets one: the paragraphs of Nghị định
19/2019/NĐ-CP (read from the real DOCX by python-docx at run time) are laid out on A4 pages
with PyMuPDF and DejaVu fonts, headings in bold; the PDF is then ingested like any other.
"""

from __future__ import annotations

from pathlib import Path

import docx
import pymupdf
import pytest
from docx.table import Table

from ingest.pipeline import parse_file
from tests.ingest.realdocs import corpus_file

FONTS = Path("/usr/share/fonts/truetype/dejavu")
SIZE, LEADING, LEFT, WIDTH, TOP, BOTTOM = 12, 16, 60, 475, 70, 780


def _paragraphs(path: Path) -> list[tuple[str, bool]]:
    """(text, bold) in document order; table cells (the header) read row by row."""
    out: list[tuple[str, bool]] = []
    for item in docx.Document(str(path)).iter_inner_content():
        if isinstance(item, Table):
            for row in item.rows:
                for cell in row.cells:
                    out.extend((p.text.strip(), True) for p in cell.paragraphs)
            continue
        runs = [r for r in item.runs if r.text.strip()]
        bold = bool(runs) and all(r.bold for r in runs)
        out.append((item.text.strip(), bold))
    return [(text, bold) for text, bold in out if text]


def _typeset(paragraphs: list[tuple[str, bool]], target: Path) -> int:
    regular = pymupdf.Font(fontfile=str(FONTS / "DejaVuSerif.ttf"))
    heavy = pymupdf.Font(fontfile=str(FONTS / "DejaVuSerif-Bold.ttf"))
    pdf = pymupdf.open()
    page, y = None, BOTTOM + 1
    for text, bold in paragraphs:
        font = heavy if bold else regular
        for line in _wrap(text, font):
            if y > BOTTOM:
                page, y = pdf.new_page(), TOP
                page.insert_font(fontname="R", fontbuffer=regular.buffer)
                page.insert_font(fontname="B", fontbuffer=heavy.buffer)
            page.insert_text((LEFT, y), line, fontsize=SIZE, fontname="B" if bold else "R")
            y += LEADING
        y += LEADING // 2
    pages = pdf.page_count
    pdf.save(str(target))
    return pages


def _wrap(text: str, font: pymupdf.Font) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if line and font.text_length(candidate, fontsize=SIZE) > WIDTH:
            lines.append(line)
            line = word
        else:
            line = candidate
    return [*lines, line]


def test_a_typeset_regulation_keeps_its_articles_and_page_spans(tmp_path: Path) -> None:
    if not (FONTS / "DejaVuSerif.ttf").exists():
        pytest.skip("DejaVu fonts are not installed (apt-get install fonts-dejavu-core)")
    source = corpus_file("docx", "nghi_dinh_19_2019_ND_CP.docx")
    pages = _typeset(_paragraphs(source), tmp_path / "nd19.pdf")
    assert pages >= 5
    doc = parse_file(tmp_path / "nd19.pdf").document
    original = parse_file(source).document
    facts = ("kind", "number", "doc_type", "issuer", "place", "issued", "title", "effective_from")
    assert [getattr(doc, f) for f in facts] == [getattr(original, f) for f in facts]
    articles = doc.articles()
    assert [a.number for a in articles] == [str(n) for n in range(1, 29)]
    starts = [a.page for a in articles]
    assert starts == sorted(starts) and starts[0] == 1 and articles[-1].page_end == pages
    assert all(a.page <= a.page_end for a in doc.walk())
    assert any(a.page_end > a.page for a in articles)
    for mine, theirs in zip(articles, original.articles(), strict=True):
        assert [c.number for c in mine.children] == [c.number for c in theirs.children]
        assert mine.title == theirs.title
