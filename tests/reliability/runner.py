"""Run the real `camnang` command in a subprocess and measure it (shared with bench/).

`ingest_measured` runs `camnang ingest --json` over files and gives, for each JSON line, the
seconds since the previous line (with `--jobs 1`, files are parsed one after another, so that
is the time the file took) and the peak resident memory of the whole process tree (camnang and
its workers, polled every 20 ms) while it was being read.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import psutil

CAMNANG = Path(sys.executable).parent / "camnang"


@dataclass(slots=True)
class FileRun:
    """One line of `camnang ingest --json`, with what reading that file cost."""

    line: dict
    seconds: float
    peak_rss: int
    """Bytes: summed RSS of camnang and its children (shared pages counted in each)."""


@dataclass(slots=True)
class IngestRun:
    files: list[FileRun]
    returncode: int
    stderr: str
    seconds: float
    peak_rss: int


class TreeMemory:
    """Polls the summed resident memory of a process and all its descendants."""

    def __init__(self, pid: int, interval: float = 0.02) -> None:
        self.root = psutil.Process(pid)
        self.interval = interval
        self.peak = 0
        self.window = 0
        self.last = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._poll, daemon=True)
        self._thread.start()

    def _poll(self) -> None:
        while not self._stop.is_set():
            total = 0
            with contextlib.suppress(psutil.Error):
                for proc in [self.root, *self.root.children(recursive=True)]:
                    with contextlib.suppress(psutil.Error):
                        total += proc.memory_info().rss
            self.peak = max(self.peak, total)
            self.window = max(self.window, total)
            self.last = total
            self._stop.wait(self.interval)

    def take_window(self) -> int:
        """The peak since the last call (a window too short to poll gets the last reading)."""
        value, self.window = self.window, self.last
        return value

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


def camnang_env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("CAMNANG_DATA", None)
    env["PYTHONUNBUFFERED"] = "1"
    return env


def ingest_measured(
    paths: list[Path], data: Path, jobs: int = 1, timeout: float = 900.0
) -> IngestRun:
    """`camnang ingest PATHS --data DATA --jobs N --json`, measured line by line."""
    cmd = [str(CAMNANG), "ingest", *map(str, paths), "--data", str(data), "--json"]
    cmd += ["--jobs", str(jobs)]
    started = time.monotonic()
    proc = subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=camnang_env(), text=True
    )
    memory = TreeMemory(proc.pid)
    timer = threading.Timer(timeout, proc.kill)
    timer.start()
    stderr_lines: list[str] = []
    reader = threading.Thread(target=lambda: stderr_lines.extend(proc.stderr), daemon=True)
    reader.start()
    files: list[FileRun] = []
    last = started
    try:
        assert proc.stdout is not None
        for raw in proc.stdout:
            now = time.monotonic()
            files.append(FileRun(json.loads(raw), now - last, memory.take_window()))
            last = now
        proc.wait()
    finally:
        timer.cancel()
        memory.stop()
        reader.join(timeout=10)
    return IngestRun(
        files=files,
        returncode=proc.returncode,
        stderr="".join(stderr_lines),
        seconds=time.monotonic() - started,
        peak_rss=memory.peak,
    )


def camnang(*args: str, timeout: float = 600.0) -> subprocess.CompletedProcess[str]:
    """Run `camnang ARGS` and return its result (never raises on a non-zero exit)."""
    return subprocess.run(
        [str(CAMNANG), *args],
        capture_output=True,
        text=True,
        env=camnang_env(),
        timeout=timeout,
        check=False,
    )
