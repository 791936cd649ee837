"""The speed baseline: SQLite FTS5 over the same corpus (unicode61, diacritics removed, BM25).

Measured beside our engine in the same run: build, then the same queries with a snippet and
facet counts (GROUP BY over every match). Query words are quoted, so no FTS5 syntax leaks in.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterable
from pathlib import Path

from index.analysis.analyzers import analyze, words
from index.units import Unit

_SCHEMA = (
    "CREATE VIRTUAL TABLE units USING fts5(title, heading, body, kind UNINDEXED, "
    "doc_type UNINDEXED, doc_id UNINDEXED, tokenize = 'unicode61 remove_diacritics 2')"
)


class Fts5Index:
    def __init__(self, path: Path) -> None:
        self.conn = sqlite3.connect(path)
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute(_SCHEMA)

    def add(self, units: Iterable[Unit]) -> int:
        rows = ((u.title, u.heading, u.text, u.kind, u.doc_type or "-", u.doc_id) for u in units)
        with self.conn:
            cur = self.conn.executemany("INSERT INTO units VALUES (?,?,?,?,?,?)", rows)
        return cur.rowcount

    def search(self, query: str, limit: int = 10) -> tuple[list[tuple], dict[str, dict[str, int]]]:
        terms = list(dict.fromkeys(words(analyze(query).folded)))
        if not terms:
            return [], {}
        match = " OR ".join(f'"{t}"' for t in terms)
        hits = self.conn.execute(
            "SELECT doc_id, snippet(units, 2, '<mark>', '</mark>', '…', 24), bm25(units) "
            "FROM units WHERE units MATCH ? ORDER BY bm25(units) LIMIT ?",
            (match, limit),
        ).fetchall()
        facets = {}
        for column in ("kind", "doc_type"):
            rows = self.conn.execute(
                f"SELECT {column}, count(*) FROM units WHERE units MATCH ? GROUP BY {column}",
                (match,),
            )
            facets[column] = dict(rows.fetchall())
        return hits, facets

    def close(self) -> None:
        self.conn.close()


def timed_build(units: Iterable[Unit], path: Path) -> tuple[Fts5Index, int, float]:
    """The index, the units added and the seconds taken (reading `units` included, as for the
    engines' builds)."""
    started = time.perf_counter()
    index = Fts5Index(path)
    n = index.add(units)
    return index, n, time.perf_counter() - started
