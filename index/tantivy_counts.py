"""Totals and exact facet counts for the Tantivy engine, with facet values counted as codes.

Tantivy's terms aggregation over a text fast field names every value a segment keeps (a lookup
in the segment's term dictionary) before the segments are summed. Exact counts keep up to
`EXACT_FACET_VALUES` values a segment, so at a million articles naming them was most of a
search. Each facet value is therefore also indexed as a 64-bit code (`value_code`) in a u64 fast
field: the aggregation counts codes, which need no naming, and only the codes a result shows are
turned back into values: from a cache, or else by a small aggregation of the value field over
the records holding those codes. That aggregation also reveals two values sharing a code (odds
about 3e-8 among a million values); the facet is then counted by value, as before.

Ties are broken by value, as in the Whoosh engine: when the values tied at the cut run past the
buckets fetched, every value tied there is fetched (`min_doc_count`, applied after the segments
are summed) and named.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable
from typing import Any

import tantivy

from index.engine import Counts, Request, top_values

EXACT_FACET_VALUES = 50_000
"""Values of a facet each segment reports. Tantivy's default (ten times the values asked for)
made counts inexact once a segment held more values than that: a value's count lacked the
segments where it fell below the cut. Counts are exact up to this many values per segment."""
COUNTED = "_counted"
"""A fast field every record holds once (the value 1), so that one aggregation counts the
matches along with the facets."""
CODE_PREFIX = "_code_"
NAMED_CACHE_LIMIT = 200_000
"""Codes whose values an engine keeps named; past it the cache starts again empty."""


def code_field(facet: str) -> str:
    """The u64 field holding a facet's value codes."""
    return CODE_PREFIX + facet


def value_code(value: str) -> int:
    """A facet value's code: the first 8 bytes of its BLAKE2b digest, as an unsigned number."""
    digest = hashlib.blake2b(value.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "little")


def add_counting_fields(builder: tantivy.SchemaBuilder, facets: list[str]) -> None:
    """The fields counting needs beside a schema's own: `COUNTED` and each facet's codes."""
    for facet in facets:
        builder.add_unsigned_field(code_field(facet), indexed=True, fast=True)
    builder.add_integer_field(COUNTED, indexed=False, fast=True)


class FacetCounter:
    """Counts matches and facet values in one aggregation; names codes through a cache that
    every search of the engine shares (a code's value never changes)."""

    def __init__(self, schema: tantivy.Schema) -> None:
        self.schema = schema
        self._named: dict[tuple[str, int], str] = {}
        self._lock = threading.Lock()

    def counts(self, searcher: Any, query: Any, request: Request) -> Counts:
        """The total and the counts per facet value. Twice the values asked for are fetched, so
        that a tie at the cut is seen."""
        size = max(10, 2 * request.facet_limit)
        aggs: dict[str, Any] = {
            name: {"terms": _terms(code_field(name), size=size)} for name in request.facets
        }
        aggs[COUNTED] = {"value_count": {"field": COUNTED}}
        found = searcher.aggregate(query, aggs)
        out: dict[str, dict[str, int]] = {}
        for name in request.facets:
            result = found.get(name, {})
            buckets = _buckets(result, int)
            if _tie_runs_past(buckets, request.facet_limit, result):
                buckets = self._tied(searcher, query, name, buckets[request.facet_limit - 1][1])
            values = self._values(searcher, name, [code for code, _ in buckets])
            if values is None:
                counted = self._by_value(searcher, query, name, size)
            else:
                counted = [(values[code], n) for code, n in buckets]
            out[name] = top_values(counted, request.facet_limit)
        return int(found[COUNTED]["value"] or 0), out

    def _tied(self, searcher: Any, query: Any, facet: str, boundary: int) -> list[tuple[int, int]]:
        """Every code counted at least `boundary` times: those above the cut and all tied at it."""
        terms = _terms(code_field(facet), size=EXACT_FACET_VALUES)
        terms.update(min_doc_count=boundary, order={"_count": "asc"})
        return _buckets(searcher.aggregate(query, {facet: {"terms": terms}})[facet], int)

    def _values(self, searcher: Any, facet: str, codes: list[int]) -> dict[int, str] | None:
        """The values of `codes`; None when two values share one of them (or one is missing)."""
        known: dict[int, str] = {}
        missing = []
        for code in codes:
            value = self._named.get((facet, code))
            if value is None:
                missing.append(code)
            else:
                known[code] = value
        if not missing:
            return known
        holding = tantivy.Query.term_set_query(self.schema, code_field(facet), missing)
        agg = {"v": {"terms": _terms(facet, size=max(EXACT_FACET_VALUES, 2 * len(missing)))}}
        found: dict[int, str] = {}
        for bucket in searcher.aggregate(holding, agg)["v"]["buckets"]:
            value = str(bucket["key"])
            if found.setdefault(value_code(value), value) != value:
                return None
        if not found.keys() >= set(missing):
            return None
        with self._lock:
            if len(self._named) + len(found) > NAMED_CACHE_LIMIT:
                self._named.clear()
            if len(found) <= NAMED_CACHE_LIMIT:
                self._named.update(((facet, code), value) for code, value in found.items())
        return known | found

    def _by_value(self, searcher: Any, query: Any, facet: str, size: int) -> list[tuple[str, int]]:
        """A facet counted by its values (the slower way, for codes that are shared)."""
        found = searcher.aggregate(query, {facet: {"terms": _terms(facet, size=size)}})
        return _buckets(found[facet], str)


def _buckets(result: dict[str, Any], key: Callable[[Any], Any]) -> list[tuple[Any, int]]:
    """A terms aggregation's (key, count) pairs, in the order Tantivy gives them."""
    return [(key(b["key"]), int(b["doc_count"])) for b in result.get("buckets", [])]


def _terms(field: str, size: int) -> dict[str, Any]:
    return {"field": field, "size": size, "segment_size": max(size, EXACT_FACET_VALUES)}


def _tie_runs_past(buckets: list[tuple[int, int]], limit: int, result: dict[str, Any]) -> bool:
    """Whether values tied with the last one shown may lie beyond the buckets fetched."""
    if limit <= 0 or len(buckets) <= limit or not result.get("sum_other_doc_count"):
        return False
    return buckets[-1][1] == buckets[limit - 1][1]
