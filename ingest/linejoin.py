"""Rejoin lines that a layout broke inside a sentence, and tell where a new paragraph starts.

`STRUCTURAL_START` (a line opening `Điều 5.`, `Chương II`, `1.`, `a)`) is shared by every
reader; the PDF and OCR readers add what they see on the page (`ingest.readers.layout`), while
plain text with hard-wrapped lines falls back on `starts_paragraph`: a structural start, a dash
item, or a capital after a line that closed a sentence. `glue` joins the pieces.
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
    r"|Căn cứ\s"
    r")"
)
BULLET_START = re.compile(r"^\s*[-–•+*]\s")
"""A dash or bullet item. Also how a line may begin inside a sentence (`chính trị` /
`- xã hội`), so readers that see the page trust its geometry instead."""
_SENTENCE_END = re.compile(r"[.:;!?…”\"')]\s*$")
_SLASH_END = re.compile(r"[\w%]/$")
_CODE_HYPHEN_END = re.compile(r"[A-ZĐ0-9]-$")


def starts_paragraph(prev: str, line: str) -> bool:
    """True when `line` should not be glued onto `prev`."""
    if not prev.strip():
        return True
    if STRUCTURAL_START.match(line) or BULLET_START.match(line):
        return True
    stripped = line.lstrip()
    if not stripped:
        return True
    return bool(_SENTENCE_END.search(prev) and (stripped[0].isupper() or stripped[0] in '“"('))


def glue(prev: str, line: str) -> str:
    """Join two pieces of one paragraph with one space, or none inside a number.

    A layout may break a line after the slash of `45/2005/QH11` or `18%/năm`, or after the
    hyphen of `NĐ-CP` or `6360-LAV`: those are glued back without a space. Vietnamese is not
    hyphenated at line ends, so a hyphen is always kept as written.
    """
    prev = prev.rstrip()
    line = line.strip()
    if not prev:
        return line
    if _SLASH_END.search(prev) and line[:1].isalnum():
        return prev + line
    if _CODE_HYPHEN_END.search(prev) and (line[:1].isupper() or line[:1].isdigit()):
        return prev + line
    return f"{prev} {line}"
