"""Run `camnang serve` for real (uvicorn on 127.0.0.1, a free port) for tests that need a
server: the serve command's own tests and the browser tests."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

CAMNANG = Path(sys.executable).parent / "camnang"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class LiveServer:
    url: str
    process: subprocess.Popen
    log: Path

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


@contextmanager
def live_server(
    data_dir: Path, env: dict[str, str] | None = None, startup: float = 120.0
) -> Iterator[LiveServer]:
    """`camnang serve --data DATA` until the block ends; waits for /healthz first."""
    port = free_port()
    log = data_dir.parent / f"serve-{port}.log"
    environ = {**os.environ, **(env or {})}
    environ.pop("CAMNANG_CONFIG", None)
    with log.open("w") as out:
        process = subprocess.Popen(
            [str(CAMNANG), "serve", "--data", str(data_dir), "--port", str(port)],
            stdout=out,
            stderr=subprocess.STDOUT,
            env=environ,
        )
    server = LiveServer(f"http://127.0.0.1:{port}", process, log)
    try:
        deadline = time.monotonic() + startup
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"camnang serve exited: {server.output()}")
            try:
                if httpx.get(server.url + "/healthz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"camnang serve did not start: {server.output()}")
            time.sleep(0.2)
        yield server
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
