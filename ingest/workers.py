"""Parse files in worker processes: parallel (`--jobs N`), bounded, crash-isolated, exactly blamed.

Each worker is a forked process that parses one file at a time, handed to it over a pipe,
under an address-space limit (`MEMORY_LIMIT`). The parent knows which file every worker holds
and since when, so a worker that dies (a crash in a C library, the kernel's OOM killer, a
`kill -9`) or runs past `TIME_LIMIT` blames exactly that file: the worker is ended, a fresh
one takes its place, and the batch goes on. Outcomes come back as files finish; progress
events (`page`, `ocr_page`) are passed on as they happen. The caller is the single writer.
"""

from __future__ import annotations

import faulthandler
import multiprocessing as mp
import os
import resource
import signal
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from pathlib import Path

import pymupdf

from ingest.errors import IngestError
from ingest.pipeline import Parsed, parse_file
from ingest.readers.ocr import default_workers

MEMORY_LIMIT = 3 * 1024**3
"""Bytes of address space a worker may map before allocations fail (MemoryError)."""
TIME_LIMIT = 1800.0
"""Seconds one file may take (OCR of a long scan included) before it is given up."""

EventFn = Callable[[str, int], None]


@dataclass(slots=True)
class Outcome:
    """A file's parse result: `parsed` on success, else `error` (one line)."""

    path: Path
    parsed: Parsed | None = None
    error: str | None = None


def _parse(path: Path, ocr: str, progress: EventFn, ocr_workers: int) -> Parsed:
    """What a worker runs for one file (a seam the tests replace to make a worker die)."""
    return parse_file(path, ocr=ocr, progress=progress, ocr_workers=ocr_workers)


def _limit_memory() -> None:
    try:
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        limit = MEMORY_LIMIT if hard == resource.RLIM_INFINITY else min(MEMORY_LIMIT, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ValueError, OSError):
        pass


def _quiet() -> None:
    """Reasons travel over the pipe, one line each: a C library's own complaints (MuPDF's
    warnings, a crash report) must not reach the user's terminal."""
    faulthandler.disable()
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    os.close(devnull)
    pymupdf.TOOLS.mupdf_display_errors(False)
    pymupdf.TOOLS.mupdf_display_warnings(False)


def _worker_main(conn: Connection, ocr: str, ocr_workers: int) -> None:
    """A worker's life: take a path, parse it, send the result back, until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _quiet()
    _limit_memory()

    def progress(kind: str, n: int) -> None:
        conn.send(("event", kind, n))

    while True:
        path = conn.recv()
        if path is None:
            return
        try:
            conn.send(("done", _parse(Path(path), ocr, progress, ocr_workers)))
        except IngestError as err:
            conn.send(("failed", str(err)))
        except MemoryError:
            conn.send(("failed", f"file needs more than {MEMORY_LIMIT // 2**30} GB to parse"))
        except Exception as err:  # anything unforeseen stays one line, one file
            text = " ".join(str(err).split())[:160]
            conn.send(("failed", f"could not parse: {type(err).__name__}: {text}"))


class _Worker:
    """One worker process, the file it holds and when it took it."""

    def __init__(self, ocr: str, ocr_workers: int) -> None:
        context = mp.get_context("fork")
        self.conn, child = context.Pipe()
        self.process = context.Process(
            target=_worker_main, args=(child, ocr, ocr_workers), daemon=True
        )
        self.process.start()
        child.close()
        self.path: Path | None = None
        self.started = 0.0

    def take(self, path: Path) -> None:
        self.path, self.started = path, time.monotonic()
        self.conn.send(str(path))

    def release(self) -> Path:
        path, self.path = self.path, None
        assert path is not None
        return path

    def stop(self, kill: bool = False) -> None:
        if kill:
            self.process.kill()
        else:
            try:
                self.conn.send(None)
            except OSError:
                self.process.kill()
        self.process.join(timeout=5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.conn.close()


def parse_many(
    paths: list[Path], ocr: str = "auto", jobs: int = 1, on_event: EventFn | None = None
) -> Iterator[Outcome]:
    """Yield one Outcome per path as files finish, parsing up to `jobs` files at a time."""
    if not paths:
        return
    jobs = max(1, min(jobs, len(paths)))
    ocr_workers = max(1, default_workers() // jobs)
    queue = deque(paths)
    workers = [_Worker(ocr, ocr_workers) for _ in range(jobs)]
    try:
        while True:
            for index, worker in enumerate(workers):
                if worker.path is None and queue:
                    if not worker.process.is_alive():  # died while idle (the OOM killer?)
                        worker.stop(kill=True)
                        workers[index] = worker = _Worker(ocr, ocr_workers)
                    worker.take(queue.popleft())
            busy = [w for w in workers if w.path is not None]
            if not busy:
                return
            deadline = min(w.started for w in busy) + TIME_LIMIT
            ready = wait(
                [w.conn for w in busy] + [w.process.sentinel for w in busy],
                timeout=max(0.0, deadline - time.monotonic()),
            )
            for index, worker in enumerate(workers):
                if worker.path is None:
                    continue
                outcome = _collect(worker, ready, on_event)
                if outcome is None and time.monotonic() - worker.started > TIME_LIMIT:
                    outcome = Outcome(
                        worker.path, error=f"parsing took longer than {TIME_LIMIT:.0f}s"
                    )
                    worker.stop(kill=True)
                    workers[index] = _Worker(ocr, ocr_workers)
                elif outcome is not None and outcome.error and not worker.process.is_alive():
                    workers[index] = _Worker(ocr, ocr_workers)
                if outcome is not None:
                    worker.path = None
                    yield outcome
    finally:
        for worker in workers:
            worker.stop(kill=worker.path is not None)


def _collect(worker: _Worker, ready: list, on_event: EventFn | None) -> Outcome | None:
    """Read what `worker` sent; the file's Outcome once it is done or the worker is dead."""
    assert worker.path is not None
    if worker.conn not in ready and worker.process.sentinel not in ready:
        return None
    try:
        while worker.conn.poll():
            message = worker.conn.recv()
            if message[0] == "event":
                if on_event is not None:
                    on_event(message[1], message[2])
            elif message[0] == "done":
                return Outcome(worker.path, parsed=message[1])
            else:
                return Outcome(worker.path, error=message[1])
    except (EOFError, OSError):
        pass
    if worker.process.is_alive():
        return None
    worker.process.join()
    worker.stop(kill=True)
    return Outcome(worker.path, error=_death(worker.process.exitcode))


def _death(code: int | None) -> str:
    """A one-line reason for a worker that died while parsing a file."""
    if code is not None and code < 0:
        name = signal.Signals(-code).name if -code in signal.valid_signals() else str(-code)
        if -code == signal.SIGKILL:
            return f"the reader was killed ({name}; out of memory?) while parsing this file"
        return f"the reader crashed ({name}) on this file (damaged or hostile?)"
    return f"the reader stopped (exit status {code}) while parsing this file"
