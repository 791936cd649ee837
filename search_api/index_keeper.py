"""The data folder's search index, kept in step with its store.

The store is the source of truth. The index is opened on first use; one that is missing,
corrupt or built by another analysis or engine is rebuilt from the store, and one out of step
(an update cut short included) is synced, under the data folder's write lock. A failed index
update leaves the index marked dirty, and the next use brings it back in step.

A rebuild is made beside the index (`DATA/index.building/`) and moved into its place when it is
complete: readers, in this process or another, answer from the old index meanwhile, and a
rebuild that fails or is killed leaves the old one as it was.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from corpus.locking import LockTimeout, write_lock
from corpus.model import Document
from corpus.store import Store
from index.engine import IndexCorrupt
from index.engine_setting import check_engine, write_folder_engine
from index.engines import ENGINES
from index.service import SearchIndex, move_index, remove_folder, remove_index

INDEX_DIR = "index"
BUILDING_DIR = "index.building"
"""Where a rebuild is made, beside `INDEX_DIR` (a leftover of a killed one is removed first)."""
LOCK_WAIT = 600.0
"""Seconds to wait for another writer before a missing or corrupt index is rebuilt."""
REINDEX_JOBS = max(1, min(4, os.cpu_count() or 1))
"""Processes analyzing documents when the index is rebuilt."""
SYNC_BATCH = 50
"""Bringing an index in step: up to this many documents are re-indexed in this process, each
committed alone; more go in batches of this size, analyzed in `REINDEX_JOBS` processes."""


class IndexKeeper:
    """`DATA/index/` for one engine, over the folder's store."""

    def __init__(self, data_dir: Path, store: Store, engine: str) -> None:
        self.data_dir = data_dir
        self.store = store
        self.engine = engine
        self.index_dir = data_dir / INDEX_DIR
        self._index: SearchIndex | None = None

    def close(self) -> None:
        """Close the open index (the next use opens it again)."""
        if self._index is not None:
            self._index.close()
            self._index = None

    def open(self, repair: bool = True, reading: bool = False) -> SearchIndex | None:
        """The open index; with `repair`, a missing/corrupt/stale one is rebuilt or synced.

        `reading`: a reader with an open index does not wait for another writer to finish; it
        searches what that writer has committed so far (and syncs on a later call).
        """
        if self._index is None:
            try:
                self._index = SearchIndex(self.index_dir, engine=self.engine)
            except IndexCorrupt:
                if not repair:
                    return None
        if repair and (self._index is None or not self._in_step(self._index)):
            busy_ok = reading and self._index is not None
            try:
                with write_lock(self.data_dir, timeout=0 if busy_ok else LOCK_WAIT):
                    self._repair()
            except LockTimeout:
                if not busy_ok:
                    raise
        return self._index

    def add(self, docs: list[Document]) -> None:
        """Bring stored documents into the index (the caller holds the write lock)."""
        index = self.open(repair=False)
        if index is None:
            return  # rebuilt from the store on next use
        try:
            for doc in docs:
                index.index_document(doc)
            index.commit()
        except Exception as err:  # the store is the truth; the index stays marked dirty
            _warn(f"the search index will be rebuilt: {type(err).__name__}: {err}")

    def remove(self, doc_id: str) -> None:
        """Take a deleted document out of the index (the caller holds the write lock)."""
        index = self.open(repair=False)
        if index is None:
            return
        try:
            index.remove_document(doc_id)
            index.commit()
        except Exception as err:  # the store is the truth; the index is marked dirty
            _warn(f"the search index will be rebuilt: {type(err).__name__}: {err}")

    def reindex(self, engine: str | None = None) -> int:
        """Rebuild the index from the store; return the number of units indexed.

        With `engine`, the folder switches to that engine (`DATA/search.toml`) and the other
        engines' indexes are removed.
        """
        with write_lock(self.data_dir):
            self.close()
            if engine is not None:
                self.engine = check_engine(engine)
                self._index = self._build()
                write_folder_engine(self.data_dir, engine)
                for other in ENGINES:
                    if other != engine:
                        remove_index(self.index_dir, other)
            else:
                self._index = self._build()
            return self._index.engine.doc_count()

    def _in_step(self, index: SearchIndex) -> bool:
        return index.current and index.documents == self._fingerprints()

    def _fingerprints(self) -> dict[str, str]:
        rows = self.store.conn.execute("SELECT id, sha256 FROM documents")
        return {r["id"]: r["sha256"] for r in rows}

    def _repair(self) -> None:
        """Under the write lock: sync an index of this analysis and engine with the store
        (also after an interrupted change), else rebuild it."""
        self.close()
        try:
            index = SearchIndex(self.index_dir, engine=self.engine)
        except IndexCorrupt:
            index = None
        if index is not None and index.compatible:
            try:
                self._sync(index)
                self._index = index
                return
            except Exception as err:  # a damaged engine shows up when it is read
                _warn(f"the search index will be rebuilt: {type(err).__name__}: {err}")
        if index is not None:
            index.close()
        self._index = self._build()

    def _sync(self, index: SearchIndex) -> None:
        """Bring `index` in step: documents the store lacks removed (whether the manifest or the
        engine holds them), those at another version or missing (re)indexed. A manifest entry
        that matches the store is trusted even after an interrupted change: the store is saved
        before the index, so a change cut short left its document at another version there."""
        stored = self._fingerprints()
        versions = index.documents
        for doc_id in (versions.keys() | index.held_documents().keys()) - stored.keys():
            index.remove_document(doc_id)
        index.commit()
        behind = [d for d, sha in stored.items() if versions.get(d) != sha]
        if len(behind) <= SYNC_BATCH:  # each committed alone: kept if this is cut short too
            for doc in filter(None, map(self.store.get, behind)):
                index.index_document(doc)
                index.commit()
            return
        for start in range(0, len(behind), SYNC_BATCH):
            batch = filter(None, map(self.store.get, behind[start : start + SYNC_BATCH]))
            index.index_documents(batch, jobs=REINDEX_JOBS)
            index.commit()

    def _build(self) -> SearchIndex:
        """A new index of the store, built beside the current one and then moved into its place
        (the caller holds the write lock)."""
        aside = self.data_dir / BUILDING_DIR
        remove_folder(aside)  # a killed rebuild's
        try:
            built = SearchIndex(aside, engine=self.engine)
            try:
                built.index_documents(self.store.iter_documents(), jobs=REINDEX_JOBS)
                built.commit()
            finally:
                built.close()
            move_index(aside, self.index_dir, self.engine)
        finally:
            remove_folder(aside)
        return SearchIndex(self.index_dir, engine=self.engine)


def _warn(message: str) -> None:
    sys.stderr.write(f"camnang: {message}\n")
