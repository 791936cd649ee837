"""Tesseract's TSV (one row per word, with its box) → positioned Lines in reading order.

Tesseract puts words that share a baseline on one line even across a wide gap, so the two cells
of an office header (`CHÍNH PHỦ` | `CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM`) come out as one line.
Here a line is split where the gap between two words is wider than `COLUMN_GAP` letters, and a
run of such split lines (with the lines that carry on one of its columns) is read column by
column, as the text layer of a PDF would give it.
"""

from __future__ import annotations

import csv
import io
import itertools
import re
from dataclasses import dataclass

from corpus.vntext import clean_line
from ingest.readers.lines import Line

EM_PER_LETTER = 0.5
"""Average width of a letter in ems: an OCR line's font size is estimated from its words' widths
(the median word), which are steadier than their heights (marks and descenders swing them)."""
COLUMN_GAP = 3.0
"""A gap between words wider than this many letters separates two columns."""
_STRAY_MARKS = re.compile(r"[\u02b0-\u02ff]")
"""Spacing modifier letters (`ˆ`, `˜`): never Vietnamese text, only specks and rules misread."""


@dataclass(slots=True)
class _Word:
    text: str
    left: int
    top: int
    right: int
    bottom: int

    @property
    def letter(self) -> float:
        return (self.right - self.left) / max(len(self.text), 1)


def tsv_lines(tsv: str, page: int, scale: float) -> list[Line]:
    """Tesseract TSV → Lines in reading order; `scale` turns pixels into points."""
    rows: dict[tuple[str, str, str], list[_Word]] = {}
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        text = (row.get("text") or "").strip()
        if row.get("level") == "5" and text:
            left, top = int(row["left"]), int(row["top"])
            word = _Word(text, left, top, left + int(row["width"]), top + int(row["height"]))
            rows.setdefault((row["block_num"], row["par_num"], row["line_num"]), []).append(word)
    segments = [_split(words) for words in rows.values()]
    lines = []
    for piece in _reading_order(segments):
        line = _line(piece, page, scale)
        if line is not None:
            lines.append(line)
    return lines


def _split(words: list[_Word]) -> list[list[_Word]]:
    """A Tesseract line cut where a gap is too wide to be between two words of one line."""
    letter = sorted(w.letter for w in words)[len(words) // 2]
    pieces = [[words[0]]]
    for prev, word in itertools.pairwise(words):
        if word.left - prev.right > COLUMN_GAP * letter:
            pieces.append([])
        pieces[-1].append(word)
    return pieces


def _reading_order(segments: list[list[list[_Word]]]) -> list[list[_Word]]:
    """Lines in Tesseract's order, except that runs of split lines are read column by column."""
    out: list[list[_Word]] = []
    i = 0
    while i < len(segments):
        if len(segments[i]) < 2:
            out.extend(segments[i])
            i += 1
            continue
        run = [piece for line in segments[i : i + 1] for piece in line]
        split_at = min(p[0].left for p in segments[i][1:])
        i += 1
        while i < len(segments):
            line = segments[i]
            one_side = len(line) == 1 and (
                line[0][-1].right < split_at or line[0][0].left >= split_at
            )
            if len(line) < 2 and not one_side:
                break
            run.extend(line)
            split_at = min([split_at, *(p[0].left for p in line[1:])])
            i += 1
        left = sorted((p for p in run if p[0].left < split_at), key=lambda p: p[0].top)
        right = sorted((p for p in run if p[0].left >= split_at), key=lambda p: p[0].top)
        out.extend(left + right)
    return out


def _line(words: list[_Word], page: int, scale: float) -> Line | None:
    text = clean_line(_STRAY_MARKS.sub("", " ".join(w.text for w in words)))
    if not text:
        return None
    letter = sorted(w.letter for w in words)[len(words) // 2]
    return Line(
        text=text,
        page=page,
        x0=min(w.left for w in words) * scale,
        top=min(w.top for w in words) * scale,
        x1=max(w.right for w in words) * scale,
        bottom=max(w.bottom for w in words) * scale,
        size=round(letter * scale / EM_PER_LETTER, 1),
        ocr=True,
    )
