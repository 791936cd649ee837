"""Back up a data folder into one archive file, and restore it into a new folder.

The archive is a tar file (gzip-compressed when its name ends in `.gz` or `.tgz`) holding:
`camnang-backup.json` (what is inside, with the sha256 of every file), `camnang.sqlite` (a
snapshot taken with SQLite's online backup API: consistent, and readers never wait), the
original files its documents refer to (`files/…`, current and old versions), and whatever else
the data folder keeps besides the store (settings such as `camnang.toml`, handbooks), leaving
out what is rebuilt or transient: the search index, uploads in progress, the lock, SQLite's
WAL files and unfinished copies. The caller holds the write lock while a backup is written, so
no writer changes the folder meanwhile.

A restore extracts into a fresh folder beside the target, checks every file against its
sha256 and the database with `PRAGMA integrity_check`, and only then moves it into place; the
search index is rebuilt afterwards by the caller.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sqlite3
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from corpus.integrity import file_sha256
from corpus.locking import LOCK_NAME
from corpus.schema import SCHEMA_VERSION
from corpus.store import DB_NAME, Store

MANIFEST = "camnang-backup.json"
FORMAT = 1
LEFT_OUT = {
    "index",
    "index.building",  # a search index rebuild's folder (search_api/index_keeper.py)
    "uploads",
    LOCK_NAME,
    f"{DB_NAME}-wal",
    f"{DB_NAME}-shm",
}
"""Top-level entries of a data folder a backup leaves out (rebuilt, transient or locks)."""


class BackupError(RuntimeError):
    """A backup or restore that cannot be done; `str()` is the one-line reason."""


@dataclass(slots=True)
class BackupReport:
    path: Path
    documents: int
    files: int
    extras: list[str] = field(default_factory=list)
    bytes: int = 0


def write_backup(store: Store, out: Path) -> BackupReport:
    """Write `store`'s data folder to the archive `out` (the caller holds the write lock)."""
    data_dir = store.data_dir.resolve()
    out = Path(out).absolute()
    if out.exists():
        raise BackupError(f"{out} exists already: give a new file name")
    if out.resolve().is_relative_to(data_dir):
        raise BackupError("put the backup outside the data folder")
    if not out.parent.is_dir():
        raise BackupError(f"no such folder: {out.parent}")
    partial = out.with_name(out.name + ".part")
    with tempfile.TemporaryDirectory(prefix=".camnang-backup-", dir=out.parent) as tmp:
        snapshot = Path(tmp) / DB_NAME
        _snapshot(store.conn, snapshot)
        files = _referenced_files(snapshot)
        extras = _extras(data_dir)
        manifest = {
            "format": FORMAT,
            "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "schema_version": SCHEMA_VERSION,
            "documents": _count(snapshot),
            "database": file_sha256(snapshot),
            "files": {},
        }
        try:
            with tarfile.open(partial, _mode(out, "w")) as tar:
                tar.add(snapshot, DB_NAME)
                for rel in files:
                    path = data_dir / rel
                    if not path.is_file():
                        raise BackupError(f"original file missing: {rel} (run `camnang check`)")
                    manifest["files"][rel] = file_sha256(path)
                    tar.add(path, rel)
                for rel in extras:
                    tar.add(data_dir / rel, rel)
                manifest["extras"] = extras
                _add_json(tar, MANIFEST, manifest, Path(tmp))
            partial.replace(out)
        finally:
            partial.unlink(missing_ok=True)
    return BackupReport(out, manifest["documents"], len(files), extras, out.stat().st_size)


def _snapshot(conn: sqlite3.Connection, target: Path) -> None:
    """A consistent copy of the open database in one self-contained file."""
    copy = sqlite3.connect(target)
    try:
        conn.backup(copy)
        copy.execute("PRAGMA journal_mode=DELETE")
    finally:
        copy.close()


def _referenced_files(db: Path) -> list[str]:
    rows = _query(
        db, "SELECT stored_file FROM documents UNION SELECT stored_file FROM document_versions"
    )
    return sorted(r[0] for r in rows if r[0])


def _count(db: Path) -> int:
    return _query(db, "SELECT count(*) FROM documents")[0][0]


def _query(db: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def _extras(data_dir: Path) -> list[str]:
    """Top-level entries besides the store, its files and what a backup leaves out."""
    out = []
    for child in sorted(data_dir.iterdir()):
        name = child.name
        if name in LEFT_OUT or name in (DB_NAME, "files") or name.endswith(".part"):
            continue
        if child.is_file() or child.is_dir():
            out.append(name)
    return out


def _add_json(tar: tarfile.TarFile, name: str, data: dict, tmp: Path) -> None:
    path = tmp / name
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    tar.add(path, name)


def _mode(path: Path, rw: str) -> str:
    gz = path.name.endswith((".gz", ".tgz"))
    return f"{rw}:gz" if gz else f"{rw}:"


@dataclass(slots=True)
class RestoreReport:
    data_dir: Path
    documents: int
    files: int
    extras: list[str] = field(default_factory=list)
    created: str = ""


def restore_backup(archive: Path, data_dir: Path, force: bool = False) -> RestoreReport:
    """Restore `archive` into `data_dir` (new or empty; with `force`, replace a data folder).

    Nothing in `data_dir` changes until the archive has been extracted and checked in full.
    """
    archive, data_dir = Path(archive), Path(data_dir).absolute()
    if not archive.is_file():
        raise BackupError(f"no such backup file: {archive}")
    if data_dir.exists() and not data_dir.is_dir():
        raise BackupError(f"{data_dir} is a file, not a folder")
    occupied = data_dir.is_dir() and any(data_dir.iterdir())
    if occupied and not force:
        raise BackupError(
            f"{data_dir} is not empty: restore into a new folder, or add --force to replace it"
        )
    if occupied and not (data_dir / DB_NAME).is_file():
        raise BackupError(f"{data_dir} is not a camnang data folder: refusing to replace it")
    data_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = data_dir.with_name(f".{data_dir.name}.restore-{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    try:
        manifest = _extract(archive, staging)
        _verify(staging, manifest)
        _move_into_place(staging, data_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return RestoreReport(
        data_dir,
        manifest["documents"],
        len(manifest["files"]),
        list(manifest.get("extras", [])),
        manifest.get("created", ""),
    )


def _extract(archive: Path, target: Path) -> dict:
    try:
        with tarfile.open(archive, "r:*") as tar:
            tar.extractall(target, filter="data")
    except (tarfile.TarError, OSError, EOFError) as err:
        raise BackupError(f"not a readable camnang backup: {err}") from None
    try:
        manifest = json.loads((target / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise BackupError(f"not a camnang backup: {MANIFEST} missing or unreadable") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError("not a camnang backup this version can read (unknown format)")
    (target / MANIFEST).unlink()
    return manifest


def _verify(folder: Path, manifest: dict) -> None:
    db = folder / DB_NAME
    if not db.is_file() or file_sha256(db) != manifest.get("database"):
        raise BackupError("the backup's database is missing or damaged")
    for rel, sha in manifest["files"].items():
        path = folder / rel
        if not path.is_file() or file_sha256(path) != sha:
            raise BackupError(f"the backup's copy of {rel} is missing or damaged")
    try:
        ok = _query(db, "PRAGMA integrity_check")[0][0] == "ok"
        version = _query(db, "PRAGMA user_version")[0][0]
    except sqlite3.Error:
        ok, version = False, 0
    if not ok:
        raise BackupError("the backup's database fails SQLite's integrity check")
    if version > SCHEMA_VERSION:
        raise BackupError(
            f"the backup was made by a newer camnang (schema {version}, this one knows "
            f"{SCHEMA_VERSION}): upgrade camnang"
        )


def _move_into_place(staging: Path, data_dir: Path) -> None:
    """Swap the checked folder in; a replaced folder is removed only once the new one is in."""
    old = None
    if data_dir.exists():
        old = data_dir.with_name(f".{data_dir.name}.replaced-{os.getpid()}")
        data_dir.rename(old)
    staging.rename(data_dir)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
