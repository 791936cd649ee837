"""The outline of report-like documents: labels, levels, counts that must continue, reflow."""

from ingest.blocks import Block
from ingest.structure.outline import build_outline, label_of, reflow, repair_numbers


def blocks(*texts, **style):
    return [Block(text=t, **style) for t in texts]


def test_labels_and_their_styles():
    assert (label_of("II. NHỮNG THIẾU SÓT").style, label_of("II. NHỮNG THIẾU SÓT").text) == (
        "roman",
        "II",
    )
    assert label_of("2.1. Hồ sơ số 58").text == "2.1"
    assert label_of("đ) Hồ sơ thi hành án").text == "đ"
    assert label_of("12/3/2023 là ngày") is None
    assert label_of("Điều 5. Phạm vi") is None


def test_a_label_opens_a_sibling_only_when_it_continues_the_count():
    root = build_outline(
        blocks(
            "II. NHỮNG THIẾU SÓT, VI PHẠM",
            "1. Về xác minh: có các trường hợp sau.",
            "a) hồ sơ số 1;",
            "b) hồ sơ số 2.",
            "1. Đoạn trích dẫn đánh số lại từ đầu, vẫn thuộc mục 1.",
            "2. Về thông báo thi hành án.",
            "III. KIẾN NGHỊ",
        )
    )
    section, recs = root.children
    assert [c.n for c in section.children] == ["1", "2"]
    first = section.children[0]
    assert [c.n for c in first.children] == ["a", "b"]
    assert first.children[-1].paragraphs == [
        "hồ sơ số 2.",
        "1. Đoạn trích dẫn đánh số lại từ đầu, vẫn thuộc mục 1.",
    ]
    assert recs.title == "KIẾN NGHỊ"


def test_word_headings_and_upper_case_lines_are_titles_but_bold_sentences_are_not():
    root = build_outline(
        [
            Block("KẾT QUẢ KIỂM TRA", heading=1),
            Block("Một câu in đậm giữa đoạn, không phải tiêu đề.", bold=True),
            Block("NHỮNG TỒN TẠI"),
        ]
    )
    assert [c.title for c in root.children] == ["KẾT QUẢ KIỂM TRA", "NHỮNG TỒN TẠI"]
    assert root.children[0].paragraphs == ["Một câu in đậm giữa đoạn, không phải tiêu đề."]


def test_reflow_rejoins_what_a_layout_cut_and_leaves_paragraphs_alone():
    out = reflow(
        blocks(
            "Căn cứ Thông tư số 04/2023/TT-BTP ngày 14 tháng 8 năm",
            "2023 của Bộ trưởng Bộ Tư pháp;",
            "Hồ sơ số 215/QĐ-CCTHADS:",
            "đơn yêu cầu nộp ngày 06/12/2022.",
            "Xác minh điều kiện thi hành án chưa kịp thời, chưa đầy",
            "đủ",
            "- Hồ sơ số 29/QĐ-CTHADS: chậm.",
            "Một đoạn mới.",
        )
    )
    assert [b.text for b in out] == [
        "Căn cứ Thông tư số 04/2023/TT-BTP ngày 14 tháng 8 năm 2023 của Bộ trưởng Bộ Tư pháp;",
        "Hồ sơ số 215/QĐ-CCTHADS: đơn yêu cầu nộp ngày 06/12/2022.",
        "Xác minh điều kiện thi hành án chưa kịp thời, chưa đầy đủ",
        "- Hồ sơ số 29/QĐ-CTHADS: chậm.",
        "Một đoạn mới.",
    ]


def test_reflow_leaves_table_cells_and_headings():
    out = reflow(
        [Block("CỤC THI HÀNH ÁN DÂN SỰ", in_table=True), Block("tỉnh Lạc Sơn", in_table=True)]
    )
    assert len(out) == 2


def test_numbers_wrapped_at_a_hyphen_or_misread_by_ocr_are_mended():
    assert repair_numbers("hồ sơ số 288/QĐ- CCTHADS, Thông tư 200/2016/TT- BTC") == (
        "hồ sơ số 288/QĐ-CCTHADS, Thông tư 200/2016/TT-BTC"
    )
    assert repair_numbers("187/QĐÐĐ-CCTHADS") == "187/QĐ-CCTHADS"
    assert repair_numbers("hồ sơ số 311/ QĐ-CCTHADS và 62/2015/ NĐ-CP") == (
        "hồ sơ số 311/QĐ-CCTHADS và 62/2015/NĐ-CP"
    )
    assert repair_numbers("tỷ lệ 46/ 100 việc") == "tỷ lệ 46/ 100 việc"
