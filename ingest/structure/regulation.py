"""The body of a regulation: Phần > Chương > Mục > Tiểu mục > Điều > Khoản > Điểm, Phụ lục.

A single pass over the blocks keeps a stack of open units. Text that opens no unit belongs to
the deepest open one. Two things end the body's own list of articles:
- an amending instruction (`Sửa đổi, bổ sung Điều 5 như sau:`) opens a quotation: the quoted
  articles, clauses and points belong to the instruction's text, not to this document's tree;
- the signature block, `Nơi nhận:`, and the appendices/forms after them (`Phụ lục`, `Mẫu số`),
  whose own `Điều 1.` (a model charter, a form of decision) are not articles of this document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from corpus.model import Provision
from ingest.blocks import Block

_PHAN = re.compile(
    r"^(?:PHẦN|Phần)\s+(?P<num>THỨ\s+[A-ZÀ-Ỹ]+|thứ\s+\S+|[IVXLC]+|\d+)\b[.:]?\s*(?P<title>.*)$"
)
_CHUONG = re.compile(
    r"^(?:CHƯƠNG|Chương)\s+(?P<num>[IVXLC]+|\d+)(?P<suffix>[a-z]?)\b[.:]?\s*(?P<title>.*)$"
)
_MUC = re.compile(r"^(?:MỤC|Mục)\s+(?P<num>\d+|[IVXLC]+)\b[.:]?\s*(?P<title>.*)$")
_TIEU_MUC = re.compile(r"^(?:TIỂU MỤC|Tiểu mục)\s+(?P<num>\d+)\b[.:]?\s*(?P<title>.*)$")
_DIEU = re.compile(r"^(?:Điều|ĐIỀU)\s+(?P<num>\d+[a-zđ]?)\s*[.:]\s*(?P<title>.*)$")
_KHOAN = re.compile(r"^(?P<num>\d{1,3}[a-zđ]?)\s*[.)]\s+(?P<text>\S.*)$")
_DIEM = re.compile(r"^(?P<num>[a-zđ](?:\d)?)\)\s*(?P<text>\S.*)$")
_PHU_LUC = re.compile(
    r"^(?:PHỤ LỤC|Phụ lục)(?:\s+(?P<num>[IVXLC]+|\d+[a-z]?))?\b[.:]?\s*(?P<title>.*)$"
)
_END = re.compile(
    r"^(?:Nơi nhận\s*:|TM\.\s|KT\.\s|Q\.\s|TL\.\s|TUQ\.\s|CHỦ TỊCH QUỐC HỘI|THỦ TƯỚNG\b|"
    r"BỘ TRƯỞNG\b|CHÁNH ÁN\b|VIỆN TRƯỞNG\b)"
)
_QUOTE_OPEN = ("“", '"', "„", "«")
_QUOTE_CLOSE = re.compile(r"[”\"»]\s*[.;,]?\s*(?:\(\S+\))?\s*$")

_LEVEL = {"phan": 0, "chuong": 1, "muc": 2, "tieu_muc": 3, "dieu": 4, "khoan": 5, "diem": 6}


@dataclass(slots=True)
class _Open:
    node: Provision
    level: int


class RegulationParser:
    """Builds the provision tree from body blocks (header already removed)."""

    def __init__(self) -> None:
        self.roots: list[Provision] = []
        self.stack: list[_Open] = []
        self.pending_title: Provision | None = None
        self.quoting = False
        self.ended = False

    def parse(self, blocks: list[Block]) -> list[Provision]:
        for block in blocks:
            self.feed(block)
        return self.roots

    # -- the state machine -----------------------------------------------------------------

    def feed(self, block: Block) -> None:
        text = block.text.strip()
        if not text:
            return
        if self.quoting:
            self._append(text, block)
            if _QUOTE_CLOSE.search(text):
                self.quoting = False
            return
        if self.ended:
            self._after_end(text, block)
            return
        if self._starts_end(text, block):
            self.ended = True
            self.stack = [o for o in self.stack if o.node.kind == "phu_luc"]
            return
        if self.pending_title is not None and self._take_title(text, block):
            return
        if text.startswith(_QUOTE_OPEN) and self._inside_article():
            self._append(text, block)
            self.quoting = not _QUOTE_CLOSE.search(text[1:])
            return
        matched = self._match_unit(text, block)
        if matched is None:
            self._append(text, block)

    def _match_unit(self, text: str, block: Block) -> Provision | None:
        for kind, pattern in (
            ("phan", _PHAN),
            ("chuong", _CHUONG),
            ("muc", _MUC),
            ("tieu_muc", _TIEU_MUC),
        ):
            m = pattern.match(text)
            if m and self._container_ok(kind, m, block):
                number = m.group("num") + (m.groupdict().get("suffix") or "")
                node = self._open(kind, number.strip(), m.group("title").strip(), block)
                if not node.title:
                    self.pending_title = node
                return node
        m = _DIEU.match(text)
        if m:
            return self._open("dieu", m.group("num"), m.group("title").strip(), block)
        if self._inside_article():
            m = _KHOAN.match(text)
            if m and self._clause_ok(m.group("num")):
                return self._open("khoan", m.group("num"), "", block, m.group("text"))
            m = _DIEM.match(text)
            if m:
                return self._open("diem", m.group("num"), "", block, m.group("text"))
        return None

    def _container_ok(self, kind: str, m: re.Match[str], block: Block) -> bool:
        title = m.group("title")
        if kind in ("muc", "tieu_muc") and title and title[:1].islower():
            return False  # "Mục họ tên người nộp tiền: …" is prose
        if kind == "phan" and title and title[:1].islower():
            return False
        return not (len(title) > 200)

    def _clause_ok(self, number: str) -> bool:
        article = self._current("dieu")
        if article is None:
            return False
        clauses = [c for c in article.children if c.kind == "khoan"]
        if not clauses:
            return number in ("1", "1a")
        last = clauses[-1].number
        return _next_number(last, number)

    def _open(self, kind: str, number: str, title: str, block: Block, text: str = "") -> Provision:
        level = _LEVEL[kind]
        while self.stack and self.stack[-1].level >= level:
            self.stack.pop()
        if kind == "diem" and not any(o.node.kind in ("dieu", "khoan") for o in self.stack):
            level = _LEVEL["diem"]
        node = Provision(
            kind=kind,
            number=number,
            title=title,
            text=text.strip(),
            page=block.page,
            page_end=block.page,
        )
        parent = self.stack[-1].node if self.stack else None
        (parent.children if parent else self.roots).append(node)
        self.stack.append(_Open(node, level))
        self.pending_title = None
        return node

    def _take_title(self, text: str, block: Block) -> bool:
        node = self.pending_title
        self.pending_title = None
        if node is None or _DIEU.match(text) or _CHUONG.match(text) or _MUC.match(text):
            return False
        if text == text.upper() or block.bold or block.heading or block.center:
            node.title = text
            return True
        return False

    def _append(self, text: str, block: Block) -> None:
        if not self.stack:
            return
        node = self.stack[-1].node
        node.text = f"{node.text}\n{text}" if node.text else text
        node.page_end = block.page

    def _inside_article(self) -> bool:
        return any(o.node.kind == "dieu" for o in self.stack)

    def _current(self, kind: str) -> Provision | None:
        for o in reversed(self.stack):
            if o.node.kind == kind:
                return o.node
        return None

    def _starts_end(self, text: str, block: Block) -> bool:
        if not self.roots:
            return False
        if _END.match(text):
            return True
        return bool(_PHU_LUC.match(text) and (block.center or block.bold or text == text.upper()))

    def _after_end(self, text: str, block: Block) -> None:
        m = _PHU_LUC.match(text)
        if m and (block.center or block.bold or text == text.upper() or block.heading):
            node = Provision(
                kind="phu_luc",
                number=(m.group("num") or "").strip(),
                title=m.group("title").strip(),
                page=block.page,
                page_end=block.page,
            )
            self.roots.append(node)
            self.stack = [_Open(node, -1)]
            if not node.title:
                self.pending_title = node
            return
        if self.pending_title is not None and self._take_title(text, block):
            return
        if self.stack:
            self._append(text, block)


def _next_number(last: str, new: str) -> bool:
    """Clause numbers run 1, 2, 3 (with inserted 2a): `new` must follow `last`."""
    ml, mn = re.match(r"(\d+)", last), re.match(r"(\d+)", new)
    if not ml or not mn:
        return False
    a, b = int(ml.group(1)), int(mn.group(1))
    return b == a + 1 or (b == a and new != last)


def parse_regulation_body(blocks: list[Block]) -> list[Provision]:
    """Parse the body blocks of a regulation into its provision tree."""
    return RegulationParser().parse(blocks)
