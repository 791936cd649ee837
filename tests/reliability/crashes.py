"""`kill -9` a real `camnang ingest` at random moments, and look at what it left (shared with
bench/hostile.py).

Each round starts the same ingest over the same files, kills its whole process group with
SIGKILL after a random delay, and checks the data folder as the next run would find it: the
store whole (SQLite's check, every stored document with all its rows and its original file,
nothing half-written), and nothing wrong that `camnang check --repair` could not fix (an index
left mid-update, a copy left before its transaction).
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

from corpus.integrity import Problem, check_store
from corpus.store import Store
from ingest.pipeline import sha256_of
from search_api.library import Library
from tests.reliability.runner import CAMNANG, camnang_env

FIXABLE = {"orphan_file"}
"""Store-side problems a kill may leave: a copy of an original made before its transaction."""


@dataclass(slots=True)
class Kill:
    """One round: when it was killed, what was done by then, what the check found."""

    round: int
    jobs: int
    delay: float
    lines: int
    """Files the killed run had reported done."""
    stored: int
    """Documents in the store after the kill."""
    problems: list[Problem] = field(default_factory=list)
    store_problems: list[Problem] = field(default_factory=list)
    """Problems of the store proper (must be empty)."""
    finished: bool = False
    """The run ended before the kill came."""
    data: Path | None = None
    complete: bool | None = None
    """For a run that ended: every file stored and nothing wrong."""


def ingest_and_kill(files: list[Path], data: Path, delay: float, jobs: int) -> tuple[int, bool]:
    """Start `camnang ingest`, SIGKILL its process group after `delay` s; (lines, finished)."""
    cmd = [str(CAMNANG), "ingest", *map(str, files), "--data", str(data), "--json"]
    with open(os.devnull, "wb") as null:
        proc = subprocess.Popen(
            [*cmd, "--jobs", str(jobs)],
            stdout=subprocess.PIPE,
            stderr=null,
            env=camnang_env(),
            start_new_session=True,
        )
        try:
            proc.wait(timeout=delay)
            finished = True
        except subprocess.TimeoutExpired:
            finished = False
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        assert proc.stdout is not None
        lines = len(proc.stdout.read().splitlines())
        proc.stdout.close()
    _wait_for_group(proc.pid)
    return lines, finished


def _wait_for_group(pgid: int, timeout: float = 10.0) -> None:
    """Until no process of the killed group is left (workers die with it)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.05)


def inspect(data: Path) -> tuple[list[Problem], list[Problem]]:
    """(every problem `camnang check` sees, the store problems a kill must never leave)."""
    with Store(data) as store:
        store_problems = [p for p in check_store(store) if p.code not in FIXABLE]
    with Library(data) as library:
        problems = library.check().problems
    return problems, store_problems


def kill_rounds(
    files: list[Path],
    root: Path,
    kills: int,
    seed: int = 8,
    max_delay: float = 8.0,
    jobs: tuple[int, ...] = (1, 2),
) -> list[Kill]:
    """Rounds of ingest-then-SIGKILL over `files`, each inspected, until `kills` runs were
    killed. They go into `root/data-1` until a run gets to the end before its kill (on a fast
    machine; its folder is then checked for every file), then into `root/data-2`, and so on."""
    rng = random.Random(seed)
    out: list[Kill] = []
    data = root / "data-1"
    while sum(not k.finished for k in out) < kills and len(out) < 3 * kills:
        delay = round(rng.uniform(0.5, max_delay), 2)
        j = jobs[len(out) % len(jobs)]
        lines, finished = ingest_and_kill(files, data, delay, j)
        problems, store_problems = inspect(data)
        with Store(data) as store:
            stored = store.count()
        kill = Kill(len(out) + 1, j, delay, lines, stored, problems, store_problems, finished, data)
        out.append(kill)
        if finished:
            kill.complete = not problems and stored_shas(data) == file_shas(files)
            data = root / f"data-{len(out) + 1}"
    return out


def crash_batch(corpus: Path, samples: Path, folder: Path) -> list[Path]:
    """25 real documents (PDF, DOCX, Markdown, text; ~35 s to ingest with two jobs), copied."""
    folder.mkdir(parents=True, exist_ok=True)
    sources = [
        *sorted((corpus / "pdf").glob("*.pdf")),
        *sorted((corpus / "docx").glob("*.docx")),
        *sorted((corpus / "ocr-noisy").glob("*.md")),
        *sorted((corpus / "seed").glob("*.txt")),
        corpus / "phapdien" / "to-chuc-va-hoat-dong-cua-thua-phat-lai.md",
        corpus / "phapdien" / "dau-gia-tai-san.md",
        *sorted(p for p in samples.iterdir() if p.suffix in (".pdf", ".docx")),
    ]
    out = []
    for src in sources:
        shutil.copy(src, folder / src.name)
        out.append(folder / src.name)
    return out


def stored_shas(data: Path) -> set[str]:
    with Store(data) as store:
        return {r[0] for r in store.conn.execute("SELECT sha256 FROM documents")}


def file_shas(files: list[Path]) -> set[str]:
    return {sha256_of(f) for f in files}
