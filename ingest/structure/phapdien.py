"""Pháp điển Markdown (the official codification): topics of articles gathered from many laws.

```
Chương I
NHỮNG QUY ĐỊNH CHUNG
Điều 30.2.LQ.1. Phạm vi điều chỉnh
(Điều 1 Luật số 26/2008/QH12, có hiệu lực thi hành kể từ ngày 01/07/2009, …)
Luật này quy định …
(Điều này có nội dung liên quan đến Điều 30.3.LQ.17. …; Điều 30.3.LQ.158. …)
```

Each `Điều 30.2.LQ.45.` heading opens an article whose source line names the original document
and article: the article keeps both ids (`number` = `30.2.LQ.45`, `law` = `26/2008/QH12`,
`article` = `45`, or `7a` for `(Điều 7a Luật số 64/2014/QH13 …)`). Clauses and points below it
are read as in any regulation.

What is a heading: `Điều <code>.` at the start of a paragraph, or glued to the end of the one
before it right after a sentence or a closing bracket (`…nêu rõ lý do.Điều 30.2.NĐ.1.51. …`,
`…ban hành ngày 16/05/2017)Điều 4.1.TT.4.3. …`); a container heading (`Chương IV`, `Mục 6`)
glued to the end of a paragraph after a sentence or an upper-case title (`…nhà nước.Chương IV`,
`…ĐIỀU KHOẢN THI HÀNHMục 6`) is cut off the same way. The topic's own containers are plain
lines: bold ones (`**Chương III**`) head forms quoted inside an article and stay its text.
The notes `(Điều này / Chương này / Mục này có nội dung liên quan đến Điều 30.2.LQ.1. …; …)`
name other articles after `đến` and `;`: they are navigation, not text, and are left out. The
list under `## Danh sách điều khoản` is a table of contents and is not read.

A code is unique in a topic: should a heading repeat a code already read, the repeat is the
same article printed twice and is skipped with its text up to the next heading (the first
occurrence is kept). No file in the corpus does this; the rule keeps ids unique if one does.
"""

from __future__ import annotations

import itertools
import re

from corpus.model import Provision
from corpus.numbers import NUMBER_PATTERN, normalize_number
from ingest.blocks import Block
from ingest.structure import units
from ingest.structure.regulation import RegulationParser

TOC_HEADING = "danh sách điều khoản"
CODE = r"\d+\.\d+\.[A-ZĐ]+(?:\.\d+)+[a-z]?"
_HEADING = re.compile(rf"^Điều\s+(?P<code>{CODE})\.(?:\s+(?P<title>.*)|\s*$)")
_GLUED = re.compile(rf"(?<=[.)”\"])\s*(?=Điều\s+{CODE}\.(?:\s|$))")
_GLUED_CONTAINER = re.compile(r"(?:Phần|Chương|Mục|Tiểu mục)\s+[IVXLC\d]+\s*$")
_NOTE = re.compile(r"\((?:Điều|Chương|Mục|Tiểu mục|Phần|Khoản) này có nội dung liên quan")
_SOURCE = re.compile(r"^\(\s*Điều\s+(?P<article>\d+[a-zđ]?)\b[^()]*?\bsố\s+(?P<law>[^\s,;)]+)")


def is_phapdien(blocks: list[Block], meta: dict[str, str]) -> bool:
    """Pháp điển files have `Điều <n>.<n>.<XX>.<n>.` headings; sniff the first blocks."""
    hits = sum(1 for b in blocks[:400] for piece in _pieces(b.text) if _HEADING.match(piece))
    return hits >= 2 or ("permalink" in meta and hits >= 1)


def split_glued(blocks: list[Block]) -> list[Block]:
    """Cut headings and notes glued to the paragraph before them into blocks of their own."""
    out: list[Block] = []
    for block in blocks:
        pieces = _pieces(block.text)
        if len(pieces) == 1:
            out.append(block)
            continue
        for piece in pieces:
            out.append(
                Block(
                    text=piece,
                    page=block.page,
                    page_end=block.page_end,
                    bold=block.bold,
                    heading=block.heading,
                )
            )
    return out


def _pieces(text: str) -> list[str]:
    cuts = {0, len(text)}
    cuts.update(m.start() for m in _NOTE.finditer(text))
    cuts.update(m.end() for m in _GLUED.finditer(text))
    tail = _GLUED_CONTAINER.search(text)
    before = text[: tail.start()].rstrip() if tail else ""
    if before and (before[-1] in '.)”"' or before[-1].isupper()):
        cuts.add(tail.start())
    ordered = sorted(cuts)
    return [p for a, b in itertools.pairwise(ordered) if (p := text[a:b].strip())]


class PhapdienParser(RegulationParser):
    """RegulationParser with Pháp điển codes for articles and source lines for their origin."""

    def __init__(self, blocks: list[Block]) -> None:
        super().__init__(split_glued(blocks))
        self.codes: set[str] = set()
        self.skipping = False
        self.done = False

    def feed(self, index: int, text: str, block: Block) -> None:
        if block.heading and TOC_HEADING in text.lower():
            self.done = True
        if self.done or block.heading == 1 or _NOTE.match(text):
            return
        article = self.current("dieu")
        if article is not None and article.law is None and not article.text:
            source = _SOURCE.match(text)
            law = NUMBER_PATTERN.match(source.group("law")) if source else None
            if source and law and not article.children:
                article.law = normalize_number(law.group(0))
                article.article = source.group("article")
                return
        if self.skipping and not (
            _HEADING.match(text) or any(p.match(text) for _, p in units.CONTAINERS)
        ):
            return
        self.skipping = False
        super().feed(index, text, block)

    def match_article(self, index: int, text: str, block: Block) -> tuple[str, str] | None:
        m = _HEADING.match(text)
        if m is None:
            return None
        code = m.group("code")
        if code in self.codes:
            self.skipping = True
            return None
        self.codes.add(code)
        return code, (m.group("title") or "").strip()

    def starts_end(self, text: str, block: Block) -> bool:
        return False

    def open_container(self, index: int, text: str, block: Block) -> Provision | None:
        """The topic's own Chương/Mục are plain lines; a bold `**Chương III**` heads a form
        quoted inside an article and stays that article's text."""
        return None if block.bold else super().open_container(index, text, block)

    def clause_follows(self, last: str | None, new: str) -> bool:
        """An article of a topic may hold only some clauses of the original (`3.`, `4.`)."""
        return last is None or units.article_key(new) > units.article_key(last)

    def point_follows(self, last: str | None, new: str) -> bool:
        order = units.POINT_ORDER
        if last is None or new[0] not in order or last[0] not in order:
            return last is None
        return (order.index(new[0]), new[1:]) > (order.index(last[0]), last[1:])


def parse_phapdien(blocks: list[Block]) -> list[Provision]:
    """Parse the body of a Pháp điển topic into chapters and articles (with khoản/điểm)."""
    return PhapdienParser(blocks).parse()
