"""Every regulation in ../shared/corpus/docx: its header facts and its exact article count.

The table was made by reading each document (numbering checked to run 1..N without gaps, the
end of the body found at the signature block; model charters and forms in the appendices that
start again at `Điều 1.` are not the document's articles). The test also counts the articles
once more with python-docx alone, so that the table, an independent count and the parser must
all agree. Effective dates are checked against source_registry.json where it gives them.
"""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from corpus.model import assign_ids
from tests.ingest.realdocs import body_paragraphs, corpus_file, own_article_run, parsed

HDTP = "HỘI ĐỒNG THẨM PHÁN TÒA ÁN NHÂN DÂN TỐI CAO"

# file → (số hiệu, type, issuer, place, issued, articles, title, effective from)
REGULATIONS = {
    "bo_luat_91_2015_QH13.docx": (
        "91/2015/QH13", "bo_luat", "QUỐC HỘI", None, "2015-11-24", 689,
        "BỘ LUẬT DÂN SỰ", "2017-01-01",
    ),
    "nghi_dinh_03_2026_ND_CP.docx": (
        "03/2026/NĐ-CP", "nghi_dinh", "CHÍNH PHỦ", "Hà Nội", "2026-01-09", 56,
        "Về tổ chức, hoạt động của quỹ xã hội, quỹ từ thiện", "2026-03-01",
    ),
    "nghi_dinh_19_2019_ND_CP.docx": (
        "19/2019/NĐ-CP", "nghi_dinh", "CHÍNH PHỦ", "Hà Nội", "2019-02-19", 28,
        "VỀ HỌ, HỤI, BIÊU, PHƯỜNG", "2019-04-05",
    ),
    "nghi_dinh_21_2021_ND_CP.docx": (
        "21/2021/NĐ-CP", "nghi_dinh", "CHÍNH PHỦ", "Hà Nội", "2021-03-19", 62,
        "Quy định thi hành Bộ luật Dân sự về bảo đảm thực hiện nghĩa vụ", "2021-05-15",
    ),
    "nghi_dinh_356_2025_ND_CP.docx": (
        "356/2025/NĐ-CP", "nghi_dinh", "CHÍNH PHỦ", "Hà Nội", "2025-12-31", 42,
        "Quy định chi tiết một số điều và biện pháp thi hành Luật Bảo vệ dữ liệu cá nhân",
        "2026-01-01",
    ),
    "nghi_dinh_99_2022_ND_CP.docx": (
        "99/2022/NĐ-CP", "nghi_dinh", "CHÍNH PHỦ", "Hà Nội", "2022-11-30", 58,
        "Về đăng ký biện pháp bảo đảm", "2023-01-15",
    ),
    "nghi_quyet_01_2019_NQ_HDTP.docx": (
        "01/2019/NQ-HĐTP", "nghi_quyet", HDTP, "Hà Nội", "2019-01-11", 14,
        "HƯỚNG DẪN ÁP DỤNG MỘT SỐ QUY ĐỊNH CỦA PHÁP LUẬT VỀ LÃI, LÃI SUẤT, PHẠT VI PHẠM",
        "2019-03-15",
    ),
    "nghi_quyet_01_2020_NQ_HDTP.docx": (
        "01/2020/NQ-HĐTP", "nghi_quyet", HDTP, "Hà Nội", "2020-03-05", 8,
        "Hướng dẫn áp dụng một số quy định của pháp luật trong giải quyết tranh chấp về tài "
        "sản chung của dòng họ",
        "2020-04-10",
    ),
    "nghi_quyet_02_2022_NQ_HDTP.docx": (
        "02/2022/NQ-HĐTP", "nghi_quyet", HDTP, "Hà Nội", "2022-09-06", 13,
        "Hướng dẫn áp dụng một số quy định của Bộ luật Dân sự về trách nhiệm bồi thường "
        "thiệt hại ngoài hợp đồng",
        "2023-01-01",
    ),
}  # fmt: skip


def test_the_table_covers_every_regulation_in_the_folder() -> None:
    folder = corpus_file("docx")
    regulations = {p.name for p in folder.glob("*.docx") if not p.name.startswith("an_le")}
    assert regulations == set(REGULATIONS)


@pytest.mark.parametrize("name", sorted(REGULATIONS))
def test_regulation_header_facts(name: str) -> None:
    number, doc_type, issuer, place, issued, _, title, _ = REGULATIONS[name]
    doc = parsed("docx", name)
    assert doc.kind == "regulation"
    assert (doc.number, doc.doc_type, doc.issuer, doc.place) == (number, doc_type, issuer, place)
    assert doc.issued == dt.date.fromisoformat(issued)
    assert doc.title == title
    assert doc.legal_bases and all(b.startswith("Căn cứ") for b in doc.legal_bases)


@pytest.mark.parametrize("name", sorted(REGULATIONS))
def test_regulation_article_count_is_exact(name: str) -> None:
    expected = REGULATIONS[name][5]
    independent = own_article_run(str(corpus_file("docx", name)))
    articles = parsed("docx", name).articles()
    assert len(independent) == expected
    assert [a.number for a in articles] == [str(n) for n in range(1, expected + 1)]


@pytest.mark.parametrize("name", sorted(REGULATIONS))
def test_regulation_effective_date_matches_the_registry(name: str) -> None:
    registry = json.loads(corpus_file("docx", "source_registry.json").read_text("utf-8"))
    by_number = {d["official_number"]: d for d in registry["documents"]}
    number, *_, effective = REGULATIONS[name]
    doc = parsed("docx", name)
    assert doc.effective_from == dt.date.fromisoformat(effective)
    if by_number[number].get("effective_from"):
        assert by_number[number]["effective_from"] == effective
    assert by_number[number]["loai_van_ban"] == doc.doc_type


@pytest.mark.parametrize("name", sorted(REGULATIONS))
def test_clauses_and_points_are_the_numbered_paragraphs_of_each_article(name: str) -> None:
    """Each article's khoản and điểm numbers are the `1.` and `a)` paragraphs python-docx sees
    between its heading and the next one (quoted paragraphs start with a quote mark and are
    not counted on either side)."""
    path = str(corpus_file("docx", name))
    paragraphs = body_paragraphs(path)
    run = own_article_run(path)
    end = _body_end(paragraphs, run[-1][1])
    bounds = [index for _, index in run] + [end]
    articles = parsed("docx", name).articles()
    for article, start, stop in zip(articles, bounds, bounds[1:], strict=False):
        clauses, points = [], []
        for text in paragraphs[start + 1 : stop]:
            if m := re.match(r"^(\d{1,3})\.\s", text):
                clauses.append(m.group(1))
            elif m := re.match(r"^([a-zđ])\)\s*\S", text):
                points.append(m.group(1))
        assert [c.number for c in article.children if c.kind == "khoan"] == clauses, article.id
        assert [p.number for p in article.walk() if p.kind == "diem"] == points, article.id


def _body_end(paragraphs: tuple[str, ...], last_article: int) -> int:
    for index in range(last_article + 1, len(paragraphs)):
        if paragraphs[index].startswith(("Nơi nhận", "Phụ lục", "PHỤ LỤC")) or (
            "thông qua ngày" in paragraphs[index] and "Quốc hội" in paragraphs[index]
        ):
            return index
    return len(paragraphs)


def test_points_keep_vietnamese_letters() -> None:
    doc = parsed("docx", "bo_luat_91_2015_QH13.docx")
    letters = {p.number for p in doc.walk() if p.kind == "diem"}
    assert {"a", "b", "c", "d", "đ", "e", "g"} <= letters
    point = next(p for p in doc.walk() if p.kind == "diem" and p.number == "đ")
    assert point.id.endswith(".dd") and point.text


def test_containers_have_numbers_and_titles() -> None:
    doc = parsed("docx", "bo_luat_91_2015_QH13.docx")
    kinds = [p.kind for p in doc.walk()]
    assert kinds.count("phan") == 6
    assert kinds.count("chuong") == 27
    containers = [p for p in doc.walk() if p.kind in ("phan", "chuong", "muc", "tieu_muc")]
    assert all(p.number and p.title and p.title == p.title.upper() for p in containers)
    decree = parsed("docx", "nghi_dinh_21_2021_ND_CP.docx")
    tieu_muc = [p for p in decree.walk() if p.kind == "tieu_muc"]
    assert [p.number for p in tieu_muc] == [str(n) for n in range(1, len(tieu_muc) + 1)]
    assert all(p.title for p in tieu_muc)


def test_every_article_has_a_title_and_sits_under_its_chapter() -> None:
    for name in REGULATIONS:
        doc = parsed("docx", name)
        assert all(a.title for a in doc.articles()), name
        for chapter in (p for p in doc.provisions if p.kind == "chuong"):
            assert any(c.kind in ("dieu", "muc") for c in chapter.children), (name, chapter.id)


def test_provision_ids_are_unique_and_stable() -> None:
    doc = parsed("docx", "bo_luat_91_2015_QH13.docx")
    ids = [p.id for p in doc.walk()]
    assert len(ids) == len(set(ids))
    assert {"d1", "d2.k1", "d689"} <= set(ids)
    before = list(ids)
    assign_ids(doc.provisions)
    assert [p.id for p in doc.walk()] == before


def test_the_law_ends_before_its_adoption_line() -> None:
    doc = parsed("docx", "bo_luat_91_2015_QH13.docx")
    last = doc.articles()[-1]
    assert "thông qua" not in last.full_text()
    assert not any(p.kind == "phu_luc" for p in doc.provisions)
