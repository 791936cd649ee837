"""The engine interface: what any full-text engine must do for camnang, and nothing more.

The engine receives pre-analyzed terms (our analysis chain decides every token), keyword and
numeric fields for filters and facets, and stored values for display; it answers structured
requests (scored terms and phrases, required clauses, filters, facet counts) with hits that
name a record key. Query parsing, ranking weights, citations, highlighting and "did you mean"
live above it, so an engine is added by implementing this class and registering it in
`index.engines`.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any, Literal

from index.analysis.analyzers import fold_terms, pair_terms
from index.analysis.chain import GAP

FieldKind = Literal["text", "keyword", "numeric", "stored"]
FACET_LIMIT = 100


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """One field of the index.

    `text`: pre-analyzed terms, scored (BM25); `positions` if phrases must match in it.
    `keyword`: exact values for filters and facets (`facet`); `numeric`: integers for ranges.
    `stored`: returned with a hit, not searchable.

    A text field may be derived from another (named before it) instead of given in the record:
    `folded_of` holds that field's terms folded (`fold_term`), `pairs_of` its adjacent pairs
    (`thi hanh`, none across a break). The engine makes them (`full_text`, or natively).
    """

    name: str
    kind: FieldKind
    positions: bool = False
    facet: bool = False
    stored: bool = False
    length_norm: float = 0.75
    """BM25 `b` for a text field."""
    folded_of: str | None = None
    pairs_of: str | None = None


@dataclass(slots=True)
class Record:
    """One unit of retrieval, ready for an engine."""

    key: str
    doc_id: str
    text: dict[str, list[str]] = field(default_factory=dict)
    """Field → terms in order; `""` marks a break (takes a position, is not a term). Derived
    fields are left out (`FieldSpec.folded_of`, `pairs_of`)."""
    keywords: dict[str, list[str]] = field(default_factory=dict)
    numbers: dict[str, int] = field(default_factory=dict)
    stored: dict[str, Any] = field(default_factory=dict)


def full_text(text: dict[str, list[str]], specs: Iterable[FieldSpec]) -> dict[str, list[str]]:
    """A record's text fields with the derived ones made (in Python); a derived field with no
    term is left out, as a given one would be."""
    out = dict(text)
    for spec in specs:
        source = spec.folded_of or spec.pairs_of
        if source not in out:
            continue
        terms = fold_terms(out[source]) if spec.folded_of else pair_terms(out[source])
        if any(t != GAP for t in terms):
            out[spec.name] = terms
    return out


@dataclass(frozen=True, slots=True)
class Term:
    """A scored term: `boost` × the engine's BM25 for `text` in `field`."""

    field: str
    text: str
    boost: float = 1.0


@dataclass(frozen=True, slots=True)
class Phrase:
    """Terms at consecutive positions in a field with positions."""

    field: str
    terms: tuple[str, ...]
    boost: float = 1.0


@dataclass(frozen=True, slots=True)
class AnyOf:
    """A keyword field holds one of `values` (an unscored filter)."""

    field: str
    values: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Range:
    """A numeric field lies in `[lo, hi]` (either end open when None)."""

    field: str
    lo: int | None = None
    hi: int | None = None


@dataclass(frozen=True, slots=True)
class AllOf:
    """Every clause holds (for filters: `in force on D` is two ranges)."""

    clauses: tuple[AnyOf | Range, ...]


Scored = Term | Phrase
Filter = AnyOf | Range | AllOf


@dataclass(slots=True)
class Request:
    """A search. A record matches when it passes every filter and matches every `must` (or, when
    there is no `must`, at least one `should`); with neither, every record passing the filters
    matches, with score 0. Score = sum over the matching clauses of boost × BM25.
    Facet counts and `total` are over every matching record, not only the returned page.
    """

    should: list[Scored] = field(default_factory=list)
    must: list[Scored | list[Scored]] = field(default_factory=list)
    """A list inside `must` is a group: at least one of it must match."""
    filters: list[Filter] = field(default_factory=list)
    limit: int = 10
    facets: Sequence[str] = ()
    facet_limit: int = FACET_LIMIT
    """Values kept per facet: the most frequent, ties by value (counting thousands of document
    values into a reply costs more than the search itself)."""
    match: list[Scored] | None = None
    """Optional: fewer clauses matching exactly the records `should` matches (see
    `index.query.covering_clauses`); an engine may count and facet over them, which visits fewer
    posting lists. Scores always come from `should`."""


def top_values(counts: Iterable[tuple[str, int]], limit: int) -> dict[str, int]:
    """The `limit` most frequent values (ties by value), most frequent first; zeros dropped."""
    ranked = sorted((-n, v) for v, n in counts if n)
    return {v: -n for n, v in ranked[:limit]}


@dataclass(slots=True)
class EngineHit:
    key: str
    score: float
    stored: dict[str, Any]


Counts = tuple[int, dict[str, dict[str, int]]]
"""A search's total and facet counts."""


class EngineResult:
    """Hits, best first, with the total and facet counts over every match. An engine may still
    be counting when it returns (`counting`, a future of both): reading `total` or `facets`
    waits for it, so a caller that reads them last overlaps the counting with its own work."""

    __slots__ = ("_counting", "_counts", "hits")

    def __init__(
        self,
        hits: list[EngineHit],
        total: int = 0,
        facets: dict[str, dict[str, int]] | None = None,
        counting: Future[Counts] | None = None,
    ) -> None:
        self.hits = hits
        self._counts: Counts = (total, facets or {})
        self._counting = counting

    def _settled(self) -> Counts:
        if self._counting is not None:
            self._counts, self._counting = self._counting.result(), None
        return self._counts

    @property
    def total(self) -> int:
        return self._settled()[0]

    @property
    def facets(self) -> dict[str, dict[str, int]]:
        return self._settled()[1]


class IndexCorrupt(RuntimeError):
    """The index on disk cannot be read; rebuild it from the store."""


class Engine(ABC):
    """A full-text index in a folder. One writer at a time (the caller holds the write lock)."""

    name: str

    @abstractmethod
    def add(self, records: Iterable[Record]) -> int:
        """Add records (a record whose key exists is replaced); return how many."""

    def prepare(self, record: Record) -> Any:
        """A record in the form `add_prepared` takes. It may run in a worker process, so it
        must not touch the index (the default passes the record through)."""
        return record

    def add_prepared(self, items: Iterable[Any]) -> int:
        """Add what `prepare` made (the default: records, through `add`)."""
        return self.add(items)

    @abstractmethod
    def delete_document(self, doc_id: str) -> None:
        """Remove every record of a document."""

    @abstractmethod
    def commit(self) -> None:
        """Make the changes since the last commit visible to searches, durably."""

    @abstractmethod
    def search(self, request: Request) -> EngineResult:
        """Scored hits, best first, with the total and facet counts."""

    @abstractmethod
    def get(self, key: str) -> dict[str, Any] | None:
        """The stored values of one record."""

    @abstractmethod
    def doc_count(self) -> int:
        """Records in the index."""

    @abstractmethod
    def doc_frequency(self, field: str, term: str) -> int:
        """Records whose `field` contains `term`."""

    @abstractmethod
    def vocabulary(self, field: str) -> Iterable[tuple[str, int]]:
        """Every term of a text field with its document frequency."""

    @abstractmethod
    def close(self) -> None: ...
