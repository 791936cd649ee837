"""Parse files in worker processes: parallel (`--jobs N`), bounded, and crash-isolated.

Each file is parsed in a child process with an address-space limit (`MEMORY_LIMIT`) and a
wall-clock limit (`TIME_LIMIT`), so a hostile file (a decompression bomb, a PDF that sends
MuPDF into a loop or a crash) fails alone with a one-line reason and the batch goes on.
Results come back in the order the files were given; the caller is the single writer.
"""

from __future__ import annotations

import multiprocessing as mp
import resource
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from ingest.errors import IngestError
from ingest.pipeline import Parsed, parse_file

MEMORY_LIMIT = 3 * 1024**3
"""Bytes of address space a worker may map before allocations fail (MemoryError)."""
TIME_LIMIT = 1800.0
"""Seconds one file may take (OCR of a long scan included) before it is given up."""


@dataclass(slots=True)
class Outcome:
    """A file's parse result: `parsed` on success, else `error` (one line)."""

    path: Path
    parsed: Parsed | None = None
    error: str | None = None


def _limit_worker() -> None:
    try:
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        limit = MEMORY_LIMIT if hard == resource.RLIM_INFINITY else min(MEMORY_LIMIT, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ValueError, OSError):
        pass


def _parse(path: Path, ocr: str) -> Parsed:
    return parse_file(path, ocr=ocr)


def _pool(jobs: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(
        max_workers=jobs, mp_context=mp.get_context("fork"), initializer=_limit_worker
    )


def parse_many(paths: list[Path], ocr: str = "auto", jobs: int = 1) -> Iterator[Outcome]:
    """Yield one Outcome per path, in order, parsing up to `jobs` files at a time."""
    jobs = max(1, jobs)
    pool = _pool(jobs)
    try:
        pending: list[tuple[Path, Future[Parsed]]] = []
        queue = list(paths)
        while queue or pending:
            while queue and len(pending) < jobs * 2:
                path = queue.pop(0)
                pending.append((path, pool.submit(_parse, path, ocr)))
            path, future = pending.pop(0)
            try:
                yield Outcome(path, parsed=future.result(timeout=TIME_LIMIT))
            except IngestError as err:
                yield Outcome(path, error=str(err))
            except MemoryError:
                yield Outcome(
                    path, error=f"file needs more than {MEMORY_LIMIT // 2**30} GB to parse"
                )
            except FutureTimeout:
                yield Outcome(path, error=f"parsing took longer than {TIME_LIMIT:.0f}s")
                pool = _restart(pool, jobs, pending, queue)
            except BrokenProcessPool:
                yield Outcome(path, error="the reader crashed on this file (damaged or hostile?)")
                pool = _restart(pool, jobs, pending, queue)
            except Exception as err:  # anything unforeseen stays one line, one file
                yield Outcome(
                    path, error=f"{type(err).__name__}: {' '.join(str(err).split())[:160]}"
                )
    finally:
        pool.shutdown(wait=False, cancel_futures=True)
        _kill_children(pool)


def _restart(
    pool: ProcessPoolExecutor,
    jobs: int,
    pending: list[tuple[Path, Future[Parsed]]],
    queue: list[Path],
) -> ProcessPoolExecutor:
    """A worker died or hung: start a fresh pool and resubmit the files still in flight."""
    pool.shutdown(wait=False, cancel_futures=True)
    _kill_children(pool)
    queue[:0] = [p for p, _ in pending]
    pending.clear()
    return _pool(jobs)


def _kill_children(pool: ProcessPoolExecutor) -> None:
    for proc in list((getattr(pool, "_processes", None) or {}).values()):
        if proc.is_alive():
            proc.kill()
