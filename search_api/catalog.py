"""Reading the stored documents for lists and links: a filtered page of documents, the counts
for the list's filters, a document's version stamp, and who cites its provisions."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from corpus.model import Document, SourceFile
from corpus.store import Store
from corpus.vntext import fold


@dataclass(slots=True)
class DocumentFilter:
    """Filters of the documents list; empty fields filter nothing."""

    kind: str | None = None
    doc_type: str | None = None
    issuer: str | None = None
    year: int | None = None

    def sql(self, issuers: Iterable[str] = ()) -> tuple[str, tuple[Any, ...]]:
        """A WHERE clause over `documents d` and its parameters.

        `issuer` matches by folded substring (`quoc hoi` finds `QUỐC HỘI`) among `issuers`,
        the distinct issuers stored.
        """
        clauses: list[str] = []
        params: list[Any] = []
        if self.kind:
            clauses.append("d.kind = ?")
            params.append(self.kind)
        if self.doc_type:
            clauses.append("d.doc_type = ?")
            params.append(self.doc_type)
        if self.issuer:
            want = fold(self.issuer).lower()
            matching = [i for i in issuers if want in fold(i).lower()]
            clauses.append(f"d.issuer IN ({', '.join('?' * len(matching)) or 'NULL'})")
            params.extend(matching)
        if self.year is not None:
            clauses.append("substr(d.issued, 1, 4) = ?")
            params.append(f"{self.year:04d}")
        return (" WHERE " + " AND ".join(clauses) if clauses else ""), tuple(params)


@dataclass(slots=True)
class DocumentPage:
    """One page of `Library.browse`: the rows and how many match in all."""

    total: int
    items: list[dict[str, Any]]


def browse(store: Store, filters: DocumentFilter, limit: int, offset: int) -> DocumentPage:
    """One page of stored documents matching `filters` (newest first), and the total."""
    conn = store.conn
    issuers = [r[0] for r in conn.execute("SELECT DISTINCT issuer FROM documents")]
    where, params = filters.sql([i for i in issuers if i])
    total = conn.execute(f"SELECT count(*) FROM documents d{where}", params).fetchone()[0]
    rows = conn.execute(
        "SELECT d.id, d.kind, d.doc_type, d.number, d.title, d.issuer, d.issued, "
        "d.effective_from, d.effective_to, d.format, d.version, (SELECT count(*) FROM "
        "provisions p WHERE p.doc_id = d.id AND p.kind = 'dieu') AS articles "
        f"FROM documents d{where} ORDER BY d.issued IS NULL, d.issued DESC, d.id "
        "LIMIT ? OFFSET ?",
        (*params, limit, offset),
    )
    return DocumentPage(total=total, items=[dict(r) for r in rows])


def facets(store: Store) -> dict[str, dict[str, int]]:
    """Counts of stored documents by kind, doc_type and year issued (for filters)."""
    out: dict[str, dict[str, int]] = {}
    for name, expr in (
        ("kind", "kind"),
        ("doc_type", "doc_type"),
        ("year", "substr(issued, 1, 4)"),
    ):
        rows = store.conn.execute(
            f"SELECT {expr} AS v, count(*) AS n FROM documents WHERE {expr} IS NOT NULL "
            "GROUP BY v ORDER BY v"
        )
        out[name] = {r["v"]: r["n"] for r in rows}
    return out


def stamp(store: Store, doc_id: str) -> str | None:
    """What identifies the stored version of a document (changes when it is replaced)."""
    row = store.conn.execute(
        "SELECT sha256, version FROM documents WHERE id = ?", (doc_id,)
    ).fetchone()
    return f"{row[0]}:{row[1]}" if row else None


def cited_by(store: Store, doc_id: str, pid: str | None = None) -> dict[str, list[dict[str, Any]]]:
    """Who cites this document's articles, clauses and points, by provision id (all of
    them, or only `pid`).

    Read from the store's `refs` table (filled by citation finding at ingest); references
    from the document to itself are left out.
    """
    only = "" if pid is None else " AND p.id = ?"
    rows = store.conn.execute(
        "SELECT p.id AS pid, r.doc_id, r.source, r.text, d.title, d.number, d.kind "
        "FROM provisions p JOIN refs r ON r.law = p.law AND r.article = p.article "
        "JOIN documents d ON d.id = r.doc_id "
        "WHERE p.doc_id = ? AND r.doc_id != p.doc_id AND (p.kind = 'dieu' "
        "OR (p.kind = 'khoan' AND r.clause = p.clause) "
        f"OR (p.kind = 'diem' AND r.clause IS p.clause AND r.point = p.point)){only} "
        "ORDER BY p.ord, r.doc_id",
        (doc_id,) if pid is None else (doc_id, pid),
    )
    out: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        item = {k: r[k] for k in ("doc_id", "source", "text", "title", "number", "kind")}
        out.setdefault(r["pid"], []).append(item)
    return out


def headline(row: Any) -> Document:
    """A Document with only the facts a citation names (id, kind, type, số hiệu, title), from a
    `documents` row: enough for `corpus.citetext` without reading the whole document."""
    return Document(
        id=row["id"],
        kind=row["kind"],
        doc_type=row["doc_type"],
        number=row["number"],
        title=row["title"],
        source=SourceFile(path="", sha256="", format=""),
    )
