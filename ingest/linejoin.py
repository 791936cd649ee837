"""Rejoin lines that a layout broke inside a sentence, and tell where a new paragraph starts.

Used by the PDF and OCR readers (and plain text with hard-wrapped lines). A line starts a new
paragraph when it opens a structural unit (`Điều 5.`, `Chương II`, `1.`, `a)`, `-`, `+`), when
the line before it closed a sentence and this one starts with a capital, or when the caller says
the gap or the style changed.
"""

from __future__ import annotations

import re

STRUCTURAL_START = re.compile(
    r"^\s*(?:"
    r"(?:Điều|ĐIỀU)\s+\d+[a-zđ]?\s*[.:]"
    r"|(?:Chương|CHƯƠNG|Mục|MỤC|Phần|PHẦN|Tiểu mục|TIỂU MỤC)\s+[IVXLCDM\d]+\b"
    r"|(?:PHẦN|Phần)\s+THỨ\b"
    r"|(?:Phụ lục|PHỤ LỤC)\b"
    r"|\d{1,3}(?:\.\d{1,3})*\.(?:\s|$)"
    r"|[a-zđ]\)\s"
    r"|[IVXLC]{1,6}\.\s"
    r"|[-–•+*]\s"
    r"|Căn cứ\s"
    r")"
)
_SENTENCE_END = re.compile(r"[.:;!?…”\"')]\s*$")


def starts_paragraph(prev: str, line: str) -> bool:
    """True when `line` should not be glued onto `prev`."""
    if not prev.strip():
        return True
    if STRUCTURAL_START.match(line):
        return True
    stripped = line.lstrip()
    if not stripped:
        return True
    return bool(_SENTENCE_END.search(prev) and (stripped[0].isupper() or stripped[0] in '“"('))


def glue(prev: str, line: str) -> str:
    """Join two pieces of one paragraph with one space.

    Vietnamese is not hyphenated at line ends, so a trailing hyphen is kept as written.
    """
    prev = prev.rstrip()
    line = line.strip()
    return f"{prev} {line}" if prev else line
