"""A compiled handbook: every spec item resolved to what the exporters lay out.

Blocks are quotes (a provision, a finding, a topic section: each with its citation and the
number of its entry in the sources list), violation tables and the trainer's notes. The
exporters (DOCX, PDF, HTML) only lay these out; they decide nothing about content.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(slots=True)
class Source:
    """One entry of the numbered sources list (`[3] Luật Thi hành án dân sự số …`)."""

    n: int
    key: str
    text: str
    doc_id: str | None = None


@dataclass(slots=True)
class Line:
    """One paragraph of a quote; `level` 0 is an article's own text, 1 a khoản, 2 an điểm."""

    text: str
    level: int = 0


@dataclass(slots=True)
class Quote:
    """A quoted provision (`provision`), inspection finding (`finding`) or topic part
    (`section`), followed in every output by its citation and source mark."""

    kind: str
    key: str
    heading: str
    lines: list[Line]
    citation: str
    source: int
    flags: list[str] = field(default_factory=list)
    """Warnings printed with the quote: a document not in force on the handbook's date."""

    @property
    def block(self) -> str:
        return "quote"


@dataclass(slots=True)
class ViolationRow:
    group_id: str
    label: str
    category: str
    count: int
    documents: int
    units: list[str]
    provisions: list[str]
    sources: list[int]
    """Source numbers of the conclusions that found it."""


@dataclass(slots=True)
class ViolationTable:
    """Kinds of violation: what, how often, where, the provisions broken."""

    heading: str
    rows: list[ViolationRow]

    @property
    def block(self) -> str:
        return "violations"


@dataclass(slots=True)
class Note:
    """The trainer's own words, paragraph by paragraph."""

    paragraphs: list[str]

    @property
    def block(self) -> str:
        return "note"


Block = Quote | ViolationTable | Note


@dataclass(slots=True)
class CompiledSection:
    title: str
    intro: list[str]
    blocks: list[Block] = field(default_factory=list)


@dataclass(slots=True)
class Problem:
    """A spec item that could not be resolved (or resolved to nothing)."""

    where: str
    item: str
    reason: str

    def __str__(self) -> str:
        return f"{self.where} ({self.item}): {self.reason}"


@dataclass(slots=True)
class CompiledHandbook:
    title: str
    subtitle: str
    audience: str
    as_of: dt.date
    compiled_on: dt.date
    sections: list[CompiledSection]
    sources: list[Source]
    problems: list[Problem] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    """What was left out because an earlier item already quoted it (`doc#provision`)."""

    def quotes(self) -> Iterator[Quote]:
        for section in self.sections:
            for block in section.blocks:
                if isinstance(block, Quote):
                    yield block

    def tables(self) -> Iterator[ViolationTable]:
        for section in self.sections:
            for block in section.blocks:
                if isinstance(block, ViolationTable):
                    yield block

    def to_dict(self) -> dict[str, Any]:
        def block(b: Block) -> dict[str, Any]:
            return {"block": b.block, **asdict(b)}

        return {
            "title": self.title,
            "subtitle": self.subtitle,
            "audience": self.audience,
            "as_of": self.as_of.isoformat(),
            "compiled_on": self.compiled_on.isoformat(),
            "sections": [
                {"title": s.title, "intro": s.intro, "blocks": [block(b) for b in s.blocks]}
                for s in self.sections
            ],
            "sources": [asdict(s) for s in self.sources],
            "problems": [asdict(p) for p in self.problems],
            "duplicates": list(self.duplicates),
        }
