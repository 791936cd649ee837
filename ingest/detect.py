"""Tell a file's format by its content, not its name, and refuse what is unsafe to open.

Limits (documented in the README): a DOCX whose parts would expand past `MAX_UNZIPPED_BYTES`
in total, or any part past `MAX_RATIO` times its compressed size, is refused as a zip bomb;
files over `MAX_FILE_BYTES` are refused outright, and text, Markdown or HTML files over
`MAX_TEXT_BYTES` unread: parsing time grows faster than the text (a 16 MB text took 11 minutes
to ingest on a loaded 2-core machine), and the largest real one, the Pháp điển THADS topic, is
1.3 MB.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from ingest.errors import IngestError

MAX_FILE_BYTES = 512 * 1024 * 1024
MAX_UNZIPPED_BYTES = 256 * 1024 * 1024
MAX_RATIO = 200
MAX_TEXT_BYTES = 8 * 1024 * 1024
FORMATS = ("pdf", "docx", "md", "txt", "html")

_TEXT_SUFFIXES = {".md": "md", ".markdown": "md", ".txt": "txt", ".html": "html", ".htm": "html"}


def detect_format(path: Path) -> str:
    """Return one of `FORMATS` for a readable file, or raise IngestError with the reason."""
    try:
        size = path.stat().st_size
    except OSError as err:
        raise IngestError(f"cannot read file: {err.strerror or err}") from None
    if size == 0:
        raise IngestError("empty file")
    if size > MAX_FILE_BYTES:
        raise IngestError(
            f"file is {size / 2**20:.0f} MB, over the {MAX_FILE_BYTES // 2**20} MB limit"
        )
    with path.open("rb") as fh:
        head = fh.read(8192)
    if head.lstrip(b"\x00\t\r\n ")[:5] == b"%PDF-" or b"%PDF-" in head[:1024]:
        return "pdf"
    if head[:4] == b"PK\x03\x04":
        return _zip_format(path)
    if head[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise IngestError("legacy Word (.doc) or OLE file: save it as .docx and ingest that")
    if head.startswith(b"{\\rtf"):
        raise IngestError("RTF file: save it as .docx and ingest that")
    text = _decode_head(head)
    if text is None:
        raise IngestError("not a document camnang can read (binary data of unknown format)")
    if size > MAX_TEXT_BYTES:
        raise IngestError(
            f"text file is {size / 2**20:.0f} MB, over the {MAX_TEXT_BYTES // 2**20} MB limit "
            "for text, Markdown and HTML files: split it into parts"
        )
    lowered = text.lstrip().lower()
    if lowered.startswith(("<!doctype html", "<html")) or "<body" in lowered[:2000]:
        return "html"
    suffix_format = _TEXT_SUFFIXES.get(path.suffix.lower())
    if suffix_format in ("md", "txt"):
        return suffix_format
    if text.lstrip().startswith("---") or "\n#" in text or text.startswith("#"):
        return "md"
    return "txt"


def _decode_head(head: bytes) -> str | None:
    if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return head[: len(head) // 2 * 2].decode("utf-16", errors="replace")
    if b"\x00" in head:
        return None
    try:
        return head.decode("utf-8")
    except UnicodeDecodeError as err:
        if err.start >= len(head) - 4:  # a multi-byte character cut by the 8 KiB window
            return head[: err.start].decode("utf-8")
    control = sum(1 for b in head if b < 9 or 13 < b < 32)
    if control > len(head) // 100:
        return None
    return head.decode("cp1258", errors="replace")


def _zip_format(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            names = {i.filename for i in infos}
            check_zip_bomb(infos)
    except zipfile.BadZipFile:
        raise IngestError("damaged ZIP/DOCX file (truncated or corrupt)") from None
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        raise IngestError("Excel workbook: not a document camnang reads")
    if "ppt/presentation.xml" in names:
        raise IngestError("PowerPoint file: not a document camnang reads")
    raise IngestError("ZIP archive that is not a DOCX document")


def check_zip_bomb(infos: list[zipfile.ZipInfo]) -> None:
    """Refuse archives that would expand past the documented bounds."""
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > 10 * 2**20 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            ratio = info.file_size // max(info.compress_size, 1)
            raise IngestError(
                f"refused: '{info.filename}' would expand {ratio}x to "
                f"{info.file_size / 2**20:.0f} MB (zip bomb?)"
            )
    if total > MAX_UNZIPPED_BYTES:
        raise IngestError(
            f"refused: DOCX would expand to {total / 2**20:.0f} MB, over the "
            f"{MAX_UNZIPPED_BYTES // 2**20} MB limit (zip bomb?)"
        )
