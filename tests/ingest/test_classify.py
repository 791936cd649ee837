"""The kind of a document: regulation, inspection conclusion, conference topic, court document,
other. Real files where the corpus has them; short headers written for these tests otherwise."""

from __future__ import annotations

import pytest

from ingest.blocks import Block
from ingest.structure.classify import classify
from ingest.structure.header import parse_header
from tests.ingest.realdocs import corpus_file, parsed


def test_the_seed_conference_report_is_a_conference_topic() -> None:
    (seed,) = corpus_file("seed").glob("*.txt")
    assert parsed("seed", seed.name).kind == "conference_topic"


@pytest.mark.parametrize(
    ("folder", "name", "kind"),
    [
        ("docx", "an_le_so_262018AL.docx", "court_document"),
        ("pdf", "an_le_so_432021AL.pdf", "court_document"),
        ("docx", "nghi_quyet_01_2019_NQ_HDTP.docx", "regulation"),
        ("docx", "bo_luat_91_2015_QH13.docx", "regulation"),
        ("phapdien", "to-cao.md", "regulation"),
        ("ocr-noisy", "nghi-dinh-151-2026-nd-cp-thi-hanh-an-dan-su.md", "regulation"),
    ],
)
def test_real_documents_get_their_kind(folder: str, name: str, kind: str) -> None:
    assert parsed(folder, name).kind == kind


def _kind(*lines: str) -> str:
    blocks = [Block(text=line) for line in lines]
    return classify(parse_header(blocks), blocks)


def test_a_conclusion_of_an_inspection_is_one() -> None:
    assert (
        _kind(
            "CỤC THI HÀNH ÁN DÂN SỰ TỈNH MẪU",
            "Số: 12/KL-CTHADS",
            "KẾT LUẬN",
            "Kiểm tra công tác thi hành án dân sự tại Chi cục mẫu",
            "I. KẾT QUẢ KIỂM TRA",
            "II. NHỮNG THIẾU SÓT, VI PHẠM",
            "1. Hồ sơ thi hành án số 1/QĐ-CCTHADS thiếu biên bản xác minh.",
        )
        == "inspection_conclusion"
    )
    assert _kind("THÔNG BÁO KẾT LUẬN THANH TRA", "Về việc chấp hành pháp luật") == (
        "inspection_conclusion"
    )


def test_a_report_that_talks_about_inspections_is_not_a_conclusion() -> None:
    assert (
        _kind(
            "Tại hội nghị, các đại biểu nghe chuyên đề về những thiếu sót, vi phạm thường gặp.",
            "Đơn vị thực hiện nghiêm kết luận kiểm tra, kiểm sát, thanh tra.",
        )
        == "conference_topic"
    )
    assert _kind("BÁO CÁO", "Tổng kết công tác năm", "I. KẾT QUẢ") == "conference_topic"


def test_numbered_articles_make_a_regulation_whatever_the_header() -> None:
    assert (
        _kind("QUY CHẾ MẪU", "Điều 1. Phạm vi", "Điều 2. Đối tượng", "Điều 3. Nguyên tắc")
        == "regulation"
    )
    assert _kind("Ghi chép", "Không có gì đặc biệt.") == "other"
