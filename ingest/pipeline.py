"""One file in, one Document out: detect the format, read, parse. No store, no index here.

`parse_file` never lets an unexpected exception escape as a traceback: anything a reader or
parser raises becomes an IngestError with a one-line reason. `expand_paths` turns the paths a
user gives (files and folders, recursively) into the list of files to ingest.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from corpus.model import Document, SourceFile
from ingest.blocks import ReadResult
from ingest.detect import detect_format
from ingest.errors import IngestError
from ingest.readers.docx import read_docx
from ingest.readers.pdf import read_pdf
from ingest.readers.text import read_text
from ingest.structure.document import build_document

OCR_MODES = ("auto", "always", "never")
SUFFIXES = {".pdf", ".docx", ".md", ".markdown", ".txt", ".html", ".htm"}
"""Files with these endings are picked up when a folder is ingested."""

ProgressFn = Callable[[str, int], None]
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


@dataclass(slots=True)
class Parsed:
    """A parsed file and what it cost."""

    document: Document
    pages: int
    ocr_pages: int


def path_text(path: Path | str) -> str:
    """A path as one line of valid text, for the store and for output.

    File names are bytes on Linux: bytes that are not UTF-8 (a name written by an old Windows
    program in cp1258) are shown as `\\xff` escapes, control characters (a newline) as
    `\\n`-style escapes; every other name, Vietnamese included, is left as it is.
    """
    text = os.fsencode(path).decode("utf-8", "backslashreplace")
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def read_file(
    path: Path,
    ocr: str = "auto",
    progress: ProgressFn | None = None,
    ocr_workers: int | None = None,
) -> ReadResult:
    """Detect the format by content and run its reader (`ocr_workers`: tesseract processes)."""
    fmt = detect_format(path)
    if fmt == "pdf":
        return read_pdf(path, ocr_mode=ocr, progress=progress, ocr_workers=ocr_workers)
    if fmt == "docx":
        return read_docx(path)
    return read_text(path, fmt)


def parse_file(
    path: Path | str,
    ocr: str = "auto",
    progress: ProgressFn | None = None,
    ocr_workers: int | None = None,
) -> Parsed:
    """Read and parse one file, or raise IngestError with a one-line reason.

    `progress(kind, n)` hears of every page read (`page`) and every page OCR'd (`ocr_page`).
    """
    path = Path(path)
    if ocr not in OCR_MODES:
        raise IngestError(f"unknown OCR mode {ocr!r}: use one of {', '.join(OCR_MODES)}")
    try:
        read = read_file(path, ocr=ocr, progress=progress, ocr_workers=ocr_workers)
        source = SourceFile(
            path=path_text(path),
            sha256=sha256_of(path),
            format=read.format,
            pages=read.pages,
            size=path.stat().st_size,
        )
        document = build_document(read, source)
    except IngestError:
        raise
    except MemoryError:
        raise IngestError("file too large to parse in memory") from None
    except RecursionError:
        raise IngestError("file too deeply nested to parse") from None
    except Exception as err:  # a reader's or parser's bug must not stop the batch
        text = " ".join(str(err).split())[:160] or type(err).__name__
        raise IngestError(f"could not parse: {type(err).__name__}: {text}") from None
    if read.ocr_pages:
        document.extra["ocr_pages"] = read.ocr_pages
    return Parsed(document=document, pages=read.pages, ocr_pages=read.ocr_pages)


def expand_paths(paths: Iterable[Path | str]) -> tuple[list[Path], list[tuple[Path, str]]]:
    """Files to ingest (folders walked recursively, hidden files skipped) and missing paths."""
    files: list[Path] = []
    missing: list[tuple[Path, str]] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files.extend(
                p
                for p in sorted(path.rglob("*"))
                if p.is_file()
                and p.suffix.lower() in SUFFIXES
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
        elif path.is_file():
            files.append(path)
        else:
            missing.append((path, "no such file or folder"))
    seen: set[Path] = set()
    unique = []
    for f in files:
        key = f.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return unique, missing
