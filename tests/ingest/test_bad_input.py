"""Bad input fails alone with a one-line reason; files whose name lies are read by content."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest import detect
from ingest.errors import IngestError
from ingest.pipeline import parse_file
from tests.conftest import shared_path
from tests.fixtures import documents as fx


def _reason(path: Path) -> str:
    with pytest.raises(IngestError) as caught:
        parse_file(path)
    reason = str(caught.value)
    assert "\n" not in reason and len(reason) < 300 and "Traceback" not in reason
    return reason


def _pdf(name: str = "an_le_so_432021AL.pdf") -> Path:
    return shared_path("corpus", "pdf", name)


def _docx(name: str = "nghi_quyet_01_2019_NQ_HDTP.docx") -> Path:
    return shared_path("corpus", "docx", name)


def test_an_empty_file_is_refused(tmp_path: Path) -> None:
    empty = tmp_path / "empty.pdf"
    fx.write_empty(empty)
    assert _reason(empty) == "empty file"


@pytest.mark.parametrize("keep", [0.5, 0.97])
def test_a_truncated_pdf_is_refused_not_half_read(tmp_path: Path, keep: float) -> None:
    cut = tmp_path / "cut.pdf"
    fx.truncated(_pdf(), cut, keep)
    assert _reason(cut).startswith("truncated PDF")


@pytest.mark.parametrize("keep", [0.5, 0.99])
def test_a_truncated_docx_is_refused(tmp_path: Path, keep: float) -> None:
    cut = tmp_path / "cut.docx"
    fx.truncated(_docx(), cut, keep)
    assert "damaged ZIP/DOCX" in _reason(cut)


def test_a_pdf_that_needs_a_password_is_refused(tmp_path: Path) -> None:
    locked = tmp_path / "locked.pdf"
    fx.encrypted_pdf(_pdf(), locked, user_password="mat-khau", owner_password="chu-so-huu")
    assert _reason(locked) == "encrypted PDF: a password is needed to open it"


def test_a_pdf_with_only_an_owner_password_is_read(tmp_path: Path) -> None:
    restricted = tmp_path / "restricted.pdf"
    fx.encrypted_pdf(_pdf(), restricted, user_password="", owner_password="chu-so-huu")
    plain = parse_file(_pdf()).document
    doc = parse_file(restricted).document
    assert (doc.number, doc.title, doc.issued) == (plain.number, plain.title, plain.issued)


def test_a_docx_named_pdf_is_read_as_docx(tmp_path: Path) -> None:
    liar = tmp_path / "really-a-docx.pdf"
    fx.copy_as(_docx(), liar)
    parsed = parse_file(liar)
    assert parsed.document.source.format == "docx"
    assert parsed.document.number == parse_file(_docx()).document.number
    assert len(parsed.document.articles()) > 0


def test_a_pdf_named_docx_is_read_as_pdf(tmp_path: Path) -> None:
    liar = tmp_path / "really-a-pdf.docx"
    fx.copy_as(_pdf(), liar)
    parsed = parse_file(liar)
    assert parsed.document.source.format == "pdf"
    assert parsed.document.number == "43/2021/AL"


@pytest.mark.parametrize("name", ["noise.pdf", "noise.docx", "noise.txt", "noise"])
def test_random_bytes_are_refused_whatever_their_name(tmp_path: Path, name: str) -> None:
    noise = tmp_path / name
    fx.random_bytes(noise)
    assert _reason(noise).startswith("not a document camnang can read")


def test_a_docx_zip_bomb_is_refused_past_the_ratio_bound(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.docx"
    size = 64 * 2**20  # 64 MB of zeros: ~64 KB on disk, ratio ~1000:1
    fx.zip_bomb_docx(_docx(), bomb, member_bytes=size)
    assert bomb.stat().st_size < size // 200
    reason = _reason(bomb)
    assert reason.startswith("refused:") and "zip bomb" in reason


def test_a_docx_zip_bomb_is_refused_past_the_total_size_bound(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.docx"
    members = detect.MAX_UNZIPPED_BYTES // (8 * 2**20) + 1  # each under the per-part check
    fx.zip_bomb_docx(_docx(), bomb, member_bytes=8 * 2**20, members=members)
    assert bomb.stat().st_size < 4 * 2**20
    reason = _reason(bomb)
    assert f"over the {detect.MAX_UNZIPPED_BYTES // 2**20} MB limit" in reason


def test_a_file_over_the_size_limit_is_refused_unread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(detect, "MAX_FILE_BYTES", 1024)
    assert "over the 0 MB limit" in _reason(_pdf())


def test_a_pdf_without_text_and_ocr_off_says_so(tmp_path: Path) -> None:
    scan = tmp_path / "scan.pdf"
    fx.scanned_pdf(_pdf(), scan, pages=[0], dpi=72)
    with pytest.raises(IngestError, match=r"no text layer .*\(--ocr never\)"):
        parse_file(scan, ocr="never")
