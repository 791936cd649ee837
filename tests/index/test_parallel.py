"""Analysis in forked workers: the same records in the same order as in one process, and no
lock file of the parent's kept held by a worker."""

from __future__ import annotations

import fcntl
import itertools
import os
import time
from concurrent.futures.process import BrokenProcessPool

import pytest

from index.evaluation.alqac import corpus_units
from index.parallel import AHEAD, CHUNK, analyzed
from tests.conftest import shared_path


def _units(n: int):
    return list(
        itertools.islice(corpus_units(shared_path("bench", "phapdien", "all_law.json.gz")), n)
    )


def test_workers_give_the_records_of_one_process_in_order():
    units = _units(CHUNK * AHEAD + CHUNK // 2)
    assert list(analyzed(units, jobs=2)) == list(analyzed(units, jobs=1))


def _can_lock(path) -> bool:
    probe = os.open(path, os.O_WRONLY)
    try:
        fcntl.flock(probe, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    finally:
        os.close(probe)
    return True


def test_a_lock_held_at_the_fork_is_free_once_the_parent_closes_it(tmp_path):
    """Tantivy lets go of a lock by closing its file, without unlocking. A worker forked while
    the lock was held must not keep it: the writer waiting for it would wait for ever."""
    lock = tmp_path / ".tantivy-meta.lock"
    held = os.open(lock, os.O_CREAT | os.O_WRONLY)
    fcntl.flock(held, fcntl.LOCK_EX)
    results = analyzed(_units(3 * CHUNK * AHEAD), jobs=2)
    first = next(results)
    os.close(held)
    deadline = time.monotonic() + 5
    while not _can_lock(lock) and time.monotonic() < deadline:
        time.sleep(0.05)
    free = _can_lock(lock)
    rest = list(results)
    assert free
    assert first is not None and len(rest) == 3 * CHUNK * AHEAD - 1


def test_an_analysis_error_in_a_worker_reaches_the_caller():
    def failing(record):
        raise ValueError(f"cannot analyze {record.key}")

    with pytest.raises(ValueError, match="cannot analyze"):
        list(analyzed(_units(CHUNK * 2), jobs=2, prepare=failing))


def test_a_worker_that_dies_fails_the_build_instead_of_hanging():
    def dying(record):
        os._exit(3)

    with pytest.raises(BrokenProcessPool):
        list(analyzed(_units(CHUNK * 2), jobs=2, prepare=dying))
