"""Analysis across processes: units → records (→ an engine's prepared form) in worker processes.

Analysis is pure Python and was the bottleneck of a Tantivy build; workers forked from this
process (they inherit the analysis caches and the engine's `prepare`, and touch no engine
state) analyze chunks of units in order, and the caller alone writes them into the engine.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from index.engine import Record
from index.records import record_of
from index.units import Unit

CHUNK = 32
_prepare: Callable[[Record], Any] | None = None


def _work(unit: Unit) -> Any:
    record = record_of(unit)
    return _prepare(record) if _prepare is not None else record


def analyzed(
    units: Iterable[Unit], jobs: int = 1, prepare: Callable[[Record], Any] | None = None
) -> Iterator[Any]:
    """`prepare(record_of(u))` for each unit, in order; `jobs` > 1 analyzes in that many
    forked processes."""
    global _prepare
    if jobs <= 1:
        for u in units:
            record = record_of(u)
            yield prepare(record) if prepare is not None else record
        return
    _prepare = prepare
    ctx = multiprocessing.get_context("fork")
    try:
        with ctx.Pool(jobs) as pool:
            yield from pool.imap(_work, units, chunksize=CHUNK)
    finally:
        _prepare = None
