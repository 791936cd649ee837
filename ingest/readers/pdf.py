"""PDF reader (PyMuPDF): the text layer's lines with style hints and pages → paragraph Blocks.

Each page's lines come with their box, font size, bold and italic, and the superscript numbers
in them; `layout.to_blocks` drops running headers, footers and page numbers, sets footnotes
aside and rejoins broken lines (across pages too). Pages without a usable text layer go through
OCR (`ingest.readers.ocr`) as the `ocr` mode says. A PDF is read one page at a time and only
its text is kept, so memory stays bounded for documents of thousands of pages.

Refused with a one-line reason: damaged or truncated files (no `%%EOF` at the end), PDFs that
need a password to open. A PDF with only an owner password (permissions) opens and is read.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pymupdf

from corpus.vntext import clean_line
from ingest.blocks import ReadResult
from ingest.errors import IngestError
from ingest.readers import ocr
from ingest.readers.layout import to_blocks
from ingest.readers.lines import Line, Page

ProgressFn = Callable[[str, int], None]

_FLAGS = pymupdf.TEXT_PRESERVE_WHITESPACE | pymupdf.TEXT_MEDIABOX_CLIP
"""Text only (no images), ligatures expanded (`ﬁ` → `fi`), clipped to the page."""
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_EOF_WINDOW = 4096
_SUPERSCRIPT = 1
_ITALIC = 2
_BOLD = 16
_BAD_CHARS = re.compile(r"[\ufffd\ue000-\uf8ff]")


def open_pdf(path: Path) -> pymupdf.Document:
    """Open a PDF or raise IngestError with the reason (damaged, truncated, encrypted)."""
    _check_complete(path)
    try:
        doc = pymupdf.open(path, filetype="pdf")
    except Exception as err:  # PyMuPDF raises several types for damaged files
        raise IngestError(f"damaged PDF: {_short(err)}") from None
    if doc.needs_pass and not doc.authenticate(""):
        doc.close()
        raise IngestError("encrypted PDF: a password is needed to open it")
    if doc.page_count == 0:
        doc.close()
        raise IngestError("damaged PDF: no pages")
    return doc


def _check_complete(path: Path) -> None:
    """A PDF ends with `%%EOF`; a file cut short (a broken download) does not."""
    with path.open("rb") as fh:
        fh.seek(0, 2)
        size = fh.tell()
        fh.seek(max(0, size - _EOF_WINDOW))
        tail = fh.read()
    if b"%%EOF" not in tail:
        raise IngestError("truncated PDF: the file ends before the PDF does (no %%EOF)")


def read_pdf(
    path: Path,
    ocr_mode: str = "auto",
    progress: ProgressFn | None = None,
    ocr_workers: int | None = None,
) -> ReadResult:
    """Read a PDF into paragraph Blocks; `ocr_mode` is `auto`, `always` or `never`."""
    doc = open_pdf(path)
    try:
        pages, scanned = _read_pages(doc, ocr_mode, progress)
        if scanned:
            for index, lines in ocr.ocr_pages(doc, scanned, progress, ocr_workers):
                pages[index].lines = lines
    except (IngestError, MemoryError):
        raise
    except Exception as err:
        raise IngestError(f"damaged PDF: {_short(err)}") from None
    finally:
        doc.close()
    blocks = to_blocks(pages)
    if not blocks:
        if ocr_mode == "never":
            raise IngestError("PDF has no text layer (a scan?) and OCR is off (--ocr never)")
        raise IngestError("PDF has no readable text")
    return ReadResult(blocks=blocks, pages=len(pages), ocr_pages=len(scanned), format="pdf")


def _read_pages(
    doc: pymupdf.Document, ocr_mode: str, progress: ProgressFn | None
) -> tuple[list[Page], list[int]]:
    pages: list[Page] = []
    scanned: list[int] = []
    for index in range(doc.page_count):
        page = doc.load_page(index)
        lines = list(page_lines(page, index + 1)) if ocr_mode != "always" else []
        rect = page.rect
        if ocr.wants_ocr(ocr_mode, page, _good_chars(lines)):
            scanned.append(index)
            lines = []
        elif progress:
            progress("page", 1)
        pages.append(Page(index + 1, rect.width, rect.height, lines))
    return pages, scanned


def _good_chars(lines: list[Line]) -> int:
    """Characters of real text: a font without a Unicode map gives U+FFFD or private-use ones."""
    total = sum(len(x.text) for x in lines)
    bad = sum(len(_BAD_CHARS.findall(x.text)) for x in lines)
    return total - 2 * bad


def page_lines(page: pymupdf.Page, number: int) -> Iterator[Line]:
    """The horizontal text lines of one page, cleaned (NFC, spaces), with their style."""
    data = page.get_text("dict", flags=_FLAGS)
    for block in data["blocks"]:
        for line in block.get("lines", ()):
            dx, dy = line["dir"]
            if abs(dy) > 0.1 or dx <= 0:
                continue  # vertical or upside-down text: stamps and margin notes
            found = _line(line, number)
            if found is not None:
                yield found


def _line(line: dict, number: int) -> Line | None:
    spans = line["spans"]
    inked = [s for s in spans if s["text"].strip()]
    if not inked:
        return None
    text = clean_line(_CONTROL.sub(" ", "".join(s["text"] for s in spans)))
    if not text:
        return None
    sups = tuple(
        s["text"].strip()
        for s in inked
        if s["flags"] & _SUPERSCRIPT and s["text"].strip().isdigit() and s is not inked[0]
    )
    bare = ""
    if sups:
        bare = clean_line(
            _CONTROL.sub(
                " ",
                "".join(
                    s["text"]
                    for s in spans
                    if not (s["flags"] & _SUPERSCRIPT and s["text"].strip().isdigit())
                ),
            )
        )
    main = max(inked, key=lambda s: len(s["text"]) if not s["flags"] & _SUPERSCRIPT else 0)
    x0, y0, x1, y1 = line["bbox"]
    return Line(
        text=text,
        page=number,
        x0=x0,
        top=y0,
        x1=x1,
        bottom=y1,
        size=round(main["size"], 1),
        bold=_mostly(inked, _BOLD, "bold"),
        italic=_mostly(inked, _ITALIC, "italic"),
        sups=sups,
        bare=bare,
    )


def _mostly(spans: list[dict], flag: int, word: str) -> bool:
    """Whether most of the letters are in a bold (italic) font.

    By letters, not spans: a font without Vietnamese letters makes the PDF writer set `ệ` in a
    regular fallback font in the middle of a bold word.
    """
    total = styled = 0
    for s in spans:
        n = len(s["text"].strip())
        total += n
        if s["flags"] & flag or word in s["font"].lower():
            styled += n
    return styled >= 0.6 * total


def _short(err: Exception) -> str:
    text = " ".join(str(err).split()) or type(err).__name__
    return text[:160]
