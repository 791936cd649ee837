"""The header: issuer, số hiệu, place and date, type and title, however the lines arrive
(DOCX table cells, PDF lines with two columns glued, OCR). Headers written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from ingest.blocks import Block
from ingest.structure.header import parse_date, parse_header


def _header(*lines: str | tuple[str, dict]):
    blocks = []
    for line in lines:
        text, hints = line if isinstance(line, tuple) else (line, {})
        blocks.append(Block(text=text, **hints))
    return parse_header(blocks)


def test_a_header_in_table_cells() -> None:
    header = _header(
        ("HỘI ĐỒNG THẨM PHÁN", {"in_table": True}),
        ("TÒA ÁN NHÂN DÂN TỐI CAO", {"in_table": True}),
        ("-------", {"in_table": True}),
        ("Số: 05/2030/NQ-HĐTP", {"in_table": True}),
        ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", {"in_table": True}),
        ("Hà Nội, ngày 02 tháng 3 năm 2030", {"in_table": True}),
        ("NGHỊ QUYẾT", {"bold": True, "center": True}),
        ("Hướng dẫn áp dụng một số quy định mẫu", {"bold": True, "center": True}),
        ("về thi hành án", {"bold": True, "center": True}),
        "Căn cứ Luật mẫu ngày 01 tháng 01 năm 2020;",
        "QUYẾT NGHỊ:",
        "Điều 1. Phạm vi",
    )
    assert header.issuer == "HỘI ĐỒNG THẨM PHÁN TÒA ÁN NHÂN DÂN TỐI CAO"
    assert (header.number, header.doc_type) == ("05/2030/NQ-HĐTP", "nghi_quyet")
    assert (header.place, header.issued) == ("Hà Nội", dt.date(2030, 3, 2))
    assert header.title == "Hướng dẫn áp dụng một số quy định mẫu về thi hành án"
    assert header.legal_bases == ["Căn cứ Luật mẫu ngày 01 tháng 01 năm 2020"]


def test_pdf_lines_with_both_columns_glued() -> None:
    header = _header(
        ("CỤC THI HÀNH ÁN DÂN SỰ TỈNH MẪU CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập", {}),
        "Số: 7/KL-CTHADS Thành phố Mẫu, ngày 05 tháng 3 năm 2030",
        ("KẾT LUẬN Kiểm tra công tác thi hành án dân sự", {"bold": True, "center": True}),
        ("Thực hiện Kế hoạch kiểm tra số 1/KH-CTHADS", {"center": True}),
    )
    assert header.issuer == "CỤC THI HÀNH ÁN DÂN SỰ TỈNH MẪU"
    assert (header.number, header.place) == ("7/KL-CTHADS", "Thành phố Mẫu")
    assert (header.type_word, header.doc_type) == ("KẾT LUẬN", "ket_luan")
    assert header.title == "Kiểm tra công tác thi hành án dân sự"


def test_a_whole_header_glued_into_one_bold_block() -> None:
    header = _header(
        (
            "CHÍNH PHỦ ------- Số: 9/2030/NĐ-CP CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - "
            "Tự do - Hạnh phúc --------------- Hà Nội, ngày 19 tháng 02 năm 2030 NGHỊ ĐỊNH VỀ "
            "TỔ CHỨC MẪU CỦA CƠ QUAN MẪU",
            {"bold": True},
        ),
        "Căn cứ Luật mẫu;",
        "Chương I",
    )
    assert (header.issuer, header.number) == ("CHÍNH PHỦ", "9/2030/NĐ-CP")
    assert (header.place, header.issued) == ("Hà Nội", dt.date(2030, 2, 19))
    assert (header.doc_type, header.title) == ("nghi_dinh", "VỀ TỔ CHỨC MẪU CỦA CƠ QUAN MẪU")
    assert header.legal_bases == ["Căn cứ Luật mẫu"] and header.end == 2


def test_rules_are_cut_from_the_issuer_and_a_law_is_titled_by_its_name() -> None:
    header = _header(
        "QUỐC HỘI__________",
        "Luật số: 99/2030/QH16",
        ("LUẬT", {"bold": True}),
        ("THI HÀNH ÁN MẪU", {"bold": True}),
        "Căn cứ Hiến pháp;",
    )
    assert header.issuer == "QUỐC HỘI"
    assert (header.number, header.doc_type, header.title) == (
        "99/2030/QH16",
        "luat",
        "LUẬT THI HÀNH ÁN MẪU",
    )


def test_a_number_in_the_title_is_not_the_documents() -> None:
    header = _header(
        ("NGHỊ ĐỊNH", {"bold": True}),
        ("Sửa đổi Nghị định số 62/2015/NĐ-CP", {"bold": True}),
        "Căn cứ Luật mẫu;",
    )
    assert header.number is None
    assert header.issuer is None
    assert header.title == "Sửa đổi Nghị định số 62/2015/NĐ-CP"


def test_the_issuer_comes_from_the_number_when_the_text_lost_it() -> None:
    header = _header("Số: 151/2030/NĐ-CP Hà Nội, ngày 13 tháng 5 năm 2030", "NGHỊ ĐỊNH")
    assert header.issuer == "CHÍNH PHỦ"
    assert (header.place, header.issued) == ("Hà Nội", dt.date(2030, 5, 13))


@pytest.mark.parametrize(
    ("text", "place", "date"),
    [
        ("Hà Nội, ngày 18 tháng 7 năm 2015", "Hà Nội", dt.date(2015, 7, 18)),
        ("TP. Hồ Chí Minh, ngày 1 tháng 12 năm 2021", "Hồ Chí Minh", dt.date(2021, 12, 1)),
        (
            "Thành phố Hồ Chí Minh, ngày 01 tháng 02 năm 2022",
            "Thành phố Hồ Chí Minh",
            dt.date(2022, 2, 1),
        ),
        ("Số: 1/2020/NĐ-CP Hà Nội, ngày 31 tháng 12 năm 2020", "Hà Nội", dt.date(2020, 12, 31)),
        ("ngày 30 tháng 2 năm 2020", None, None),
        ("18/07/2015", None, dt.date(2015, 7, 18)),
    ],
)
def test_place_and_date(text: str, place: str | None, date: dt.date | None) -> None:
    assert parse_date(text) == (place, date)
