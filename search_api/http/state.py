"""What the app holds while it runs: settings, a Library per request thread, the job queue.

Request handlers run in a thread pool; each thread reads through its own `Library` (its own
SQLite connection, WAL: readers never wait for the writer). Writes go through the job queue's
one writer thread, or take the data folder's write lock (delete).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from fastapi import Request

from search_api.http.jobs import JobQueue
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


@dataclass(slots=True)
class AppState:
    settings: Settings
    libraries: LibraryPool
    jobs: JobQueue


def app_state(request: Request) -> AppState:
    return request.app.state.camnang


def library(request: Request) -> Library:
    """The calling thread's Library. Call it inside the handler, not as a dependency (a
    dependency may run on another thread)."""
    return app_state(request).libraries.get()
