"""Background ingest jobs: uploads are ingested one at a time by one writer thread.

The writer has its own `Library` and goes through `Library.ingest_files`, the same path as
`camnang ingest` (parse in a worker process, save under the data folder's write lock). Jobs
live in memory: the newest `KEEP` are remembered, and a restart forgets them (the documents
they made stay in the store). An uploaded file is removed once its job ends; the store keeps
its own copy of the original.
"""

from __future__ import annotations

import datetime as dt
import logging
import queue
import shutil
import threading
import time
import uuid
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from search_api.http.uploads import UPLOADS_DIR
from search_api.library import Library

log = logging.getLogger("camnang.jobs")

KEEP = 1000
STALE_UPLOAD_SECONDS = 24 * 3600
"""Upload folders older than this at start belong to jobs a previous run never finished."""
QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass(slots=True)
class Job:
    """One uploaded file's ingest."""

    id: str
    file_name: str
    size: int
    format: str
    path: Path | None
    status: str = QUEUED
    created: dt.datetime | None = None
    started: dt.datetime | None = None
    finished: dt.datetime | None = None
    outcome: dict[str, Any] | None = None
    error: str | None = None

    @property
    def pending(self) -> bool:
        return self.status in (QUEUED, RUNNING)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "status": self.status,
            "file_name": self.file_name,
            "size": self.size,
            "format": self.format,
            "created": _iso(self.created),
            "started": _iso(self.started),
            "finished": _iso(self.finished),
            "doc_id": (self.outcome or {}).get("doc_id"),
            "result": self.outcome,
            "error": self.error,
        }


def _iso(value: dt.datetime | None) -> str | None:
    return value.isoformat(timespec="seconds") if value else None


def new_job_id() -> str:
    return uuid.uuid4().hex


def sweep_uploads(folder: Path, older_than: float) -> int:
    """Remove upload folders last changed more than `older_than` seconds ago; return how many."""
    if not folder.is_dir():
        return 0
    cutoff = time.time() - older_than
    removed = 0
    for child in folder.iterdir():
        if child.is_dir() and child.stat().st_mtime < cutoff:
            shutil.rmtree(child, ignore_errors=True)
            removed += 1
    return removed


class JobQueue:
    """A FIFO of ingest jobs and the one thread that runs them."""

    def __init__(self, data_dir: Path, ocr: str = "auto") -> None:
        self.data_dir = data_dir
        self.ocr = ocr
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._lock = threading.Lock()
        self._changed = threading.Condition(self._lock)
        self._queue: queue.Queue[Job | None] = queue.Queue()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Start the writer (and clear uploads a previous run left unfinished)."""
        sweep_uploads(self.data_dir / UPLOADS_DIR, STALE_UPLOAD_SECONDS)
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="camnang-writer", daemon=True)
            self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        if self._thread is not None:
            self._queue.put(None)
            self._thread.join(timeout)
            self._thread = None

    def submit(self, job_id: str, path: Path, file_name: str, size: int, fmt: str) -> Job:
        """Queue a stored upload for ingest; `path` is removed (with its folder) when done."""
        job = Job(job_id, file_name, size, fmt, path, created=_now())
        self._remember(job)
        self._queue.put(job)
        return job

    def _remember(self, job: Job) -> None:
        with self._lock:
            self._jobs[job.id] = job
            while len(self._jobs) > KEEP:
                self._jobs.popitem(last=False)

    def refused(self, file_name: str, reason: str) -> Job:
        """Record a file refused before ingest (too big, not a document) as a failed job."""
        now = _now()
        job = Job(new_job_id(), file_name, 0, "", None, FAILED, now, now, now, error=reason)
        self._remember(job)
        return job

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            return self._jobs.get(job_id)

    def recent(self, n: int = 20) -> list[Job]:
        with self._lock:
            return list(reversed(self._jobs.values()))[:n]

    def wait(self, job_id: str, timeout: float) -> Job | None:
        """Block until the job has ended (or `timeout` seconds); return it."""
        deadline = _now() + dt.timedelta(seconds=timeout)
        with self._changed:
            while True:
                job = self._jobs.get(job_id)
                remaining = (deadline - _now()).total_seconds()
                if job is None or not job.pending or remaining <= 0:
                    return job
                self._changed.wait(remaining)

    def _run(self) -> None:
        library = Library(self.data_dir)
        try:
            while (job := self._queue.get()) is not None:
                self._set(job, status=RUNNING, started=_now())
                try:
                    self._ingest(library, job)
                except Exception as err:  # the writer must outlive any one job
                    log.exception("ingest job %s failed", job.id)
                    reason = " ".join(str(err).split())[:200] or type(err).__name__
                    self._set(job, status=FAILED, error=reason, finished=_now())
                finally:
                    if job.path is not None:
                        shutil.rmtree(job.path.parent, ignore_errors=True)
        finally:
            library.close()

    def _ingest(self, library: Library, job: Job) -> None:
        assert job.path is not None
        outcomes = list(library.ingest_files([job.path], ocr=self.ocr))
        outcome = outcomes[0].to_dict() if outcomes else {"status": FAILED, "error": "no result"}
        outcome["path"] = job.file_name
        if outcome["status"] == FAILED:
            self._set(job, status=FAILED, error=outcome["error"], finished=_now())
        else:
            self._set(job, status=DONE, outcome=outcome, finished=_now())

    def _set(self, job: Job, **changes: Any) -> None:
        with self._changed:
            for key, value in changes.items():
                setattr(job, key, value)
            self._changed.notify_all()
