"""Receiving an uploaded file: a safe name inside the data folder, a size limit, and its type
checked by content (`ingest.detect`), never by the name or the client's Content-Type.

An upload is written to `DATA/uploads/<job id>/<safe name>`; the name keeps letters (Vietnamese
included), digits, spaces and `._-()`, loses any folder part, and gets the extension of the
format found in the content. Whatever the client sends as a name, the file lands in that folder.
"""

from __future__ import annotations

import shutil
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from ingest.detect import detect_format
from ingest.errors import IngestError
from search_api.http.errors import ApiError

UPLOADS_DIR = "uploads"
EXTENSIONS = {"pdf": "pdf", "docx": "docx", "md": "md", "txt": "txt", "html": "html"}
MEDIA_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "md": "text/markdown",
    "txt": "text/plain",
    "html": "text/plain",
}
"""Content types for downloads; HTML is sent as plain text so it can never run in our origin."""
MAX_STEM = 120
_NAME_PUNCTUATION = set(" ._-()")


def safe_stem(name: str | None) -> str:
    """The part of a client's file name we keep: no folders, no dots at the ends, no controls."""
    base = unicodedata.normalize("NFC", name or "").replace("\\", "/").rsplit("/", 1)[-1]
    stem = base.rsplit(".", 1)[0] if "." in base.strip(".") else base
    kept = "".join(ch if ch.isalnum() or ch in _NAME_PUNCTUATION else " " for ch in stem)
    kept = " ".join(kept.split()).strip(" .")
    return kept[:MAX_STEM].strip(" .") or "tai-lieu"


def safe_file_name(name: str | None, fmt: str) -> str:
    """`../../etc/passwd` → `passwd.txt`; `Nghị định 62.docx` → `Nghị định 62.docx`."""
    return f"{safe_stem(name)}.{EXTENSIONS[fmt]}"


@dataclass(slots=True)
class StoredUpload:
    """An upload written into the data folder, its format known."""

    path: Path
    file_name: str
    size: int
    format: str


def store_upload(
    data_dir: Path, job_id: str, client_name: str | None, stream: BinaryIO, limit: int
) -> StoredUpload:
    """Copy an upload into `DATA/uploads/<job_id>/`, refusing what is too big or unreadable.

    Raises ApiError 413 (too big), 415 (not a document camnang reads, with ingest's reason)
    or 400 (empty); nothing is left behind on failure.
    """
    root = (data_dir / UPLOADS_DIR).resolve()
    folder = root / job_id
    folder.mkdir(parents=True, exist_ok=False)
    try:
        raw = folder / "upload.part"
        size = _copy_limited(stream, raw, limit)
        if size == 0:
            raise ApiError(400, "empty_file", "Tệp tải lên rỗng.")
        try:
            fmt = detect_format(raw)
        except IngestError as err:
            raise ApiError(
                415,
                "unsupported_type",
                f"Không nhận tệp này: {err}",
                details=[{"reason": str(err)}],
            ) from None
        target = (folder / safe_file_name(client_name, fmt)).resolve()
        if target.parent != folder.resolve():
            raise ApiError(400, "bad_name", "Tên tệp không hợp lệ.")
        raw.replace(target)
        return StoredUpload(target, target.name, size, fmt)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise


def _copy_limited(stream: BinaryIO, target: Path, limit: int) -> int:
    size = 0
    with target.open("wb") as out:
        while chunk := stream.read(1 << 20):
            size += len(chunk)
            if size > limit:
                raise ApiError(
                    413,
                    "too_large",
                    f"Tệp lớn hơn giới hạn {limit // 2**20} MB cho mỗi lần tải lên.",
                )
            out.write(chunk)
    return size


def download_name(source_path: str, fmt: str) -> str:
    """A safe file name for sending a stored original back (`Content-Disposition`)."""
    return safe_file_name(Path(source_path.replace("\\", "/")).name, fmt)
