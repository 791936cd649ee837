"""PDF reader (PyMuPDF): text lines with style hints and pages → paragraphs as Blocks.

Running headers, footers and page numbers (`Trang 3`, `3/12`, `- 3 -`) are dropped: a line in
the top or bottom band of the page that is a page number, or that repeats (digits aside) on
many pages, is furniture. Lines broken inside a sentence are rejoined, across pages too.
Pages without a text layer are handed to OCR (`ingest.readers.ocr`) as the `ocr` mode says.
Pages are read one at a time, so memory stays bounded for documents of thousands of pages.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pymupdf

from corpus.vntext import clean_line
from ingest.blocks import Block, ReadResult
from ingest.errors import IngestError
from ingest.linejoin import glue, starts_paragraph
from ingest.readers import ocr

BAND = 0.09
"""Share of the page height, top and bottom, where running headers and footers live."""
_PAGE_NUMBER = re.compile(
    r"^(?:(?:trang|page)\s*\d+(?:\s*/\s*\d+)?|\d{1,4}\s*/\s*\d{1,4}|[-–—]?\s*\d{1,4}\s*[-–—]?)$",
    re.IGNORECASE,
)
_DIGITS = re.compile(r"\d+")

ProgressFn = Callable[[str, int], None]


@dataclass(slots=True)
class _Line:
    text: str
    page: int
    top: float
    bottom: float
    height: float
    size: float
    bold: bool
    italic: bool
    center: bool
    band: bool
    ocr: bool = False


def open_pdf(path: Path) -> pymupdf.Document:
    """Open a PDF or raise IngestError with the reason (damaged, encrypted)."""
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


def read_pdf(path: Path, ocr_mode: str = "auto", progress: ProgressFn | None = None) -> ReadResult:
    """Read a PDF into paragraph Blocks; `ocr_mode` is `auto`, `always` or `never`."""
    doc = open_pdf(path)
    try:
        lines, ocr_pages = _collect_lines(doc, path, ocr_mode, progress)
        pages = doc.page_count
    except IngestError:
        raise
    except Exception as err:
        raise IngestError(f"damaged PDF: {_short(err)}") from None
    finally:
        doc.close()
    lines = _drop_furniture(lines, pages)
    blocks = list(_paragraphs(lines))
    if not blocks:
        if ocr_mode == "never":
            raise IngestError("PDF has no text layer (a scan?) and OCR is off (--ocr never)")
        raise IngestError("PDF has no readable text")
    return ReadResult(blocks=blocks, pages=pages, ocr_pages=ocr_pages, format="pdf")


def _collect_lines(
    doc: pymupdf.Document, path: Path, ocr_mode: str, progress: ProgressFn | None
) -> tuple[list[_Line], int]:
    lines: list[_Line] = []
    scanned: list[int] = []
    for index in range(doc.page_count):
        page = doc.load_page(index)
        page_lines = list(_page_lines(page, index + 1))
        if ocr.wants_ocr(ocr_mode, sum(len(x.text) for x in page_lines)):
            scanned.append(index)
            continue
        lines.extend(page_lines)
        if progress:
            progress("page", 1)
    if scanned:
        for index, paragraphs in ocr.ocr_pages(path, scanned, progress=progress):
            lines.extend(
                _Line(t, index + 1, 0, 0, 0, 0, False, False, False, False, True)
                for t in paragraphs
            )
        lines.sort(key=lambda x: x.page)
    return lines, len(scanned)


def _page_lines(page: pymupdf.Page, number: int) -> Iterator[_Line]:
    height = page.rect.height or 1
    width = page.rect.width or 1
    data = page.get_text("dict", flags=pymupdf.TEXT_PRESERVE_WHITESPACE)
    for block in data.get("blocks", []):
        for line in block.get("lines", []):
            spans = [s for s in line.get("spans", []) if s.get("text", "").strip()]
            if not spans:
                continue
            text = clean_line("".join(s["text"] for s in line["spans"]))
            if not text:
                continue
            x0, y0, x1, y1 = line["bbox"]
            main = max(spans, key=lambda s: len(s["text"]))
            bold = all(s["flags"] & 16 or "bold" in s.get("font", "").lower() for s in spans)
            italic = all(s["flags"] & 2 for s in spans)
            mid = (x0 + x1) / 2
            yield _Line(
                text=text,
                page=number,
                top=y0,
                bottom=y1,
                height=y1 - y0,
                size=round(main["size"], 1),
                bold=bold,
                italic=italic,
                center=abs(mid - width / 2) < width * 0.08 and (x1 - x0) < width * 0.7,
                band=y1 < height * BAND or y0 > height * (1 - BAND),
            )


def _drop_furniture(lines: list[_Line], pages: int) -> list[_Line]:
    """Drop page numbers and running headers/footers found in the page bands."""
    repeats = Counter(_DIGITS.sub("#", x.text.lower()) for x in lines if x.band)
    threshold = max(3, pages // 3)
    kept = []
    for line in lines:
        if line.band:
            if _PAGE_NUMBER.match(line.text):
                continue
            if pages >= 3 and repeats[_DIGITS.sub("#", line.text.lower())] >= threshold:
                continue
        kept.append(line)
    return kept


def _paragraphs(lines: list[_Line]) -> Iterator[Block]:
    body = Counter(round(x.size) for x in lines if x.size).most_common(1)
    body_size = body[0][0] if body else 0
    current: Block | None = None
    prev: _Line | None = None
    for line in lines:
        if current is not None and prev is not None and _continues(prev, line, current, body_size):
            current.text = glue(current.text, line.text)
            current.bold = current.bold and line.bold
        else:
            if current is not None:
                yield current
            current = Block(
                text=line.text,
                page=line.page,
                bold=line.bold,
                italic=line.italic,
                size=line.size,
                center=line.center,
                ocr=line.ocr,
            )
        prev = line
    if current is not None:
        yield current


def _continues(prev: _Line, line: _Line, current: Block, body_size: float) -> bool:
    if starts_paragraph(current.text, line.text):
        return False
    if line.ocr or prev.ocr:
        return False  # OCR hands over whole paragraphs
    if line.bold != prev.bold or line.center != prev.center:
        return False
    if line.page == prev.page and not line.ocr:
        gap = line.top - prev.bottom
        if gap > max(prev.height, 1) * 1.2:
            return False
    return not (body_size and line.size and abs(line.size - prev.size) > 1.5)


def _short(err: Exception) -> str:
    text = " ".join(str(err).split()) or type(err).__name__
    return text[:160]
