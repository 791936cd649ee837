"""Analysis across processes: units → records (→ an engine's prepared form) in worker processes.

Analysis is pure Python and was the bottleneck of a Tantivy build; workers forked from this
process (they inherit the analysis caches and the engine's `prepare`, and touch no engine
state) analyze chunks of units, in order, while the caller writes earlier chunks into the
engine. The units are read and the results consumed in the calling thread only, so a caller may
read them from SQLite or update its own state as it goes.

The workers are a `ProcessPoolExecutor`, not a `multiprocessing.Pool`: the pool's worker-handler
thread waits on the result pipe too, and while a large result was being read it woke without
pause, spending 7 % of a build's CPU (bench/README.md). A dead worker fails the build
(`BrokenProcessPool`) instead of hanging it.

A worker first closes the lock files it inherited (`_close_inherited_locks`): an `flock` belongs
to the open file, which a fork shares, and Tantivy lets go of its locks by closing the file. A
lock Tantivy held at the fork (its meta lock, taken while a reader reloads) stayed held until
the workers ended, and the writer waiting for it hung the build (seen at 700,000 articles).
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

from index.analysis.chain import warm_up
from index.engine import Record
from index.records import record_of
from index.units import Unit

CHUNK = 64
"""Units a worker analyzes at a time."""
AHEAD = 16
"""Chunks in flight while the caller consumes one."""
_prepare: Callable[[Record], Any] | None = None
LOCK_SUFFIX = ".lock"
"""How an index's lock files end (Tantivy's `.tantivy-meta.lock`, `.tantivy-writer.lock`)."""


def _work(unit: Unit) -> Any:
    record = record_of(unit)
    return _prepare(record) if _prepare is not None else record


def _work_chunk(units: list[Unit]) -> list[Any]:
    return [_work(u) for u in units]


def _close_inherited_locks() -> None:
    """Close the descriptors of lock files this forked worker inherited (Linux: `/proc`)."""
    try:
        names = os.listdir("/proc/self/fd")
    except OSError:
        return
    for name in names:
        try:
            target = os.readlink(f"/proc/self/fd/{name}")
        except OSError:
            continue
        if target.endswith(LOCK_SUFFIX):
            os.close(int(name))


def analyzed(
    units: Iterable[Unit], jobs: int = 1, prepare: Callable[[Record], Any] | None = None
) -> Iterator[Any]:
    """`prepare(record_of(u))` for each unit, in order; `jobs` > 1 analyzes in that many
    forked processes (from the main thread only)."""
    global _prepare
    if jobs <= 1 or threading.current_thread() is not threading.main_thread():
        # forking a server's worker thread could copy a lock another thread holds
        for u in units:
            record = record_of(u)
            yield prepare(record) if prepare is not None else record
        return
    _prepare = prepare
    source = iter(units)
    warm_up()
    with ProcessPoolExecutor(
        jobs, mp_context=multiprocessing.get_context("fork"), initializer=_close_inherited_locks
    ) as pool:
        pending: deque[Future[list[Any]]] = deque()

        def submit() -> None:
            chunk = list(itertools.islice(source, CHUNK))
            if chunk:
                pending.append(pool.submit(_work_chunk, chunk))

        try:
            for _ in range(AHEAD):
                submit()
            while pending:
                done = pending.popleft().result()
                submit()
                yield from done
        finally:
            for future in pending:
                future.cancel()
            _prepare = None
