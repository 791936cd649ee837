"""The SQLite store: the source of truth for every ingested document.

One document saved = one transaction. A file whose sha256 is already stored is `unchanged`;
a new file with the số hiệu of a stored document replaces it, and the old version's record is
kept in `document_versions`. The original file is kept, content-addressed, under `files/`.
Readers never wait (WAL); writers take the data folder's write lock (`corpus.locking`).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from corpus.links import Target, cited_by, find_target, overlay_links
from corpus.model import Document, Provision, Reference
from corpus.numbers import number_key, slug
from corpus.schema import migrate

DB_NAME = "camnang.sqlite"
FILES_DIR = "files"


@dataclass(slots=True)
class SaveResult:
    """What `Store.save` did: `ingested` (new), `replaced` (new version) or `unchanged`."""

    status: str
    doc_id: str
    version: int = 1


@dataclass(slots=True)
class DocumentSummary:
    """One row of `camnang list`."""

    id: str
    kind: str
    doc_type: str | None
    number: str | None
    title: str
    issued: str | None
    articles: int
    version: int
    source_path: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "doc_type": self.doc_type,
            "number": self.number,
            "title": self.title,
            "issued": self.issued,
            "articles": self.articles,
            "version": self.version,
            "source_path": self.source_path,
        }


def is_yeared(number: str) -> bool:
    """Whether a số hiệu carries its year (`62/2015/NĐ-CP`), as normative documents do."""
    return bool(re.search(r"/\d{4}/", number))


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


class Store:
    """Documents in `DATA/camnang.sqlite`, original files in `DATA/files/`."""

    def __init__(self, data_dir: Path | str) -> None:
        self.data_dir = Path(data_dir)
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.path = self.data_dir / DB_NAME
        self.files_dir = self.data_dir / FILES_DIR
        self.conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        self.conn.row_factory = sqlite3.Row
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA synchronous=NORMAL")
        self.conn.execute("PRAGMA foreign_keys=ON")
        self.conn.execute("PRAGMA busy_timeout=30000")
        migrate(self.conn)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """An immediate (write) transaction: all or nothing."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    # -- lookups ---------------------------------------------------------------------------

    def doc_id_for_sha(self, sha256: str) -> str | None:
        row = self.conn.execute("SELECT id FROM documents WHERE sha256 = ?", (sha256,)).fetchone()
        return row["id"] if row else None

    def doc_id_for_number(self, number: str) -> str | None:
        row = self.conn.execute(
            "SELECT id FROM documents WHERE number_key = ?", (number_key(number),)
        ).fetchone()
        return row["id"] if row else None

    def doc_id_for_office_number(self, number: str, issued: dt.date | None) -> str | None:
        """A document by a số hiệu without a year (`12/KL-CTHADS`) and its date.

        Offices restart such numbers every year and every office has its own, so the number
        alone does not name one document; with the date it does.
        """
        row = self.conn.execute(
            "SELECT id FROM documents WHERE number_key = ? AND issued IS ?",
            (number_key(number), issued.isoformat() if issued else None),
        ).fetchone()
        return row["id"] if row else None

    def new_doc_id(self, doc: Document) -> str:
        """The id a new document gets: its số hiệu as a slug, else its file name's.

        A số hiệu without a year (an office's `12/KL-CTHADS`) is only the same document again
        with the same date, and its id carries the year (`12-kl-cthads-2023`).
        """
        if doc.number and not is_yeared(doc.number):
            existing = self.doc_id_for_office_number(doc.number, doc.issued)
            if existing:
                return existing
            base = slug(f"{doc.number}-{doc.issued.year}" if doc.issued else doc.number)
        elif doc.number:
            existing = self.doc_id_for_number(doc.number)
            if existing:
                return existing
            base = slug(doc.number)
        else:
            row = self.conn.execute(
                "SELECT id FROM documents WHERE source_path = ? AND number IS NULL",
                (doc.source.path,),
            ).fetchone()
            if row:
                return row["id"]
            base = slug(Path(doc.source.path).stem)
        candidate, n = base, 1
        while self.conn.execute("SELECT 1 FROM documents WHERE id = ?", (candidate,)).fetchone():
            n += 1
            candidate = f"{base}-{n}"
        return candidate

    def get(self, doc_id: str, links: bool = True) -> Document | None:
        """A stored document; with `links`, its references point into the store as it is now
        (`target`, `status`) and `extra["cited_by"]` lists who cites its provisions."""
        row = self.conn.execute("SELECT data FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if not row:
            return None
        doc = Document.from_dict(json.loads(row["data"]))
        if links:
            overlay_links(self.conn, doc)
            citing = cited_by(self.conn, doc_id)
            if citing:
                doc.extra["cited_by"] = citing
        return doc

    def find_target(self, ref: Reference) -> Target | None:
        """The stored provision or document a reference cites (see `corpus.links`)."""
        return find_target(self.conn, ref)

    def cited_by(self, doc_id: str) -> dict[str, list[dict[str, Any]]]:
        """Provision id → the references in other documents that cite it."""
        return cited_by(self.conn, doc_id)

    def iter_findings(self) -> Iterator[tuple[Document, int]]:
        """Every stored inspection conclusion with the number of its findings, by date."""
        rows = self.conn.execute(
            "SELECT id FROM documents WHERE kind = 'inspection_conclusion' ORDER BY issued, id"
        ).fetchall()
        for row in rows:
            doc = self.get(row["id"], links=False)
            if doc is not None:
                yield doc, len(doc.findings)

    def __contains__(self, doc_id: str) -> bool:
        return bool(self.conn.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone())

    def ids(self) -> list[str]:
        return [r["id"] for r in self.conn.execute("SELECT id FROM documents ORDER BY id")]

    def count(self) -> int:
        return self.conn.execute("SELECT count(*) FROM documents").fetchone()[0]

    def iter_documents(self, links: bool = False) -> Iterator[Document]:
        """Every stored document (without links unless asked: they are looked up per call)."""
        for doc_id in self.ids():
            doc = self.get(doc_id, links=links)
            if doc is not None:
                yield doc

    def list(self, kind: str | None = None) -> list[DocumentSummary]:
        sql = (
            "SELECT d.id, d.kind, d.doc_type, d.number, d.title, d.issued, d.version, "
            "d.source_path, (SELECT count(*) FROM provisions p WHERE p.doc_id = d.id "
            "AND p.kind = 'dieu') AS articles FROM documents d"
        )
        params: tuple[Any, ...] = ()
        if kind:
            sql += " WHERE d.kind = ?"
            params = (kind,)
        sql += " ORDER BY d.kind, d.issued, d.id"
        return [DocumentSummary(**dict(r)) for r in self.conn.execute(sql, params)]

    def versions(self, doc_id: str) -> list[dict[str, Any]]:
        """Earlier versions of a document, oldest first (the current one is not listed)."""
        rows = self.conn.execute(
            "SELECT version, sha256, source_path, ingested_at, replaced_at "
            "FROM document_versions WHERE doc_id = ? ORDER BY version",
            (doc_id,),
        )
        return [dict(r) for r in rows]

    def stored_file(self, doc_id: str) -> Path | None:
        row = self.conn.execute(
            "SELECT stored_file FROM documents WHERE id = ?", (doc_id,)
        ).fetchone()
        if not row or not row["stored_file"]:
            return None
        return self.data_dir / row["stored_file"]

    # -- writing ---------------------------------------------------------------------------

    def save(self, doc: Document, original: Path | None = None) -> SaveResult:
        """Store a parsed document in one transaction (see the module doc for the rules).

        `doc.id` is assigned here when empty. The caller should hold the write lock.
        """
        stored_rel = self._keep_file(original, doc.source.sha256, doc.source.format)
        with self.transaction() as conn:
            same = self.doc_id_for_sha(doc.source.sha256)
            if same:
                return SaveResult("unchanged", same)
            if not doc.id:
                doc.id = self.new_doc_id(doc)
            old = conn.execute(
                "SELECT version, sha256, source_path, stored_file, ingested_at, data "
                "FROM documents WHERE id = ?",
                (doc.id,),
            ).fetchone()
            version = 1
            if old:
                version = old["version"] + 1
                conn.execute(
                    "INSERT INTO document_versions (doc_id, version, sha256, source_path, "
                    "stored_file, ingested_at, replaced_at, data) VALUES (?,?,?,?,?,?,?,?)",
                    (
                        doc.id,
                        old["version"],
                        old["sha256"],
                        old["source_path"],
                        old["stored_file"],
                        old["ingested_at"],
                        _now(),
                        old["data"],
                    ),
                )
                conn.execute("DELETE FROM documents WHERE id = ?", (doc.id,))
            self._insert(conn, doc, version, stored_rel)
        return SaveResult("replaced" if old else "ingested", doc.id, version)

    def delete(self, doc_id: str) -> bool:
        """Remove a document (and its old versions' records). True when it existed."""
        with self.transaction() as conn:
            cur = conn.execute("DELETE FROM documents WHERE id = ?", (doc_id,))
            conn.execute("DELETE FROM document_versions WHERE doc_id = ?", (doc_id,))
        return cur.rowcount > 0

    def _keep_file(self, original: Path | None, sha256: str, fmt: str) -> str | None:
        if original is None:
            return None
        rel = Path(FILES_DIR) / sha256[:2] / f"{sha256}.{fmt}"
        target = self.data_dir / rel
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_suffix(".part")
            shutil.copyfile(original, tmp)
            tmp.replace(target)
        return rel.as_posix()

    def _insert(
        self, conn: sqlite3.Connection, doc: Document, version: int, stored_rel: str | None
    ) -> None:
        conn.execute(
            "INSERT INTO documents (id, kind, doc_type, number, number_key, title, issuer, issued, "
            "effective_from, effective_to, sha256, source_path, format, pages, size, stored_file, "
            "version, ingested_at, data) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                doc.id,
                doc.kind,
                doc.doc_type,
                doc.number,
                number_key(doc.number) if doc.number else None,
                doc.title,
                doc.issuer,
                doc.issued.isoformat() if doc.issued else None,
                doc.effective_from.isoformat() if doc.effective_from else None,
                doc.effective_to.isoformat() if doc.effective_to else None,
                doc.source.sha256,
                doc.source.path,
                doc.source.format,
                doc.source.pages,
                doc.source.size,
                stored_rel,
                version,
                _now(),
                json.dumps(_stored_dict(doc), ensure_ascii=False),
            ),
        )
        conn.executemany(
            "INSERT INTO provisions (doc_id, id, parent_id, ord, kind, number, title, text, page, "
            "law, article, clause, point) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            list(_provision_rows(doc)),
        )
        conn.executemany(
            "INSERT INTO findings (doc_id, n, ord, text, title) VALUES (?,?,?,?,?)",
            [(doc.id, f.n, i, f.text, f.title) for i, f in enumerate(doc.findings)],
        )
        ref_rows = [
            (doc.id, f"finding:{f.n}", r.text, r.law, r.article, r.clause, r.point, r.status, i, j)
            for i, f in enumerate(doc.findings)
            for j, r in enumerate(f.refs)
        ] + [
            (doc.id, "document", r.text, r.law, r.article, r.clause, r.point, r.status, None, j)
            for j, r in enumerate(doc.refs)
        ]
        conn.executemany(
            "INSERT INTO refs (doc_id, source, text, law, article, clause, point, status, "
            "finding_ord, ord) VALUES (?,?,?,?,?,?,?,?,?,?)",
            ref_rows,
        )
        conn.executemany(
            "INSERT INTO case_files (doc_id, finding_ord, number) VALUES (?,?,?)",
            [(doc.id, i, c) for i, f in enumerate(doc.findings) for c in f.case_files],
        )


TRANSIENT = ("cited_by",)
"""Keys `get` adds from the store as it is now; never saved with the document."""


def _stored_dict(doc: Document) -> dict[str, Any]:
    data = doc.to_dict()
    data["refs"] = [r.to_dict() for r in doc.refs]
    for key in TRANSIENT:
        data.pop(key, None)
    return data


def _provision_rows(doc: Document) -> Iterator[tuple[Any, ...]]:
    ord_ = 0

    def visit(
        nodes: list[Provision],
        parent: str | None,
        law: str | None,
        article: str | None,
        clause: str | None,
    ) -> Iterator[tuple[Any, ...]]:
        nonlocal ord_
        for p in nodes:
            p_law, p_article, p_clause, p_point = law, article, clause, None
            if p.kind == "dieu":
                p_law = p.law or doc.number
                p_article = p.article or p.number
                p_clause = None
            elif p.kind == "khoan":
                p_clause = p.number
            elif p.kind == "diem":
                p_point = p.number
            ord_ += 1
            yield (
                doc.id,
                p.id,
                parent,
                ord_,
                p.kind,
                p.number,
                p.title,
                p.text,
                p.page,
                p_law,
                p_article,
                p_clause,
                p_point,
            )
            yield from visit(p.children, p.id, p_law, p_article, p_clause)

    yield from visit(doc.provisions, None, None, None, None)
