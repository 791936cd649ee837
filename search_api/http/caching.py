"""Values built from the whole store (the suggestion index, the violations catalogue), kept while
the stored documents stay the same.

A value is rebuilt when the set of stored documents (id, sha256, version; of one kind or all)
changes. The store is asked at most every `recheck` seconds, so a burst of requests pays for one
check; an upload shows up within that time. One thread builds while the others wait for it.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Generic, TypeVar

from search_api.library import Library

T = TypeVar("T")


def documents_stamp(library: Library, kind: str | None = None) -> tuple:
    """What changes whenever a document (of `kind`) is added, replaced or deleted."""
    sql = "SELECT id, sha256, version FROM documents"
    params: tuple = ()
    if kind is not None:
        sql += " WHERE kind = ?"
        params = (kind,)
    return tuple(tuple(r) for r in library.store.conn.execute(sql + " ORDER BY id", params))


class StoreCache(Generic[T]):
    """`get(library)` → `build(library)`, rebuilt only when the documents' stamp changes."""

    def __init__(
        self, build: Callable[[Library], T], kind: str | None = None, recheck: float = 1.0
    ) -> None:
        self.build = build
        self.kind = kind
        self.recheck = recheck
        self._lock = threading.Lock()
        self._stamp: tuple | None = None
        self._value: T | None = None
        self._checked = 0.0

    def get(self, library: Library) -> T:
        now = time.monotonic()
        value = self._value
        if value is not None and now - self._checked < self.recheck:
            return value
        with self._lock:
            stamp = documents_stamp(library, self.kind)
            if self._value is None or stamp != self._stamp:
                self._value = self.build(library)
                self._stamp = stamp
            self._checked = time.monotonic()
            return self._value
