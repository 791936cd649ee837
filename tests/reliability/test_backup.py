"""`camnang backup` / `camnang restore`: a restored folder is the same library (documents,
provisions, versions, files byte for byte, settings, the same search hits); bad archives and
occupied folders are refused without touching anything."""

from __future__ import annotations

import filecmp
import json
import shutil
import sqlite3
import tarfile
import threading
from pathlib import Path

import pytest

from corpus.store import DB_NAME
from search_api.library import Library
from tests.conftest import shared_path
from tests.reliability.runner import camnang

QUERIES = ("hợp đồng thế chấp", "khoản 1 Điều 20 nđ 21/2021", "xac minh dieu kien thi hanh an")
SETTINGS = "[service]\nmax_upload_mb = 20\n"


def _rows(data: Path) -> dict[str, list[tuple]]:
    tables = {
        "documents": "SELECT id, sha256, stored_file, version, data FROM documents ORDER BY id",
        "document_versions": "SELECT doc_id, version, sha256, stored_file, data "
        "FROM document_versions ORDER BY doc_id, version",
        "provisions": "SELECT * FROM provisions ORDER BY doc_id, ord",
        "findings": "SELECT * FROM findings ORDER BY doc_id, ord",
        "refs": "SELECT * FROM refs ORDER BY doc_id, source, ord",
    }
    conn = sqlite3.connect(data / DB_NAME)
    try:
        return {name: conn.execute(sql).fetchall() for name, sql in tables.items()}
    finally:
        conn.close()


def _hits(data: Path) -> list[list[tuple[str, float]]]:
    with Library(data) as library:
        return [[(h.key, round(h.score, 4)) for h in library.search(q).hits] for q in QUERIES]


def _with_extras_and_a_version(data: Path, tmp_path: Path) -> None:
    """Settings and a handbook folder beside the store, and a replaced document (version 2)."""
    (data / "camnang.toml").write_text(SETTINGS, encoding="utf-8")
    (data / "handbooks").mkdir()
    (data / "handbooks" / "xac-minh.yaml").write_text("title: Xác minh\n", encoding="utf-8")
    changed = tmp_path / "an_le_43_v2.pdf"
    changed.write_bytes(shared_path("corpus", "pdf", "an_le_so_432021AL.pdf").read_bytes() + b"\n")
    with Library(data) as library:
        (outcome,) = library.ingest([changed])
        assert outcome.status == "ingested"
        assert library.store.versions(outcome.doc_id)


def test_a_restored_folder_is_the_same_library(library_dir: Path, tmp_path: Path) -> None:
    _with_extras_and_a_version(library_dir, tmp_path)
    archive = tmp_path / "backup.tar.gz"
    made = camnang("backup", str(archive), "--data", str(library_dir), "--json")
    assert made.returncode == 0, made.stderr
    facts = json.loads(made.stdout)
    assert facts["extras"] == ["camnang.toml", "handbooks"]
    restored = tmp_path / "restored"
    done = camnang("restore", str(archive), "--data", str(restored))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"restored {facts['documents']} documents and ")

    assert _rows(restored) == _rows(library_dir)
    files = filecmp.dircmp(library_dir / "files", restored / "files")
    assert not files.left_only and not files.right_only and not files.diff_files
    for sub in files.subdirs.values():
        assert not sub.left_only and not sub.right_only and not sub.diff_files
        match, mismatch, errors = filecmp.cmpfiles(
            sub.left, sub.right, sub.common_files, shallow=False
        )
        assert match and not mismatch and not errors
    assert (restored / "camnang.toml").read_text(encoding="utf-8") == SETTINGS
    assert (restored / "handbooks" / "xac-minh.yaml").is_file()
    with Library(library_dir) as library:  # the restored index is built afresh: compare with
        library.reindex()  # the same store's index built afresh (BM25 counts replaced records)
    assert _hits(restored) == _hits(library_dir)
    assert all(_hits(restored))
    assert camnang("check", "--data", str(restored)).returncode == 0


def test_restore_refuses_a_folder_that_is_not_empty(library_dir: Path, tmp_path: Path) -> None:
    archive = tmp_path / "b.tar"
    with Library(library_dir) as library:
        library.backup(archive)
    occupied = tmp_path / "occupied"
    occupied.mkdir()
    (occupied / "notes.txt").write_text("của tôi", encoding="utf-8")
    result = camnang("restore", str(archive), "--data", str(occupied))
    assert result.returncode == 1
    assert result.stderr == (
        f"camnang: restore: {occupied} is not empty: restore into a new folder, or add --force "
        "to replace it\n"
    )
    forced = camnang("restore", str(archive), "--data", str(occupied), "--force")
    assert forced.returncode == 1
    assert "is not a camnang data folder: refusing to replace it" in forced.stderr
    assert (occupied / "notes.txt").read_text(encoding="utf-8") == "của tôi"


def test_restore_with_force_replaces_a_data_folder(library_dir: Path, tmp_path: Path) -> None:
    archive = tmp_path / "b.tar"
    with Library(library_dir) as library:
        library.backup(archive)
        library.delete("43-2021-al")
    assert camnang("restore", str(archive), "--data", str(library_dir), "--force").returncode == 0
    with Library(library_dir) as library:
        assert library.get("43-2021-al") is not None
        assert library.search("hợp đồng thế chấp").hits[0].doc_id == "43-2021-al"
    assert not list(tmp_path.glob(".data.*"))


def test_a_damaged_backup_is_refused_and_nothing_changes(library_dir: Path, tmp_path: Path) -> None:
    archive = tmp_path / "b.tar"
    with Library(library_dir) as library:
        library.backup(archive)
    with tarfile.open(archive) as tar:
        member = next(m for m in tar.getmembers() if m.name.startswith("files/"))
    damaged = bytearray(archive.read_bytes())
    damaged[member.offset_data + member.size // 2] ^= 0xFF
    archive.write_bytes(bytes(damaged))
    before = _rows(library_dir)
    result = camnang("restore", str(archive), "--data", str(library_dir), "--force")
    assert result.returncode == 1
    assert result.stderr == (
        f"camnang: restore: the backup's copy of {member.name} is missing or damaged\n"
    )
    assert _rows(library_dir) == before
    assert not list(tmp_path.glob(".data.*"))
    noise = tmp_path / "noise.tar"
    noise.write_bytes(b"not a tar file at all" * 100)
    bad = camnang("restore", str(noise), "--data", str(tmp_path / "new"))
    assert bad.returncode == 1 and bad.stderr.startswith("camnang: restore: not a readable")


def test_backup_refuses_to_overwrite_or_to_write_inside_the_data_folder(
    library_dir: Path, tmp_path: Path
) -> None:
    existing = tmp_path / "old.tar"
    existing.write_bytes(b"keep me")
    result = camnang("backup", str(existing), "--data", str(library_dir))
    assert result.returncode == 1 and "exists already" in result.stderr
    assert existing.read_bytes() == b"keep me"
    inside = camnang("backup", str(library_dir / "b.tar"), "--data", str(library_dir))
    assert inside.returncode == 1
    assert inside.stderr == "camnang: backup: put the backup outside the data folder\n"


@pytest.mark.slow
def test_a_backup_taken_while_readers_and_a_writer_run_is_consistent(
    library_dir: Path, tmp_path: Path
) -> None:
    stop = threading.Event()
    errors: list[BaseException] = []
    searches = [0]

    def reader() -> None:
        try:
            with Library(library_dir) as library:
                while not stop.is_set():
                    assert library.search("hợp đồng").hits
                    assert library.list()
                    searches[0] += 1
        except BaseException as err:  # reported below
            errors.append(err)

    threads = [threading.Thread(target=reader) for _ in range(2)]
    for t in threads:
        t.start()
    extra = shared_path("corpus", "docx", "nghi_quyet_01_2020_NQ_HDTP.docx")
    writer = threading.Thread(
        target=lambda: errors.extend(
            []
            if camnang("ingest", str(extra), "--data", str(library_dir)).returncode == 0
            else [RuntimeError("the concurrent ingest failed")]
        )
    )
    writer.start()
    archive = tmp_path / "live.tar"
    try:
        with Library(library_dir) as library:
            report = library.backup(archive)
    finally:
        writer.join()
        stop.set()
        for t in threads:
            t.join()
    assert not errors, errors
    assert searches[0] > 0
    restored = tmp_path / "restored"
    _, units = Library.restore(archive, restored)
    with Library(restored) as library:
        assert library.store.count() == report.documents
        assert library.check().consistent
    assert units > 0
    shutil.rmtree(restored)
