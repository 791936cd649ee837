"""The search index of a data folder: keep it in step with documents, and answer queries.

`SearchIndex` sits over one engine (Whoosh by default). It turns Documents into units and
records, runs a query as a citation lookup (the cited provision first) plus a ranked free-text
search, and dresses engine hits as `Hit`s with snippets and clause labels. A manifest beside
the engine's folder says which document versions the index holds, so a caller can bring a
stale index up to date, and which analysis built it, so a changed analysis forces a rebuild.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from corpus.model import Document, Reference
from corpus.numbers import number_key
from corpus.registry import default_registry
from index.analysis.analyzers import analyze
from index.engine import AnyOf, EngineHit, Range, Request, Term
from index.engines import DEFAULT_ENGINE, make_engine
from index.highlight import targets
from index.hits import HitScans, dressed, marking_of
from index.parallel import analyzed
from index.query import (
    ParsedQuery,
    covering_clauses,
    parse_query,
    phrase_clauses,
    scored_clauses,
    without_common,
)
from index.ranking import Weights, default_weights
from index.records import FACETS, field_specs, record_of
from index.rerank import RERANK_DEPTH, by_proximity
from index.results import Hit, SearchFilters, SearchResult
from index.suggest import did_you_mean, similar_clauses
from index.units import Unit, units_of

ANALYSIS_VERSION = 3
"""Bump when analysis or fields change: an index built by another version is rebuilt."""
MANIFEST = "manifest.json"
"""The Whoosh engine's manifest (its name from before engines were selectable); another
engine's is `manifest-<engine>.json`, so each engine's index in a folder keeps its own."""
MAX_OFFSET = 10_000
"""Deepest hit a search pages to (the engine ranks `offset + limit` hits)."""
REMOVE_TRIES = 20
"""Times an index's folder is deleted, 50 ms apart, while something still writes in it."""


def manifest_name(engine: str) -> str:
    return MANIFEST if engine == "whoosh" else f"manifest-{engine}.json"


def remove_index(path: Path | str, engine: str) -> None:
    """Delete one engine's index in an index folder (its folder and its manifest)."""
    path = Path(path)
    remove_folder(path / engine)
    (path / manifest_name(engine)).unlink(missing_ok=True)


def move_index(source: Path, target: Path, engine: str) -> None:
    """Replace one engine's index in the index folder `target` by the one in `source`: its
    folder by two renames (a reader that opens the index in between finds none and starts an
    empty one, which is then replaced too), then its manifest."""
    target.mkdir(parents=True, exist_ok=True)
    current = target / engine
    old = target / f".{engine}.replaced"
    remove_folder(old)
    if current.exists():
        current.rename(old)
    try:
        (source / engine).rename(current)
    except OSError:
        remove_folder(current)
        (source / engine).rename(current)
    os.replace(source / manifest_name(engine), target / manifest_name(engine))
    remove_folder(old)


def remove_folder(folder: Path) -> None:
    """Delete an index's folder whole, again while something still writes in it: a Tantivy
    index just closed may (seen once in CI, where a rebuild's folder outlived one `rmtree`).
    What is left after `REMOVE_TRIES` stays."""
    for _ in range(REMOVE_TRIES):
        shutil.rmtree(folder, ignore_errors=True)
        if not folder.exists():
            return
        time.sleep(0.05)


class SearchIndex:
    """An index folder: `<path>/<engine>/` plus the engine's manifest (`manifest_name`)."""

    def __init__(
        self,
        path: Path | str,
        engine: str = DEFAULT_ENGINE,
        weights: Weights | None = None,
        **engine_options: int,
    ) -> None:
        self.path = Path(path)
        self.engine_name = engine
        self.weights = weights or default_weights()
        self.path.mkdir(parents=True, exist_ok=True)
        self.manifest_path = self.path / manifest_name(engine)
        self.manifest = self._read_manifest()
        self.engine = make_engine(
            engine,
            self.path / engine,
            field_specs(self.weights.length_norms()),
            k1=self.weights.k1,
            **engine_options,
        )
        self._vocab: dict[str, int] | None = None

    # -- keeping in step -------------------------------------------------------------------

    @property
    def current(self) -> bool:
        """Whether the index was built by this analysis and completed its last change."""
        return (
            self.manifest.get("analysis") == ANALYSIS_VERSION
            and self.manifest.get("engine") == self.engine_name
            and not self.manifest.get("dirty", False)
        )

    @property
    def compatible(self) -> bool:
        """Built by this analysis and engine: an interrupted change can be synced, not rebuilt
        (each engine commit is atomic, so the engine holds some committed state)."""
        return (
            self.manifest.get("analysis") == ANALYSIS_VERSION
            and self.manifest.get("engine") == self.engine_name
        )

    def held_documents(self) -> dict[str, int]:
        """doc_id → records the engine itself holds (asked of the engine, not the manifest)."""
        total = self.engine.doc_count()
        if not total:
            return {}
        every = Range("eff_from", None, None)  # each record has one (0 when unknown)
        found = self.engine.search(
            Request(filters=[every], limit=1, facets=("document",), facet_limit=total)
        )
        return dict(found.facets.get("document", {}))

    @property
    def documents(self) -> dict[str, str]:
        """doc_id → the version (sha256) the index holds."""
        return dict(self.manifest.get("documents", {}))

    def index_document(self, doc: Document) -> int:
        """Replace a document's units (not visible until `commit`)."""
        self._begin()
        self.engine.delete_document(doc.id)
        n = self.engine.add(record_of(u) for u in units_of(doc))
        self.manifest["documents"][doc.id] = doc.source.sha256
        return n

    def index_documents(self, docs: Iterable[Document], jobs: int = 1) -> int:
        """Replace many documents' units, analyzed in `jobs` processes (a rebuild)."""
        self._begin()

        def units() -> Iterator[Unit]:
            for doc in docs:
                self.engine.delete_document(doc.id)
                self.manifest["documents"][doc.id] = doc.source.sha256
                yield from units_of(doc)

        return self.engine.add_prepared(analyzed(units(), jobs, self.engine.prepare))

    def add_units(self, units: Iterable[Unit], jobs: int = 1) -> int:
        """Add units directly (benchmarks index corpora that are not Documents), analyzed in
        `jobs` processes."""
        self._begin()
        return self.engine.add_prepared(analyzed(units, jobs, self.engine.prepare))

    def remove_document(self, doc_id: str) -> None:
        self._begin()
        self.engine.delete_document(doc_id)
        self.manifest["documents"].pop(doc_id, None)

    def commit(self) -> None:
        self.engine.commit()
        self.manifest["dirty"] = False
        self._write_manifest()
        self._vocab = None

    def _begin(self) -> None:
        """Mark the manifest dirty before a change. It is read again from disk first: another
        writer (this one now holds the write lock) may have changed the index since it was
        opened, and its entries must not be lost when this one writes the manifest."""
        if not self.manifest.get("dirty"):
            self.manifest = self._read_manifest()
            self.manifest["dirty"] = True
            self._write_manifest()

    def _read_manifest(self) -> dict[str, Any]:
        try:
            data = json.loads(self.manifest_path.read_text(encoding="utf-8"))
            if isinstance(data, dict) and isinstance(data.get("documents"), dict):
                return data
        except (OSError, ValueError):
            pass
        return {"analysis": None, "engine": None, "documents": {}, "dirty": False}

    def _write_manifest(self) -> None:
        self.manifest["analysis"] = ANALYSIS_VERSION
        self.manifest["engine"] = self.engine_name
        tmp = self.manifest_path.with_suffix(".json.tmp")
        tmp.write_text(json.dumps(self.manifest, ensure_ascii=False), encoding="utf-8")
        tmp.replace(self.manifest_path)

    def close(self) -> None:
        self.engine.close()

    # -- searching -------------------------------------------------------------------------

    def search(
        self,
        query: str,
        filters: SearchFilters | None = None,
        limit: int = 10,
        facets: Iterable[str] = FACETS,
        snippets: bool = True,
        offset: int = 0,
    ) -> SearchResult:
        """Citation lookup first, then ranked free text; never raises on odd input.

        `offset` skips that many hits of the whole ranked list (cited provisions included).
        """
        limit = max(1, min(int(limit), 1000))
        offset = max(0, min(int(offset), MAX_OFFSET))
        filters = filters or SearchFilters()
        q = parse_query(query, filters.in_force_on)
        base = filters.engine_filters()
        if q.numbers:
            base.append(AnyOf("numbers", tuple(q.numbers)))
        cited = self._cited(q, base) if q.refs else []
        should = without_common(
            scored_clauses(q, self.weights), self.engine.doc_frequency, self.engine.doc_count()
        )
        must = phrase_clauses(q, self.weights)
        result_hits: list[EngineHit] = []
        found = None
        marking = marking_of(q)
        words = frozenset(t for t in q.folded if t)
        scans = HitScans(words | targets(*marking) if snippets else words)
        if should or must or (q.numbers and not q.refs):
            wanted = offset + limit + len(cited)
            request = Request(
                should, must, base, limit=max(wanted, RERANK_DEPTH), facets=tuple(facets)
            )
            request.match = covering_clauses(should)
            found = self.engine.search(request)
            if must and not found.hits:
                # no exact phrase anywhere: rank by the phrase as a strong preference instead
                request.should, request.must = [*should, *must], []
                request.match = covering_clauses(request.should)
                found = self.engine.search(request)
            result_hits = by_proximity(found.hits, q.folded, self.weights.proximity, scans)
        seen = {h.key for h, _ in cited}
        top = result_hits[0].score if result_hits else 0.0
        ranked = list(cited)
        ranked += [(h, None) for h in result_hits if h.key not in seen]
        hits = []
        for i, (h, part) in enumerate(ranked[offset : offset + limit], start=offset):
            hit = dressed(h, marking if snippets else None, part, scans.made(h))
            if i < len(cited):
                hit.cited, hit.score = True, top + 1.0
            hits.append(hit)
        suggestion = None
        if not ranked and not q.empty:
            suggestion = did_you_mean(q, self._vocabulary())
        # read last: an engine may count these while the hits above were dressed
        total = found.total if found else 0
        return SearchResult(
            query=q.raw,
            hits=hits,
            total=max(total, len(ranked)),
            facets=found.facets if found else {},
            did_you_mean=suggestion,
            cited=[r.to_dict() for r in q.refs],
        )

    def _cited(self, q: ParsedQuery, base: list) -> list[tuple[EngineHit, tuple | None]]:
        """The provisions a query cites, in the order cited; amending laws after the law."""
        out: list[tuple[EngineHit, tuple | None]] = []
        seen: set[str] = set()
        registry = default_registry()
        for ref in q.refs:
            if ref.article and not ref.law:
                h = self._cited_by_title(ref, q.raw, base)
                if h is not None and h.key not in seen:
                    seen.add(h.key)
                    out.append((h, (ref.clause, ref.point)))
                continue
            if not (ref.law and ref.article):
                continue
            lineage = [number_key(x) for x in registry.family(ref.law)]
            found = self.engine.search(
                Request(
                    filters=[
                        *base,
                        AnyOf("law", tuple(lineage)),
                        AnyOf("article", (ref.article.lower(),)),
                    ],
                    limit=5,
                )
            )
            ranked = sorted(
                found.hits,
                key=lambda h: (
                    lineage.index(number_key(h.stored.get("law") or ""))
                    if number_key(h.stored.get("law") or "") in lineage
                    else len(lineage)
                ),
            )
            for h in ranked[:1]:
                if h.key in seen:
                    continue
                seen.add(h.key)
                out.append((h, (ref.clause, ref.point)))
        return out

    def _cited_by_title(self, ref: Reference, query: str, base: list) -> EngineHit | None:
        """The cited article of a document the registry does not know, named by its title
        (`Điều 6 Luật Tiếp cận thông tin`, `dieu 6 luat tiep can thong tin`): the article of
        that number in a document whose whole title the query holds."""
        words = [t for t in analyze(query).folded if t]
        if not words or not ref.article:
            return None
        found = self.engine.search(
            Request(
                should=[Term("title_f", t, 1.0) for t in dict.fromkeys(words)],
                filters=[*base, AnyOf("article", (ref.article.lower(),))],
                limit=5,
            )
        )
        cited = f" {' '.join(words)} "
        for h in found.hits:
            title = [t for t in analyze(h.stored.get("title") or "").folded if t]
            if len(title) >= 2 and f" {' '.join(title)} " in cited:
                return h
        return None

    def more_like_this(self, key: str, limit: int = 10) -> list[Hit]:
        """Units similar to one unit (by its most telling terms)."""
        stored = self.engine.get(key)
        if stored is None:
            return []
        should = similar_clauses(stored.get("text") or "", stored.get("heading") or "", self)
        found = self.engine.search(Request(should=should, limit=limit + 1))
        return [dressed(h, None) for h in found.hits if h.key != key][:limit]

    def _vocabulary(self) -> dict[str, int]:
        if self._vocab is None:
            self._vocab = dict(self.engine.vocabulary("body_f"))
        return self._vocab
