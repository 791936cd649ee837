"""Is the store whole? SQLite's own checks, the schema version, each document's rows, and the
original files (present, with the checksum they were stored under; none left over).

Each finding is a `Problem`: one line for people, a code for programs, and whether
`camnang check --repair` can fix it (a leftover file can be removed; a lost original cannot be
made again: re-ingest it or restore a backup).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from corpus.schema import SCHEMA_VERSION
from corpus.store import Store


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a data folder."""

    area: str
    """`store`, `files`, `index` or `uploads`."""
    code: str
    message: str
    """One line, for people."""
    doc_id: str | None = None
    path: str | None = None
    """A file or folder, relative to the data folder, when the problem is one."""
    repairable: bool = False

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def __str__(self) -> str:
        return f"{self.area}: {self.message}"


def check_store(store: Store) -> Iterator[Problem]:
    """Every problem of the SQLite store and its original files, the cheap checks first."""
    conn = store.conn
    rows = [r[0] for r in conn.execute("PRAGMA integrity_check")]
    if rows != ["ok"]:
        more = f" (and {len(rows) - 1} more)" if len(rows) > 1 else ""
        yield Problem("store", "sqlite", f"SQLite integrity check failed: {rows[0]}{more}")
        return  # rows read from a damaged database prove nothing
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version != SCHEMA_VERSION:
        yield Problem(
            "store", "schema", f"schema version {version}, this camnang expects {SCHEMA_VERSION}"
        )
    for table, _rowid, parent, _fk in conn.execute("PRAGMA foreign_key_check"):
        yield Problem("store", "orphan_rows", f"rows of {table} without their {parent} row")
    yield from _check_documents(store)
    yield from _check_files(store)


def _check_documents(store: Store) -> Iterator[Problem]:
    """Each document's flattened rows match its stored JSON (one transaction wrote both)."""
    counts = {
        table: dict(
            store.conn.execute(f"SELECT doc_id, count(*) FROM {table} GROUP BY doc_id").fetchall()
        )
        for table in ("provisions", "findings")
    }
    for row in store.conn.execute("SELECT id, data FROM documents ORDER BY id"):
        doc_id = row["id"]
        try:
            data = json.loads(row["data"])
        except ValueError:
            yield Problem(
                "store", "document_json", f"{doc_id}: its stored JSON is unreadable", doc_id
            )
            continue
        want = {
            "provisions": sum(1 for _ in _walk(data.get("provisions") or [])),
            "findings": len(data.get("findings") or []),
        }
        for table, n in want.items():
            have = counts[table].get(doc_id, 0)
            if have != n:
                yield Problem(
                    "store",
                    "document_rows",
                    f"{doc_id}: {have} rows in {table}, its stored JSON has {n}",
                    doc_id,
                )


def _walk(nodes: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for node in nodes:
        yield node
        yield from _walk(node.get("children") or [])


def _check_files(store: Store) -> Iterator[Problem]:
    """Originals: each referenced file is there with its sha256; no file is left unreferenced."""
    rows = store.conn.execute(
        "SELECT id, sha256, stored_file, 'current' FROM documents UNION ALL "
        "SELECT doc_id, sha256, stored_file, 'version ' || version FROM document_versions"
    ).fetchall()
    referenced: set[str] = set()
    for doc_id, sha, rel, which in rows:
        if not rel:
            continue
        referenced.add(rel)
        path = store.data_dir / rel
        owner = doc_id if which == "current" else f"{doc_id} ({which})"
        if not path.is_file():
            yield Problem(
                "files", "file_missing", f"original of {owner} is missing: {rel}", doc_id, rel
            )
        elif file_sha256(path) != sha:
            yield Problem(
                "files",
                "file_checksum",
                f"original of {owner} does not match its sha256 (damaged): {rel}",
                doc_id,
                rel,
            )
    for path in sorted(store.files_dir.rglob("*")) if store.files_dir.is_dir() else []:
        rel = path.relative_to(store.data_dir).as_posix()
        if path.is_file() and rel not in referenced:
            what = "an unfinished copy" if path.suffix == ".part" else "no document's original"
            yield Problem("files", "orphan_file", f"{rel} is {what}", path=rel, repairable=True)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
