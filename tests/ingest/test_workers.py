"""Worker processes: a crash, a hang or a memory hog is blamed on exactly its own file."""

from __future__ import annotations

import os
import shutil
import signal
import time
from pathlib import Path

import pytest

from ingest import workers
from ingest.workers import Outcome, parse_many
from tests.conftest import shared_path

_real_parse = workers._parse


def _precedents(tmp_path: Path, *names: str) -> list[Path]:
    """Copies of real án lệ PDFs under the given names (the name decides a file's fate)."""
    sources = sorted(shared_path("corpus", "pdf").glob("*.pdf"))
    out = []
    for index, name in enumerate(names):
        path = tmp_path / name
        shutil.copy(sources[index % len(sources)], path)
        out.append(path)
    return out


def _fatal(path: Path, ocr: str, progress, ocr_workers: int):
    """A parse that really kills its worker for some files, after others are in flight."""
    if path.name.startswith("sigkill"):
        time.sleep(0.5)
        os.kill(os.getpid(), signal.SIGKILL)
    if path.name.startswith("segv"):
        time.sleep(0.3)
        os.kill(os.getpid(), signal.SIGSEGV)
    if path.name.startswith("exit"):
        os._exit(3)
    if path.name.startswith("slow"):
        time.sleep(60)
    if path.name.startswith("hog"):
        hog = bytearray(2 * 1024**3)
        return hog
    return _real_parse(path, ocr, progress, ocr_workers)


def _by_name(outcomes: list[Outcome]) -> dict[str, Outcome]:
    return {o.path.name: o for o in outcomes}


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_worker_that_dies_blames_exactly_its_own_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    monkeypatch.setattr(workers, "_parse", _fatal)
    names = ["a.pdf", "sigkill.pdf", "b.pdf", "c.pdf", "segv.pdf", "d.pdf", "exit.pdf", "e.pdf"]
    outcomes = _by_name(list(parse_many(_precedents(tmp_path, *names), jobs=jobs)))
    assert set(outcomes) == set(names)
    for name in ("a.pdf", "b.pdf", "c.pdf", "d.pdf", "e.pdf"):
        assert outcomes[name].error is None, (name, outcomes[name].error)
        assert outcomes[name].parsed.document.number.endswith("/AL")
    assert "killed (SIGKILL" in outcomes["sigkill.pdf"].error
    assert "crashed (SIGSEGV)" in outcomes["segv.pdf"].error
    assert "exit status 3" in outcomes["exit.pdf"].error


def test_a_file_past_the_time_limit_fails_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(workers, "_parse", _fatal)
    monkeypatch.setattr(workers, "TIME_LIMIT", 2.0)
    files = _precedents(tmp_path, "a.pdf", "slow.pdf", "b.pdf", "c.pdf")
    started = time.monotonic()
    outcomes = _by_name(list(parse_many(files, jobs=2)))
    assert time.monotonic() - started < 20
    assert outcomes["slow.pdf"].error == "parsing took longer than 2s"
    assert all(outcomes[n].parsed is not None for n in ("a.pdf", "b.pdf", "c.pdf"))


def test_a_file_past_the_memory_limit_fails_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(workers, "_parse", _fatal)
    monkeypatch.setattr(workers, "MEMORY_LIMIT", 1024**3 + 512 * 1024**2)
    outcomes = _by_name(list(parse_many(_precedents(tmp_path, "hog.pdf", "a.pdf"), jobs=1)))
    assert outcomes["hog.pdf"].error == "file needs more than 1 GB to parse"
    assert outcomes["a.pdf"].parsed is not None


def test_workers_report_every_page_as_it_is_read(tmp_path: Path) -> None:
    files = _precedents(tmp_path, "a.pdf", "b.pdf", "c.pdf")
    events: list[tuple[str, int]] = []
    outcomes = list(parse_many(files, jobs=2, on_event=lambda k, n: events.append((k, n))))
    pages = sum(o.parsed.pages for o in outcomes)
    assert sum(n for kind, n in events if kind == "page") == pages
    assert not [k for k, _ in events if k == "ocr_page"]


def test_an_unreadable_file_fails_in_its_worker_and_the_worker_goes_on(tmp_path: Path) -> None:
    files = _precedents(tmp_path, "a.pdf", "b.pdf")
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    outcomes = list(parse_many([files[0], empty, files[1]], jobs=1))
    assert [o.path.name for o in outcomes] == ["a.pdf", "empty.pdf", "b.pdf"]
    assert [o.error for o in outcomes] == [None, "empty file", None]
