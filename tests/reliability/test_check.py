"""`camnang check [--repair]`: a damaged index, lost or altered originals, strays and a damaged
store are each found with the right one-line message; --repair fixes what can be fixed."""

from __future__ import annotations

import json
import os
import sqlite3
import time
from pathlib import Path

import pytest

from corpus.schema import SCHEMA_VERSION
from corpus.store import DB_NAME
from index.engine import Record
from search_api import maintenance
from search_api.library import Library
from search_api.maintenance import CheckReport
from tests.reliability.runner import camnang


def _check(data: Path) -> CheckReport:
    with Library(data) as library:
        return library.check()


def _codes(report: CheckReport) -> set[str]:
    return {p.code for p in report.problems}


def _engine_files(data: Path) -> list[Path]:
    """The engine's own files (not the manifest), largest first."""
    files = [p for p in (data / "index").rglob("*") if p.is_file() and p.name != "manifest.json"]
    return sorted(files, key=lambda p: p.stat().st_size, reverse=True)


def _originals(data: Path) -> list[tuple[str, Path]]:
    with sqlite3.connect(data / DB_NAME) as conn:
        rows = conn.execute("SELECT id, stored_file FROM documents ORDER BY id").fetchall()
    return [(doc_id, data / rel) for doc_id, rel in rows]


def _repair(data: Path) -> tuple[CheckReport, CheckReport]:
    with Library(data) as library:
        return library.repair()


def test_a_freshly_ingested_library_is_consistent(library_dir: Path) -> None:
    report = _check(library_dir)
    assert report.consistent, [str(p) for p in report.problems]
    with Library(library_dir) as library:
        units = library.reindex()
    assert report.documents == len(_originals(library_dir)) >= 10
    assert report.files == report.documents
    assert report.index_records == units > report.documents


@pytest.mark.parametrize("damage", ["truncate", "zero", "delete"])
def test_damaged_index_files_are_found_and_rebuilt_by_repair(
    library_dir: Path, damage: str
) -> None:
    largest = _engine_files(library_dir)[0]
    if damage == "truncate":
        with largest.open("r+b") as fh:
            fh.truncate(largest.stat().st_size // 3)
    elif damage == "zero":
        largest.write_bytes(bytes(largest.stat().st_size))
    else:
        largest.unlink()
    report = _check(library_dir)
    assert not report.consistent
    assert {p.area for p in report.problems} == {"index"}
    assert all(p.repairable for p in report.problems)
    before, after = _repair(library_dir)
    assert before.problems and after.consistent, [str(p) for p in after.problems]
    with Library(library_dir) as library:
        assert library.search("hợp đồng thế chấp").hits


def test_a_deleted_index_folder_is_reported_as_empty_then_rebuilt(library_dir: Path) -> None:
    for path in _engine_files(library_dir):
        path.unlink()
    report = _check(library_dir)
    assert "index_empty" in _codes(report) or "index_unreadable" in _codes(report)
    assert _repair(library_dir)[1].consistent


def test_a_missing_original_is_named_and_cannot_be_repaired(library_dir: Path) -> None:
    doc_id, path = _originals(library_dir)[0]
    path.unlink()
    report = _check(library_dir)
    (problem,) = report.problems
    assert (problem.code, problem.doc_id, problem.repairable) == ("file_missing", doc_id, False)
    rel = path.relative_to(library_dir).as_posix()
    assert str(problem) == f"files: original of {doc_id} is missing: {rel}"
    assert _codes(_repair(library_dir)[1]) == {"file_missing"}


def test_a_flipped_byte_in_an_original_fails_its_checksum(library_dir: Path) -> None:
    doc_id, path = _originals(library_dir)[3]
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))
    (problem,) = _check(library_dir).problems
    assert problem.code == "file_checksum" and problem.doc_id == doc_id
    assert "does not match its sha256 (damaged)" in problem.message


def test_stray_index_records_are_found_and_removed_by_repair(library_dir: Path) -> None:
    doc_id, _ = _originals(library_dir)[0]
    with Library(library_dir) as library:
        index = library.index.open(repair=False)
        index.engine.add(
            [
                Record(
                    key="ghost#d1",
                    doc_id="ghost",
                    keywords={"document": ["ghost"]},
                    numbers={"eff_from": 0},
                    stored={"text": "ma"},
                ),
                Record(
                    key=f"{doc_id}#d999",
                    doc_id=doc_id,
                    keywords={"document": [doc_id]},
                    numbers={"eff_from": 0},
                    stored={"text": "thêm"},
                ),
            ]
        )
        index.engine.commit()
    report = _check(library_dir)
    messages = {p.code: p.message for p in report.problems}
    assert messages["index_orphan"] == (
        "the index holds 1 records of 'ghost', which the store does not have"
    )
    assert messages["index_records"].startswith(f"{doc_id}: the index holds ")
    assert "(1 in the index only, 0 missing or different)" in messages["index_records"]
    assert _repair(library_dir)[1].consistent


def test_a_document_missing_from_the_index_is_found(library_dir: Path) -> None:
    doc_id, _ = _originals(library_dir)[2]
    with Library(library_dir) as library:
        index = library.index.open(repair=False)
        index.engine.delete_document(doc_id)
        index.engine.commit()
    report = _check(library_dir)
    assert f"{doc_id} is not in the index" in {p.message.split(" (")[0] for p in report.problems}
    assert _repair(library_dir)[1].consistent


def test_leftover_files_and_old_uploads_are_removed_by_repair(library_dir: Path) -> None:
    _, original = _originals(library_dir)[0]
    part = original.with_suffix(".part")
    part.write_bytes(b"half a copy")
    stray = library_dir / "files" / "zz" / "no-such-document.pdf"
    stray.parent.mkdir()
    stray.write_bytes(b"%PDF-")
    old_upload = library_dir / "uploads" / "0123abcd"
    old_upload.mkdir(parents=True)
    (old_upload / "x.pdf").write_bytes(b"x")
    day_ago = time.time() - 2 * 24 * 3600
    os.utime(old_upload, (day_ago, day_ago))
    fresh_upload = library_dir / "uploads" / "running-job"
    fresh_upload.mkdir()
    report = _check(library_dir)
    assert sorted(p.message for p in report.problems) == sorted(
        [
            f"{part.relative_to(library_dir).as_posix()} is an unfinished copy",
            "files/zz/no-such-document.pdf is no document's original",
            "uploads/0123abcd was left by a stopped service (over a day old)",
        ]
    )
    assert _repair(library_dir)[1].consistent
    assert not part.exists() and not stray.exists() and not old_upload.exists()
    assert fresh_upload.is_dir() and original.is_file()


def test_rows_missing_from_the_store_are_found(library_dir: Path) -> None:
    doc_id = "21-2021-nd-cp"
    with sqlite3.connect(library_dir / DB_NAME) as conn:
        conn.execute("DELETE FROM provisions WHERE doc_id = ? AND kind = 'dieu'", (doc_id,))
    problems = [p for p in _check(library_dir).problems if p.area == "store"]
    assert [p.code for p in problems] == ["document_rows"]
    assert (
        problems[0].message.startswith(f"{doc_id}: ")
        and "rows in provisions" in problems[0].message
    )


def test_a_damaged_database_fails_its_integrity_check(library_dir: Path) -> None:
    db = library_dir / DB_NAME
    size = db.stat().st_size
    with db.open("r+b") as fh:  # garble pages in the middle, keep the header
        fh.seek(size // 2)
        fh.write(os.urandom(8192))
    result = camnang("check", "--data", str(library_dir))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    out = result.stdout + result.stderr
    assert "SQLite integrity check failed" in out or "database disk image is malformed" in out


def test_a_store_from_a_newer_camnang_is_refused_in_one_line(library_dir: Path) -> None:
    with sqlite3.connect(library_dir / DB_NAME) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    result = camnang("check", "--data", str(library_dir))
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"camnang: check: the store has schema version {SCHEMA_VERSION + 1}, this camnang "
        f"knows up to {SCHEMA_VERSION}; upgrade camnang"
    ]


def test_the_cli_prints_one_json_line_per_problem_and_repairs(library_dir: Path) -> None:
    _engine_files(library_dir)[0].unlink()
    doc_id, original = _originals(library_dir)[1]
    original.unlink()
    result = camnang("check", "--data", str(library_dir), "--json")
    assert result.returncode == 1
    lines = [json.loads(x) for x in result.stdout.splitlines()]
    assert lines[-1]["type"] == "summary" and lines[-1]["consistent"] is False
    problems = lines[:-1]
    assert problems and all(p["type"] == "problem" for p in problems)
    assert {p["area"] for p in problems} == {"index", "files"}
    assert result.stderr == f"camnang: check: {len(problems)} problems found\n"
    repaired = camnang("check", "--repair", "--data", str(library_dir))
    assert repaired.returncode == 1  # the lost original cannot be made again
    last = repaired.stdout.splitlines()
    assert (
        last[-2]
        == f"files: original of {doc_id} is missing: "
        + original.relative_to(library_dir).as_posix()
    )
    assert last[-1].startswith("1 problems: ")


def test_check_exits_zero_on_a_consistent_library(library_dir: Path) -> None:
    result = camnang("check", "--data", str(library_dir))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("consistent: ")
    assert result.stderr == ""


def test_the_upload_folder_rules_match_the_service() -> None:
    from search_api.http.jobs import STALE_UPLOAD_SECONDS
    from search_api.http.uploads import UPLOADS_DIR

    assert (maintenance.UPLOADS_DIR, maintenance.STALE_UPLOAD_SECONDS) == (
        UPLOADS_DIR,
        STALE_UPLOAD_SECONDS,
    )
