"""Handbooks kept in the data folder's SQLite store (table `handbooks`, migration 3).

A handbook is its spec (as JSON), a title, a revision number (bumped by every change, so an
edit made from a stale page can be refused), and who changed it last: `editor` is a short
digest of the key that made the change, which is how "my current handbook" is found (the one
that key changed last). The specs live beside the documents, so a copy of the data folder
backs up both.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from dataclasses import dataclass
from typing import Any

from corpus.numbers import slug
from handbook.spec import HandbookSpec, parse_spec

RESERVED_IDS = {"add", "new", "api"}


class HandbookConflict(RuntimeError):
    """The handbook changed since the revision the caller saw."""


@dataclass(slots=True)
class StoredHandbook:
    id: str
    title: str
    spec: HandbookSpec
    revision: int
    created_at: str
    updated_at: str
    editor: str | None = None

    def summary(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "revision": self.revision,
            "created_at": self.created_at,
            "updated_at": self.updated_at,
            "sections": len(self.spec.sections),
            "items": sum(len(s.items) for s in self.spec.sections),
        }

    def to_dict(self) -> dict[str, Any]:
        return {**self.summary(), "spec": self.spec.to_data()}


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")


class HandbookStore:
    """Handbooks in a store's SQLite connection (one per thread, like the store's)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def _write(self, sql: str, params: tuple[Any, ...]) -> int:
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            count = self.conn.execute(sql, params).rowcount
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")
        return count

    def list(self) -> list[StoredHandbook]:
        rows = self.conn.execute("SELECT * FROM handbooks ORDER BY updated_at DESC, id")
        return [_handbook(r) for r in rows]

    def get(self, handbook_id: str) -> StoredHandbook | None:
        row = self.conn.execute("SELECT * FROM handbooks WHERE id = ?", (handbook_id,)).fetchone()
        return _handbook(row) if row else None

    def current(self, editor: str) -> StoredHandbook | None:
        """The handbook this editor changed (or created, or chose) last."""
        row = self.conn.execute(
            "SELECT * FROM handbooks WHERE editor = ? ORDER BY updated_at DESC LIMIT 1", (editor,)
        ).fetchone()
        return _handbook(row) if row else None

    def create(self, spec: HandbookSpec, editor: str | None = None) -> StoredHandbook:
        base = slug(spec.title)[:60].strip("-") or "cam-nang"
        if base in RESERVED_IDS:
            base = f"cam-nang-{base}"
        now = _now()
        data = json.dumps(spec.to_data(), ensure_ascii=False)
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            candidate, n = base, 1
            while self.conn.execute(
                "SELECT 1 FROM handbooks WHERE id = ?", (candidate,)
            ).fetchone():
                n += 1
                candidate = f"{base}-{n}"
            self.conn.execute(
                "INSERT INTO handbooks (id, title, spec, revision, created_at, updated_at, "
                "editor) VALUES (?,?,?,1,?,?,?)",
                (candidate, spec.title, data, now, now, editor),
            )
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")
        stored = self.get(candidate)
        assert stored is not None
        return stored

    def save(
        self,
        handbook_id: str,
        spec: HandbookSpec,
        editor: str | None = None,
        revision: int | None = None,
    ) -> StoredHandbook | None:
        """Replace a handbook's spec; None when it does not exist. With `revision`, refuse
        (HandbookConflict) if the stored one is another."""
        data = json.dumps(spec.to_data(), ensure_ascii=False)
        where, params = "id = ?", [handbook_id]
        if revision is not None:
            where += " AND revision = ?"
            params.append(revision)
        changed = self._write(
            "UPDATE handbooks SET spec = ?, title = ?, revision = revision + 1, updated_at = ?, "
            f"editor = ? WHERE {where}",
            (data, spec.title, _now(), editor, *params),
        )
        if not changed:
            if revision is not None and self.get(handbook_id) is not None:
                raise HandbookConflict(handbook_id)
            return None
        return self.get(handbook_id)

    def choose(self, handbook_id: str, editor: str) -> bool:
        """Make a handbook this editor's current one."""
        return bool(
            self._write(
                "UPDATE handbooks SET editor = ?, updated_at = ? WHERE id = ?",
                (editor, _now(), handbook_id),
            )
        )

    def delete(self, handbook_id: str) -> bool:
        return bool(self._write("DELETE FROM handbooks WHERE id = ?", (handbook_id,)))


def _handbook(row: sqlite3.Row) -> StoredHandbook:
    return StoredHandbook(
        id=row["id"],
        title=row["title"],
        spec=parse_spec(json.loads(row["spec"])),
        revision=row["revision"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
        editor=row["editor"],
    )
