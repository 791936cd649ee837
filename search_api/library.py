"""The application facade: one data folder's store and search index, and the jobs users ask for.

The CLI and the HTTP service are thin over this class, so both behave the same way.
Ingest parses files in worker processes (`ingest.workers`) and writes each result, under the
data folder's write lock, in one store transaction followed by the index update; the index is
kept in step with the store by `search_api.index_keeper` (`Library.index`).
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from corpus.backup import BackupReport, RestoreReport, restore_backup, write_backup
from corpus.locking import write_lock
from corpus.model import Document
from corpus.store import DocumentSummary, Store
from index.engine import IndexCorrupt
from index.engine_setting import chosen_engine
from index.results import Hit, SearchFilters, SearchResult
from ingest.pipeline import expand_paths, path_text, sha256_of
from ingest.workers import EventFn, parse_many
from search_api import catalog, maintenance
from search_api.catalog import DocumentFilter, DocumentPage
from search_api.index_keeper import IndexKeeper
from search_api.maintenance import CheckReport

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
    """A camnang data folder: `camnang.sqlite`, the original files, the search index.

    `engine`: the search engine for this run; None means the folder's (`index.engine_setting`).
    """

    def __init__(self, data_dir: Path | str | None = None, engine: str | None = None) -> None:
        self.data_dir = Path(data_dir) if data_dir else default_data_dir()
        chosen = chosen_engine(self.data_dir, engine)  # a bad setting fails before the store opens
        self.store = Store(self.data_dir)
        self.index = IndexKeeper(self.data_dir, self.store, chosen)

    @property
    def engine(self) -> str:
        """The search engine of this run."""
        return self.index.engine

    def close(self) -> None:
        self.index.close()
        self.store.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- ingest ----------------------------------------------------------------------------

    def plan(self, paths: Iterable[Path | str]) -> tuple[list[Path], list[IngestOutcome]]:
        """Files to ingest and the outcomes already known (missing paths)."""
        files, missing = expand_paths(paths)
        failed = [IngestOutcome(path_text(p), "failed", error=reason) for p, reason in missing]
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
        if files:
            self.index.open()  # an index a killed run left behind is brought in step first
        to_parse: list[Path] = []
        for path in files:
            unchanged = self._unchanged(path)
            if unchanged is not None:
                yield unchanged
            else:
                to_parse.append(path)
        for outcome in parse_many(to_parse, ocr=ocr, jobs=jobs, on_event=on_event):
            if outcome.error is not None or outcome.parsed is None:
                yield IngestOutcome(path_text(outcome.path), "failed", error=outcome.error)
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
        return _outcome(path_text(path), "unchanged", doc) if doc else None

    def _save(self, path: Path, doc: Document, pages: int, ocr_pages: int) -> IngestOutcome:
        try:
            with write_lock(self.data_dir):
                result = self.store.save(doc, original=path)
                if result.status != "unchanged":
                    self.index.add([doc])
        except (OSError, sqlite3.Error) as err:  # disk full, file gone: this file fails alone
            reason = " ".join(str(err).split())[:160] or type(err).__name__
            return IngestOutcome(path_text(path), "failed", error=f"could not store: {reason}")
        stored = self.store.get(result.doc_id) if result.status == "unchanged" else doc
        status = "unchanged" if result.status == "unchanged" else "ingested"
        outcome = _outcome(path_text(path), status, stored)
        outcome.pages, outcome.ocr_pages = pages, ocr_pages
        return outcome

    def delete(self, doc_id: str) -> bool:
        """Remove a document, its old versions, its original files and its index entries.

        The one place a document leaves the library. True when it existed.
        """
        with write_lock(self.data_dir):
            conn = self.store.conn
            files = [
                r[0]
                for r in conn.execute(
                    "SELECT stored_file FROM documents WHERE id = ? UNION "
                    "SELECT stored_file FROM document_versions WHERE doc_id = ?",
                    (doc_id, doc_id),
                )
                if r[0]
            ]
            existed = self.store.delete(doc_id)
            for rel in files:
                still_used = conn.execute(
                    "SELECT 1 FROM documents WHERE stored_file = ? UNION "
                    "SELECT 1 FROM document_versions WHERE stored_file = ?",
                    (rel, rel),
                ).fetchone()
                if not still_used:
                    (self.data_dir / rel).unlink(missing_ok=True)
            self.index.remove(doc_id)
        return existed

    def search(
        self, query: str, filters: SearchFilters | None = None, limit: int = 10, offset: int = 0
    ) -> SearchResult:
        """Search the index (opened, and repaired if need be, on first use); `offset` pages.

        An engine error is tried once more on the index opened afresh (another writer may have
        changed it under this search) before the index is rebuilt from the store.
        """
        for _ in range(2):
            index = self.index.open(reading=True)
            assert index is not None
            try:
                return index.search(query, filters=filters, limit=limit, offset=offset)
            except IndexCorrupt:
                pass
            except Exception as err:  # an unreadable index file shows up at search time
                if not _engine_error(err):
                    raise
            self.index.close()
        self.reindex()
        index = self.index.open(repair=False)
        assert index is not None
        return index.search(query, filters=filters, limit=limit, offset=offset)

    def more_like_this(self, key: str, limit: int = 10) -> list[Hit]:
        """Units like one unit (`doc_id#provision_id`, the `key` of a hit)."""
        index = self.index.open(reading=True)
        assert index is not None
        return index.more_like_this(key, limit=limit)

    def reindex(self, engine: str | None = None) -> int:
        """Rebuild the search index from the store; return the number of units indexed.

        With `engine`, the folder switches to that engine and the other engines' indexes are
        removed."""
        return self.index.reindex(engine)

    # -- maintenance (search_api/maintenance.py, corpus/backup.py) ---------------------------

    def check(self) -> CheckReport:
        """Store, original files, index and uploads checked against each other; changes
        nothing. The write lock is held meanwhile, so no writer is half-way through."""
        with write_lock(self.data_dir):
            return maintenance.check(self.store, self.index.open(repair=False), self.data_dir)

    def repair(self) -> tuple[CheckReport, CheckReport]:
        """Fix what can be fixed (index rebuilt from the store, leftovers removed); return the
        checks before and after."""
        before = self.check()
        with write_lock(self.data_dir):
            maintenance.remove_strays(before.problems, self.data_dir)
        if any(p.area == "index" for p in before.problems):
            self.reindex()
        return before, self.check()

    def backup(self, out: Path | str) -> BackupReport:
        """Write the data folder to one archive file (consistent: writers wait, readers not)."""
        with write_lock(self.data_dir):
            return write_backup(self.store, Path(out))

    @classmethod
    def restore(
        cls, archive: Path | str, data_dir: Path | str, force: bool = False
    ) -> tuple[RestoreReport, int]:
        """Restore a backup into a new (or, with `force`, replaced) data folder and rebuild its
        index; return the report and the number of units indexed."""
        report = restore_backup(Path(archive), Path(data_dir), force=force)
        with cls(report.data_dir) as library:
            return report, library.reindex()

    # -- reading ---------------------------------------------------------------------------

    def get(self, doc_id: str) -> Document | None:
        return self.store.get(doc_id)

    def list(self, kind: str | None = None) -> list[DocumentSummary]:
        return self.store.list(kind=kind)

    def stored_file(self, doc_id: str) -> Path | None:
        """The original file kept for a document, when it is still on disk."""
        path = self.store.stored_file(doc_id)
        return path if path is not None and path.is_file() else None

    def browse(self, filters: DocumentFilter, limit: int, offset: int) -> DocumentPage:
        """One page of stored documents matching `filters` (newest first), and the total."""
        return catalog.browse(self.store, filters, limit, offset)

    def facets(self) -> dict[str, dict[str, int]]:
        """Counts of stored documents by kind, doc_type and year issued (for filters)."""
        return catalog.facets(self.store)

    def stamp(self, doc_id: str) -> str | None:
        """What identifies the stored version of a document (changes when it is replaced)."""
        return catalog.stamp(self.store, doc_id)

    def cited_by(self, doc_id: str, pid: str | None = None) -> dict[str, list[dict[str, Any]]]:
        """Who cites this document's articles, clauses and points, by provision id."""
        return catalog.cited_by(self.store, doc_id, pid)

    def ensure_samples(self) -> list[IngestOutcome]:
        """Ingest the bundled samples when the store is empty (a first run sees something)."""
        if self.store.count() or not SAMPLES_DIR.is_dir():
            return []
        files, _ = expand_paths([SAMPLES_DIR])
        samples = [f for f in files if f.name.lower() != "readme.md"]
        return list(self.ingest_files(samples)) if samples else []


def _engine_error(err: Exception) -> bool:
    """Whether an exception came from inside a search engine's own code (a damaged index)."""
    tb = err.__traceback__
    while tb is not None:
        module = tb.tb_frame.f_globals.get("__name__", "")
        if module.startswith(("whoosh", "index.whoosh_engine", "tantivy", "index.tantivy_engine")):
            return True
        tb = tb.tb_next
    return isinstance(err, (OSError, EOFError, ValueError, KeyError))


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
