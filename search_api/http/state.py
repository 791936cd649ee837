"""What the app holds while it runs: settings, a Library per request thread, the job queue,
parsed documents, and what is built from the whole store (suggestions, the violations
catalogue).

Request handlers run in a thread pool; each thread reads through its own `Library` (its own
SQLite connection, WAL: readers never wait for the writer). Writes go through the job queue's
one writer thread, or take the data folder's write lock (delete).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path

from fastapi import Request

from corpus.model import Document
from search_api.http import suggestions, violations_view
from search_api.http.caching import StoreCache
from search_api.http.jobs import JobQueue
from search_api.http.search_pool import SearchPool
from search_api.http.settings import Settings
from search_api.library import Library


class LibraryPool:
    """One Library per thread, all closed together."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self._local = threading.local()
        self._all: list[Library] = []
        self._lock = threading.Lock()

    def get(self) -> Library:
        library = getattr(self._local, "library", None)
        if library is None:
            library = Library(self.data_dir)
            self._local.library = library
            with self._lock:
                self._all.append(library)
        return library

    def close(self) -> None:
        with self._lock:
            for library in self._all:
                library.close()
            self._all.clear()
        self._local = threading.local()


class DocumentCache:
    """Parsed documents by id, reused while the stored version is the same (least recently
    used go first). The Documents handed out are shared: read them, never change them."""

    def __init__(self, size: int = 16) -> None:
        self.size = size
        self._docs: OrderedDict[str, tuple[str, Document]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, library: Library, doc_id: str) -> Document | None:
        stamp = library.stamp(doc_id)
        if stamp is None:
            return None
        with self._lock:
            hit = self._docs.get(doc_id)
            if hit is not None and hit[0] == stamp:
                self._docs.move_to_end(doc_id)
                return hit[1]
        doc = library.get(doc_id)
        if doc is not None:
            with self._lock:
                self._docs[doc_id] = (stamp, doc)
                self._docs.move_to_end(doc_id)
                while len(self._docs) > self.size:
                    self._docs.popitem(last=False)
        return doc


@dataclass(slots=True)
class AppState:
    settings: Settings
    libraries: LibraryPool
    jobs: JobQueue
    searches: SearchPool
    documents: DocumentCache = field(default_factory=DocumentCache)
    suggestions: StoreCache[suggestions.Suggester] = field(
        default_factory=lambda: StoreCache(suggestions.build)
    )
    violations: StoreCache[violations_view.CatalogueMemo] = field(
        default_factory=lambda: StoreCache(
            violations_view.new_memo, kind=violations_view.CONCLUSION
        )
    )


def app_state(request: Request) -> AppState:
    return request.app.state.camnang


def document(request: Request, doc_id: str) -> Document | None:
    """A stored document (parsed once per version, then shared read-only)."""
    return app_state(request).documents.get(library(request), doc_id)


def library(request: Request) -> Library:
    """The calling thread's Library. Call it inside the handler, not as a dependency (a
    dependency may run on another thread)."""
    return app_state(request).libraries.get()
