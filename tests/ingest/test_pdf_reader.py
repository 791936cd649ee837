"""The PDF reader on real PDFs: the five án lệ, and real regulations rendered to PDF."""

from __future__ import annotations

import itertools
import re
import unicodedata
from pathlib import Path

import pymupdf
import pytest

from corpus.vntext import clean_line
from ingest.pipeline import parse_file
from ingest.readers.furniture import PAGE_NUMBER
from ingest.readers.pdf import read_pdf
from tests.conftest import CORPUS, shared_path

PRECEDENTS = sorted((CORPUS / "pdf").glob("*.pdf")) if (CORPUS / "pdf").is_dir() else []
_END = re.compile(r"[.:;!?…]\s*$")


def _raw_lines(path: Path) -> list[list[tuple[str, float, int]]]:
    """Per page, the text layer's plain (not bold) lines as `(text, font size, block number)`,
    straight from PyMuPDF: what the reader starts from, before it drops or joins anything."""
    pages = []
    with pymupdf.open(path) as doc:
        for page in doc:
            lines = []
            for number, block in enumerate(page.get_text("dict")["blocks"]):
                for line in block.get("lines", ()):
                    text = clean_line("".join(s["text"] for s in line["spans"]))
                    inked = [s for s in line["spans"] if s["text"].strip()]
                    size = max((s["size"] for s in inked), default=0)
                    if text and not any(s["flags"] & 16 for s in inked):
                        lines.append((text, size, number))
            pages.append(lines)
    return pages


def _seam(first: str, second: str) -> str:
    """The last two words of a line and the first two of the next, as one text should read
    them: with a space, or none after the slash or hyphen inside `01/2014/NQ-HĐTP`."""
    head, tail = " ".join(first.split()[-2:]), " ".join(second.split()[:2])
    if re.search(r"[\w%]/$|[A-ZĐ0-9]-$", head):
        return head + tail
    return f"{head} {tail}"


def _joined(path: Path) -> str:
    return "\n".join(b.text for b in read_pdf(path).blocks)


@pytest.fixture(params=PRECEDENTS or [None], ids=lambda p: p.name if p else "missing")
def precedent(request: pytest.FixtureRequest) -> Path:
    if request.param is None:
        shared_path("corpus", "pdf", "missing")
    return request.param


def test_precedent_pdfs_lose_their_page_numbers(precedent: Path) -> None:
    raw_numbers = [
        t for page in _raw_lines(precedent) for t, _, _ in page if PAGE_NUMBER.fullmatch(t)
    ]
    assert raw_numbers, "the PDF prints page numbers"
    blocks = read_pdf(precedent).blocks
    assert not [b.text for b in blocks if PAGE_NUMBER.fullmatch(b.text)]
    assert not [b.text for b in blocks if re.fullmatch(r"[\d\s/.-]+", b.text)]


def test_lines_broken_inside_a_sentence_are_rejoined(precedent: Path) -> None:
    text = _joined(precedent)
    checked = 0
    for page in _raw_lines(precedent):
        for (first, size, block), (second, size2, block2) in itertools.pairwise(page):
            if block != block2 or _END.search(first) or abs(size - size2) > 0.5 or size < 12:
                continue
            seam = _seam(first, second)
            assert seam in text, f"not rejoined: {seam!r}"
            checked += 1
    assert checked > 50


def test_a_sentence_across_a_page_break_and_a_footnote_comes_out_whole(
    precedent: Path,
) -> None:
    pages = _raw_lines(precedent)
    blocks = read_pdf(precedent).blocks
    seams = 0
    for before, after in itertools.pairwise(pages):
        body = [t for t, size, _ in before if size >= 12 and not PAGE_NUMBER.fullmatch(t)]
        nxt = [t for t, size, _ in after if size >= 12 and not PAGE_NUMBER.fullmatch(t)]
        last, first = body[-1], nxt[0]
        if _END.search(last) or not first[0].islower():
            continue
        seam = _seam(last, first)
        assert any(seam in b.text for b in blocks), f"broken across pages: {seam!r}"
        seams += 1
    if precedent.name == "an_le_so_432021AL.pdf":
        assert seams >= 1  # page 1 ends mid-sentence, with the footnote below it


def test_footnotes_stand_apart_and_their_marks_leave_the_text(precedent: Path) -> None:
    blocks = read_pdf(precedent).blocks
    notes = [b for b in blocks if b.style == "footnote"]
    assert notes and notes[0].page == 1 and notes[0].text.startswith("1 ")
    assert re.fullmatch(r"ÁN LỆ SỐ \d+/\d{4}/AL", blocks[0].text)
    first_note = blocks.index(notes[0])
    assert blocks[first_note - 1].style == ""


def test_every_block_carries_the_page_it_starts_on(precedent: Path) -> None:
    with pymupdf.open(precedent) as doc:
        pages = [" ".join(clean_line(p.get_text()).split()) for p in doc]
    for block in read_pdf(precedent).blocks:
        head = " ".join(block.text.split()[:4])
        assert head in pages[block.page - 1], (block.page, head)


def test_precedents_parse_with_number_title_and_sections(precedent: Path) -> None:
    doc = parse_file(precedent).document
    assert doc.kind == "court_document"
    assert doc.number == re.search(r"(\d+)(\d{4})AL", precedent.stem).expand(r"\1/\2/AL")
    assert doc.title.startswith("Về ")
    assert len(doc.provisions) >= 4


def test_a_regulation_pdf_gives_back_every_paragraph_whole(regulation) -> None:
    path, source = regulation
    texts = {b.text for b in read_pdf(path).blocks}
    body = [clean_line(p) for p in source.paragraphs]
    assert [p for p in body if p not in texts] == []


def test_running_header_and_page_numbers_of_a_regulation_are_dropped(regulation) -> None:
    path, _ = regulation
    blocks = read_pdf(path).blocks
    assert not [b.text for b in blocks if "Nghị định số 19/2019/NĐ-CP của Chính phủ về" in b.text]
    assert not [b.text for b in blocks if re.search(r"Trang \d+/\d+", b.text)]


def test_page_numbers_at_the_top_are_dropped_too(regulation_top_numbers) -> None:
    path, source = regulation_top_numbers
    blocks = read_pdf(path).blocks
    assert not [b.text for b in blocks if re.fullmatch(r"- \d+ -", b.text)]
    assert not [b.text for b in blocks if b.text.startswith("Nghị quyết 01/2019/NQ-HĐTP")]
    texts = {b.text for b in blocks}
    assert [p for p in map(clean_line, source.paragraphs) if p not in texts] == []


def test_articles_of_a_regulation_pdf_are_found_on_their_pages(regulation) -> None:
    path, source = regulation
    doc = parse_file(path).document
    articles = doc.articles()
    assert [a.number for a in articles] == source.articles
    with pymupdf.open(path) as pdf:
        for article in articles:
            page = pdf[article.page - 1].get_text()
            assert re.search(rf"^Điều {article.number}\.", page, re.MULTILINE), article.number
    assert doc.number == "19/2019/NĐ-CP"


def test_display_text_keeps_the_documents_own_tone_placement(regulation) -> None:
    path, source = regulation
    text = _joined(path)
    old_style = sum(p.count("thoả") for p in source.paragraphs)
    assert old_style > 0
    assert text.count("thoả") == old_style  # not rewritten to `thỏa` for display


def test_decomposed_text_and_invisible_spaces_come_out_clean(tmp_path: Path) -> None:
    docx_text = next(p for p in _docx_lines() if len(p) > 120)
    nfd = unicodedata.normalize("NFD", docx_text)
    dirty = nfd.replace(" ", "\u200b \u00a0", 3).replace(" ", "\u00a0", 2)
    pdf = tmp_path / "dirty.pdf"
    with pymupdf.open() as doc:
        page = doc.new_page()
        box = pymupdf.Rect(72, 72, page.rect.width - 72, page.rect.height - 72)
        page.insert_htmlbox(box, f"<p>{dirty}</p>")
        raw = page.get_text()
        doc.save(pdf)
    assert not unicodedata.is_normalized("NFC", raw) and "\u00a0" in raw  # really dirty
    (block,) = read_pdf(pdf).blocks
    assert block.text == clean_line(docx_text)
    assert unicodedata.is_normalized("NFC", block.text)


def _docx_lines() -> list[str]:
    import docx

    path = shared_path("corpus", "docx", "nghi_quyet_01_2019_NQ_HDTP.docx")
    return [p.text.strip() for p in docx.Document(str(path)).paragraphs if p.text.strip()]
