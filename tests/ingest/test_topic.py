"""Conference topics and reports: the seed report (real, in ../shared) and the sample chuyên đề."""

from functools import cache

from ingest.pipeline import parse_file
from tests.conftest import SAMPLES, shared_path


@cache
def seed():
    return parse_file(
        shared_path("corpus", "seed", "hoi-nghi-thads-tphcm-6-thang-2021.txt")
    ).document


@cache
def sample():
    return parse_file(SAMPLES / "chuyen-de-xac-minh-2024-lac-son.docx").document


def by_id(doc):
    return {p.id: p for p in doc.walk()}


def test_seed_report_is_a_conference_report_in_five_parts():
    doc = seed()
    assert doc.kind == "conference_topic"
    assert [p.number for p in doc.provisions] == ["1", "2", "3", "4", "5"]
    assert doc.provisions[1].title == "Tại hội nghị"
    assert doc.extra["unit"] == "Cục Thi hành án dân sự thành phố Hồ Chí Minh"


def test_seed_lists_are_split_into_their_items():
    doc = seed()
    topics = doc.provisions[1].children
    assert len(topics) == 6
    assert topics[0].text.startswith("Nhận diện hành vi tiêu cực trong quá trình thẩm định giá")
    assert topics[-1].text.startswith("Một số lưu ý khi triển khai thực hiện dự toán")
    assert len(doc.provisions[3].children) == 6
    assert (
        doc.provisions[3].children[2].text
        == "Tập trung mọi nguồn lực đẩy nhanh tiến độ thi hành án"
    )


def test_seed_figures_are_marked_with_values_and_places():
    doc = seed()
    figures = [(f["kind"], f["text"], f["value"]) for f in doc.extra["figures"]]
    assert figures == [
        ("percent", "11,66%", 11.66),
        ("percent", "37,05%", 37.05),
        ("count", "01 Chấp hành viên", 1.0),
        ("count", "230 việc", 230.0),
        ("money", "319 tỷ đồng", 319e9),
        ("count", "78 việc", 78.0),
        ("money", "252 tỷ đồng", 252e9),
        ("percent", "46,17%", 46.17),
        ("percent", "5,42%", 5.42),
        ("percent", "12,91%", 12.91),
    ]
    parts = by_id(doc)
    for f in doc.extra["figures"]:
        text = getattr(parts[f["part"]], f["field"])
        assert text[f["start"] : f["end"]] == f["text"]


def test_sample_topic_title_presenter_and_event():
    doc = sample()
    assert doc.kind == "conference_topic" and doc.doc_type == "chuyen_de"
    assert doc.title.startswith("Những thiếu sót, vi phạm thường gặp trong xác minh điều kiện")
    assert doc.extra["presenter"] == "Đặng Thu Hà"
    assert doc.extra["presenter_role"] == "Trưởng phòng Kiểm tra và giải quyết khiếu nại, tố cáo"
    assert doc.extra["event"].startswith("Trình bày tại Hội nghị sơ kết")
    assert "PHÒNG KIỂM TRA" in doc.extra["unit"]


def test_sample_topic_heading_tree():
    doc = sample()
    tree = [(p.number, [c.number for c in p.children]) for p in doc.provisions]
    assert tree == [
        ("I", ["1", "2"]),
        ("II", ["1", "2", "3"]),
        ("III", ["1", "2"]),
        ("IV", ["1", "2", "3"]),
    ]
    assert [c.number for c in doc.provisions[0].children[1].children] == ["a", "b"]


def test_sample_topic_figures_and_references():
    doc = sample()
    money = [f["value"] for f in doc.extra["figures"] if f["kind"] == "money"]
    assert money == [1245e9, 571_300_000_000.0]
    assert {"26.48", "17.48", "92.0", "100.0"} <= {str(f["value"]) for f in doc.extra["figures"]}
    cited = {(r.law, r.article, r.clause, r.point) for r in doc.refs}
    assert ("26/2008/QH12", "44", "4", "e") in cited and ("62/2015/NĐ-CP", "9", "7", None) in cited
