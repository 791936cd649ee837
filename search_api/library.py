"""The application facade: one data folder's store (and index), and the jobs users ask for.

The CLI and the HTTP service are thin over this class, so both behave the same way.
Ingest parses files in worker processes (`ingest.workers`) and writes each result, under the
data folder's write lock, in one store transaction.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from corpus.locking import write_lock
from corpus.model import Document
from corpus.store import DocumentSummary, Store
from ingest.pipeline import expand_paths, sha256_of
from ingest.workers import EventFn, parse_many

DATA_ENV = "CAMNANG_DATA"
SAMPLES_DIR = Path(__file__).resolve().parent.parent / "corpus" / "samples"


def default_data_dir() -> Path:
    """`$CAMNANG_DATA`, else `./data`."""
    return Path(os.environ.get(DATA_ENV) or "data")


@dataclass(slots=True)
class IngestOutcome:
    """One line of `camnang ingest --json`."""

    path: str
    status: str
    doc_id: str | None = None
    kind: str | None = None
    number: str | None = None
    title: str | None = None
    issued: str | None = None
    articles: int | None = None
    pages: int = 0
    ocr_pages: int = 0
    error: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "status": self.status,
            "doc_id": self.doc_id,
            "kind": self.kind,
            "number": self.number,
            "title": self.title,
            "issued": self.issued,
            "articles": self.articles,
            "error": self.error,
        }


class Library:
    """A camnang data folder: `camnang.sqlite`, the original files, the search index."""

    def __init__(self, data_dir: Path | str | None = None) -> None:
        self.data_dir = Path(data_dir) if data_dir else default_data_dir()
        self.store = Store(self.data_dir)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- ingest ----------------------------------------------------------------------------

    def plan(self, paths: Iterable[Path | str]) -> tuple[list[Path], list[IngestOutcome]]:
        """Files to ingest and the outcomes already known (missing paths)."""
        files, missing = expand_paths(paths)
        failed = [IngestOutcome(str(p), "failed", error=reason) for p, reason in missing]
        return files, failed

    def ingest_files(
        self,
        files: list[Path],
        ocr: str = "auto",
        jobs: int = 1,
        on_event: EventFn | None = None,
    ) -> Iterator[IngestOutcome]:
        """Ingest files, yielding one outcome per file as it is done (stored files first).

        Files whose sha256 is stored are `unchanged` without parsing; the others are parsed in
        `jobs` worker processes and each is saved, by this process alone, in one transaction.
        `on_event(kind, n)` hears of pages read (`page`) and OCR'd (`ocr_page`) as they go.
        """
        to_parse: list[Path] = []
        for path in files:
            unchanged = self._unchanged(path)
            if unchanged is not None:
                yield unchanged
            else:
                to_parse.append(path)
        for outcome in parse_many(to_parse, ocr=ocr, jobs=jobs, on_event=on_event):
            if outcome.error is not None or outcome.parsed is None:
                yield IngestOutcome(str(outcome.path), "failed", error=outcome.error)
                continue
            parsed = outcome.parsed
            yield self._save(outcome.path, parsed.document, parsed.pages, parsed.ocr_pages)

    def ingest(
        self, paths: Iterable[Path | str], ocr: str = "auto", jobs: int = 1
    ) -> list[IngestOutcome]:
        """Ingest files and folders; return every file's outcome."""
        files, failed = self.plan(paths)
        return failed + list(self.ingest_files(files, ocr=ocr, jobs=jobs))

    def _unchanged(self, path: Path) -> IngestOutcome | None:
        try:
            digest = sha256_of(path)
        except OSError:
            return None
        doc_id = self.store.doc_id_for_sha(digest)
        if doc_id is None:
            return None
        doc = self.store.get(doc_id)
        return _outcome(str(path), "unchanged", doc) if doc else None

    def _save(self, path: Path, doc: Document, pages: int, ocr_pages: int) -> IngestOutcome:
        try:
            with write_lock(self.data_dir):
                result = self.store.save(doc, original=path)
        except (OSError, sqlite3.Error) as err:  # disk full, file gone: this file fails alone
            reason = " ".join(str(err).split())[:160] or type(err).__name__
            return IngestOutcome(str(path), "failed", error=f"could not store: {reason}")
        stored = self.store.get(result.doc_id) if result.status == "unchanged" else doc
        status = "unchanged" if result.status == "unchanged" else "ingested"
        outcome = _outcome(str(path), status, stored)
        outcome.pages, outcome.ocr_pages = pages, ocr_pages
        return outcome

    # -- reading ---------------------------------------------------------------------------

    def get(self, doc_id: str) -> Document | None:
        return self.store.get(doc_id)

    def list(self, kind: str | None = None) -> list[DocumentSummary]:
        return self.store.list(kind=kind)

    def ensure_samples(self) -> list[IngestOutcome]:
        """Ingest the bundled samples when the store is empty (a first run sees something)."""
        if self.store.count() or not SAMPLES_DIR.is_dir():
            return []
        return self.ingest([SAMPLES_DIR])


def _outcome(path: str, status: str, doc: Document | None) -> IngestOutcome:
    if doc is None:
        return IngestOutcome(path, status)
    return IngestOutcome(
        path=path,
        status=status,
        doc_id=doc.id,
        kind=doc.kind,
        number=doc.number,
        title=doc.title,
        issued=doc.issued.isoformat() if doc.issued else None,
        articles=len(doc.articles()),
    )
