"""Compile a spec: resolve every item, keep the spec's order, quote nothing twice.

`compile_handbook(spec, store, searcher)` gives a `CompiledHandbook` whose quotes carry their
citation and the number of their entry in the sources list (numbered in order of first use).
A provision already quoted, or inside an article already quoted, is left out the second time
(listed in `duplicates`); so is a violation group already in a table. An item that gives
nothing, and every unit of a citation that cannot be found, is a `Problem` with its position.
"""

from __future__ import annotations

import datetime as dt

from corpus.store import Store
from handbook.compiled import (
    CompiledHandbook,
    CompiledSection,
    Note,
    Problem,
    Source,
    ViolationTable,
)
from handbook.quoting import Candidate
from handbook.resolve import Resolved, Resolver, Searcher
from handbook.spec import (
    CiteItem,
    HandbookSpec,
    Item,
    QueryItem,
    TextItem,
    TopicItem,
    ViolationsItem,
)

VIOLATIONS_HEADING = "Những vi phạm thường gặp"


class SourceBook:
    """The numbered sources list, in order of first use."""

    def __init__(self) -> None:
        self.sources: list[Source] = []
        self._by_key: dict[str, int] = {}

    def number(self, key: str, text: str, doc_id: str | None) -> int:
        if key not in self._by_key:
            self.sources.append(Source(len(self.sources) + 1, key, text, doc_id))
            self._by_key[key] = len(self.sources)
        return self._by_key[key]


def paragraphs(text: str) -> list[str]:
    """Paragraphs of a trainer's text: blank lines (or single line breaks) separate them."""
    return [" ".join(p.split()) for p in text.replace("\r", "").split("\n") if p.strip()]


def describe(item: Item) -> str:
    """`cite 'khoản 1 Điều 45 Luật THADS'`: how a problem names its item."""
    for kind in ("cite", "query", "violations", "topic"):
        value = getattr(item, kind, None)
        if value is not None:
            short = value if len(value) <= 80 else value[:79] + "…"
            return f"{kind} '{short}'"
    return "text"


class _Compiler:
    def __init__(self, resolver: Resolver) -> None:
        self.resolver = resolver
        self.sources = SourceBook()
        self.quoted: list[str] = []
        self.groups: set[str] = set()
        self.duplicates: list[str] = []
        self.problems: list[Problem] = []

    def section(self, number: int, title: str, intro: str, items: list[Item]) -> CompiledSection:
        out = CompiledSection(title=title, intro=paragraphs(intro))
        for i, item in enumerate(items, 1):
            where = f"section {number}, item {i}"
            if isinstance(item, TextItem):
                out.blocks.append(Note(paragraphs(item.text)))
                continue
            resolved, limit = self._resolve(item)
            added = self._add(out, resolved, limit)
            for reason in resolved.reasons:
                self.problems.append(Problem(where, describe(item), reason))
            if not added and not resolved.reasons and not self._all_duplicates(resolved):
                self.problems.append(Problem(where, describe(item), "gave nothing to quote"))
        return out

    def _resolve(self, item: Item) -> tuple[Resolved, int | None]:
        r = self.resolver
        if isinstance(item, CiteItem):
            return r.cite(item.cite), None
        if isinstance(item, QueryItem):
            return r.query(item.query, item.kind, item.limit), item.limit
        if isinstance(item, TopicItem):
            found = r.topic(item.topic, item.limit)
            by_id = r.document(item.topic.partition("#")[0]) is not None
            return found, None if by_id else item.limit
        if isinstance(item, ViolationsItem):
            return r.violations(item.violations, item.limit), None
        raise TypeError(type(item).__name__)

    def _add(self, section: CompiledSection, resolved: Resolved, limit: int | None) -> int:
        added = 0
        for candidate in resolved.candidates:
            if limit is not None and added >= limit:
                break
            if self._quoted_already(candidate):
                continue
            quote = candidate.quote
            quote.source = self.sources.number(
                candidate.source_key, candidate.source_text, candidate.doc_id
            )
            self.quoted.append(quote.key)
            section.blocks.append(quote)
            added += 1
        for row, conclusions in resolved.rows:
            if row.group_id in self.groups:
                self.duplicates.append(row.group_id)
                continue
            self.groups.add(row.group_id)
            row.sources = [self.sources.number(k, t, d) for k, t, d in conclusions]
            last = section.blocks[-1] if section.blocks else None
            if not isinstance(last, ViolationTable):
                last = ViolationTable(VIOLATIONS_HEADING, [])
                section.blocks.append(last)
            last.rows.append(row)
            added += 1
        return added

    def _quoted_already(self, candidate: Candidate) -> bool:
        key = candidate.quote.key
        for earlier in self.quoted:
            if key == earlier or key.startswith(earlier + "."):
                self.duplicates.append(key)
                return True
        return False

    def _all_duplicates(self, resolved: Resolved) -> bool:
        keys = [c.quote.key for c in resolved.candidates] + [r.group_id for r, _ in resolved.rows]
        return bool(keys) and all(k in self.duplicates for k in keys)


def compile_handbook(
    spec: HandbookSpec, store: Store, searcher: Searcher, today: dt.date | None = None
) -> CompiledHandbook:
    """Resolve a spec against a data folder's store and search index."""
    compiled_on = today or dt.date.today()
    as_of = spec.as_of or compiled_on
    compiler = _Compiler(Resolver(store, searcher, as_of))
    sections = [
        compiler.section(n, s.title, s.intro, list(s.items)) for n, s in enumerate(spec.sections, 1)
    ]
    return CompiledHandbook(
        title=spec.title,
        subtitle=spec.subtitle,
        audience=spec.audience,
        as_of=as_of,
        compiled_on=compiled_on,
        sections=sections,
        sources=compiler.sources.sources,
        problems=compiler.problems,
        duplicates=compiler.duplicates,
    )
