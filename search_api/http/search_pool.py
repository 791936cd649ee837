"""The threads searches run on: a few, each with its own Library and warm index caches.

A search is CPU-bound Python (one process, one interpreter lock), and each Library keeps its own
open index with its caches of postings, field lengths and facet columns, which fill as queries
come. Run on the request thread pool (up to 40 threads), every thread opened its own index and
warmed its own caches: under 50 concurrent clients most searches ran cold, and 40 threads fought
over one lock. Here searches queue for `SEARCH_THREADS` threads instead (two: numpy's scoring
releases the lock, so a second thread overlaps a little), whose indexes stay warm; other
requests keep the request thread pool.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, TypeVar

from search_api.library import Library

if TYPE_CHECKING:
    from search_api.http.state import LibraryPool

T = TypeVar("T")
SEARCH_THREADS = 2


class SearchPool:
    """`await pool.run(job)` runs `job(library)` on a search thread with that thread's Library
    (taken from `libraries`, a pool of one Library per thread)."""

    def __init__(self, libraries: LibraryPool, threads: int = SEARCH_THREADS) -> None:
        self.libraries = libraries
        self.threads = threads
        self._executor = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="search")

    async def run(self, job: Callable[[Library], T]) -> T:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, self._call, job)

    def _call(self, job: Callable[[Library], T]) -> T:
        return job(self.libraries.get())

    def close(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)
