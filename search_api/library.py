"""The application facade: one data folder's store and search index, and the jobs users ask for.

The CLI and the HTTP service are thin over this class, so both behave the same way.
Ingest parses files in worker processes (`ingest.workers`) and writes each result, under the
data folder's write lock, in one store transaction followed by the index update (the store is
the source of truth: an index update that fails leaves the index marked dirty, and the next
start brings it back in step). The index is opened on first use; a missing, corrupt, stale or
outdated index is rebuilt or synced from the store then, under the write lock.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from corpus.locking import write_lock
from corpus.model import Document
from corpus.store import DocumentSummary, Store
from index.engine import IndexCorrupt
from index.results import Hit, SearchFilters, SearchResult
from index.service import SearchIndex
from ingest.pipeline import expand_paths, sha256_of
from ingest.workers import parse_many

INDEX_DIR = "index"

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


ProgressFn = Callable[[IngestOutcome], None]


class Library:
    """A camnang data folder: `camnang.sqlite`, the original files, the search index."""

    def __init__(self, data_dir: Path | str | None = None) -> None:
        self.data_dir = Path(data_dir) if data_dir else default_data_dir()
        self.store = Store(self.data_dir)
        self.index_dir = self.data_dir / INDEX_DIR
        self._index: SearchIndex | None = None

    def close(self) -> None:
        if self._index is not None:
            self._index.close()
            self._index = None
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
        self, files: list[Path], ocr: str = "auto", jobs: int = 1
    ) -> Iterator[IngestOutcome]:
        """Ingest files, yielding one outcome per file in order."""
        to_parse: list[Path] = []
        known: dict[Path, IngestOutcome] = {}
        for path in files:
            unchanged = self._unchanged(path)
            if unchanged is not None:
                known[path] = unchanged
            else:
                to_parse.append(path)
        results = parse_many(to_parse, ocr=ocr, jobs=jobs) if to_parse else iter(())
        for path in files:
            if path in known:
                yield known[path]
                continue
            outcome = next(results)
            if outcome.error is not None or outcome.parsed is None:
                yield IngestOutcome(str(path), "failed", error=outcome.error)
                continue
            yield self._save(
                path, outcome.parsed.document, outcome.parsed.pages, outcome.parsed.ocr_pages
            )

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
        with write_lock(self.data_dir):
            result = self.store.save(doc, original=path)
            if result.status != "unchanged":
                self._index_documents([doc])
        stored = self.store.get(result.doc_id) if result.status == "unchanged" else doc
        status = "unchanged" if result.status == "unchanged" else "ingested"
        outcome = _outcome(str(path), status, stored)
        outcome.pages, outcome.ocr_pages = pages, ocr_pages
        return outcome

    def delete(self, doc_id: str) -> bool:
        """Remove a document from the store and the index. True when it existed."""
        with write_lock(self.data_dir):
            existed = self.store.delete(doc_id)
            index = self._open_index(repair=False)
            if index is not None:
                try:
                    index.remove_document(doc_id)
                    index.commit()
                except Exception as err:  # the store is the truth; the index is marked dirty
                    _warn(f"the search index will be rebuilt: {type(err).__name__}: {err}")
        return existed

    # -- the search index ------------------------------------------------------------------

    def _index_documents(self, docs: list[Document]) -> None:
        """Bring stored documents into the index (the caller holds the write lock)."""
        index = self._open_index(repair=False)
        if index is None:
            return  # rebuilt from the store on next use
        try:
            for doc in docs:
                index.index_document(doc)
            index.commit()
        except Exception as err:  # the store is the truth; the index stays marked dirty
            _warn(f"the search index will be rebuilt: {type(err).__name__}: {err}")

    def _open_index(self, repair: bool = True) -> SearchIndex | None:
        """The open index; with `repair`, a missing/corrupt/stale one is rebuilt or synced."""
        if self._index is None:
            try:
                self._index = SearchIndex(self.index_dir)
            except IndexCorrupt:
                if not repair:
                    return None
        if repair and (self._index is None or not self._in_step(self._index)):
            with write_lock(self.data_dir):
                self._repair()
        return self._index

    def _in_step(self, index: SearchIndex) -> bool:
        return index.current and index.documents == self._fingerprints()

    def _fingerprints(self) -> dict[str, str]:
        rows = self.store.conn.execute("SELECT id, sha256 FROM documents")
        return {r["id"]: r["sha256"] for r in rows}

    def _repair(self) -> None:
        """Under the write lock: sync a current index with the store, else rebuild it."""
        if self._index is not None:
            self._index.close()
            self._index = None
        try:
            index = SearchIndex(self.index_dir)
        except IndexCorrupt:
            index = None
        if index is not None and index.current:
            stored = self._fingerprints()
            held = index.documents
            for doc_id in held.keys() - stored.keys():
                index.remove_document(doc_id)
            for doc_id, sha in stored.items():
                if held.get(doc_id) != sha:
                    doc = self.store.get(doc_id)
                    if doc is not None:
                        index.index_document(doc)
            index.commit()
            self._index = index
            return
        if index is not None:
            index.close()
        self._index = self._build()

    def _build(self) -> SearchIndex:
        shutil.rmtree(self.index_dir, ignore_errors=True)
        index = SearchIndex(self.index_dir)
        for doc in self.store.iter_documents():
            index.index_document(doc)
        index.commit()
        return index

    def reindex(self) -> int:
        """Rebuild the search index from the store; return the number of units indexed."""
        with write_lock(self.data_dir):
            if self._index is not None:
                self._index.close()
                self._index = None
            self._index = self._build()
            return self._index.engine.doc_count()

    def search(
        self, query: str, filters: SearchFilters | None = None, limit: int = 10
    ) -> SearchResult:
        """Search the index (opened, and repaired if need be, on first use)."""
        index = self._open_index()
        assert index is not None
        try:
            return index.search(query, filters=filters, limit=limit)
        except IndexCorrupt:
            pass
        except Exception as err:  # an unreadable index file shows up at search time
            if not _engine_error(err):
                raise
        self.reindex()
        assert self._index is not None
        return self._index.search(query, filters=filters, limit=limit)

    def more_like_this(self, key: str, limit: int = 10) -> list[Hit]:
        """Units like one unit (`doc_id#provision_id`, the `key` of a hit)."""
        index = self._open_index()
        assert index is not None
        return index.more_like_this(key, limit=limit)

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


def _warn(message: str) -> None:
    sys.stderr.write(f"camnang: {message}\n")


def _engine_error(err: Exception) -> bool:
    """Whether an exception came from inside a search engine's own code (a damaged index)."""
    tb = err.__traceback__
    while tb is not None:
        module = tb.tb_frame.f_globals.get("__name__", "")
        if module.startswith(("whoosh", "index.whoosh_engine", "tantivy")):
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
