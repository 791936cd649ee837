"""What is on a page but not in the text: page numbers, running headers and footers, footnotes.

- A line in the top or bottom band of the page (or the first or last line of the page) that is
  a page number (`Trang 3`, `3/12`, `- 3 -`), or that repeats, digits aside, in that band on
  many pages (a running header or footer), is dropped.
- Footnotes (small lines at the foot of a page, the first starting with its number) are
  flagged, to be set aside by the layout, and their superscript reference numbers are taken out
  of the text that cites them.
"""

from __future__ import annotations

import re
from collections import Counter

from ingest.readers.lines import Line, Page

BAND = 0.09
"""Share of the page height, top and bottom, where running headers and footers live."""
FOOTNOTE_SIZE = 0.8
"""A footnote's font is at most this share of the body font."""

PAGE_NUMBER = re.compile(
    r"^(?:(?:trang|page|tr\.)\s*\d{1,4}(?:\s*(?:[/⁄∕]|trên|of)\s*\d{1,4})?"
    r"|\d{1,4}\s*[/⁄∕]\s*\d{1,4}"
    r"|[-–—]\s*\d{1,4}\s*[-–—]"
    r"|\d{1,4}|[ivxlcdm]{1,7})$",
    re.IGNORECASE,
)
_DIGITS = re.compile(r"\d+")
_FOOTNOTE_START = re.compile(r"^(?P<mark>\d{1,3}|[*†‡]{1,3})\s*\S")
_OCR_FOOTNOTE_START = re.compile(r"^(?P<mark>\d{1,3}|[*†‡]{1,3}|[!lI|](?=\s))\s*\S")
"""OCR reads a superscript 1 as `!`, `l` or `I`."""


def _band(line: Line, page: Page) -> str:
    if line.bottom < page.height * BAND:
        return "top"
    if line.top > page.height * (1 - BAND):
        return "bottom"
    return ""


def drop_furniture(pages: list[Page]) -> None:
    """Remove page numbers and running headers and footers from `pages`, in place."""
    repeats: Counter[tuple[str, str]] = Counter()
    for page in pages:
        seen = {(b, _mask(x.text)) for x in page.lines if (b := _band(x, page))}
        repeats.update(seen)
    threshold = max(3, len(pages) // 3)
    for page in pages:
        if not page.lines:
            continue
        by_top = sorted(page.lines, key=lambda x: x.top)
        edges = {id(by_top[0]), id(by_top[-1])}
        kept = []
        for line in page.lines:
            band = _band(line, page)
            if (band or id(line) in edges) and PAGE_NUMBER.match(line.text):
                continue
            if band and len(line.text.replace(" ", "")) <= 2:
                continue  # a page number OCR misread (`l` for 1), a stray mark
            if band and len(pages) >= 3 and repeats[(band, _mask(line.text))] >= threshold:
                continue
            kept.append(line)
        page.lines = kept


def _mask(text: str) -> str:
    return _DIGITS.sub("#", text.lower())


def mark_footnotes(page: Page, body: float) -> None:
    """Flag the small lines at the foot of the page that start with a footnote number."""
    if not body or not page.lines:
        return
    by_top = sorted(page.lines, key=lambda x: x.top)
    zone: list[Line] = []
    for line in reversed(by_top):
        if line.size > body * FOOTNOTE_SIZE or line.top < page.height / 2:
            break
        zone.append(line)
    while zone and not footnote_start(zone[-1]):
        zone.pop()  # the topmost line of the zone must open a footnote
    if not zone:
        return
    marks = set()
    for line in zone:
        line.footnote = True
        m = footnote_start(line)
        if m:
            marks.add(m.group("mark"))
    for line in page.lines:
        if line.sups and not line.footnote and set(line.sups) <= marks:
            line.text = line.bare


def footnote_start(line: Line) -> re.Match[str] | None:
    """The footnote number a line opens with (`mark`), if it opens a footnote."""
    return (_OCR_FOOTNOTE_START if line.ocr else _FOOTNOTE_START).match(line.text)
