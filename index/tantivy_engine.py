"""The Tantivy engine: camnang's `Engine` over a Tantivy index (tantivy-py) in a folder.

Terms arrive pre-analyzed by our chain. A text field's terms are handed to Tantivy as one
string that its whitespace tokenizer splits back into them (`index.tantivy_text`, which also
makes the derived fields: folded twins and pairs). Keywords are raw terms (a facet's value
also a columnar "fast" field, and a code counted by Tantivy's terms aggregation:
`tantivy_counts`), numbers are i64 fast fields, and the stored values are one JSON document per
record.

Scores: Tantivy's BM25 has fixed `k1 = 1.2`, `b = 0.75` and the idf `ln(1 + (N - n + 0.5) /
(n + 0.5))`. Each term clause's boost is multiplied by our idf over Tantivy's (the Whoosh
engine's `ln(N / (n + 1)) + 1`), so the idf is ours exactly; `k1` and the per-field `b` stay
Tantivy's (see `docs/architecture.md` and the parity figures in `bench/README.md`).
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import tantivy

from index.engine import (
    AllOf,
    AnyOf,
    Engine,
    EngineHit,
    EngineResult,
    FieldSpec,
    IndexCorrupt,
    Phrase,
    Range,
    Record,
    Request,
    Scored,
    Term,
)
from index.tantivy_counts import COUNTED, FacetCounter, add_counting_fields, code_field, value_code
from index.tantivy_text import (
    GAP_TOKEN,
    PAIR_JOINER,
    SEPARATOR,
    field_strings,
    index_term,
    warm_up,
)

KEY = "key"
DOC = "doc_id"
STORED = "_stored"
TOKENIZER = "camnang_terms"
FIELDS_FILE = "camnang-fields.json"
FORMAT = 4
"""How records are written into Tantivy (bump when `tantivy_text` or the engine's own fields
change: older indexes are rebuilt)."""
Prepared = tuple[
    str, str, list[tuple[str, str]], list[tuple[str, int]], list[tuple[str, int]], bytes
]
MUST, SHOULD = tantivy.Occur.Must, tantivy.Occur.Should
COUNTING_THREADS = 2
"""Searches whose totals and facets can be counted at once, beside the searches themselves."""


def _schema(specs: list[FieldSpec]) -> tantivy.Schema:
    sb = tantivy.SchemaBuilder()
    sb.add_text_field(KEY, tokenizer_name="raw", index_option="basic")
    sb.add_text_field(DOC, tokenizer_name="raw", index_option="basic")
    for spec in specs:
        if spec.kind == "text":
            option = "position" if spec.positions else "freq"
            sb.add_text_field(spec.name, tokenizer_name=TOKENIZER, index_option=option)
        elif spec.kind == "keyword":
            sb.add_text_field(
                spec.name, tokenizer_name="raw", index_option="basic", fast=spec.facet
            )
        elif spec.kind == "numeric":
            sb.add_integer_field(spec.name, indexed=True, fast=True)
    add_counting_fields(sb, [s.name for s in specs if s.facet])
    sb.add_bytes_field(STORED, stored=True)
    return sb.build()


def _analyzer() -> tantivy.TextAnalyzer:
    """Splits our space-joined terms and drops the break marker (its position stays taken)."""
    return (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.whitespace())
        .filter(tantivy.Filter.custom_stopword([GAP_TOKEN]))
        .build()
    )


def whoosh_idf(total: int, df: int) -> float:
    """The idf of the Whoosh engine's BM25 (and so of camnang's ranking)."""
    return math.log(total / (df + 1)) + 1


def tantivy_idf(total: int, df: int) -> float:
    """Tantivy's BM25 idf."""
    return math.log(1 + (total - df + 0.5) / (df + 0.5))


class TantivyEngine(Engine):
    """Tantivy in `path`. `heap_mb`/`threads` tune the writer (threads 0: one per core)."""

    name = "tantivy"

    def __init__(
        self,
        path: Path | str,
        specs: list[FieldSpec],
        k1: float = 1.2,
        heap_mb: int = 256,
        threads: int = 0,
    ) -> None:
        self.path = Path(path)
        self.specs = {s.name: s for s in specs}
        self._derived = [s for s in specs if s.folded_of or s.pairs_of]
        self.k1 = k1
        self.heap_mb = max(16, heap_mb)
        self.threads = threads
        self._writer: Any = None
        self._counting_pool: ThreadPoolExecutor | None = None
        self.schema = _schema(specs)
        try:
            self.path.mkdir(parents=True, exist_ok=True)
            if tantivy.Index.exists(str(self.path)):
                self.ix = tantivy.Index.open(str(self.path))
                if self._fields_file().read_text(encoding="utf-8") != _signature(specs):
                    raise IndexCorrupt("the index was built with other fields")
                self.schema = self.ix.schema
            else:
                self.ix = tantivy.Index(self.schema, path=str(self.path), reuse=False)
                self._fields_file().write_text(_signature(specs), encoding="utf-8")
            self.ix.register_tokenizer(TOKENIZER, _analyzer())
            self.ix.reload()
            self._fresh = self.ix.searcher().num_docs == 0
            self._facet_counter = FacetCounter(self.schema)
        except IndexCorrupt:
            raise
        except Exception as err:
            raise IndexCorrupt(f"{type(err).__name__}: {err}") from None

    # -- writing ---------------------------------------------------------------------------

    def _w(self) -> Any:
        if self._writer is None:
            warm_up()  # before a build forks its analysis workers, which then share the loops
            self._writer = self.ix.writer(
                heap_size=self.heap_mb * 1_000_000, num_threads=self.threads
            )
        return self._writer

    def add(self, records: Iterable[Record]) -> int:
        return self.add_prepared(self.prepare(r) for r in records)

    def prepare(self, record: Record) -> Prepared:
        """Plain values (picklable): key, doc id, (field, text) pairs, numbers, facet value
        codes, stored JSON."""
        texts = field_strings(record.text, self._derived)
        codes = []
        for name, values in record.keywords.items():
            if self.specs[name].facet:
                values = values[:1]
                codes += [(code_field(name), value_code(v)) for v in values]
            texts += [(name, v) for v in values]
        stored = dict(record.stored)
        stored[KEY] = record.key
        stored[DOC] = record.doc_id
        blob = json.dumps(stored, ensure_ascii=False).encode("utf-8")
        return record.key, record.doc_id, texts, list(record.numbers.items()), codes, blob

    def add_prepared(self, items: Iterable[Prepared]) -> int:
        w = self._w()
        n = 0
        for key, doc_id, texts, numbers, codes, blob in items:
            if not self._fresh:
                w.delete_documents_by_term(KEY, key)
            doc = tantivy.Document()
            doc.add_text(KEY, key)
            doc.add_text(DOC, doc_id)
            for name, text in texts:
                doc.add_text(name, text)
            for name, value in numbers:
                doc.add_integer(name, int(value))
            for name, code in codes:
                doc.add_unsigned(name, code)
            doc.add_integer(COUNTED, 1)
            doc.add_bytes(STORED, blob)
            w.add_document(doc)
            n += 1
        return n

    def delete_document(self, doc_id: str) -> None:
        self._w().delete_documents_by_term(DOC, doc_id)
        self._fresh = False

    def commit(self) -> None:
        if self._writer is not None:
            writer, self._writer = self._writer, None
            writer.commit()
            writer.wait_merging_threads()
            self._fresh = False
        self.ix.reload()

    def cancel(self) -> None:
        if self._writer is not None:
            writer, self._writer = self._writer, None
            writer.rollback()
            writer.wait_merging_threads()

    # -- reading ---------------------------------------------------------------------------

    def search(self, request: Request) -> EngineResult:
        empty = EngineResult([], 0, {name: {} for name in request.facets})
        if not (request.should or request.must or request.filters):
            return empty
        searcher = self.ix.searcher()
        total_docs = searcher.num_docs
        if total_docs == 0:
            return empty
        clauses: list[tuple[Any, Any]] = [
            (MUST, tantivy.Query.const_score_query(self._filter(f), 0.0)) for f in request.filters
        ]
        for m in request.must:
            group = [
                q for c in (m if isinstance(m, list) else [m]) for q in self._scored(c, searcher)
            ]
            clauses.append((MUST, _any(group)))
        should = [q for c in request.should for q in self._scored(c, searcher)]
        matching = list(clauses)
        if request.must:
            clauses += [(SHOULD, q) for q in should]
        elif request.should:
            clauses.append((MUST, _any(should)))
            if request.match is not None:
                matching.append((MUST, _any([self._unscored(c) for c in request.match])))
            else:
                matching = clauses
        query = _all_of(clauses)
        counting = None
        if request.facets:
            counting = self._counter().submit(
                self._facet_counter.counts, searcher, _all_of(matching), request
            )
        found = searcher.search(query, limit=request.limit, count=counting is None)
        hits = []
        for score, address in found.hits:
            stored = _stored(searcher.doc(address))
            hits.append(EngineHit(key=stored[KEY], score=float(score), stored=stored))
        if counting is None:
            return EngineResult(hits, found.count or 0)
        return EngineResult(hits, counting=counting)

    def _counter(self) -> ThreadPoolExecutor:
        """The threads that count totals and facets while the caller works on the hits
        (Tantivy releases the GIL while it searches)."""
        if self._counting_pool is None:
            self._counting_pool = ThreadPoolExecutor(COUNTING_THREADS, "camnang-counting")
        return self._counting_pool

    def _unscored(self, clause: Scored) -> Any:
        """The records a clause matches, without scoring (for counting and facets)."""
        if isinstance(clause, Term):
            return tantivy.Query.term_query(self.schema, clause.field, index_term(clause.text))
        terms = [index_term(t) for t in clause.terms]
        if len(terms) == 1:
            return tantivy.Query.term_query(self.schema, clause.field, terms[0])
        return tantivy.Query.phrase_query(self.schema, clause.field, terms)

    def _scored(self, clause: Scored, searcher: Any) -> list[Any]:
        """Queries for one scored clause: boost × our BM25 (idf corrected), per term."""
        if isinstance(clause, Term):
            q = self._term(searcher, clause.field, clause.text, clause.boost)
            return [q] if q is not None else []
        if isinstance(clause, Phrase):
            required = self._unscored(clause)
            parts = [(MUST, tantivy.Query.const_score_query(required, 0.0))]
            for term in dict.fromkeys(index_term(t) for t in clause.terms):
                q = self._term(searcher, clause.field, term, clause.boost)
                if q is not None:
                    parts.append((SHOULD, q))
            return [tantivy.Query.boolean_query(parts)]
        raise TypeError(f"not a scored clause: {clause!r}")

    def _term(self, searcher: Any, field: str, text: str, boost: float) -> Any:
        text = index_term(text)
        df = searcher.doc_freq(field, text)
        if df == 0:
            return None
        total = searcher.num_docs
        weight = boost * whoosh_idf(total, df) / tantivy_idf(total, df)
        return tantivy.Query.boost_query(tantivy.Query.term_query(self.schema, field, text), weight)

    def _filter(self, f: AnyOf | Range | AllOf) -> Any:
        if isinstance(f, AnyOf):
            if not f.values:
                return tantivy.Query.empty_query()
            return tantivy.Query.term_set_query(self.schema, f.field, list(f.values))
        if isinstance(f, Range):
            if f.lo is None and f.hi is None:
                return tantivy.Query.exists_query(f.field)
            return tantivy.Query.range_query(
                self.schema, f.field, tantivy.FieldType.Integer, f.lo, f.hi
            )
        return tantivy.Query.boolean_query([(MUST, self._filter(c)) for c in f.clauses])

    def get(self, key: str) -> dict[str, Any] | None:
        searcher = self.ix.searcher()
        found = searcher.search(tantivy.Query.term_query(self.schema, KEY, key), limit=1)
        if not found.hits:
            return None
        return _stored(searcher.doc(found.hits[0][1]))

    def doc_count(self) -> int:
        return self.ix.searcher().num_docs

    def doc_frequency(self, field: str, term: str) -> int:
        return self.ix.searcher().doc_freq(field, index_term(term))

    def vocabulary(self, field: str) -> Iterator[tuple[str, int]]:
        for term, df in self.ix.searcher().terms_with_prefix(field, ""):
            if term != GAP_TOKEN:
                yield term.replace(PAIR_JOINER, SEPARATOR), int(df)

    def close(self) -> None:
        self.cancel()
        if self._counting_pool is not None:
            self._counting_pool.shutdown(wait=True)
            self._counting_pool = None

    def _fields_file(self) -> Path:
        return self.path / FIELDS_FILE


def _all_of(clauses: list[tuple[Any, Any]]) -> Any:
    return tantivy.Query.boolean_query(clauses) if clauses else tantivy.Query.all_query()


def _any(queries: list[Any]) -> Any:
    """At least one of `queries` (scores summed); nothing when the list is empty."""
    if not queries:
        return tantivy.Query.empty_query()
    if len(queries) == 1:
        return queries[0]
    return tantivy.Query.boolean_query([(SHOULD, q) for q in queries])


def _stored(doc: tantivy.Document) -> dict[str, Any]:
    raw = doc.get_first(STORED)
    return json.loads(bytes(raw).decode("utf-8")) if raw else {}


def _signature(specs: list[FieldSpec]) -> str:
    """The fields an index was built with, as written beside it (`FIELDS_FILE`)."""
    fields = sorted([s.name, s.kind, s.positions, s.facet] for s in specs)
    return json.dumps({"format": FORMAT, "fields": fields})
