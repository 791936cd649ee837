"""Checking and repairing a data folder: the store, its original files, the search index and
leftover uploads, each against the others (the store is the truth).

`check` only reads; `remove_strays` deletes what a check found left over (unfinished or
unreferenced files, upload folders a stopped service left behind). Rebuilding the index is the
Library's `reindex`.
"""

from __future__ import annotations

import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from corpus.integrity import Problem, check_store
from corpus.store import Store
from index.integrity import check_index
from index.service import SearchIndex

UPLOADS_DIR = "uploads"
"""Where the service keeps uploads in progress (`search_api.http.uploads.UPLOADS_DIR`)."""
STALE_UPLOAD_SECONDS = 24 * 3600
"""An upload folder untouched this long belongs to no running job (as the service sweeps)."""


@dataclass(slots=True)
class CheckReport:
    """What `camnang check` found."""

    problems: list[Problem] = field(default_factory=list)
    documents: int = 0
    files: int = 0
    index_records: int | None = None

    @property
    def consistent(self) -> bool:
        return not self.problems

    def summary(self) -> dict[str, Any]:
        return {
            "consistent": self.consistent,
            "problems": len(self.problems),
            "repairable": sum(p.repairable for p in self.problems),
            "documents": self.documents,
            "files": self.files,
            "index_records": self.index_records,
        }


def check(store: Store, index: SearchIndex | None, data_dir: Path) -> CheckReport:
    """Every problem of the data folder; `index` is None when it could not be opened."""
    report = CheckReport(documents=store.count())
    report.files = store.conn.execute(
        "SELECT count(*) FROM (SELECT stored_file FROM documents WHERE stored_file IS NOT NULL "
        "UNION SELECT stored_file FROM document_versions WHERE stored_file IS NOT NULL)"
    ).fetchone()[0]
    report.problems.extend(check_store(store))
    if index is None:
        report.problems.append(
            Problem("index", "index_unreadable", "the index cannot be opened", repairable=True)
        )
    elif not any(p.code == "sqlite" for p in report.problems):
        report.problems.extend(check_index(index, store))
        try:
            report.index_records = index.engine.doc_count()
        except Exception:  # reported by check_index already
            report.index_records = None
    report.problems.extend(_stale_uploads(data_dir))
    return report


def _stale_uploads(data_dir: Path) -> list[Problem]:
    folder = data_dir / UPLOADS_DIR
    if not folder.is_dir():
        return []
    cutoff = time.time() - STALE_UPLOAD_SECONDS
    return [
        Problem(
            "uploads",
            "stale_upload",
            f"{UPLOADS_DIR}/{child.name} was left by a stopped service (over a day old)",
            path=f"{UPLOADS_DIR}/{child.name}",
            repairable=True,
        )
        for child in sorted(folder.iterdir())
        if child.stat().st_mtime < cutoff
    ]


def remove_strays(problems: list[Problem], data_dir: Path) -> int:
    """Delete the leftover files and upload folders among `problems`; return how many."""
    removed = 0
    for p in problems:
        if p.code not in ("orphan_file", "stale_upload") or not p.path:
            continue
        target = data_dir / p.path
        if target.is_dir():
            shutil.rmtree(target, ignore_errors=True)
        else:
            target.unlink(missing_ok=True)
        removed += 1
    return removed
