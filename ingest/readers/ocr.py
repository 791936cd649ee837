"""OCR of scanned pages with the `tesseract` program and its Vietnamese data.

Pages are rendered at 300 dpi by PyMuPDF (in this process, one at a time) and recognised by
`tesseract` processes running in parallel, one thread each (`OMP_THREAD_LIMIT=1`): measured
here, that is several times faster per page than Tesseract's own threading, and it keeps the
spaces between syllables that PyMuPDF's built-in OCR drops (see bench/README.md).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import pymupdf

from corpus.vntext import clean_line
from ingest.errors import IngestError
from ingest.linejoin import glue, starts_paragraph

DPI = 300
LANG = "vie"
MIN_TEXT_CHARS = 25
"""In `auto` mode, a page with fewer extractable characters than this is treated as a scan."""
PAGE_TIMEOUT = 120

ProgressFn = Callable[[str, int], None]


def wants_ocr(mode: str, text_chars: int) -> bool:
    """Whether a page with `text_chars` characters of text layer goes through OCR."""
    if mode == "always":
        return True
    if mode == "never":
        return False
    return text_chars < MIN_TEXT_CHARS


def available() -> bool:
    """True when the tesseract program and its Vietnamese data are installed."""
    exe = shutil.which("tesseract")
    if not exe:
        return False
    try:
        out = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return LANG in out.stdout.split()


def workers() -> int:
    """Parallel tesseract processes: one per core."""
    return max(1, os.cpu_count() or 1)


def ocr_pages(
    path: Path, indexes: list[int], progress: ProgressFn | None = None
) -> Iterator[tuple[int, list[str]]]:
    """Yield `(page index, paragraphs)` for the given 0-based pages, in page order."""
    if not available():
        raise IngestError(
            "scanned pages need OCR, but tesseract with Vietnamese data is not installed "
            "(apt-get install tesseract-ocr tesseract-ocr-vie), or use --ocr never"
        )
    doc = pymupdf.open(path)
    try:
        with ThreadPoolExecutor(max_workers=workers()) as pool:
            pending: list[tuple[int, Future[str]]] = []
            for index in indexes:
                png = doc.load_page(index).get_pixmap(dpi=DPI, colorspace=pymupdf.csGRAY)
                pending.append((index, pool.submit(recognise, png.tobytes("png"))))
                while len(pending) > workers() * 2:
                    yield _finish(pending.pop(0), progress)
            while pending:
                yield _finish(pending.pop(0), progress)
    finally:
        doc.close()


def _finish(item: tuple[int, Future[str]], progress: ProgressFn | None) -> tuple[int, list[str]]:
    index, future = item
    text = future.result()
    if progress:
        progress("ocr_page", 1)
    return index, paragraphs(text)


def recognise(png: bytes) -> str:
    """Run tesseract on one PNG image; return its text."""
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    try:
        out = subprocess.run(
            ["tesseract", "stdin", "stdout", "-l", LANG, "--dpi", str(DPI)],
            input=png,
            capture_output=True,
            timeout=PAGE_TIMEOUT,
            env=env,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise IngestError(f"OCR of a page took longer than {PAGE_TIMEOUT}s") from None
    if out.returncode != 0:
        reason = out.stderr.decode("utf-8", "replace").strip().splitlines()
        raise IngestError(f"tesseract failed: {reason[-1] if reason else out.returncode}")
    return out.stdout.decode("utf-8", "replace")


def paragraphs(text: str) -> list[str]:
    """Tesseract's lines → paragraphs: blank lines separate, broken sentences are rejoined."""
    result: list[str] = []
    current = ""
    for raw in text.splitlines():
        line = clean_line(raw)
        if not line:
            if current:
                result.append(current)
            current = ""
            continue
        if current and not starts_paragraph(current, line):
            current = glue(current, line)
        else:
            if current:
                result.append(current)
            current = line
    if current:
        result.append(current)
    return result
