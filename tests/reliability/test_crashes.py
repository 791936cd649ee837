"""`kill -9` at random points of a long ingest, ten times over: each time every file is either
wholly in the store or not at all, nothing is wrong that `check --repair` cannot fix, and the
same ingest run again completes it, consistent."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import SAMPLES, shared_path
from tests.reliability.crashes import crash_batch, file_shas, kill_rounds, stored_shas
from tests.reliability.runner import camnang

KILLS = 10


@pytest.mark.slow
def test_kill_9_during_ingest_loses_nothing_and_a_rerun_completes(tmp_path: Path) -> None:
    files = crash_batch(shared_path("corpus"), SAMPLES, tmp_path / "in")
    rounds = kill_rounds(files, tmp_path, kills=KILLS)
    killed = [k for k in rounds if not k.finished]
    assert len(killed) == KILLS
    for k in rounds:
        assert not k.store_problems, (k.round, [str(p) for p in k.store_problems])
        assert all(p.repairable for p in k.problems), (k.round, [str(p) for p in k.problems])
        assert k.complete in (None, True), k.round  # a run that got to the end stored all
    assert any(k.stored for k in killed)  # kills came after work was done, and it was kept
    data = rounds[-1].data
    assert stored_shas(data) <= file_shas(files)

    again = camnang("ingest", *map(str, files), "--data", str(data), "--json", "--jobs", "2")
    assert again.returncode == 0, again.stderr
    lines = [json.loads(x) for x in again.stdout.splitlines()]
    assert len(lines) == len(files)
    assert {x["status"] for x in lines} <= {"ingested", "unchanged"}
    assert stored_shas(data) == file_shas(files)
    result = camnang("check", "--data", str(data))
    assert result.returncode == 0, result.stdout + result.stderr
