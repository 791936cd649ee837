"""Positioned lines of pages → paragraph Blocks, for readers that see a page's geometry.

The PDF reader (text layer) and OCR (Tesseract's word boxes) both hand over `Page`s of `Line`s
with positions in points. Here, for every reader alike:

- furniture is dropped: a line in the top or bottom band of the page (or the first or last
  line of the page) that is a page number (`Trang 3`, `3/12`, `- 3 -`), or that repeats,
  digits aside, in that band on many pages (a running header or footer);
- footnotes (small lines at the foot of a page, the first starting with its number) are set
  aside and come out as their own blocks (`style="footnote"`) after the paragraph they
  interrupted, and their superscript reference numbers are taken out of the text;
- lines are rejoined into paragraphs, across pages too. A line starts a new paragraph when it
  opens a structural unit (`Điều 5.`, `1.`, `a)`), when the style changes, after a vertical
  gap, when it is indented like a first line, or when its first word would have fitted on the
  line before (so the writer, not the margin, broke the line).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from ingest.blocks import Block
from ingest.linejoin import STRUCTURAL_START, glue

BAND = 0.09
"""Share of the page height, top and bottom, where running headers and footers live."""
FOOTNOTE_SIZE = 0.8
"""A footnote's font is at most this share of the body font."""
GAP = 1.25
"""A line further below the previous one than this many typical line pitches opens a paragraph."""

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
_BARE_LABEL = re.compile(
    r"^(?:Chương|CHƯƠNG|Mục|MỤC|Phần|PHẦN|Tiểu mục|TIỂU MỤC|Phụ lục|PHỤ LỤC)\s+\S+$"
)


@dataclass(slots=True)
class Line:
    """One line of text on a page, with its box in points and its style."""

    text: str
    page: int
    x0: float
    top: float
    x1: float
    bottom: float
    size: float = 0.0
    bold: bool = False
    italic: bool = False
    ocr: bool = False
    sups: tuple[str, ...] = ()
    """Superscript numbers in the line (footnote references, or the 2 of m2)."""
    bare: str = ""
    """The text without its superscript numbers (used when they are footnote references)."""
    reach: float = 0.0
    """Where lines can reach on the right: the column's margin, or a table cell's edge."""
    center: bool = False
    wide: bool = False
    """The line fills (nearly) the whole column, so whether it is centred cannot be seen."""
    footnote: bool = False

    @property
    def height(self) -> float:
        return max(self.bottom - self.top, 1.0)

    @property
    def char_width(self) -> float:
        return max(self.x1 - self.x0, 1.0) / max(len(self.text), 1)


@dataclass(slots=True)
class Page:
    """A page's size and its lines in reading order."""

    number: int
    width: float
    height: float
    lines: list[Line] = field(default_factory=list)


@dataclass(slots=True)
class _Geometry:
    """Where a page's text column is: its margins and its usual first-line indent."""

    left: float
    right: float
    indent: float = 0.0


@dataclass(slots=True)
class _Style:
    """The document's body font size and its typical line pitch."""

    size: float
    pitch: float


def to_blocks(pages: list[Page]) -> list[Block]:
    """The paragraphs of `pages`, furniture dropped and footnotes set aside."""
    drop_furniture(pages)
    style = _body_style(pages)
    fallback = _geometry([x for p in pages for x in p.lines], None, style.size)
    geometry = {}
    for page in pages:
        geometry[page.number] = _geometry(page.lines, fallback, style.size)
        _mark_centred(page.lines, geometry[page.number])
        _mark_reach(page.lines, geometry[page.number], style)
        _mark_footnotes(page, style.size)
    return list(_paragraphs((x for p in pages for x in p.lines), geometry, style))


# -- furniture -------------------------------------------------------------------------------


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


# -- page geometry and style ---------------------------------------------------------------


def _body_style(pages: list[Page]) -> _Style:
    sizes: Counter[float] = Counter()
    for page in pages:
        for line in page.lines:
            if line.size:
                sizes[round(line.size)] += len(line.text)
    size = float(sizes.most_common(1)[0][0]) if sizes else 0.0
    pitches: Counter[int] = Counter()
    for page in pages:
        for prev, line in zip(page.lines, page.lines[1:], strict=False):
            if abs(line.size - size) <= 1 and abs(prev.size - size) <= 1:
                step = line.top - prev.top
                if step > 0:
                    pitches[round(step)] += 1
    pitch = float(pitches.most_common(1)[0][0]) if pitches else size * 1.2
    return _Style(size=size, pitch=max(pitch, 1.0))


def _geometry(lines: list[Line], fallback: _Geometry | None, body: float) -> _Geometry:
    body_lines = [x for x in lines if not body or abs(x.size - body) <= 1.5 or x.ocr]
    if len(body_lines) < 4:
        if fallback is not None:
            return fallback
        body_lines = lines
    if not body_lines:
        return _Geometry(0.0, 1.0)
    lefts = Counter(2 * round(x.x0 / 2) for x in body_lines)
    needed = max(2, len(body_lines) // 5)
    common = [x for x, n in lefts.items() if n >= needed]
    left = float(min(common) if common else min(lefts))
    rights = sorted(x.x1 for x in body_lines)
    right = rights[int(len(rights) * 0.9) - 1 if len(rights) >= 10 else -1]
    indents = Counter(2 * round((x.x0 - left) / 2) for x in body_lines if x.x0 - left > 4)
    indent = float(indents.most_common(1)[0][0]) if indents else 0.0
    return _Geometry(left=left, right=max(right, left + 1), indent=indent)


def _mark_centred(lines: list[Line], geo: _Geometry) -> None:
    """Flag lines centred in the column (titles), and lines too wide to tell."""
    column = geo.right - geo.left
    for line in lines:
        cw = line.char_width
        left = line.x0 - geo.left
        right = geo.right - line.x1
        width = line.x1 - line.x0
        tolerance = max(3 * cw, 0.05 * column)
        if geo.indent and abs(left - geo.indent) <= 3:
            tolerance = 1.5 * cw  # starts where paragraphs do: centred only if exactly so
        line.center = (
            left > 2 * cw
            and right > 2 * cw
            and abs(left - right) <= tolerance
            and (line.bold or width <= 0.75 * column)
        )
        line.wide = width >= 0.9 * column


def _mark_reach(lines: list[Line], geo: _Geometry, style: _Style) -> None:
    """How far right each line could have run before the layout broke it.

    The column's right margin, except for a line with another line beside it (the cells of
    a header table, columns): there, the widest of the lines above and below it in the same
    cell, so that `NĐ-` / `CP` broken by a narrow cell is seen to be one line.
    """
    for line in lines:
        line.reach = geo.right
    by_top = sorted(lines, key=lambda x: x.top)
    window = 3 * style.pitch
    for i, line in enumerate(by_top):
        beside = False
        reach = line.x1
        for other in _near(by_top, i, window):
            if other.x0 < line.x1 and line.x0 < other.x1:  # above or below it
                reach = max(reach, other.x1)
            elif other.top < line.bottom and line.top < other.bottom:
                beside = True
        if beside:
            line.reach = min(reach, geo.right)


def _near(by_top: list[Line], i: int, window: float) -> Iterator[Line]:
    top = by_top[i].top
    for j in range(i - 1, -1, -1):
        if top - by_top[j].top > window:
            break
        yield by_top[j]
    for j in range(i + 1, len(by_top)):
        if by_top[j].top - top > window:
            break
        yield by_top[j]


def _mark_footnotes(page: Page, body: float) -> None:
    """Flag the small lines at the foot of the page that start with a footnote number."""
    if not body or not page.lines:
        return
    by_top = sorted(page.lines, key=lambda x: x.top)
    zone: list[Line] = []
    for line in reversed(by_top):
        if line.size > body * FOOTNOTE_SIZE or line.top < page.height / 2:
            break
        zone.append(line)
    while zone and not _footnote_start(zone[-1]):
        zone.pop()  # the topmost line of the zone must open a footnote
    if not zone:
        return
    marks = set()
    for line in zone:
        line.footnote = True
        m = _footnote_start(line)
        if m:
            marks.add(m.group("mark"))
    for line in page.lines:
        if line.sups and not line.footnote and set(line.sups) <= marks:
            line.text = line.bare


def _footnote_start(line: Line) -> re.Match[str] | None:
    return (_OCR_FOOTNOTE_START if line.ocr else _FOOTNOTE_START).match(line.text)


# -- paragraphs ------------------------------------------------------------------------------


def _paragraphs(
    lines: Iterable[Line], geometry: dict[int, _Geometry], style: _Style
) -> Iterator[Block]:
    current: Block | None = None
    first: Line | None = None
    prev: Line | None = None
    notes: list[Block] = []
    for line in lines:
        if line.footnote:
            if notes and not _footnote_start(line):
                notes[-1].text = glue(notes[-1].text, line.text)
            else:
                notes.append(_block(line, style="footnote"))
            continue
        if (
            current is not None
            and prev is not None
            and first is not None
            and _continues(current.text, first, prev, line, geometry, style)
        ):
            current.text = glue(current.text, line.text)
            current.bold = current.bold and line.bold
            current.center = current.center or (prev.wide and line.center)
        else:
            if current is not None:
                yield current
            yield from notes
            notes = []
            current = _block(line)
            first = line
        prev = line
    if current is not None:
        yield current
    yield from notes


def _block(line: Line, style: str = "") -> Block:
    return Block(
        text=line.text,
        page=line.page,
        bold=line.bold,
        italic=line.italic,
        size=line.size,
        center=line.center,
        ocr=line.ocr,
        style=style,
    )


def _continues(
    text: str, first: Line, prev: Line, line: Line, geometry: dict[int, _Geometry], style: _Style
) -> bool:
    """Whether `line` carries on the paragraph `text` whose last line is `prev`."""
    geo, here = geometry[prev.page], geometry[line.page]
    if STRUCTURAL_START.match(line.text) or _BARE_LABEL.match(text):
        return False
    if line.center != prev.center and not prev.wide:
        return False
    if sum(c.isalpha() for c in line.text) > 3:  # a word alone says little about its style
        if line.bold != prev.bold and not line.ocr:
            return False
        tolerance = 0.3 if line.ocr or prev.ocr else 0.15
        if abs(line.size - prev.size) > max(1.0, tolerance * max(line.size, prev.size)):
            return False
    if line.page == prev.page:
        if line.top < prev.bottom - prev.height / 2:
            return False  # beside or above the previous line: another column or cell
        pitch = style.pitch * (prev.size / style.size if style.size and prev.size else 1)
        if line.top - prev.top > pitch * GAP:
            return False
    if line.center and (prev.center or prev.wide):
        return True  # a centred title over several lines
    cw = max(prev.char_width, line.char_width * 0.5)
    word = line.text.split(" ", 1)[0]
    if prev.reach - prev.x1 > (len(word) + 2) * cw:
        return False  # the first word would have fitted on the line before
    indent = (line.x0 - here.left) - (prev.x0 - geo.left)
    return not (prev is not first and indent > 1.5 * cw)
