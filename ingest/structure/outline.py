"""The numbered outline of a report-like document (conclusions, topics): `I.` > `1.` > `a)`.

Reports number their parts with Roman numerals, Arabic numbers (`1.`, `1.1.`) and letters
(`a)`), and set some titles apart only by style (a Word heading, a bold or upper-case line).
`build_outline` turns body blocks into a tree of `Node`s: a node starts at a labelled block (or
a styled title) and owns every paragraph up to the next node of its level or above. A label
only opens a sibling when it continues the count (`2.` after `1.`), so a list quoted inside an
item stays in it. `reflow` first rejoins paragraphs a PDF or OCR layout cut in two.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from corpus.model import Provision
from ingest.blocks import Block
from ingest.linejoin import STRUCTURAL_START

LETTERS = "abcdđeghiklmnopqrstuvxy"
ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10}
_ROMAN = re.compile(r"^(?P<label>[IVX]{1,4})\s*[.):]\s*(?P<rest>.*)$")
_ARABIC = re.compile(r"^(?P<label>\d{1,2})\s*[.)](?!\d)\s*(?P<rest>.*)$")
_DOTTED = re.compile(r"^(?P<label>\d{1,2}\.\d{1,2})\.?(?!\d)\s+(?P<rest>.*)$")
_LETTER = re.compile(r"^(?P<label>[a-zđ])\s*\)\s*(?P<rest>.*)$")
_UPPER_LETTER = re.compile(r"^(?P<label>[A-D])\s*[.)]\s+(?P<rest>[A-ZĐÀ-Ỹ].*)$")
RANKS = {"upper": 0, "roman": 1, "arabic": 2, "dotted": 3, "letter": 4}
_END = re.compile(r"[.;:!?…”\")]$")
_BROKEN_NUMBER = re.compile(
    r"(?<=[/-])([A-ZĐ][A-ZĐ0-9]{0,11})-\s+(?=[A-ZĐ]{2,}(?:[-/\s,.;:)]|$))"
    r"|(?<=\d)(/(?:\d{4}/)?)\s+(?=[A-ZĐ]{2,}[-/])"
)
"""`215/QĐ- CCTHADS`, `311/ QĐ-CCTHADS`: a số hiệu a layout wrapped at its hyphen or slash
(the reader kept a space)."""
_CONNECTOR_END = re.compile(r"[,/\-–(]$|\b(?:và|của|số|ngày|theo|tại|từ|đến|với|cho|là)$")


@dataclass(slots=True)
class Label:
    """A numbering label: its style (`roman`, `arabic`, `dotted`, `letter`, `upper`) and value."""

    style: str
    text: str
    rest: str

    @property
    def rank(self) -> int:
        return RANKS[self.style]

    def ordinal(self) -> int:
        if self.style == "roman":
            return ROMAN.get(self.text, 0)
        if self.style == "arabic":
            return int(self.text)
        if self.style == "dotted":
            return int(self.text.split(".")[1])
        if self.style == "letter":
            return LETTERS.index(self.text) + 1
        return ord(self.text) - ord("A") + 1

    def follows(self, previous: Label) -> bool:
        """Whether this label continues `previous` (`2.` after `1.`, `c)` after `b)`)."""
        if self.style != previous.style:
            return False
        if self.style == "dotted" and self.text.split(".")[0] != previous.text.split(".")[0]:
            return False
        return self.ordinal() == previous.ordinal() + 1


def label_of(text: str) -> Label | None:
    """The numbering label a paragraph starts with, if any."""
    text = text.strip()
    for style, pattern in (
        ("dotted", _DOTTED),
        ("roman", _ROMAN),
        ("arabic", _ARABIC),
        ("letter", _LETTER),
        ("upper", _UPPER_LETTER),
    ):
        m = pattern.match(text)
        if m and m.group("rest").strip():
            label = Label(style, m.group("label"), m.group("rest").strip())
            if style == "roman" and not label.ordinal():
                continue
            return label
    return None


@dataclass(slots=True)
class Node:
    """A part of the outline: its label and title, its own paragraphs, its children."""

    label: Label | None
    title: str
    paragraphs: list[str] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    children: list[Node] = field(default_factory=list)
    level: int = 0
    styled: bool = False
    """The title was set apart by style (heading, bold, upper case) rather than only numbered."""

    @property
    def n(self) -> str:
        return self.label.text if self.label else ""

    @property
    def page(self) -> int | None:
        return self.blocks[0].page if self.blocks else None

    def walk(self) -> Iterator[Node]:
        yield self
        for child in self.children:
            yield from child.walk()

    def all_paragraphs(self) -> list[str]:
        """Its own paragraphs, then its children's with their labels, in document order."""
        out = list(self.paragraphs)
        for child in self.children:
            head = (
                f"{child.label.text}{'.' if child.label.style != 'letter' else ')'} "
                if child.label
                else ""
            )
            lead = f"{head}{child.title}".strip()
            out.extend(([lead] if lead else []) + child.all_paragraphs())
        return out


def is_title_like(block: Block, text: str | None = None) -> bool:
    """Set apart by style: a Word heading, a bold line, or an upper-case line."""
    text = (text if text is not None else block.text).strip()
    if not text or len(text) > 200:
        return False
    letters = [c for c in text if c.isalpha()]
    upper = len(letters) > 3 and sum(c.isupper() for c in letters) / len(letters) > 0.8
    return bool(block.heading or block.bold or upper)


def reflow(blocks: list[Block]) -> list[Block]:
    """Rejoin paragraphs that a page layout or OCR cut in two.

    A block is glued to the one before when that one did not end a sentence and this one does
    not open a structural unit and either starts in lower case or a digit, or follows a word
    that cannot end a sentence (`của`, `số`, `ngày` …). Table cells and styled titles are left.
    """
    out: list[Block] = []
    for block in blocks:
        text = repair_numbers(block.text.strip())
        block = Block(**{**_fields(block), "text": text}) if text != block.text else block
        if out and _continues(out[-1], block, text):
            prev = out[-1]
            out[-1] = Block(
                text=repair_numbers(f"{prev.text.rstrip()} {text}"),
                page=prev.page,
                bold=prev.bold and block.bold,
                italic=prev.italic and block.italic,
                size=prev.size,
                heading=prev.heading,
                in_table=prev.in_table,
                center=prev.center,
                ocr=prev.ocr,
                style=prev.style,
                numbering=prev.numbering,
            )
        else:
            out.append(block)
    return out


def repair_numbers(text: str) -> str:
    """Close the gap in số hiệu wrapped at a hyphen: `215/QĐ- CCTHADS` → `215/QĐ-CCTHADS`.

    Also mends what OCR does to Đ in them: the look-alike `Ð` (U+00D0) and a doubled `ĐĐ`.
    """
    text = re.sub("Đ{2,}", "Đ", text.replace("Ð", "Đ"))
    return _BROKEN_NUMBER.sub(lambda m: f"{m.group(1)}-" if m.group(1) else m.group(2), text)


def _fields(block: Block) -> dict[str, object]:
    return {name: getattr(block, name) for name in Block.__slots__}


def _continues(prev: Block, block: Block, text: str) -> bool:
    if not text or prev.in_table or block.in_table or block.heading or prev.heading:
        return False
    before = prev.text.rstrip()
    if not before or STRUCTURAL_START.match(text) or prev.bold != block.bold:
        return False
    first = text[0]
    if first.islower():
        # a Vietnamese paragraph never starts in lower case: this one goes on from the last
        return not before.endswith((".", "!", "?", "…"))
    if _END.search(before):
        return False
    return first.isdigit() or bool(_CONNECTOR_END.search(before))


def build_outline(blocks: list[Block]) -> Node:
    """The outline of body blocks under a root node (the root's paragraphs come first)."""
    root = Node(label=None, title="", level=-1)
    stack: list[Node] = [root]
    for block in blocks:
        text = block.text.strip()
        if not text:
            continue
        node = _open(block, text, stack)
        if node is None:
            stack[-1].paragraphs.append(text)
            stack[-1].blocks.append(block)
            continue
        while len(stack) > 1 and stack[-1].level >= node.level:
            stack.pop()
        stack[-1].children.append(node)
        stack.append(node)
    return root


def _open(block: Block, text: str, stack: list[Node]) -> Node | None:
    """A new node when the block starts one (see the module doc), else None."""
    label = label_of(text)
    styled = is_title_like(block)
    if label is None:
        if block.heading or (styled and _upper(text) and len(text) < 120):
            return Node(None, text.rstrip(":").strip(), blocks=[block], level=0, styled=True)
        return None
    level = label.rank + 1
    same = next((n for n in stack[1:] if n.level == level and n.label), None)
    if same is not None:
        # OCR misreads Roman numerals (III → II, I → l); an upper-case part title still opens a part
        misread = label.style == "roman" and _upper(label.rest) and len(label.rest) < 120
        if not (label.follows(same.label) or misread):
            return None
    elif label.ordinal() > 2:
        return None
    title, paragraphs = _title_and_lead(block, label)
    return Node(label, title, paragraphs=paragraphs, blocks=[block], level=level, styled=styled)


def _title_and_lead(block: Block, label: Label) -> tuple[str, list[str]]:
    """A short styled or unpunctuated first line is a title; a long one is a paragraph."""
    rest = label.rest
    if is_title_like(block, rest) or (len(rest) <= 120 and not _END.search(rest)):
        return rest.rstrip(":").strip(), []
    return "", [rest]


def _upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) > 3 and sum(c.isupper() for c in letters) / len(letters) > 0.8


def outline_to_provisions(root: Node) -> list[Provision]:
    """The outline as `section` provisions (number as written, title, own text)."""

    def convert(node: Node) -> Provision:
        return Provision(
            kind="section",
            number=node.n,
            title=node.title,
            text="\n".join(node.paragraphs),
            page=node.page,
            page_end=node.blocks[-1].page if node.blocks else None,
            children=[convert(c) for c in node.children],
        )

    provisions = [convert(c) for c in root.children]
    if root.paragraphs:
        provisions.insert(
            0, Provision(kind="section", text="\n".join(root.paragraphs), page=root.page)
        )
    return provisions
