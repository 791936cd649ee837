"""Inspection conclusions from the samples (DOCX with Word headings or bold lines, text PDF):
header facts, findings with exact boundaries, refs and case files, recommendations."""

import datetime as dt
from functools import cache

import pytest

from ingest.pipeline import parse_file
from tests.conftest import SAMPLES


@cache
def parsed(name):
    return parse_file(SAMPLES / name).document


def refs(finding):
    return [(r.law, r.article, r.clause, r.point) for r in finding.refs]


@pytest.mark.parametrize(
    ("name", "number", "issued", "unit", "period", "ns", "recommendations"),
    [
        (
            "kl-12-2023-chi-cuc-yen-hoa.docx",
            "12/KL-CTHADS",
            dt.date(2023, 6, 16),
            "Chi cục Thi hành án dân sự huyện Yên Hòa",
            ("2022-10-01", "2023-04-30"),
            ["1", "2", "3", "4", "5"],
            3,
        ),
        (
            "kl-27-2024-chi-cuc-bac-ha.pdf",
            "27/KL-CTHADS",
            dt.date(2024, 3, 5),
            "Chi cục Thi hành án dân sự quận Bắc Hà",
            ("2023-10-01", "2024-01-31"),
            ["1", "2", "3", "4", "5"],
            2,
        ),
        (
            "kl-09-2021-chi-cuc-tan-my.docx",
            "09/KL-CTHADS",
            dt.date(2021, 10, 28),
            "Chi cục Thi hành án dân sự thị xã Tân Mỹ",
            ("2020-10-01", "2021-09-30"),
            ["2.1", "2.2", "2.3", "2.4", "2.5"],
            2,
        ),
        (
            "kl-33-2025-cuc-vinh-lac.pdf",
            "33/KL-TTR",
            dt.date(2025, 5, 20),
            "Cục Thi hành án dân sự tỉnh Vĩnh Lạc",
            ("2023-01-01", "2024-12-31"),
            ["1", "2", "3", "4", "5"],
            3,
        ),
    ],
)
def test_conclusion_facts_and_finding_numbers(
    name, number, issued, unit, period, ns, recommendations
):
    doc = parsed(name)
    assert doc.kind == "inspection_conclusion"
    assert (doc.number, doc.issued) == (number, issued)
    assert doc.extra["inspected_unit"] == unit
    assert (doc.extra["period"]["from"], doc.extra["period"]["to"]) == period
    assert [f.n for f in doc.findings] == ns
    assert len(doc.extra["recommendations"]) == recommendations


def test_a_finding_runs_over_all_its_paragraphs_and_no_further():
    doc = parsed("kl-12-2023-chi-cuc-yen-hoa.docx")
    first = doc.findings[0]
    assert first.title == "Về thụ lý, ra quyết định thi hành án"
    paragraphs = first.text.split("\n")
    assert len(paragraphs) == 3
    assert paragraphs[1].startswith("Hồ sơ thi hành án số 215/QĐ-CCTHADS ngày 20/12/2022")
    assert paragraphs[2].endswith("không đúng khoản 2 Điều 36 Luật Thi hành án dân sự.")
    last = doc.findings[-1]
    assert last.text.endswith("theo điểm b khoản 2 Điều 7a Luật Thi hành án dân sự.")
    assert "KIẾN NGHỊ" not in last.text and "Chi cục trưởng" not in last.text


def test_findings_keep_their_references_and_case_files():
    doc = parsed("kl-12-2023-chi-cuc-yen-hoa.docx")
    assert refs(doc.findings[0]) == [
        ("26/2008/QH12", "36", "1", None),
        ("26/2008/QH12", "36", "2", None),
    ]
    assert doc.findings[0].case_files == ["215/QĐ-CCTHADS", "233/QĐ-CCTHADS"]
    assert doc.findings[1].case_files == ["187/QĐ-CCTHADS"]
    assert refs(doc.findings[4]) == [("26/2008/QH12", "7a", "2", "b")]


def test_pdf_conclusion_mends_numbers_the_layout_wrapped():
    doc = parsed("kl-27-2024-chi-cuc-bac-ha.pdf")
    assert doc.findings[0].case_files == ["341/QĐ-CCTHADS", "356/QĐ-CCTHADS"]
    assert doc.findings[4].case_files == ["288/QĐ-CCTHADS"]
    assert refs(doc.findings[3]) == [
        ("62/2015/NĐ-CP", "9", "4", None),
        ("12/2021/TTLT-BTP-VKSNDTC-TANDTC", "5", None, None),
    ]


def test_numbered_items_of_other_parts_are_not_findings():
    doc = parsed("kl-33-2025-cuc-vinh-lac.pdf")
    roles = [(s["n"], s["role"]) for s in doc.extra["sections"]]
    assert roles == [
        ("I", "other"),
        ("II", "other"),
        ("III", "findings"),
        ("IV", "recommendations"),
    ]
    assert all("Đoàn thanh tra đã thanh tra 120 hồ sơ" not in f.text for f in doc.findings)
    assert doc.findings[0].text.startswith("Về xác minh điều kiện thi hành án")


def test_findings_can_be_the_lettered_or_dotted_items_of_a_shortcomings_subsection():
    doc = parsed("kl-09-2021-chi-cuc-tan-my.docx")
    assert [s["role"] for s in doc.extra["sections"]] == ["other", "findings", "recommendations"]
    assert all("Lãnh đạo Chi cục quan tâm" not in f.text for f in doc.findings)
    assert doc.findings[1].text.split("\n")[1].startswith("Riêng hồ sơ số 73/QĐ-CCTHADS")


def test_conclusion_date_decides_which_law_a_name_means():
    doc = parsed("kl-33-2025-cuc-vinh-lac.pdf")
    laws = {r.law for f in doc.findings for r in f.refs}
    assert "26/2008/QH12" in laws and "106/2025/QH15" not in laws


def test_heading_tree_is_kept_as_sections():
    doc = parsed("kl-12-2023-chi-cuc-yen-hoa.docx")
    top = [(p.number, p.title) for p in doc.provisions if p.number]
    assert top == [
        ("I", "KẾT QUẢ KIỂM TRA"),
        ("II", "NHỮNG THIẾU SÓT, VI PHẠM"),
        ("III", "KIẾN NGHỊ"),
    ]
    assert [c.number for c in doc.provisions[1].children] == ["1", "2", "3"]


def test_a_table_of_figures_in_the_body_does_not_end_it(tmp_path):
    from corpus.samples.build import build_docx, parse_source

    source = parse_source(
        "\n".join(
            [
                "@table",
                "CỤC THI HÀNH ÁN DÂN SỰ // TỈNH MẪU | **CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**",
                "Số: 03/KL-CTHADS | *Mẫu, ngày 02 tháng 3 năm 2023*",
                "@end",
                "= KẾT LUẬN KIỂM TRA",
                "= Công tác thi hành án dân sự tại Chi cục Thi hành án dân sự huyện Mẫu",
                "# I. KẾT QUẢ KIỂM TRA",
                "@table",
                "Chỉ tiêu | Số việc",
                "Thụ lý | 120",
                "@end",
                "# II. THIẾU SÓT, VI PHẠM",
                "1. Chậm ra quyết định thi hành án, vi phạm khoản 1 Điều 36 Luật THADS.",
                "2. Chậm xác minh điều kiện thi hành án, vi phạm khoản 1 Điều 44 Luật THADS.",
                "# III. KIẾN NGHỊ",
                "1. Khắc phục ngay.",
                "@table",
                "**Nơi nhận:** // - Lưu: VT. | **CỤC TRƯỞNG** // **Nguyễn Văn A**",
                "@end",
            ]
        )
    )
    doc = parse_file(build_docx(source, tmp_path / "kl.docx")).document
    assert [f.n for f in doc.findings] == ["1", "2"]
    assert len(doc.extra["recommendations"]) == 1
    assert "Nguyễn Văn A" not in doc.extra["recommendations"][0]["text"]
