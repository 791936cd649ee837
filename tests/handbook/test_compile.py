"""Compiling specs against the real Pháp điển THADS text and the sample conclusions and topic."""

import datetime as dt

import pytest

from handbook.compile import compile_handbook
from handbook.compiled import Quote, ViolationTable
from handbook.spec import load_spec
from search_api.library import Library

AS_OF = "2024-07-01"


def compiled(data, items: str, as_of: str = AS_OF):
    spec = load_spec(f"title: T\nas_of: {as_of}\nsections:\n  - title: S\n    items:\n{items}")
    with Library(data) as library:
        return compile_handbook(spec, library.store, library, today=dt.date(2024, 8, 1))


def quotes(book):
    return list(book.quotes())


def test_a_citation_of_two_clauses_quotes_each_with_its_text(full_data):
    book = compiled(full_data, "      - cite: khoản 1, khoản 2 Điều 44 Luật THADS\n")
    q1, q2 = quotes(book)
    assert q1.citation == "khoản 1 Điều 44 Luật Thi hành án dân sự số 26/2008/QH12"
    assert q2.citation == "khoản 2 Điều 44 Luật Thi hành án dân sự số 26/2008/QH12"
    assert q1.heading == "Khoản 1 Điều 44. Xác minh điều kiện thi hành án"
    assert q1.lines[0].text.startswith("1. Trong thời hạn 10 ngày")
    assert q2.lines[0].text.startswith("2. ")
    assert q1.source == q2.source == 1
    assert book.sources[0].text.startswith("Luật Thi hành án dân sự số 26/2008/QH12; Quốc hội")
    assert "trích theo Bộ pháp điển, đề mục Thi hành án dân sự" in book.sources[0].text
    assert not book.problems and not q1.flags


def test_an_article_quotes_its_clauses_and_points_in_order(full_data):
    (quote,) = quotes(compiled(full_data, "      - cite: Điều 7a Luật Thi hành án dân sự\n"))
    # Pháp điển files Điều 7a under the amending law 64/2014/QH13; the citation keeps the law cited
    assert quote.citation == "Điều 7a Luật Thi hành án dân sự số 26/2008/QH12"
    assert [line.text[:2] for line in quote.lines[:3]] == ["1.", "a)", "b)"]
    assert [line.level for line in quote.lines[:3]] == [1, 2, 2]


def test_what_cannot_be_resolved_is_reported_with_its_position(full_data):
    book = compiled(
        full_data,
        "      - cite: Điều 44 Luật THADS\n"
        "      - cite: khoản 9 Điều 44 Luật THADS\n"
        "      - cite: Điều 5 Luật Không Có Thật\n"
        "      - cite: Điều 3 Luật Đấu giá tài sản số 01/2016/QH14\n"
        "      - cite: xác minh\n"
        "      - query: zzqqxx\n"
        "      - violations: v00000000\n",
    )
    assert len(quotes(book)) == 1
    problems = [str(p) for p in book.problems]
    assert problems[0].startswith("section 1, item 2 (cite 'khoản 9 Điều 44 Luật THADS'): ")
    assert problems[0].endswith("the stored text of Điều 44 has no khoản 9")
    assert problems[1].startswith("section 1, item 3 (cite 'Điều 5 Luật Không Có Thật')")
    assert "Luật Đấu giá tài sản số 01/2016/QH14 is not in the data folder" in problems[2]
    assert "no citation found" in problems[3]
    assert problems[4] == "section 1, item 6 (query 'zzqqxx'): nothing found for 'zzqqxx'"
    assert "no violation group v00000000" in problems[5]
    assert len(problems) == 6


def test_a_name_means_the_law_in_force_on_the_handbook_date(full_data):
    early = compiled(full_data, "      - cite: Điều 44 Luật Thi hành án dân sự\n")
    assert quotes(early)[0].citation.endswith("26/2008/QH12")
    late = compiled(full_data, "      - cite: Điều 44 Luật Thi hành án dân sự\n", "2026-08-01")
    assert not quotes(late)
    assert "106/2025/QH15 is not in the data folder" in str(late.problems[0])


def test_a_document_not_in_force_on_the_date_is_quoted_with_a_flag(full_data):
    book = compiled(full_data, "      - cite: Điều 44 Luật THADS số 26/2008/QH12\n", "2026-08-01")
    (quote,) = quotes(book)
    assert quote.flags == [
        "Lưu ý: Luật Thi hành án dân sự số 26/2008/QH12 hết hiệu lực từ ngày 01/07/2026; "
        "cẩm nang tính đến ngày 01/08/2026."
    ]


def test_duplicates_are_left_out_across_the_handbook_in_spec_order(full_data):
    book = compiled(
        full_data,
        "      - cite: Điều 44 Luật THADS\n"
        "      - cite: khoản 1 Điều 44 Luật THADS\n"
        "      - query: xác minh điều kiện thi hành án\n"
        "        limit: 3\n",
    )
    keys = [q.key for q in quotes(book)]
    assert keys[0] == "thi-hanh-an-dan-su#d30.2.lq.44"
    assert "thi-hanh-an-dan-su#d30.2.lq.44.k1" in book.duplicates
    assert len(keys) == 4 and len(set(keys)) == 4  # the query still gives 3 new articles
    assert not book.problems


def test_violations_by_words_and_by_group_id_make_one_table(full_data, samples_data):
    book = compiled(full_data, "      - violations: xác minh\n      - violations: v726b0ce0\n")
    (table,) = book.tables()
    labels = [r.label for r in table.rows]
    assert labels[0] == "Xác minh điều kiện thi hành án"
    assert labels[-1] == "Chi phí cưỡng chế"
    top = table.rows[0]
    assert (top.count, top.documents) == (3, 3)
    assert "khoản 1 Điều 44 Luật Thi hành án dân sự số 26/2008/QH12" in top.provisions
    assert "Chi cục Thi hành án dân sự huyện Yên Hòa" in top.units
    conclusions = {book.sources[n - 1].doc_id for n in top.sources}
    assert conclusions == {"12-kl-cthads-2023", "27-kl-cthads-2024", "33-kl-ttr-2025"}


def test_topic_by_id_part_and_words(full_data):
    whole = compiled(full_data, "      - topic: chuyen-de-xac-minh-2024-lac-son\n")
    assert [q.heading for q in quotes(whole)] == [
        "I. Thực trạng công tác xác minh điều kiện thi hành án",
        "II. Những thiếu sót, vi phạm thường gặp",
        "III. Nguyên nhân",
        "IV. Giải pháp",
    ]
    part = quotes(compiled(full_data, "      - topic: chuyen-de-xac-minh-2024-lac-son#sii.s3\n"))
    assert part[0].heading == "II.3. Biên bản xác minh không đầy đủ"
    assert part[0].citation.startswith("phần II.3 Chuyên đề “Những thiếu sót, vi phạm")
    searched = compiled(full_data, "      - topic: xác minh lại định kỳ\n        limit: 1\n")
    (found,) = quotes(searched)
    assert found.kind == "section" and found.key.startswith("chuyen-de-xac-minh-2024-lac-son#")


def test_findings_can_be_quoted_by_query(full_data):
    book = compiled(full_data, "      - query: biên bản xác minh\n        kind: finding\n")
    first = quotes(book)[0]
    assert first.kind == "finding"
    assert first.citation.startswith("mục ") and "Kết luận số" in first.citation


@pytest.mark.parametrize("kind", ["article", "finding", "section"])
def test_every_quote_has_a_citation_and_a_numbered_source(full_data, kind):
    item = f"      - query: thi hành án\n        kind: {kind}\n        limit: 4\n"
    book = compiled(full_data, item)
    assert quotes(book)
    for block in book.sections[0].blocks:
        assert isinstance(block, (Quote, ViolationTable))
        assert block.citation and 1 <= block.source <= len(book.sources)
