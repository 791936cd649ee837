"""OCR of scanned pages with the `tesseract` program and its Vietnamese data.

A page is rendered to a grey image at `DPI` by PyMuPDF (in this process, one page at a time,
while earlier pages are being recognised) and read by `tesseract` processes running in
parallel, one thread each (`OMP_THREAD_LIMIT=1`). Tesseract's TSV output gives every word's
box, so OCR lines come back as positioned `Line`s in the page's own coordinates and go through
the same furniture, footnote and paragraph logic as a text layer.

Choices, measured on this machine (see bench/README.md): 200 dpi reads as well as 300 dpi on
body text and is faster; one single-threaded process per core beats Tesseract's own threads
several times over; PyMuPDF's built-in OCR drops spaces between syllables, the program does not.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from functools import cache

import pymupdf

from ingest.errors import IngestError
from ingest.readers.lines import Line
from ingest.readers.ocr_lines import tsv_lines

DPI = 200
LANG = "vie"
PSM = 4
"""A single column of text of variable sizes: reads `Số: 19/2019/NĐ-CP` beside the header's
rules where automatic segmentation (3) garbles it, and is no slower."""
MIN_TEXT_CHARS = 25
"""In `auto` mode, a page with fewer characters of text layer than this is a scan…"""
MAX_TEXT_CHARS_ON_IMAGE = 200
"""…and so is a page mostly covered by an image with fewer characters than this."""
IMAGE_COVER = 0.5
PAGE_TIMEOUT = 120
"""Seconds tesseract may take on one page."""

ProgressFn = Callable[[str, int], None]


def wants_ocr(mode: str, page: pymupdf.Page, text_chars: int) -> bool:
    """Whether `page`, with `text_chars` characters of usable text layer, goes through OCR."""
    if mode == "always":
        return True
    if mode == "never" or text_chars >= MAX_TEXT_CHARS_ON_IMAGE:
        return False
    cover = _image_cover(page)
    if text_chars < MIN_TEXT_CHARS:
        return cover > 0
    return cover >= IMAGE_COVER


def _image_cover(page: pymupdf.Page) -> float:
    """The share of the page covered by its largest image."""
    area = abs(page.rect) or 1.0
    best = 0.0
    for info in page.get_image_info():
        box = pymupdf.Rect(info["bbox"]) & page.rect
        best = max(best, abs(box) / area)
    return best


@cache
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


def default_workers() -> int:
    """Parallel tesseract processes: one per core this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def ocr_pages(
    doc: pymupdf.Document,
    indexes: list[int],
    progress: ProgressFn | None = None,
    workers: int | None = None,
) -> Iterator[tuple[int, list[Line]]]:
    """Yield `(page index, lines)` for the given 0-based pages of `doc`, in page order."""
    if not available():
        raise IngestError(
            "scanned pages need OCR, but tesseract with Vietnamese data is not installed "
            "(apt-get install tesseract-ocr tesseract-ocr-vie), or use --ocr never"
        )
    workers = workers or default_workers()
    with ThreadPoolExecutor(max_workers=workers) as pool:
        pending: list[tuple[int, Future[str]]] = []
        for index in indexes:
            pix = doc.load_page(index).get_pixmap(dpi=DPI, colorspace=pymupdf.csGRAY)
            pending.append((index, pool.submit(recognise, pix.tobytes("png"))))
            del pix
            while len(pending) > workers:
                yield _finish(pending.pop(0), progress)
        while pending:
            yield _finish(pending.pop(0), progress)


def _finish(item: tuple[int, Future[str]], progress: ProgressFn | None) -> tuple[int, list[Line]]:
    index, future = item
    lines = tsv_lines(future.result(), index + 1, 72 / DPI)
    if progress:
        progress("ocr_page", 1)
        progress("page", 1)
    return index, lines


def recognise(png: bytes) -> str:
    """Run tesseract on one PNG image; return its TSV (one row per word, with its box)."""
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    command = ["tesseract", "stdin", "stdout", "-l", LANG, "--dpi", str(DPI), "--psm", str(PSM)]
    try:
        out = subprocess.run(
            [*command, "tsv"],
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
