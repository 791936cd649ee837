"""The data folder's write lock: one writer at a time (store and index together), readers free."""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

LOCK_NAME = ".write.lock"


class LockTimeout(RuntimeError):
    """Another camnang process held the write lock for longer than we were willing to wait."""


@contextmanager
def write_lock(data_dir: Path | str, timeout: float = 600.0) -> Iterator[None]:
    """Hold the exclusive write lock of `data_dir` for the duration of the block.

    The lock is an OS file lock, so it is released when its holder exits, even by `kill -9`.
    """
    path = Path(data_dir) / LOCK_NAME
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise LockTimeout(
                        f"another camnang process is writing to {data_dir}; try again later"
                    ) from None
                time.sleep(0.05)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
