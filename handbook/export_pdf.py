"""A compiled handbook as PDF, laid out by PyMuPDF's Story (HTML + CSS → pages; no office suite).

The body is the HTML export's (`handbook.html_body`). Fonts are Noto Sans from the
`pymupdf-fonts` package (every Vietnamese letter), embedded and subset by MuPDF. The table of
contents gets page numbers by laying the story out until the pages stop moving (as
`Story.write_stabilized` does, but with a bound); its entries and the source marks become
links, and the same headings the PDF outline (bookmarks). Page numbers go in the footer after
layout, in the same embedded font. No background colours: Story paints a table cell's
background again on later pages.
"""

from __future__ import annotations

import io
from functools import cache
from html import escape
from typing import Any

import pymupdf
import pymupdf_fonts

from handbook.compiled import CompiledHandbook
from handbook.html_body import TOC_TITLE, body, headings

PAGE = pymupdf.paper_rect("a4")
MARGINS = (62, 56, 56, 62)
"""Left, top, right, bottom, in points."""
BODY_RECT = pymupdf.Rect(MARGINS[0], MARGINS[1], PAGE.width - MARGINS[2], PAGE.height - MARGINS[3])
FONTS = {
    "notos": "NotoSans-Regular.ttf",
    "notosbo": "NotoSans-Bold.ttf",
    "notosit": "NotoSans-Italic.ttf",
    "notosbi": "NotoSans-BoldItalic.ttf",
}
FOOTER_FONT = "notos"
MAX_PASSES = 6

CSS = """
@font-face { font-family: HB; src: url(NotoSans-Regular.ttf); }
@font-face { font-family: HB; src: url(NotoSans-Bold.ttf); font-weight: bold; }
@font-face { font-family: HB; src: url(NotoSans-Italic.ttf); font-style: italic; }
@font-face { font-family: HB; src: url(NotoSans-BoldItalic.ttf); font-weight: bold;
  font-style: italic; }
* { font-family: HB; }
body { font-size: 10.5pt; line-height: 1.4; color: #1b1b1b; }
.page-break { page-break-after: always; }
.cover { text-align: center; margin-top: 180pt; }
.cover .title { font-size: 22pt; font-weight: bold; color: #7a1712; margin-bottom: 14pt; }
.cover .subtitle { font-size: 14pt; margin-bottom: 40pt; }
.cover .audience, .cover .as-of, .cover .compiled { font-size: 11pt; color: #444;
  margin: 4pt 0; }
h1 { font-size: 15pt; color: #7a1712; margin: 0 0 10pt 0; }
h2 { font-size: 11pt; margin: 12pt 0 4pt 0; }
blockquote { margin: 0 0 2pt 12pt; }
blockquote p { margin: 0 0 3pt 0; text-align: justify; }
blockquote .l2 { margin-left: 14pt; }
blockquote .l3 { margin-left: 28pt; }
.cite { text-align: right; font-style: italic; color: #555; margin: 2pt 0 8pt 0; }
.flag { color: #8a3b00; font-weight: bold; margin: 2pt 0 2pt 12pt; }
.note { margin: 6pt 0 6pt 0; padding-left: 8pt; border-left: 2pt solid #c9b99a; }
.intro { font-style: italic; }
a.mark { color: #7a1712; text-decoration: none; font-style: normal; }
table.violations { border-collapse: collapse; width: 100%; font-size: 9pt; }
table.violations th, table.violations td { border: 0.6pt solid #999; padding: 3pt;
  vertical-align: top; text-align: left; }
table.violations th { border-bottom: 1.2pt solid #7a1712; }
table.violations p { margin: 0 0 2pt 0; }
.category { color: #666; font-size: 8pt; }
.source { margin: 0 0 5pt 0; }
table.toc { width: 100%; border-collapse: collapse; }
table.toc td { padding: 2pt 0; vertical-align: top; }
table.toc a { color: #1b1b1b; text-decoration: none; }
table.toc td.page { text-align: right; }
"""


@cache
def font_buffers() -> dict[str, bytes]:
    """The TTF files, read once from the pymupdf-fonts package (never downloaded)."""
    return {name: pymupdf_fonts.myfont(name) for name in FONTS}


def _archive() -> pymupdf.Archive:
    archive = pymupdf.Archive()
    for name, filename in FONTS.items():
        archive.add(font_buffers()[name], filename)
    return archive


def _toc(book: CompiledHandbook, pages: dict[str, int]) -> str:
    rows = []
    for h in headings(book):
        page = pages.get(h.id, "")
        text = escape(h.text)
        cell = f"<b>{text}</b>" if h.level == 1 else text
        indent = "" if h.level == 1 else "&#160;&#160;&#160;&#160;"
        rows.append(
            f'<tr><td width="92%">{indent}<a href="#{h.id}">{cell}</a></td>'
            f'<td width="8%" class="page">{page}</td></tr>'
        )
    return f'<h1 id="toc">{TOC_TITLE}</h1><table class="toc">{"".join(rows)}</table>'


def _html(book: CompiledHandbook, positions: list[Any]) -> str:
    wanted = {h.id for h in headings(book)}
    pages = {p.id: p.page_num for p in positions if p.id in wanted and p.open_close & 1}
    html = body(book, _toc(book, pages), page_breaks=True)
    # Story sizes table columns by the first row's widths only without thead/tbody
    for tag in ("<thead>", "</thead>", "<tbody>", "</tbody>"):
        html = html.replace(tag, "")
    return html


def _rect(rect_num: int, filled: Any) -> tuple[Any, Any, Any]:
    return PAGE, BODY_RECT, None


def _layout(book: CompiledHandbook) -> tuple[pymupdf.Document, list[Any]]:
    """Lay the story out until the contents' page numbers stop changing (at most MAX_PASSES
    times: entries have fixed rows, so two or three do), then write it with its links."""
    archive = _archive()
    html = _html(book, [])
    for _ in range(MAX_PASSES):
        positions: list[Any] = []
        story = pymupdf.Story(html, CSS, archive=archive)
        story.write(None, _rect, positions.append)
        again = _html(book, positions)
        if again == html:
            break
        html = again
    stream = io.BytesIO()
    writer = pymupdf.DocumentWriter(stream)
    positions = []
    pymupdf.Story(html, CSS, archive=archive).write(writer, _rect, positions.append)
    writer.close()
    stream.seek(0)
    return pymupdf.Story.add_pdf_links(stream, positions), positions


def export_pdf(book: CompiledHandbook) -> bytes:
    """The PDF file's bytes."""
    doc, positions = _layout(book)
    found: dict[str, tuple[int, str]] = {}
    wanted = {h.id for h in headings(book)}
    for p in positions:
        if p.id in wanted and p.open_close & 1 and p.id not in found:
            found[p.id] = (p.page_num, p.text)
    levels = {h.id: h.level for h in headings(book)}
    doc.set_toc([[levels[i], text.strip(), page] for i, (page, text) in found.items()])
    _footers(doc, book.title)
    doc.set_metadata(
        {
            "title": book.title,
            "subject": book.subtitle,
            "creator": "camnang",
            "producer": "camnang (PyMuPDF Story)",
        }
    )
    doc.subset_fonts()
    out = io.BytesIO()
    doc.save(out, garbage=3, deflate=True)
    doc.close()
    return out.getvalue()


def _footers(doc: pymupdf.Document, title: str) -> None:
    """`Trang n/N` on every page but the cover, in the embedded body font."""
    font = pymupdf.Font(fontbuffer=font_buffers()[FOOTER_FONT])
    total = doc.page_count
    for number, page in enumerate(doc, 1):
        if number == 1:
            continue
        page.wrap_contents()  # Story leaves its coordinate transform open
        writer = pymupdf.TextWriter(page.rect)
        text = f"Trang {number}/{total}"
        size = 8.5
        width = font.text_length(text, fontsize=size)
        y = PAGE.height - MARGINS[3] / 2
        writer.append(((PAGE.width - width) / 2, y), text, font=font, fontsize=size)
        short = title if len(title) <= 90 else title[:89] + "…"
        writer.append((MARGINS[0], MARGINS[1] / 2 + 4), short, font=font, fontsize=7.5)
        writer.write_text(page, color=(0.4, 0.4, 0.4))
