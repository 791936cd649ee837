"""The trainer of `load.py --uploads N`: real documents uploaded while the clients search.

The files are taken from `--upload-from` (default `../shared/corpus`): DOCX and PDF first, then
Markdown and text, in name order, leaving out any whose content is already stored in the data
folder (so each upload is a real ingest, not `unchanged`). The server runs over a fresh copy of
`--data`, so every run starts from the same folder. The trainer posts one file at a time to
`POST /api/documents` with a trainer key and polls its job until it has ended, then posts the
next; a job's time is from the start of its upload to the poll that saw it end.
"""

from __future__ import annotations

import asyncio
import hashlib
import shutil
import sqlite3
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = ROOT.parent / "shared" / "corpus"
ORDER = (".docx", ".pdf", ".md", ".txt")
POLL_SECONDS = 0.2
JOB_TIMEOUT = 600.0


def stored_digests(data: Path) -> set[str]:
    """The sha256 of every document stored in a data folder (read-only)."""
    database = data / "camnang.sqlite"
    if not database.is_file():
        return set()
    conn = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        return {row[0] for row in conn.execute("SELECT sha256 FROM documents")}
    finally:
        conn.close()


def pick_uploads(source: Path, n: int, stored: set[str]) -> list[Path]:
    """Up to `n` files of `source` (recursively) whose content is not in `stored`."""
    candidates = [p for p in source.rglob("*") if p.is_file() and p.suffix.lower() in ORDER]
    candidates.sort(key=lambda p: (ORDER.index(p.suffix.lower()), p.name))
    picked: list[Path] = []
    seen = set(stored)
    for path in candidates:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        if digest not in seen:
            seen.add(digest)
            picked.append(path)
        if len(picked) == n:
            break
    return picked


def fresh_copy(data: Path) -> Path:
    """A copy of a data folder in a new temporary folder (the caller removes its parent)."""
    target = Path(tempfile.mkdtemp(prefix="camnang-load-")) / "data"
    shutil.copytree(data, target, ignore=shutil.ignore_patterns("uploads", ".write.lock"))
    return target


@dataclass
class Upload:
    file: str
    status: str = "not_sent"
    seconds: float = 0.0
    result: str | None = None
    error: str | None = None


@dataclass
class Trainer:
    """Uploads `files` one at a time, each waited for; `finished` is when the last ended."""

    files: list[Path]
    key: str
    uploads: list[Upload] = field(default_factory=list)
    began: float = 0.0
    finished: float = 0.0

    async def run(self, client: httpx.AsyncClient) -> None:
        self.began = time.monotonic()
        try:
            for path in self.files:
                upload = Upload(path.name)
                self.uploads.append(upload)
                started = time.perf_counter()
                await self._one(client, path, upload)
                upload.seconds = time.perf_counter() - started
        finally:
            self.finished = time.monotonic()

    async def _one(self, client: httpx.AsyncClient, path: Path, upload: Upload) -> None:
        try:
            response = await client.post(
                "/api/documents",
                files={"file": (path.name, path.read_bytes())},
                headers={"X-API-Key": self.key},
            )
            if response.status_code != 202:
                upload.status, upload.error = "refused", f"{response.status_code} {response.text}"
                return
            job_url = response.headers["location"]
            deadline = time.monotonic() + JOB_TIMEOUT
            while time.monotonic() < deadline:
                job = (await client.get(job_url)).raise_for_status().json()
                if job["status"] in ("done", "failed"):
                    upload.status = job["status"]
                    upload.result = (job.get("result") or {}).get("status")
                    upload.error = job.get("error")
                    return
                await asyncio.sleep(POLL_SECONDS)
            upload.status = "timeout"
        except httpx.HTTPError as err:
            upload.status, upload.error = "error", f"{type(err).__name__}: {err}"

    def summary(self, search_began: float) -> dict:
        times = sorted(u.seconds for u in self.uploads if u.status in ("done", "failed"))
        by_status: dict[str, int] = {}
        for upload in self.uploads:
            by_status[upload.status] = by_status.get(upload.status, 0) + 1
        return {
            "files": len(self.files),
            "done": by_status.get("done", 0),
            "failed": len(self.uploads) - by_status.get("done", 0),
            "by_status": by_status,
            "ingested": sum(1 for u in self.uploads if u.result == "ingested"),
            "job_s_median": round(times[len(times) // 2], 2) if times else None,
            "job_s_max": round(times[-1], 2) if times else None,
            "job_s_total": round(sum(times), 1),
            "ended_at_s": round(self.finished - search_began, 1),
            "jobs": [
                {"file": u.file, "status": u.status, "result": u.result, "s": round(u.seconds, 2)}
                | ({"error": u.error} if u.error else {})
                for u in self.uploads
            ],
        }


def print_uploads(report: dict) -> None:
    print(
        f"uploads: {report['files']} files, {report['done']} done ({report['ingested']} "
        f"ingested), {report['failed']} failed; per job median {report['job_s_median']} s, "
        f"max {report['job_s_max']} s, {report['job_s_total']} s in all; the last ended "
        f"{report['ended_at_s']} s after the searches began"
    )
    for job in report["jobs"]:
        line = f"  {job['file']:44} {job['status']:8} {job['result'] or '':10} {job['s']:7} s"
        print(line + (f"  {job['error']}" if "error" in job else ""))
