"""Positioned lines of pages → paragraph Blocks, for readers that see a page's geometry.

The PDF reader (text layer) and OCR (Tesseract's word boxes) both hand over `Page`s of `Line`s
with positions in points. Here, for every reader alike, furniture is dropped and footnotes set
aside (`furniture`; a footnote comes out as its own block, `style="footnote"`, after the
paragraph it interrupted), and lines are rejoined into paragraphs, across pages too. A line
starts a new paragraph when it opens a structural unit (`Điều 5.`, `1.`, `a)`), when the style
changes, after a vertical gap, when it is indented like a first line, or when its first word
would have fitted on the line before (so the writer, not the margin, broke the line).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ingest.blocks import Block
from ingest.linejoin import STRUCTURAL_START, glue
from ingest.readers.furniture import drop_furniture, footnote_start, mark_footnotes
from ingest.readers.lines import Line, Page

GAP = 1.25
"""A line further below the previous one than this many typical line pitches opens a paragraph."""

_BARE_LABEL = re.compile(
    r"^(?:Chương|CHƯƠNG|Mục|MỤC|Phần|PHẦN|Tiểu mục|TIỂU MỤC|Phụ lục|PHỤ LỤC)\s+\S+$"
)


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
        mark_footnotes(page, style.size)
    return list(_paragraphs((x for p in pages for x in p.lines), geometry, style))


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
            if notes and not footnote_start(line):
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
