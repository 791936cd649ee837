"""What a search returns (hits, facets, "did you mean") and the filters it accepts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from index.engine import AllOf, AnyOf, Filter, Range


@dataclass(slots=True)
class SearchFilters:
    """Restrictions on a search; None means no restriction."""

    kind: str | None = None
    """`article`, `finding`, `section` or `document`."""
    doc_type: str | None = None
    issuer: str | None = None
    year_from: int | None = None
    year_to: int | None = None
    in_force_on: dt.date | None = None
    document: str | None = None

    def engine_filters(self) -> list[Filter]:
        out: list[Filter] = []
        for name in ("kind", "doc_type", "issuer", "document"):
            value = getattr(self, name)
            if value:
                out.append(AnyOf(name, (value,)))
        if self.year_from is not None or self.year_to is not None:
            out.append(Range("issued_year", self.year_from, self.year_to))
        if self.in_force_on is not None:
            day = int(self.in_force_on.strftime("%Y%m%d"))
            out.append(AllOf((Range("eff_from", None, day), Range("eff_to", day + 1, None))))
        return out


@dataclass(slots=True)
class Hit:
    """One result: the unit, where it is, why it matched."""

    doc_id: str
    number: str | None
    title: str
    label: str
    law: str | None
    article: str | None
    snippet: str
    score: float
    kind: str
    key: str
    heading: str = ""
    cited: bool = False
    """True when the query cited this provision (it comes first)."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "number": self.number,
            "title": self.title,
            "label": self.label,
            "law": self.law,
            "article": self.article,
            "heading": self.heading,
            "snippet": self.snippet,
            "score": round(self.score, 4),
            "kind": self.kind,
            "key": self.key,
            "cited": self.cited,
        }


@dataclass(slots=True)
class SearchResult:
    query: str
    hits: list[Hit]
    total: int
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    did_you_mean: str | None = None
    cited: list[dict[str, Any]] = field(default_factory=list)
    """The citations read in the query, normalized (`{law, article, clause, point}`)."""
