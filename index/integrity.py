"""Does the search index hold exactly what the store says it should?

Engine-neutral: everything is asked through `SearchIndex`'s manifest and the `Engine`
interface (filters, facet counts, stored values), so every engine is checked the same way.
For each stored document the index must hold one record per unit (`index.units.units_of`),
with the same keys and the same text; no record may belong to a document the store lacks, or
to none.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterator

from corpus.integrity import Problem
from corpus.store import Store
from index.engine import AnyOf, Request
from index.service import SearchIndex
from index.units import units_of


def check_index(index: SearchIndex, store: Store) -> Iterator[Problem]:
    """Every way `index` differs from `store` (the store is the truth)."""
    if not index.current:
        yield _problem(
            "index_stale",
            "the index is marked incomplete (an update was interrupted) or was built by "
            "another version",
        )
    stored = dict(store.conn.execute("SELECT id, sha256 FROM documents").fetchall())
    versions = index.documents
    behind = sorted(d for d, sha in stored.items() if versions.get(d) != sha)
    extra = sorted(versions.keys() - stored.keys())
    if behind or extra:
        yield _problem(
            "index_manifest",
            f"the index's list of documents is out of step: {_few(behind)} missing or at "
            f"another version, {_few(extra)} no longer stored",
        )
    try:
        yield from _check_records(index, store, stored)
    except Exception as err:  # a damaged index shows up when it is read
        text = " ".join(str(err).split())[:160]
        yield _problem(
            "index_unreadable", f"the index cannot be read: {type(err).__name__}: {text}"
        )


def _check_records(index: SearchIndex, store: Store, stored: dict[str, str]) -> Iterator[Problem]:
    engine = index.engine
    held = index.held_documents()
    total = engine.doc_count()
    if total == 0 and stored:
        yield _problem(
            "index_empty", f"the index is empty; the store holds {len(stored)} documents"
        )
        return
    loose = total - sum(held.values())
    if loose:
        yield _problem("index_loose", f"{loose} index records belong to no document")
    for doc_id in sorted(held.keys() - stored.keys()):
        yield _problem(
            "index_orphan",
            f"the index holds {held[doc_id]} records of '{doc_id}', which the store does not have",
            doc_id,
        )
    for doc_id in sorted(stored):
        doc = store.get(doc_id, links=False)
        if doc is None:
            continue
        units = units_of(doc)
        have = held.get(doc_id, 0)
        if have == 0 and units:
            yield _problem(
                "index_missing", f"{doc_id} is not in the index ({len(units)} units)", doc_id
            )
            continue
        want = Counter(_digest(u.key, u.label, u.text) for u in units)
        hits = engine.search(
            Request(filters=[AnyOf("document", (doc_id,))], limit=max(have, len(units)) + 1)
        ).hits
        got = Counter(
            _digest(h.key, h.stored.get("label") or "", h.stored.get("text") or "") for h in hits
        )
        if got != want:
            stale, absent = sum((got - want).values()), sum((want - got).values())
            yield _problem(
                "index_records",
                f"{doc_id}: the index holds {len(hits)} records, the store gives {len(units)} "
                f"units ({stale} in the index only, {absent} missing or different)",
                doc_id,
            )


def _digest(key: str, label: str, text: str) -> str:
    return hashlib.sha256(f"{key}\x00{label}\x00{text}".encode()).hexdigest()


def _few(ids: list[str]) -> str:
    if not ids:
        return "none"
    shown = ", ".join(ids[:3])
    return f"{len(ids)} ({shown}{', …' if len(ids) > 3 else ''})"


def _problem(code: str, message: str, doc_id: str | None = None) -> Problem:
    return Problem("index", code, message, doc_id, repairable=True)
