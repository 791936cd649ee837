"""The Whoosh engine: camnang's `Engine` over a Whoosh index in a folder.

Terms arrive pre-analyzed, so text fields are a FieldType that takes a term list and encodes
frequencies (and positions where phrases need them) without any Whoosh analyzer. Scores are
Whoosh's BM25F (BM25 per field with a per-field `b`, summed with the clause boosts). Facet
counts come from single-valued columns over the set of every matching record.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import numpy as np
from whoosh import fields, formats, index, query
from whoosh.analysis import IDTokenizer
from whoosh.system import pack_uint
from whoosh.writing import SegmentWriter

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
    full_text,
    top_values,
)
from index.whoosh_scoring import VectorScorer

KEY = "key"
DOC = "doc_id"
NONE = "-"
COMPRESSION = 3
"""zlib level of posting blocks (Whoosh's default 3)."""
"""A facet column's value for a record that has none."""


class PreAnalyzed(fields.FieldType):
    """A text field whose value is a list of terms (`""` = a gap that takes a position)."""

    def __init__(self, positions: bool = False) -> None:
        self.format = formats.Positions() if positions else formats.Frequency()
        self.analyzer = IDTokenizer()
        self.scorable = True
        self.stored = False
        self.unique = False
        self.vector = None
        self.column_type = None

    def index(self, value: list[str], **kwargs: Any) -> Iterator[tuple[bytes, int, float, bytes]]:
        if isinstance(self.format, formats.Positions):
            poses: dict[str, list[int]] = defaultdict(list)
            for i, term in enumerate(value):
                if term:
                    poses[term].append(i)
            encode = self.format.encode
            for term, ps in poses.items():
                yield term.encode("utf-8"), len(ps), float(len(ps)), encode(ps)
        else:
            counts = Counter(value)
            counts.pop("", None)
            for term, n in counts.items():
                yield term.encode("utf-8"), n, float(n), pack_uint(n)


class Keywords(fields.FieldType):
    """A multi-valued exact keyword field for filters (no scores, no column)."""

    def __init__(self) -> None:
        self.format = formats.Existence()
        self.analyzer = IDTokenizer()
        self.scorable = False
        self.stored = False
        self.unique = False
        self.vector = None
        self.column_type = None

    def index(self, value: list[str], **kwargs: Any) -> Iterator[tuple[bytes, int, float, bytes]]:
        for v in dict.fromkeys(value):
            yield v.encode("utf-8"), 1, 1.0, b""


def _schema(specs: list[FieldSpec]) -> fields.Schema:
    schema = fields.Schema()
    schema.add(KEY, fields.ID(unique=True, stored=True))
    schema.add(DOC, fields.ID(stored=True))
    for spec in specs:
        if spec.kind == "text":
            schema.add(spec.name, PreAnalyzed(positions=spec.positions))
        elif spec.kind == "keyword" and spec.facet:
            schema.add(spec.name, fields.ID(sortable=True))
        elif spec.kind == "keyword":
            schema.add(spec.name, Keywords())
        elif spec.kind == "numeric":
            schema.add(spec.name, fields.NUMERIC(int, bits=64, signed=True))
        if spec.stored or spec.kind == "stored":
            schema.add(f"s_{spec.name}", fields.STORED())
    return schema


class _Lengths:
    """Field lengths for the posting writer, read once per field instead of once per posting."""

    def __init__(self, reader: Any) -> None:
        self.reader = reader
        self.size = reader.doc_count_all()
        self.fields: dict[str, list[int]] = {}

    def doc_field_length(self, docnum: int, fieldname: str, default: int = 0) -> int:
        lengths = self.fields.get(fieldname)
        if lengths is None:
            get = self.reader.doc_field_length
            lengths = [get(i, fieldname, default) for i in range(self.size)]
            self.fields[fieldname] = lengths
        return lengths[docnum]

    def close(self) -> None:
        self.reader.close()


class _Writer(SegmentWriter):
    """Whoosh's segment writer with field lengths cached while postings are written."""

    def _flush_segment(self) -> None:
        self.perdocwriter.close()
        lengths = _Lengths(self.per_document_reader()) if self.codec.length_stats else None
        self.fieldwriter.add_postings(self.schema, lengths, self.pool.iter_postings())
        self.fieldwriter.close()
        if lengths is not None:
            lengths.close()


class WhooshEngine(Engine):
    """Whoosh 2.7 in `path`. `limitmb`/`procs` tune bulk writing."""

    name = "whoosh"

    def __init__(
        self,
        path: Path | str,
        specs: list[FieldSpec],
        k1: float = 1.2,
        limitmb: int = 256,
        procs: int = 1,
    ) -> None:
        self.path = Path(path)
        self.specs = {s.name: s for s in specs}
        self.limitmb = limitmb
        self.procs = procs
        self._writer: SegmentWriter | None = None
        self._searcher: Any = None
        self._columns: dict[str, tuple[np.ndarray, list[str]]] = {}

        self.k1 = k1
        self.length_norms = {s.name: s.length_norm for s in specs if s.kind == "text"}
        self._scorer: VectorScorer | None = None
        self._filter_masks: dict[str, np.ndarray] = {}
        try:
            if index.exists_in(str(self.path)):
                self.ix = index.open_dir(str(self.path))
                if set(self.ix.schema.names()) != set(_schema(specs).names()):
                    raise IndexCorrupt("the index was built with other fields")
                with self.ix.searcher() as s:
                    s.doc_count()
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                self.ix = index.create_in(str(self.path), _schema(specs))
        except IndexCorrupt:
            raise
        except Exception as err:
            raise IndexCorrupt(f"{type(err).__name__}: {err}") from None

    # -- writing ---------------------------------------------------------------------------

    def _w(self) -> SegmentWriter:
        if self._writer is None:
            if self.procs > 1:
                self._writer = self.ix.writer(
                    procs=self.procs, limitmb=self.limitmb, multisegment=True
                )
            else:
                self._writer = _Writer(self.ix, limitmb=self.limitmb, codec=_codec())
        return self._writer

    def add(self, records: Iterable[Record]) -> int:
        w = self._w()
        n = 0
        for r in records:
            doc: dict[str, Any] = {KEY: r.key, DOC: r.doc_id}
            for name, terms in full_text(r.text, self.specs.values()).items():
                doc[name] = terms
            for name, values in r.keywords.items():
                spec = self.specs[name]
                if spec.facet:
                    doc[name] = values[0] if values else NONE
                elif values:
                    doc[name] = values
            doc.update(r.numbers)
            for name, value in r.stored.items():
                doc[f"s_{name}"] = value
            for name, spec in self.specs.items():
                if spec.facet and name not in doc:
                    doc[name] = NONE
            w.add_document(**doc)
            n += 1
        return n

    def delete_document(self, doc_id: str) -> None:
        self._w().delete_by_term(DOC, doc_id)

    def commit(self) -> None:
        if self._writer is not None:
            writer, self._writer = self._writer, None
            writer.commit(optimize=False)
        self._forget()

    def cancel(self) -> None:
        if self._writer is not None:
            writer, self._writer = self._writer, None
            writer.cancel()

    # -- reading ---------------------------------------------------------------------------

    def _s(self) -> Any:
        if self._searcher is None:
            self._searcher = self.ix.searcher()
        elif not self._searcher.up_to_date():
            self._searcher = self._searcher.refresh()
            self._forget()
        return self._searcher

    def _forget(self) -> None:
        self._scorer = None
        self._columns.clear()
        self._filter_masks.clear()

    def _vector(self, s: Any) -> VectorScorer:
        """The scorer of searcher `s`, the snapshot `_s()` gave the operation under way."""
        if self._scorer is None:
            self._scorer = VectorScorer(s, self.k1, self.length_norms, 0.75)
        return self._scorer

    def search(self, request: Request) -> EngineResult:
        s = self._s()  # one snapshot for the whole search, whatever a writer commits meanwhile
        sc = self._vector(s)
        empty = EngineResult([], 0, {name: {} for name in request.facets})
        if sc.size == 0 or not (request.should or request.must or request.filters):
            return empty
        mask = sc.live.copy()
        if request.filters:
            mask &= self._filter_mask(s, request.filters)
        scores = np.zeros(sc.size, dtype=np.float32)
        for m in request.must:
            hit = np.zeros(sc.size, dtype=bool)
            for clause in m if isinstance(m, list) else [m]:
                self._score(sc, s, clause, scores, hit)
            mask &= hit
        if request.should:
            hit = np.zeros(sc.size, dtype=bool)
            for clause in request.should:
                self._score(sc, s, clause, scores, hit)
            if not request.must:
                mask &= hit
        matched = np.flatnonzero(mask)
        if len(matched) > request.limit:
            part = np.argpartition(-scores[matched], request.limit - 1)[: request.limit]
            matched_top = matched[part]
        else:
            matched_top = matched
        order = matched_top[np.lexsort((matched_top, -scores[matched_top]))][: request.limit]
        hits = [
            EngineHit(
                key=(stored := _stored(s.stored_fields(int(d))))[KEY],
                score=float(scores[d]),
                stored=stored,
            )
            for d in order
        ]
        facets: dict[str, dict[str, int]] = {}
        for name in request.facets:
            codes, values = self._column(s, name)
            counts = np.bincount(codes[mask], minlength=len(values))
            found = np.flatnonzero(counts)
            facets[name] = top_values(
                ((values[i], int(counts[i])) for i in found if values[i] != NONE),
                request.facet_limit,
            )
        return EngineResult(hits, len(matched), facets)

    def _score(
        self, sc: VectorScorer, s: Any, clause: Scored, scores: np.ndarray, hit: np.ndarray
    ) -> None:
        if isinstance(clause, Term):
            sc.add(scores, hit, clause.field, clause.text, clause.boost)
            return
        docs = _mask(sc.size, s.docs_for_query(_scored(clause)))
        for term in dict.fromkeys(clause.terms):
            ids, values = sc.term_scores(clause.field, term)
            keep = docs[ids]
            scores[ids[keep]] += values[keep] * clause.boost
        hit |= docs

    def _filter_mask(self, s: Any, filters: list[Any]) -> np.ndarray:
        key = repr(filters)
        found = self._filter_masks.get(key)
        if found is None:
            found = _mask(s.doc_count_all(), s.docs_for_query(_filters(filters)))
            if len(self._filter_masks) > 64:
                self._filter_masks.clear()
            self._filter_masks[key] = found
        return found

    def _column(self, s: Any, name: str) -> tuple[np.ndarray, list[str]]:
        """A facet column of searcher `s` as value codes per document number, and the values."""
        col = self._columns.get(name)
        if col is None:
            reader = s.reader()
            cr = reader.column_reader(name)
            values: dict[str, int] = {}
            codes = np.fromiter(
                (
                    values.setdefault(
                        v.decode("utf-8") if isinstance(v, bytes) else str(v), len(values)
                    )
                    for v in cr
                ),
                dtype=np.int32,
            )
            col = (codes, list(values))
            self._columns[name] = col
        return col

    def get(self, key: str) -> dict[str, Any] | None:
        found = self._s().document(**{KEY: key})
        return _stored(found) if found else None

    def doc_count(self) -> int:
        return self._s().doc_count()

    def doc_frequency(self, field: str, term: str) -> int:
        return self._s().doc_frequency(field, term)

    def vocabulary(self, field: str) -> Iterator[tuple[str, int]]:
        reader = self._s().reader()
        for term, info in reader.iter_field(field):
            yield (term.decode("utf-8") if isinstance(term, bytes) else term), info.doc_frequency()

    def close(self) -> None:
        self.cancel()
        if self._searcher is not None:
            self._searcher.close()
            self._searcher = None


def _codec() -> Any:
    from whoosh.codec.whoosh3 import W3Codec

    return W3Codec(compression=COMPRESSION)


def _mask(size: int, docnums: Iterable[int]) -> np.ndarray:
    mask = np.zeros(size, dtype=bool)
    ids = np.fromiter(docnums, dtype=np.int64)
    if len(ids):
        mask[ids] = True
    return mask


def _stored(values: dict[str, Any]) -> dict[str, Any]:
    out = {k[2:]: v for k, v in values.items() if k.startswith("s_")}
    out[KEY] = values.get(KEY)
    out[DOC] = values.get(DOC)
    return out


def _scored(clause: Scored) -> query.Query:
    if isinstance(clause, Term):
        return query.Term(clause.field, clause.text, boost=clause.boost)
    if isinstance(clause, Phrase):
        if len(clause.terms) == 1:
            return query.Term(clause.field, clause.terms[0], boost=clause.boost)
        return query.Phrase(clause.field, list(clause.terms), boost=clause.boost)
    raise TypeError(f"not a scored clause: {clause!r}")


def _filter(f: AnyOf | Range | AllOf) -> query.Query:
    if isinstance(f, AnyOf):
        return query.Or([query.Term(f.field, v) for v in f.values]) if f.values else query.NullQuery
    if isinstance(f, Range):
        return query.NumericRange(f.field, f.lo, f.hi)
    return query.And([_filter(c) for c in f.clauses])


def _filters(filters: list[Any]) -> query.Query | None:
    if not filters:
        return None
    return query.And([_filter(f) for f in filters])
