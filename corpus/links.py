"""Links between stored documents: a reference → the provision it cites, and "cited by".

Links are not stored; they are looked up, so they stay right whichever side is ingested first,
later, or replaced. A reference `{law, article, clause, point}` is looked for under its law and
then under the laws that amend it (`Registry.lineage`: Pháp điển files Điều 7a of
26/2008/QH12 under 64/2014/QH13, the law that added it); the document whose own number is the
law wins over a codification (Pháp điển) that quotes it; the deepest provision that exists is
the target (`điểm`, else `khoản`, else `Điều`). "Cited by" runs the same lookup backwards.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any

from corpus.model import Document, Reference
from corpus.numbers import normalize_number, number_key
from corpus.registry import Registry, default_registry

_DEPTH = {"diem": 3, "khoan": 2, "dieu": 1}


@dataclass(slots=True, frozen=True)
class Target:
    """Where a reference points in the store: a document, and a provision in it (or none)."""

    doc_id: str
    provision_id: str | None = None

    def __str__(self) -> str:
        return f"{self.doc_id}#{self.provision_id}" if self.provision_id else self.doc_id


def find_target(
    conn: sqlite3.Connection, ref: Reference, registry: Registry | None = None
) -> Target | None:
    """The stored provision (or document) a reference cites, or None when it is not stored."""
    if not ref.law:
        return None
    registry = registry or default_registry()
    if not ref.article:
        row = conn.execute(
            "SELECT id FROM documents WHERE number_key = ? ORDER BY ingested_at DESC LIMIT 1",
            (number_key(ref.law),),
        ).fetchone()
        return Target(row["id"]) if row else None
    articles = sorted({ref.article, ref.article.lower()})
    for law in registry.lineage(ref.law):
        rows = conn.execute(
            "SELECT p.doc_id, p.id, p.kind, p.clause, p.point, d.number_key, d.ingested_at "
            "FROM provisions p JOIN documents d ON d.id = p.doc_id "
            f"WHERE p.law = ? AND p.article IN ({','.join('?' * len(articles))}) "
            "AND p.kind IN ('dieu', 'khoan', 'diem')",
            (normalize_number(law), *articles),
        ).fetchall()
        if rows:
            return _best(rows, ref, number_key(law))
    return None


def _best(rows: list[sqlite3.Row], ref: Reference, law_key: str) -> Target:
    docs = {}
    for row in rows:
        docs.setdefault(row["doc_id"], (row["number_key"] == law_key, row["ingested_at"]))
    doc_id = max(docs, key=lambda d: docs[d])
    matching = [
        row
        for row in rows
        if row["doc_id"] == doc_id
        and (row["kind"] == "dieu" or (ref.clause and row["clause"] == ref.clause))
        and (row["kind"] != "diem" or (ref.point and row["point"] == ref.point))
    ]
    best = max(matching, key=lambda r: _DEPTH[r["kind"]]) if matching else rows[0]
    return Target(doc_id, best["id"])


def overlay_links(
    conn: sqlite3.Connection, doc: Document, registry: Registry | None = None
) -> None:
    """Set every reference's `target` and `status` from the store as it is now.

    `resolved`: the cited provision (or document) is stored; `external`: it names a document
    the store does not hold (or not that provision); `unresolved`: the text named no document.
    """
    registry = registry or default_registry()
    for ref in [*doc.refs, *(r for f in doc.findings for r in f.refs)]:
        if not ref.law:
            ref.target, ref.status = None, "unresolved"
            continue
        target = find_target(conn, ref, registry)
        ref.target = str(target) if target else None
        ref.status = "resolved" if target else "external"


def cited_by(
    conn: sqlite3.Connection, doc_id: str, registry: Registry | None = None
) -> dict[str, list[dict[str, Any]]]:
    """For each provision of a document that other documents cite: who cites it, and where.

    A reference to an article cites the article; one to a clause (point) cites that clause
    (point) and the article above it.
    """
    registry = registry or default_registry()
    laws = [
        r["law"]
        for r in conn.execute(
            "SELECT DISTINCT law FROM provisions WHERE doc_id = ? AND law IS NOT NULL", (doc_id,)
        )
    ]
    found: dict[str, list[dict[str, Any]]] = {}
    for law in laws:
        citing_laws = [law, *registry.amended_documents(law)]
        marks = ",".join("?" * len(citing_laws))
        rows = conn.execute(
            "SELECT p.id AS provision, r.doc_id, r.source, r.text, r.law, r.article, r.clause, "
            "r.point, r.finding_ord, d.kind, d.title, d.issued FROM provisions p "
            f"JOIN refs r ON r.article = p.article AND r.law IN ({marks}) "
            "JOIN documents d ON d.id = r.doc_id "
            "WHERE p.doc_id = ? AND p.law = ? AND r.doc_id != p.doc_id "
            "AND (p.kind = 'dieu' OR (p.kind = 'khoan' AND r.clause = p.clause) "
            "OR (p.kind = 'diem' AND r.clause = p.clause AND r.point = p.point)) "
            "ORDER BY p.ord, d.issued, r.doc_id, r.ord",
            (*citing_laws, doc_id, law),
        ).fetchall()
        for row in rows:
            entry = {k: row[k] for k in row.keys() if k != "provision"}  # noqa: SIM118
            found.setdefault(row["provision"], []).append(entry)
    return found
