"""Sectioned documents that are not regulations: court precedents (án lệ), reports, topics.

Headings are recognised by their numbering (`I.`, `1.`, `a)`) or by looking like a heading
(bold or upper-case short line, often ending with `:` as in `NHẬN ĐỊNH CỦA TÒA ÁN:`). Each
heading opens a `section` provision; paragraphs below it are its text. Levels: Roman numerals
above Arabic numbers above letters; unnumbered headings sit at the top level.
"""

from __future__ import annotations

import re

from corpus.model import Provision
from ingest.blocks import Block

_ROMAN = re.compile(r"^(?P<num>[IVXLC]{1,6})[.)]\s+(?P<title>\S.*)$")
_ARABIC = re.compile(r"^(?P<num>\d{1,2}(?:\.\d{1,2})*)[.)]\s+(?P<title>\S.*)$")
_LETTER = re.compile(r"^(?P<num>[a-zđ])\)\s+(?P<title>\S.*)$")
MAX_HEADING_CHARS = 160


def looks_like_heading(block: Block) -> bool:
    """A short line set apart by style: bold, a heading style, or all capitals."""
    text = block.text.strip()
    if not text or len(text) > MAX_HEADING_CHARS:
        return False
    letters = [c for c in text if c.isalpha()]
    upper = bool(letters) and sum(c.isupper() for c in letters) / len(letters) > 0.85
    return bool(
        block.heading
        or (block.bold and (upper or text.endswith(":") or len(text) < 100))
        or (upper and len(letters) > 3)
    )


def parse_sections(blocks: list[Block]) -> list[Provision]:
    """Parse body blocks into a tree of `section` provisions."""
    roots: list[Provision] = []
    stack: list[tuple[int, Provision]] = []
    preamble: Provision | None = None
    for block in blocks:
        text = block.text.strip()
        if not text:
            continue
        level, number, title = _heading(block, text)
        if level:
            node = Provision(
                kind="section",
                number=number,
                title=title,
                page=block.page,
                page_end=block.last_page,
            )
            while stack and stack[-1][0] >= level:
                stack.pop()
            (stack[-1][1].children if stack else roots).append(node)
            stack.append((level, node))
            continue
        if stack:
            target = stack[-1][1]
        else:
            if preamble is None:
                preamble = Provision(kind="section", number="", title="", page=block.page)
                roots.append(preamble)
            target = preamble
        target.text = f"{target.text}\n{text}" if target.text else text
        target.page_end = block.last_page
    return roots


def _heading(block: Block, text: str) -> tuple[int, str, str]:
    styled = looks_like_heading(block)
    for level, pattern in ((1, _ROMAN), (2, _ARABIC), (3, _LETTER)):
        m = pattern.match(text)
        if m and (styled or len(text) < 120):
            return level + 1, m.group("num"), m.group("title").strip()
    if styled and not text.endswith((";", ",")):
        return 1, "", text.rstrip(":").strip()
    return 0, "", ""
