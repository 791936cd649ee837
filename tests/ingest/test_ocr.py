"""Scans: pages without a text layer come back through Tesseract, headings and all.

The scans are made here from real text: pages of a real regulation rendered to PDF (with its
running header and page numbers), then rendered again to images with no text layer.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pymupdf
import pytest
from rapidfuzz.distance import Levenshtein

from ingest.pipeline import parse_file
from ingest.readers import ocr
from ingest.readers.pdf import read_pdf
from tests.fixtures.documents import scanned_pdf

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not ocr.available(), reason="tesseract with Vietnamese data is needed"),
]

PAGES = list(range(7))
"""The header page through the page where Chương I ends and Chương II begins, in a row: the
structure parser opens an unstyled article only when its number follows the one before."""


def _text(path: Path, **kwargs: object) -> str:
    blocks = read_pdf(path, **kwargs).blocks
    return " ".join(unicodedata.normalize("NFC", " ".join(b.text for b in blocks)).split())


@pytest.fixture(scope="module")
def pages_and_scan(regulation, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A few pages of the regulation PDF as they are, and the same pages scanned."""
    path, _ = regulation
    folder = tmp_path_factory.mktemp("scan")
    text, scan = folder / "pages.pdf", folder / "scan.pdf"
    with pymupdf.open(path) as doc:
        doc.select(PAGES)
        doc.save(text)
    scanned_pdf(text, scan, dpi=200)
    return text, scan


def test_a_scan_has_no_text_layer_to_cheat_with(pages_and_scan) -> None:
    _, scan = pages_and_scan
    with pymupdf.open(scan) as doc:
        assert all(not page.get_text().strip() for page in doc)


def test_a_scanned_regulation_reads_back_at_95_percent_or_better(pages_and_scan) -> None:
    text, scan = pages_and_scan
    original, read = _text(text), _text(scan)
    assert len(original) > 3000
    assert Levenshtein.normalized_similarity(original, read) >= 0.95


def test_the_articles_of_a_scan_are_found(pages_and_scan) -> None:
    text, scan = pages_and_scan
    expected = parse_file(text).document
    parsed = parse_file(scan)
    assert parsed.ocr_pages == len(PAGES)
    found = parsed.document.articles()
    assert [a.number for a in found] == [a.number for a in expected.articles()]
    assert [a.page for a in found] == [a.page for a in expected.articles()]
    assert len(found) >= 5
    assert parsed.document.number == "19/2019/NĐ-CP"


def test_auto_ocr_reads_only_the_pages_without_text(pages_and_scan, tmp_path: Path) -> None:
    text, scan = pages_and_scan
    mixed = tmp_path / "mixed.pdf"
    with pymupdf.open(text) as doc, pymupdf.open(scan) as scanned:
        doc.select([0])
        doc.insert_pdf(scanned, from_page=1, to_page=1)
        doc.save(mixed)
    auto = read_pdf(mixed)
    assert (auto.pages, auto.ocr_pages) == (2, 1)
    assert [b.ocr for b in auto.blocks if b.page == 1] == [False] * len(
        [b for b in auto.blocks if b.page == 1]
    )
    assert all(b.ocr for b in auto.blocks if b.page == 2)
    never = read_pdf(mixed, ocr_mode="never")
    assert never.ocr_pages == 0 and {b.page for b in never.blocks} == {1}
    always = read_pdf(mixed, ocr_mode="always")
    assert always.ocr_pages == 2 and all(b.ocr for b in always.blocks)


def test_ocr_reports_its_pages_as_it_goes(pages_and_scan) -> None:
    _, scan = pages_and_scan
    events: list[str] = []
    read_pdf(scan, progress=lambda kind, n: events.extend([kind] * n))
    assert events.count("ocr_page") == len(PAGES)
    assert events.count("page") == len(PAGES)
