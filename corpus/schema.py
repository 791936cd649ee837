"""The store's SQLite schema as numbered migrations; `PRAGMA user_version` says which ran.

A migration is appended, never edited: a data folder made by an older camnang is brought
forward by running the ones it has not seen, in order, each in its own transaction.
"""

from __future__ import annotations

import sqlite3

MIGRATIONS: list[str] = [
    # 1: documents, their old versions, flattened provisions, findings and references.
    """
    CREATE TABLE documents (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        doc_type TEXT,
        number TEXT,
        number_key TEXT,
        title TEXT NOT NULL DEFAULT '',
        issuer TEXT,
        issued TEXT,
        effective_from TEXT,
        effective_to TEXT,
        sha256 TEXT NOT NULL,
        source_path TEXT NOT NULL,
        format TEXT NOT NULL,
        pages INTEGER NOT NULL DEFAULT 0,
        size INTEGER NOT NULL DEFAULT 0,
        stored_file TEXT,
        version INTEGER NOT NULL DEFAULT 1,
        ingested_at TEXT NOT NULL,
        data TEXT NOT NULL
    );
    CREATE INDEX documents_sha ON documents(sha256);
    CREATE INDEX documents_number ON documents(number_key);
    CREATE TABLE document_versions (
        doc_id TEXT NOT NULL,
        version INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        source_path TEXT NOT NULL,
        stored_file TEXT,
        ingested_at TEXT NOT NULL,
        replaced_at TEXT NOT NULL,
        data TEXT NOT NULL,
        PRIMARY KEY (doc_id, version)
    );
    CREATE TABLE provisions (
        doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        id TEXT NOT NULL,
        parent_id TEXT,
        ord INTEGER NOT NULL,
        kind TEXT NOT NULL,
        number TEXT NOT NULL DEFAULT '',
        title TEXT NOT NULL DEFAULT '',
        text TEXT NOT NULL DEFAULT '',
        page INTEGER,
        law TEXT,
        article TEXT,
        clause TEXT,
        point TEXT,
        PRIMARY KEY (doc_id, id)
    );
    CREATE INDEX provisions_law_article ON provisions(law, article, clause, point);
    CREATE TABLE findings (
        doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        n TEXT NOT NULL,
        ord INTEGER NOT NULL,
        text TEXT NOT NULL,
        PRIMARY KEY (doc_id, ord)
    );
    CREATE TABLE refs (
        doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        source TEXT NOT NULL,
        text TEXT NOT NULL,
        law TEXT,
        article TEXT,
        clause TEXT,
        point TEXT,
        status TEXT NOT NULL
    );
    CREATE INDEX refs_target ON refs(law, article);
    CREATE INDEX refs_doc ON refs(doc_id);
    """,
    # 2: findings keep their title and case files; references know their finding and order, and
    # are looked up by (law, article, clause, point) in both directions (cites / cited by).
    """
    ALTER TABLE findings ADD COLUMN title TEXT NOT NULL DEFAULT '';
    ALTER TABLE refs ADD COLUMN finding_ord INTEGER;
    ALTER TABLE refs ADD COLUMN ord INTEGER NOT NULL DEFAULT 0;
    CREATE INDEX refs_full ON refs(law, article, clause, point);
    CREATE TABLE case_files (
        doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        finding_ord INTEGER NOT NULL,
        number TEXT NOT NULL
    );
    CREATE INDEX case_files_number ON case_files(number);
    CREATE INDEX case_files_doc ON case_files(doc_id);
    CREATE INDEX provisions_article ON provisions(article, law);
    """,
    # 3: handbooks (cẩm nang) trainers compile: the spec as JSON, who last changed it, when.
    """
    CREATE TABLE handbooks (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        spec TEXT NOT NULL,
        revision INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        editor TEXT
    );
    CREATE INDEX handbooks_editor ON handbooks(editor, updated_at);
    """,
]

SCHEMA_VERSION = len(MIGRATIONS)


class SchemaTooNew(RuntimeError):
    """The data folder was written by a newer camnang than this one."""


def migrate(conn: sqlite3.Connection) -> int:
    """Bring the schema up to `SCHEMA_VERSION`; return the version found before."""
    found = conn.execute("PRAGMA user_version").fetchone()[0]
    if found > SCHEMA_VERSION:
        raise SchemaTooNew(
            f"the store has schema version {found}, this camnang knows up to {SCHEMA_VERSION}; "
            "upgrade camnang"
        )
    for version in range(found + 1, SCHEMA_VERSION + 1):
        script = MIGRATIONS[version - 1]
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in _statements(script):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {version}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return found


def _statements(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]
