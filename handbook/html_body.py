"""The body of a compiled handbook as HTML: what the HTML and PDF exports both lay out.

Cover, table of contents (given by the caller: links for a browser, page numbers for PDF),
sections with their quotes (heading, text, flags, then the citation and its source mark), tables
of violations and notes, and the numbered sources list. Headings are `h1` (sections) and `h2`
(quotes, tables) with ids, so both a browser and PyMuPDF's Story can link and outline them.
Table column widths are attributes, which both understand.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from html import escape

from handbook.compiled import CompiledHandbook, Note, Quote, ViolationRow, ViolationTable
from handbook.wording import vn_date

SOURCES_TITLE = "Nguồn trích dẫn"
TOC_TITLE = "Mục lục"
BREAK = '<div class="page-break"></div>'
TABLE_HEAD = ("Loại vi phạm", "Số lần", "Nơi phát hiện", "Quy định bị vi phạm")
TABLE_WIDTHS = ("30%", "12%", "26%", "32%")


@dataclass(slots=True)
class Heading:
    level: int
    id: str
    text: str


def headings(book: CompiledHandbook) -> Iterator[Heading]:
    """Every heading in order (what the table of contents lists)."""
    q = 0
    for s, section in enumerate(book.sections, 1):
        yield Heading(1, f"s{s}", section.title)
        for block in section.blocks:
            if isinstance(block, (Quote, ViolationTable)):
                q += 1
                yield Heading(2, f"b{q}", block.heading)
    if book.sources:
        yield Heading(1, "sources", SOURCES_TITLE)


def cover_lines(book: CompiledHandbook) -> list[tuple[str, str]]:
    """The cover's lines as (css class, text)."""
    lines = [("title", book.title)]
    if book.subtitle:
        lines.append(("subtitle", book.subtitle))
    if book.audience:
        lines.append(("audience", f"Dành cho: {book.audience}"))
    lines.append(("as-of", f"Văn bản áp dụng tính đến ngày {vn_date(book.as_of)}"))
    lines.append(("compiled", f"Biên soạn ngày {vn_date(book.compiled_on)}"))
    return lines


def cover(book: CompiledHandbook) -> str:
    parts = [f'<p class="{cls}">{escape(text)}</p>' for cls, text in cover_lines(book)]
    return '<div class="cover">' + "".join(parts) + "</div>"


def mark(n: int) -> str:
    return f'<a class="mark" href="#src{n}">[{n}]</a>'


def body(book: CompiledHandbook, toc: str, page_breaks: bool) -> str:
    """Cover, `toc`, sections, sources; with `page_breaks`, break markers between them."""
    brk = BREAK if page_breaks else ""
    out = [cover(book), brk, toc]
    q = 0
    for s, section in enumerate(book.sections, 1):
        out.append(brk)
        out.append(f'<h1 id="s{s}">{escape(section.title)}</h1>')
        out.extend(f'<p class="intro">{escape(p)}</p>' for p in section.intro)
        for block in section.blocks:
            if isinstance(block, Note):
                out.append(
                    '<div class="note">'
                    + "".join(f"<p>{escape(p)}</p>" for p in block.paragraphs)
                    + "</div>"
                )
                continue
            q += 1
            if isinstance(block, Quote):
                out.append(quote_html(block, f"b{q}"))
            else:
                out.append(table_html(block, f"b{q}"))
    if book.sources:
        out.append(brk)
        out.append(f'<h1 id="sources">{SOURCES_TITLE}</h1>')
        out.extend(
            f'<p class="source" id="src{s.n}">[{s.n}] {escape(s.text)}</p>' for s in book.sources
        )
    return "\n".join(x for x in out if x)


def quote_html(quote: Quote, anchor: str) -> str:
    lines = "".join(
        f'<p class="l{min(line.level, 3)}">{escape(line.text)}</p>' for line in quote.lines
    )
    flags = "".join(f'<p class="flag">{escape(f)}</p>' for f in quote.flags)
    return (
        f'<h2 id="{anchor}">{escape(quote.heading)}</h2>'
        f'<blockquote class="quote {quote.kind}">{lines}</blockquote>{flags}'
        f'<p class="cite">Nguồn: {escape(quote.citation)} {mark(quote.source)}</p>'
    )


def table_html(table: ViolationTable, anchor: str) -> str:
    head = "".join(
        f'<th width="{w}">{escape(h)}</th>' for h, w in zip(TABLE_HEAD, TABLE_WIDTHS, strict=True)
    )
    rows = "".join(_row(r) for r in table.rows)
    return (
        f'<h2 id="{anchor}">{escape(table.heading)}</h2>'
        f'<table class="violations"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'
    )


def count_text(row: ViolationRow) -> str:
    return f"{row.count} lần, {row.documents} kết luận"


def shown_category(row: ViolationRow) -> str:
    """The category under a label, unless it only repeats it (or is `other`)."""
    return "" if row.category.lower() in (row.label.lower(), "other") else row.category


def _row(row: ViolationRow) -> str:
    units = "; ".join(escape(u) for u in row.units)
    marks = " ".join(mark(n) for n in row.sources)
    provisions = "".join(f"<p>{escape(p)}</p>" for p in row.provisions) or "<p>—</p>"
    category = shown_category(row)
    return (
        f'<tr><td><p class="label">{escape(row.label)}</p>'
        + (f'<p class="category">{escape(category)}</p>' if category else "")
        + "</td>"
        f"<td><p>{escape(count_text(row))}</p></td>"
        f"<td><p>{units}</p><p>{marks}</p></td><td>{provisions}</td></tr>"
    )
