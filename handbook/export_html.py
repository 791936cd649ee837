"""A compiled handbook as one self-contained, printable HTML page (no scripts, no links out).

The table of contents links to the headings; print CSS starts each section on a new A4 page,
keeps a quote's heading with its text, and repeats table headers.
"""

from __future__ import annotations

from html import escape

from handbook.compiled import CompiledHandbook
from handbook.html_body import TOC_TITLE, body, headings

CSS = """
:root { --ink: #1b1b1b; --muted: #555; --line: #bbb; --accent: #7a1712; }
html { font-family: "Times New Roman", "Noto Serif", "DejaVu Serif", serif; color: var(--ink); }
body { max-width: 46rem; margin: 0 auto; padding: 1.5rem; font-size: 13pt; line-height: 1.5; }
.cover { text-align: center; padding: 4rem 0 3rem; border-bottom: 2px solid var(--accent); }
.cover .title { font-size: 24pt; font-weight: bold; text-transform: uppercase; margin: 0 0 1rem; }
.cover .subtitle { font-size: 16pt; margin: 0 0 2rem; }
.cover .audience, .cover .as-of, .cover .compiled { margin: 0.3rem 0; color: var(--muted); }
nav.toc h1 { font-size: 16pt; }
nav.toc ol { list-style: none; padding-left: 0; }
nav.toc ol ol { padding-left: 1.5rem; }
nav.toc a { color: inherit; text-decoration: none; }
h1 { font-size: 17pt; color: var(--accent); margin-top: 2.5rem; }
h2 { font-size: 13pt; margin: 1.5rem 0 0.4rem; }
blockquote { margin: 0 0 0.3rem 1rem; padding-left: 0.8rem; border-left: 3px solid var(--line); }
blockquote p { margin: 0.25rem 0; text-align: justify; }
blockquote .l2 { padding-left: 1.2rem; }
blockquote .l3 { padding-left: 2.4rem; }
.cite { text-align: right; font-style: italic; color: var(--muted); margin: 0.2rem 0 1rem; }
.flag { color: #8a3b00; font-weight: bold; margin: 0.2rem 0 0.2rem 1.8rem; }
.note { background: #f6f3ec; padding: 0.4rem 1rem; margin: 1rem 0; }
.intro { font-style: italic; }
a.mark { color: var(--accent); text-decoration: none; font-style: normal; }
table.violations { border-collapse: collapse; width: 100%; font-size: 11pt; margin: 0.5rem 0 1rem; }
table.violations th, table.violations td { border: 1px solid var(--line); padding: 0.3rem;
  vertical-align: top; text-align: left; }
table.violations th { background: #f0ece4; }
table.violations p { margin: 0 0 0.2rem; }
.category { color: var(--muted); font-size: 10pt; }
.source { padding-left: 2.2rem; text-indent: -2.2rem; margin: 0.3rem 0; }
@page { size: A4; margin: 2cm 2cm 2cm 2.5cm; }
@media print {
  body { max-width: none; padding: 0; font-size: 12pt; }
  .page-break { break-after: page; }
  .cover { border: 0; padding-top: 30%; }
  h1, h2 { break-after: avoid; }
  blockquote, tr { break-inside: avoid; }
  thead { display: table-header-group; }
  a { color: inherit; }
}
"""


def toc_html(book: CompiledHandbook) -> str:
    """Linked headings, sections with their quotes below them."""
    out = [f'<nav class="toc"><h1 class="toc-title">{TOC_TITLE}</h1><ol>']
    open_sub = False
    for h in headings(book):
        link = f'<a href="#{h.id}">{escape(h.text)}</a>'
        if h.level == 1:
            if open_sub:
                out.append("</ol></li>")
                open_sub = False
            out.append(f"<li>{link}")
            out.append("<ol>")
            open_sub = True
        else:
            out.append(f"<li>{link}</li>")
    if open_sub:
        out.append("</ol></li>")
    out.append("</ol></nav>")
    return "".join(out).replace("<ol></ol>", "")


def export_html(book: CompiledHandbook) -> str:
    """The page as text (UTF-8 when written)."""
    return (
        '<!doctype html>\n<html lang="vi">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(book.title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        + body(book, toc_html(book), page_breaks=True)
        + "\n</body>\n</html>\n"
    )
