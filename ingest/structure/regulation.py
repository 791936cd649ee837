"""The body of a regulation: Phần > Chương > Mục > Tiểu mục > Điều > Khoản > Điểm, then Phụ lục.

One pass over the blocks keeps a stack of open units; text that opens no unit belongs to the
deepest open one. What is and is not a unit of this document:
- An article heading (`Điều 8.`) opens an article when its number follows the last article
  (`7` → `8`, `7` → `7a`), or when it is styled as a heading and skips a few numbers. A line
  that only looks like one (`… khoản 3` / `Điều 50. Nghị định này.` from a hard-wrapped line)
  stays text. Where OCR garbled a styled heading's number (`85`, `56`, `87`), the number is
  repaired from its neighbours.
- Clauses (`1.`, `2a.`) and points (`a)`, `đ)`, `a1)`) must follow the previous one's number.
- An amending instruction quotes the text it inserts (`Sửa đổi Điều 5 như sau: “Điều 5. …”`):
  from a block that opens a quotation to the block that closes it, everything is text of the
  instruction, never units of this document.
- The body ends at `Nơi nhận:`, the signature block (`TM. CHÍNH PHỦ`, `CHỦ TỊCH QUỐC HỘI`), a
  law's adoption line (`Bộ luật này đã được Quốc hội … thông qua ngày …`) or the first appendix.
  After it only appendices (`Phụ lục I`) and forms (`Mẫu số 01`) are read, as `phu_luc`
  provisions (forms nested in the numbered appendix they follow); their own `Điều 1.` (a
  model charter, a form of decision) are text of the appendix.
"""

from __future__ import annotations

from dataclasses import dataclass

from corpus.model import Provision
from ingest.blocks import Block
from ingest.structure import units
from ingest.structure.appendix import AppendixReader

_FORMULA = ("Căn cứ", "Theo đề nghị", "Xét đề nghị", "QUYẾT NGHỊ", "QUYẾT ĐỊNH:")


@dataclass(slots=True)
class _Open:
    node: Provision
    level: int


class RegulationParser:
    """Builds the provision tree from body blocks (header already removed)."""

    def __init__(self, blocks: list[Block]) -> None:
        self.blocks = blocks
        self.roots: list[Provision] = []
        self.stack: list[_Open] = []
        self.pending_title: Provision | None = None
        self.quoting = False
        self.prev_text = ""
        self.last_article: str | None = None
        self.chapters = 0
        self.styled_doc = _styles_its_articles(blocks)
        self.appendices: AppendixReader | None = None

    def parse(self) -> list[Provision]:
        for index, block in enumerate(self.blocks):
            text = block.text.strip()
            if text:
                self.feed(index, text, block)
                self.prev_text = text
        _close_page_spans(self.roots)
        return self.roots

    # -- the state machine -------------------------------------------------------------------

    def feed(self, index: int, text: str, block: Block) -> None:
        if self.appendices is not None:
            self.appendices.feed(index, text, block)
            return
        if self.quoting:
            if units.END_STRONG.match(text) or self._resumes_own_articles(text, block):
                self.quoting = False  # an unclosed quotation does not swallow the rest
            else:
                self.append(text, block)
                self.quoting = not units.closes_quotation(text)
                return
        if self.starts_end(text, block):
            self.stack = []
            self.appendices = AppendixReader(self.blocks, self.roots)
            self.appendices.feed(index, text, block)
            return
        if self.pending_title is not None and self.take_title(text, block):
            return
        if text[:1] in units.QUOTES and self.stack:
            self.append(text, block)
            inner = text[1:].lstrip()
            if units.opens_quotation(text) and (
                self.prev_text.endswith(":") or units.looks_like_provision(inner)
            ):
                self.quoting = True
            return
        if self.open_unit(index, text, block) is None:
            self.append(text, block)

    def open_unit(self, index: int, text: str, block: Block) -> Provision | None:
        node = self.open_container(index, text, block)
        if node is not None:
            return node
        heading = self.match_article(index, text, block)
        if heading is not None:
            number, title = heading
            node = self.open("dieu", number, title, block)
            self.last_article = number
            if not node.title:
                self.pending_title = node
            return node
        article = self.current("dieu")
        if article is None:
            return None
        m = units.KHOAN.match(text)
        if m and self.clause_follows(_last_number(article, "khoan"), m.group("num")):
            return self.open("khoan", m.group("num"), "", block, m.group("text") or "")
        m = units.DIEM.match(text)
        if m:
            parent = self.current("khoan") or article
            if self.point_follows(_last_number(parent, "diem"), m.group("num")):
                return self.open("diem", m.group("num"), "", block, m.group("text") or "")
        return None

    def clause_follows(self, last: str | None, new: str) -> bool:
        return units.next_clause(last, new)

    def point_follows(self, last: str | None, new: str) -> bool:
        return units.next_point(last, new)

    def open_container(self, index: int, text: str, block: Block) -> Provision | None:
        for kind, pattern in units.CONTAINERS:
            m = pattern.match(text)
            if m and self.container_ok(m.group("title"), block):
                number = m.group("num") + (m.groupdict().get("suffix") or "")
                if kind == "chuong":
                    self.chapters = units.roman_value(number) if units.ROMAN.match(number) else 0
                title = m.group("title").strip()
                if not any(c.isalnum() for c in title):
                    title = ""  # `Chương V „ :` in OCR text
                return self.open_titled(kind, number.strip(), title, block)
        m = units.CHUONG_GARBLED.match(text)
        title = (m.group("title") or "").strip() if m else ""
        if m and (units.is_upper(title) if title else self._heading_follows(index, block)):
            self.chapters += 1
            return self.open_titled("chuong", units.roman(self.chapters), title, block)
        return None

    def _heading_follows(self, index: int, block: Block) -> bool:
        """`Chương ]` alone on a line is a chapter when styled or followed by its title."""
        following = [b.text.strip() for b in self.blocks[index + 1 : index + 3] if b.text.strip()]
        return units.styled(block) or (bool(following) and units.is_upper(following[0]))

    def open_titled(self, kind: str, number: str, title: str, block: Block) -> Provision:
        node = self.open(kind, number, title, block)
        if not node.title:
            self.pending_title = node
        return node

    def container_ok(self, title: str, block: Block) -> bool:
        """`Chương II` / `Mục 1. THỜI HẠN` are headings; `Mục 2 Chương III của Luật …` is prose."""
        title = title.strip()
        if not title:
            return True
        if len(title) > 200 or title[0].islower():
            return False
        return units.is_upper(title) or units.styled(block) or block.center

    def match_article(self, index: int, text: str, block: Block) -> tuple[str, str] | None:
        """(number, title) when `text` opens an article of this document."""
        m = units.DIEU.match(text)
        if m is None:
            return None
        title = (m.group("title") or "").strip()
        number = self.article_number(index, m.group("num"), title, block)
        return None if number is None else (number, title)

    def article_number(self, index: int, number: str, title: str, block: Block) -> str | None:
        """The number of the article this heading opens, or None when it is text."""
        if units.continues_sentence(title):
            return None
        last = self.last_article
        if last is None or units.next_article(last, number):
            return number
        is_styled = units.styled(block) or block.center
        if self.styled_doc and not is_styled:
            return None
        (a, _), (b, suffix) = units.article_key(last), units.article_key(number)
        if a < b and not suffix and not self.prev_text.endswith(":") and (is_styled or b <= a + 3):
            return number  # a gap: repealed articles left out, or a heading OCR lost
        if is_styled and b <= a:
            following = self._next_article_number(index)
            if following is not None and units.article_key(following)[0] == a + 2:
                return str(a + 1)  # an OCR misread between its neighbours
        return None

    def _resumes_own_articles(self, text: str, block: Block) -> bool:
        """A heading-styled `Điều N.` with this document's next number ends a quotation that
        a stray or missing quote mark left open (OCR text)."""
        m = units.DIEU.match(text)
        return bool(m and block.heading and units.next_article(self.last_article, m.group("num")))

    def _next_article_number(self, index: int) -> str | None:
        for block in self.blocks[index + 1 : index + 400]:
            m = units.DIEU.match(block.text.strip())
            if m and units.styled(block):
                return m.group("num")
        return None

    def open(self, kind: str, number: str, title: str, block: Block, text: str = "") -> Provision:
        level = units.LEVEL[kind]
        while self.stack and self.stack[-1].level >= level:
            self.stack.pop()
        node = Provision(
            kind=kind,
            number=number,
            title=title,
            text=text.strip(),
            page=block.page,
            page_end=block.last_page,
        )
        parent = self.stack[-1].node if self.stack else None
        (parent.children if parent else self.roots).append(node)
        self.stack.append(_Open(node, level))
        self.pending_title = None
        return node

    def take_title(self, text: str, block: Block) -> bool:
        """The line after `Chương II` (or after a bare `Điều 5.`) is its title when it looks so."""
        node = self.pending_title
        if node is None or units.looks_like_unit(text) or text.startswith(_FORMULA):
            self.pending_title = None
            return False
        heading_like = units.is_upper(text) or units.styled(block) or block.center
        if node.kind == "dieu":
            heading_like = units.styled(block) and len(text) < 250
        if not heading_like:
            self.pending_title = None
            return False
        node.title = f"{node.title} {text}".strip()
        node.page_end = block.last_page
        # a long chapter title may run over two upper-case lines; an article's never does
        if node.kind == "dieu" or not units.is_upper(text) or len(node.title) > 250:
            self.pending_title = None
        return True

    def append(self, text: str, block: Block) -> None:
        self.pending_title = None
        if not self.stack:
            return
        node = self.stack[-1].node
        node.text = f"{node.text}\n{text}" if node.text else text
        node.page_end = block.last_page

    def current(self, kind: str) -> Provision | None:
        for o in reversed(self.stack):
            if o.node.kind == kind:
                return o.node
        return None

    def starts_end(self, text: str, block: Block) -> bool:
        """The signature block, `Nơi nhận:`, a law's adoption line or the first appendix."""
        if self.last_article is None:
            return False
        if units.END_STRONG.match(text) or units.ADOPTION.match(text):
            return True
        if units.SIGNATURE.match(text) and len(text) < 80 and units.is_upper(text[:40]):
            return True
        return AppendixReader.is_appendix_heading(text, block)


def _last_number(parent: Provision, kind: str) -> str | None:
    for child in reversed(parent.children):
        if child.kind == kind:
            return child.number
    return None


def _styles_its_articles(blocks: list[Block]) -> bool:
    """Whether this document sets its article headings apart (bold, a heading style): then an
    unstyled `Điều 12.` line out of sequence is text, not a heading."""
    candidates = [b for b in blocks if units.DIEU.match(b.text.strip())]
    if len(candidates) < 3:
        return False
    return sum(1 for b in candidates if units.styled(b)) / len(candidates) >= 0.6


def _close_page_spans(nodes: list[Provision]) -> int | None:
    """A unit ends on the page where its last descendant ends."""
    last: int | None = None
    for node in nodes:
        end = _close_page_spans(node.children)
        if end is not None and (node.page_end is None or end > node.page_end):
            node.page_end = end
        if node.page_end is not None and (last is None or node.page_end > last):
            last = node.page_end
    return last


def parse_regulation_body(blocks: list[Block]) -> list[Provision]:
    """Parse the body blocks of a regulation into its provision tree."""
    return RegulationParser(blocks).parse()
