"""The violations catalogue over the sample conclusions: kinds, counts, units, provisions."""

import numpy as np

from corpus.model import Reference
from corpus.store import Store
from handbook.categories import category_of, match_category
from handbook.textsim import analysed_syllables, features
from handbook.violations import catalogue, cluster
from tests.samples_store import samples_data_dir


def groups(**filters):
    with Store(samples_data_dir()) as store:
        return catalogue(store, **filters)


def members(group):
    return {(f.doc_id, f.n) for f in group.findings}


def test_analysis_drops_what_only_identifies_a_case():
    text = (
        "Hồ sơ số 215/QĐ-CCTHADS ngày 20/12/2022: Chậm xác minh, vi phạm khoản 1 Điều 44 Luật THADS"
    )
    assert analysed_syllables(text) == [["ho", "so", "so"], ["cham", "xac", "minh"], ["vi", "pham"]]
    assert features("xác minh chậm")["xac minh"] == 1


def test_average_linkage_stops_at_the_threshold():
    sim = np.array([[1, 0.9, 0.1, 0.0], [0.9, 1, 0.2, 0.0], [0.1, 0.2, 1, 0.5], [0.0, 0.0, 0.5, 1]])
    assert sorted(cluster(sim, 0.4)) == [[0, 1], [2, 3]]
    assert sorted(cluster(sim, 0.6)) == [[0, 1], [2], [3]]


def test_categories_from_words_and_provisions():
    refs = [Reference(text="", law="26/2008/QH12", article="98", clause="2")]
    assert (
        category_of("Về thẩm định giá", "ký hợp đồng chậm", refs) == "thẩm định giá và bán đấu giá"
    )
    assert (
        category_of("", "Chậm ra quyết định thi hành án theo đơn yêu cầu", [])
        == "thụ lý và ra quyết định"
    )
    assert category_of("", "Không có gì đặc biệt", []) == "other"
    assert match_category("xac minh") == "xác minh điều kiện thi hành án"
    assert match_category("nope") is None
    assert match_category("thẩm định giá tài sản") == "thẩm định giá và bán đấu giá"
    assert match_category("tham dinh gia tai san") == "thẩm định giá và bán đấu giá"
    assert match_category("thi hành án dân sự") is None


def test_verification_violations_recur_in_three_conclusions_in_different_words():
    top = groups()[0]
    assert top.category == "xác minh điều kiện thi hành án"
    assert members(top) == {
        ("12-kl-cthads-2023", "2"),
        ("27-kl-cthads-2024", "1"),
        ("33-kl-ttr-2025", "1"),
    }
    assert (top.count, top.documents) == (3, 3)
    assert set(top.units) == {
        "Chi cục Thi hành án dân sự huyện Yên Hòa",
        "Chi cục Thi hành án dân sự quận Bắc Hà",
        "Cục Thi hành án dân sự tỉnh Vĩnh Lạc",
    }
    citations = [r["citation"] for r in top.refs]
    assert "khoản 1 Điều 44 Luật Thi hành án dân sự số 26/2008/QH12" in citations


def test_groups_come_most_frequent_first_and_cover_every_finding_once():
    found = groups()
    counts = [g.count for g in found]
    assert counts == sorted(counts, reverse=True)
    keys = [k for g in found for k in members(g)]
    assert len(keys) == len(set(keys)) == 20
    decisions = next(g for g in found if ("12-kl-cthads-2023", "1") in members(g))
    assert ("09-kl-cthads-2021", "2.1") in members(decisions)
    assert decisions.category == "thụ lý và ra quyết định"


def test_filters_narrow_the_findings_not_the_kinds():
    everything = {g.group_id: g.count for g in groups()}
    in_2024 = groups(year=2024)
    assert {f.doc_id for g in in_2024 for f in g.findings} == {"27-kl-cthads-2024"}
    assert all(g.group_id in everything for g in in_2024)
    assert {g.category for g in groups(category="thông báo")} == {"thông báo"}
    assert {f.unit for g in groups(unit="bac ha") for f in g.findings} == {
        "Chi cục Thi hành án dân sự quận Bắc Hà"
    }
    assert {(f.doc_id, f.n) for g in groups(text="đình chỉ") for f in g.findings} >= {
        ("09-kl-cthads-2021", "2.5")
    }


def test_json_shape_of_a_group():
    data = groups()[0].to_dict()
    assert set(data) >= {
        "group_id",
        "label",
        "category",
        "count",
        "documents",
        "findings",
        "refs",
        "units",
        "examples",
    }
    assert data["findings"][0].keys() == {"doc_id", "n"}
    assert data["refs"][0].keys() >= {"law", "article", "clause", "point", "count", "citation"}
