"""What the HTTP benches share: waiting for a `camnang serve` they started to answer."""

from __future__ import annotations

import subprocess
import time

import httpx

START_SECONDS = 120


def wait_until_up(process: subprocess.Popen, url: str, who: str) -> None:
    """Return once `url/healthz` answers 200; stop the bench (`who` names it) if the server
    exits or has not answered within `START_SECONDS`."""
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"{who}: camnang serve exited at start")
        try:
            if httpx.get(url + "/healthz", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit(f"{who}: camnang serve did not start within {START_SECONDS} s")
