"""`camnang ingest` on a mixed batch: good files go in, each bad one fails alone, on one line."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import shared_path
from tests.fixtures import documents as fx

CAMNANG = Path(sys.executable).parent / "camnang"
CONTRACT = {"path", "status", "doc_id", "kind", "number", "title", "issued", "articles", "error"}


def _camnang(*args: str | Path, **kwargs) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(CAMNANG), *map(str, args)], capture_output=True, text=True, timeout=300, **kwargs
    )


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[Path], dict[Path, str]]:
    """Good files (some with lying names) and bad ones, each bad one with its expected reason."""
    folder = tmp_path_factory.mktemp("batch")
    pdf = shared_path("corpus", "pdf")
    docx = shared_path("corpus", "docx")
    good = [pdf / "an_le_so_432021AL.pdf", pdf / "an_le_so_722024AL.pdf"]
    fx.regulation_pdf(docx / "nghi_dinh_19_2019_ND_CP.docx", folder / "nd-19-2019.pdf")
    fx.copy_as(docx / "nghi_quyet_01_2019_NQ_HDTP.docx", folder / "a-docx-really.pdf")
    fx.copy_as(pdf / "an_le_so_672023AL.pdf", folder / "a-pdf-really.docx")
    fx.encrypted_pdf(pdf / "an_le_so_552022AL.pdf", folder / "owner-only.pdf", "", "owner")
    good += [folder / n for n in ("nd-19-2019.pdf", "a-docx-really.pdf", "a-pdf-really.docx")]
    good.append(folder / "owner-only.pdf")
    bad = {
        folder / "empty.docx": "empty file",
        folder / "cut.pdf": "truncated PDF",
        folder / "cut.docx": "damaged ZIP/DOCX",
        folder / "locked.pdf": "encrypted PDF",
        folder / "noise.pdf": "not a document camnang can read",
        folder / "bomb.docx": "zip bomb",
        folder / "not-there.pdf": "no such file or folder",
    }
    fx.write_empty(folder / "empty.docx")
    fx.truncated(pdf / "an_le_so_692023AL.pdf", folder / "cut.pdf")
    fx.truncated(docx / "nghi_quyet_01_2020_NQ_HDTP.docx", folder / "cut.docx")
    fx.encrypted_pdf(pdf / "an_le_so_692023AL.pdf", folder / "locked.pdf", "mat-khau", "owner")
    fx.random_bytes(folder / "noise.pdf")
    fx.zip_bomb_docx(docx / "nghi_quyet_01_2020_NQ_HDTP.docx", folder / "bomb.docx", 64 * 2**20)
    return good, bad


def test_a_mixed_batch_ingests_the_good_and_names_each_bad_file(batch, data_dir: Path) -> None:
    good, bad = batch
    files = [p for pair in zip(good, list(bad)[:6], strict=False) for p in pair]
    files += [*good[6:], *list(bad)[6:]]
    run = _camnang("ingest", *files, "--json", "--jobs", "2", "--data", data_dir)
    assert run.returncode == 1
    assert "Traceback" not in run.stderr and "Traceback" not in run.stdout

    errors = run.stderr.strip().splitlines()
    assert len(errors) == len(bad)
    for path, reason in bad.items():
        (line,) = [e for e in errors if e.startswith(f"camnang: {path}: ")]
        assert reason in line

    lines = [json.loads(x) for x in run.stdout.splitlines()]
    assert all(set(x) == CONTRACT for x in lines)
    status = {x["path"]: x["status"] for x in lines}
    assert status == {**{str(p): "ingested" for p in good}, **{str(p): "failed" for p in bad}}
    failed = [x for x in lines if x["status"] == "failed"]
    assert all(x["error"] and x["doc_id"] is None for x in failed)

    listed = _camnang("list", "--json", "--data", data_dir)
    assert listed.returncode == 0
    stored = {json.loads(x)["source_path"] for x in listed.stdout.splitlines()}
    assert stored == {str(p) for p in good}
    assert len(list((data_dir / "files").rglob("*.*"))) == len(good)  # no stray originals


def test_the_json_lines_carry_what_was_parsed(batch, data_dir: Path) -> None:
    good, _ = batch
    run = _camnang("ingest", good[2], good[3], "--json", "--data", data_dir)
    assert run.returncode == 0, run.stderr
    pdf, docx = (json.loads(x) for x in run.stdout.splitlines())
    assert (pdf["kind"], pdf["number"], pdf["issued"], pdf["articles"]) == (
        "regulation",
        "19/2019/NĐ-CP",
        "2019-02-19",
        28,
    )
    assert docx["number"] == "01/2019/NQ-HĐTP" and docx["articles"] > 0
    assert pdf["doc_id"] and pdf["title"] and pdf["error"] is None


def test_ingesting_the_same_files_again_changes_nothing(batch, data_dir: Path) -> None:
    good, _ = batch
    first = _camnang("ingest", *good[:2], "--json", "--data", data_dir)
    again = _camnang("ingest", *good[:2], "--json", "--data", data_dir)
    assert first.returncode == again.returncode == 0
    assert [json.loads(x)["status"] for x in again.stdout.splitlines()] == ["unchanged"] * 2
    ids = [json.loads(x)["doc_id"] for x in first.stdout.splitlines()]
    assert [json.loads(x)["doc_id"] for x in again.stdout.splitlines()] == ids


def test_a_terminal_sees_a_progress_bar_of_files_and_pages(batch, data_dir: Path) -> None:
    good, bad = batch
    leader, follower = pty.openpty()
    env = {**os.environ, "COLUMNS": "100", "TERM": "xterm"}
    command = [CAMNANG, "ingest", good[0], next(iter(bad)), "--data", data_dir]
    with subprocess.Popen(
        [str(x) for x in command], stdout=subprocess.PIPE, stderr=follower, env=env, text=True
    ) as proc:
        os.close(follower)
        shown = b""
        while True:  # read as it comes, so the child never blocks on a full terminal
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the child closed its end
                break
            if not chunk:
                break
            shown += chunk
        stdout = proc.stdout.read()
    os.close(leader)
    text = shown.decode("utf-8", "replace")
    assert proc.returncode == 1
    for label in ("files", "pages", "OCR pages", "2/2"):
        assert label in text
    assert "empty file" in text
    assert "ingested" in stdout
