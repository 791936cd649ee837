"""Build the sample documents (TÀI LIỆU MẪU) from their source text into DOCX or PDF.

    python corpus/samples/build.py            # every source/*.sample → corpus/samples/
    python corpus/samples/build.py -o DIR X.sample...

The source markup is line based, one paragraph per line:

    % a comment                     @format docx|pdf (the output format)
    @table … @end                   a borderless table: one row per line, cells split by ` | `,
                                    paragraphs inside a cell split by ` // `
    = TEXT                          a centred bold line (document type, title)
    # TEXT, ## TEXT, ### TEXT       a Word heading (DOCX); a bold line (PDF)
    **TEXT**                        a bold paragraph;  *TEXT* an italic one
    anything else                   a body paragraph

Offices write headers and signature blocks in borderless tables and mix Word heading styles
with plain bold lines; the samples do the same, so that ingest meets them as it meets real files.
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import io
import re
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCE_DIR = HERE / "source"
FIXED_TIME = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
FONT_DIRS = (
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/dejavu"),
    Path("/usr/local/share/fonts"),
)
FONT_FILES = {
    "regular": "DejaVuSerif.ttf",
    "bold": "DejaVuSerif-Bold.ttf",
    "italic": "DejaVuSerif-Italic.ttf",
}


@dataclass(slots=True)
class Para:
    """One paragraph of a source: `kind` is body, center, h1..h3, or table (with `rows`)."""

    kind: str
    text: str = ""
    bold: bool = False
    italic: bool = False
    rows: list[list[list[Para]]] = field(default_factory=list)


@dataclass(slots=True)
class Source:
    name: str
    format: str
    paras: list[Para]


def _inline(text: str) -> Para:
    text = text.strip()
    if len(text) > 4 and text.startswith("**") and text.endswith("**"):
        return Para("body", text[2:-2].strip(), bold=True)
    if len(text) > 2 and text.startswith("*") and text.endswith("*"):
        return Para("body", text[1:-1].strip(), italic=True)
    return Para("body", text)


def parse_source(text: str, name: str = "sample") -> Source:
    """Read the markup (see the module doc) into paragraphs."""
    fmt = "docx"
    paras: list[Para] = []
    table: Para | None = None
    for raw in text.splitlines():
        line = raw.rstrip()
        if not line.strip() or line.startswith("%"):
            continue
        if line.startswith("@format"):
            fmt = line.split()[1].strip()
        elif line == "@table":
            table = Para("table")
        elif line == "@end":
            if table is not None:
                paras.append(table)
            table = None
        elif table is not None:
            table.rows.append(
                [[_inline(p) for p in re.split(r"\s*//\s*", cell)] for cell in line.split(" | ")]
            )
        elif line.startswith("= "):
            paras.append(Para("center", line[2:].strip(), bold=True))
        elif m := re.match(r"^(#{1,3}) (.+)$", line):
            paras.append(Para(f"h{len(m.group(1))}", m.group(2).strip(), bold=True))
        else:
            paras.append(_inline(line))
    if fmt not in ("docx", "pdf"):
        raise ValueError(f"{name}: @format must be docx or pdf, not {fmt!r}")
    return Source(name=name, format=fmt, paras=paras)


def read_source(path: Path) -> Source:
    return parse_source(path.read_text(encoding="utf-8"), path.name.split(".")[0])


# -- DOCX ----------------------------------------------------------------------------------------


def build_docx(source: Source, out: Path) -> Path:
    """Write the source as a DOCX with Word headings, bold lines and borderless tables."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    document = docx.Document()
    normal = document.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(13)
    for para in source.paras:
        if para.kind == "table":
            cols = max(len(r) for r in para.rows)
            table = document.add_table(rows=len(para.rows), cols=cols)
            borders = OxmlElement("w:tblBorders")
            for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
                element = OxmlElement(f"w:{edge}")
                element.set(qn("w:val"), "nil")
                borders.append(element)
            table._tbl.tblPr.append(borders)
            for r, row in enumerate(para.rows):
                for c, cell_paras in enumerate(row):
                    cell = table.cell(r, c)
                    for i, p in enumerate(cell_paras):
                        target = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
                        target.alignment = WD_ALIGN_PARAGRAPH.CENTER
                        if p.text:
                            run = target.add_run(p.text)
                            run.bold, run.italic = p.bold or None, p.italic or None
            continue
        if para.kind.startswith("h"):
            document.add_heading(para.text, level=int(para.kind[1]))
            continue
        paragraph = document.add_paragraph()
        run = paragraph.add_run(para.text)
        run.bold, run.italic = para.bold or None, para.italic or None
        if para.kind == "center":
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        else:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            paragraph.paragraph_format.first_line_indent = Pt(28)
    props = document.core_properties
    props.title = source.name
    props.subject = "TÀI LIỆU MẪU"
    props.comments = "Tài liệu mẫu của camnang: đơn vị, cá nhân và số liệu là hư cấu."
    props.author = "camnang"
    props.last_modified_by = "camnang"
    props.created = props.modified = FIXED_TIME.replace(tzinfo=None)
    props.revision = 1
    buffer = io.BytesIO()
    document.save(buffer)
    out.write_bytes(_stable_zip(buffer.getvalue()))
    return out


def _stable_zip(data: bytes) -> bytes:
    """The same DOCX with fixed member timestamps, so a rebuild gives the same bytes."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for item in src.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(info, src.read(item.filename))
    return out.getvalue()


# -- PDF -----------------------------------------------------------------------------------------

MARGINS = (85.0, 57.0, 57.0, 62.0)
"""Left, top, right, bottom in points: the 30/20/15/22 mm of Vietnamese administrative layout."""
CSS = """
@font-face {font-family: vn; src: url(%(regular)s);}
@font-face {font-family: vn; src: url(%(bold)s); font-weight: bold;}
@font-face {font-family: vn; src: url(%(italic)s); font-style: italic;}
body {font-family: vn; font-size: 13pt; text-align: justify;}
p {margin: 0 0 6pt 0; text-indent: 28pt; line-height: 1.3;}
p.center {text-align: center; text-indent: 0; font-weight: bold;}
p.h {text-indent: 0; font-weight: bold;}
table {width: 100%%; border-collapse: collapse; margin-bottom: 10pt;}
td {text-align: center; vertical-align: top; font-size: 11.5pt; padding: 0 2pt;}
"""


def font_paths() -> dict[str, Path]:
    """The DejaVu Serif files (Vietnamese glyphs); install `fonts-dejavu-core` if missing."""
    for folder in FONT_DIRS:
        paths = {style: folder / name for style, name in FONT_FILES.items()}
        if all(p.is_file() for p in paths.values()):
            return paths
    raise FileNotFoundError(
        "DejaVu Serif fonts not found (apt-get install fonts-dejavu-core); needed to build PDFs"
    )


def _html_inline(para: Para) -> str:
    text = html.escape(para.text)
    if para.bold:
        text = f"<b>{text}</b>"
    if para.italic:
        text = f"<i>{text}</i>"
    return text


def source_html(source: Source) -> str:
    """The source as the HTML that PyMuPDF's Story lays out."""
    parts: list[str] = []
    for para in source.paras:
        if para.kind == "table":
            rows = []
            for row in para.rows:
                width = ["42%", "58%"] if len(row) == 2 else [""] * len(row)
                cells = "".join(
                    f'<td width="{w}">' + "<br>".join(_html_inline(p) for p in cell) + "</td>"
                    for w, cell in zip(width, row, strict=False)
                )
                rows.append(f"<tr>{cells}</tr>")
            parts.append(f"<table>{''.join(rows)}</table>")
        elif para.kind == "center":
            parts.append(f'<p class="center">{html.escape(para.text)}</p>')
        elif para.kind.startswith("h"):
            parts.append(f'<p class="h">{html.escape(para.text)}</p>')
        else:
            parts.append(f"<p>{_html_inline(para)}</p>")
    return "\n".join(parts)


def build_pdf(source: Source, out: Path) -> Path:
    """Write the source as a text PDF: A4, justified DejaVu Serif 13 pt, page numbers."""
    import pymupdf

    fonts = font_paths()
    folder = fonts["regular"].parent
    css = CSS % {style: path.name for style, path in fonts.items()}
    story = pymupdf.Story(html=source_html(source), user_css=css, archive=pymupdf.Archive(folder))
    page = pymupdf.paper_rect("a4")
    left, top, right, bottom = MARGINS
    where = pymupdf.Rect(left, top, page.width - right, page.height - bottom)
    buffer = io.BytesIO()
    writer = pymupdf.DocumentWriter(buffer)
    more = True
    while more:
        device = writer.begin_page(page)
        more, _ = story.place(where)
        story.draw(device)
        writer.end_page()
    writer.close()
    doc = pymupdf.open("pdf", buffer.getvalue())
    regular = pymupdf.Font(fontfile=str(fonts["regular"]))
    for number, pdf_page in enumerate(doc, start=1):
        label = f"- {number} -"
        x = (page.width - regular.text_length(label, 10)) / 2
        pdf_page.insert_font(fontname="dvs", fontfile=str(fonts["regular"]))
        pdf_page.insert_text((x, page.height - 30), label, fontname="dvs", fontsize=10)
    doc.set_metadata(
        {
            "title": source.name,
            "subject": "TÀI LIỆU MẪU",
            "author": "camnang",
            "creator": "camnang corpus/samples/build.py",
            "producer": "camnang",
            "creationDate": "D:20240101000000Z",
            "modDate": "D:20240101000000Z",
        }
    )
    doc.subset_fonts()
    doc.save(out, garbage=4, deflate=True, no_new_id=True)
    doc.close()
    return out


def build(source_path: Path, out_dir: Path, fmt: str | None = None) -> Path:
    """Build one source file into `out_dir`; the format is the source's `@format` unless given."""
    source = read_source(source_path)
    fmt = fmt or source.format
    out_dir.mkdir(parents=True, exist_ok=True)
    out = out_dir / f"{source.name}.{fmt}"
    return build_docx(source, out) if fmt == "docx" else build_pdf(source, out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("sources", nargs="*", type=Path, help="source files (default: all)")
    parser.add_argument("-o", "--out", type=Path, default=HERE, help="output folder")
    args = parser.parse_args(argv)
    sources = args.sources or sorted(SOURCE_DIR.glob("*.sample"))
    for path in sources:
        print(build(path, args.out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
