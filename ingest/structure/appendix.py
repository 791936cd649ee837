"""What follows a regulation's signature block: appendices (`Phụ lục I`) and forms (`Mẫu số 01`),
each a `phu_luc` provision whose text is everything up to the next one.

- A numbered appendix, or the first one, is a top-level `phu_luc`; forms after it are its
  children (`Phụ lục I` > `Mẫu số 01`), so `Mẫu số 01` of Phụ lục I and of Phụ lục II differ.
- An unnumbered `Phụ lục` inside a form (the scheme attached to an application) is a child of
  that form.
- Headings are recognised by their look (bold, centred, capitals) outside tables: the list of
  forms that an appendix opens with sits in a table and names every form once more.
- Before the first appendix (the signature, `Nơi nhận:`) nothing is kept.
"""

from __future__ import annotations

import re

from corpus.model import Provision
from ingest.blocks import Block
from ingest.structure import units

_MOTTO = re.compile(r"CỘNG HÒA|CỘNG HOÀ|Độc lập|ĐỘC LẬP|SOCIALIST|Independence", re.IGNORECASE)
_NOT_TITLE = re.compile(
    r"^(?:Số\s*[:.]|Kính gửi|\(|…|\.\.\.|[-_=.…\s]{3,}$)|ngày\s*\S{0,6}\s*tháng"
)
_TITLE_LOOKAHEAD = 14


class AppendixReader:
    """Feeds on the blocks after a body's end and adds `phu_luc` provisions to `roots`."""

    def __init__(self, blocks: list[Block], roots: list[Provision]) -> None:
        self.blocks = blocks
        self.roots = roots
        self.appendix: Provision | None = None
        self.form: Provision | None = None
        self.current: Provision | None = None
        self.skip_until = -1

    @staticmethod
    def is_appendix_heading(text: str, block: Block) -> bool:
        m = units.PHU_LUC.match(text)
        if not m or block.in_table or len(text) > 300:
            return False
        title = m.group("title").strip()
        if title and (title[0].islower() or title.startswith(("(", "kèm"))):
            return False
        return bool(block.bold or block.heading or block.center or units.is_upper(text))

    @staticmethod
    def is_form_heading(text: str, block: Block) -> bool:
        m = units.MAU.match(text)
        if not m or block.in_table or len(text) > 300:
            return False
        return bool(block.bold or block.heading or block.center or units.is_upper(text))

    def feed(self, index: int, text: str, block: Block) -> None:
        if index <= self.skip_until:
            return
        if self.is_appendix_heading(text, block):
            self._open_appendix(index, text, block)
        elif self.is_form_heading(text, block):
            self._open_form(index, text, block)
        elif self.current is not None:
            node = self.current
            node.text = f"{node.text}\n{text}" if node.text else text
            node.page_end = block.last_page

    def _open_appendix(self, index: int, text: str, block: Block) -> None:
        m = units.PHU_LUC.match(text)
        assert m is not None
        number = (m.group("num") or "").strip()
        title = m.group("title").strip()
        if not title:
            title, self.skip_until = self._title_lines(index)
        node = _node(number, title, block)
        if number or self.appendix is None or self.form is None:
            self.roots.append(node)
            self.appendix, self.form = node, None
        else:
            self.form.children.append(node)  # a scheme attached to the form before it
        self.current = node

    def _open_form(self, index: int, text: str, block: Block) -> None:
        m = units.MAU.match(text)
        assert m is not None
        rest = re.split(r"/\s*Form\b", m.group("rest"), maxsplit=1)[0]
        title = rest.strip(" .:-–/")
        if not title:
            title = self._form_title(index)
        node = _node(f"Mẫu số {m.group('num')}", title, block)
        (self.appendix.children if self.appendix is not None else self.roots).append(node)
        self.form = self.current = node

    def _title_lines(self, index: int) -> tuple[str, int]:
        """An appendix's title: the capital or bold lines right under `Phụ lục I`."""
        parts: list[str] = []
        last = index
        for j in range(index + 1, min(len(self.blocks), index + 4)):
            block = self.blocks[j]
            text = block.text.strip()
            if (
                not text
                or block.in_table
                or _NOT_TITLE.search(text)
                or units.looks_like_unit(text)
                or units.MAU.match(text)
                or not (units.is_upper(text) or block.bold)
            ):
                break
            parts.append(text)
            last = j
        return " ".join(parts), last

    def _form_title(self, index: int) -> str:
        """A form's title: its first capital bold lines after the national motto, if any."""
        window = self.blocks[index + 1 : index + 1 + _TITLE_LOOKAHEAD]
        start = 0
        for k, block in enumerate(window):
            if _MOTTO.search(block.text):
                start = k + 1
        parts: list[str] = []
        for block in window[start:]:
            text = block.text.strip()
            if _MOTTO.search(text) or _NOT_TITLE.search(text) or not text:
                if parts:
                    break
                continue
            if units.is_upper(text) and (block.bold or block.center):
                parts.append(text)
                if len(parts) == 3:
                    break
            elif parts:
                break
        return " ".join(parts)


def _node(number: str, title: str, block: Block) -> Provision:
    return Provision(
        kind="phu_luc", number=number, title=title, page=block.page, page_end=block.last_page
    )
