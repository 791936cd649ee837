"""The analysis chain: NFC, tone placement, đ, case, offsets, bigrams, expansions, số hiệu."""

import datetime as dt
import itertools
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from index.analysis import chain
from index.analysis.analyzers import analyze, fold_term, has_marks, tokens, words
from index.analysis.chain import (
    GAP,
    NATIVE_FROM,
    BigramFilter,
    LowercaseFilter,
    SyllableTokenizer,
)
from index.analysis.expansion import default_expansions, parse
from index.analysis.identifiers import number_terms
from index.citequery import citations_in, number_keys_in
from index.evaluation.alqac import iter_laws
from tests.conftest import shared_path


def test_decomposed_and_composed_input_give_the_same_terms():
    composed = "Chấp hành viên kê biên tài sản"
    decomposed = unicodedata.normalize("NFD", composed)
    assert decomposed != composed
    assert analyze(decomposed).exact == analyze(composed).exact
    assert analyze(decomposed).exact == ["chấp", "hành", "viên", "kê", "biên", "tài", "sản"]


def test_offsets_point_into_the_original_decomposed_text():
    text = unicodedata.normalize("NFD", "Điều khoản hoà giải")
    toks = tokens(text)
    assert [t.text for t in toks] == ["điều", "khoản", "hòa", "giải"]
    assert [unicodedata.normalize("NFC", text[t.start : t.end]) for t in toks] == [
        "Điều",
        "khoản",
        "hoà",
        "giải",
    ]


def test_old_and_new_tone_placement_are_one_term():
    assert (
        analyze("hoà giải, thuỷ sản, uỷ ban, khoẻ").exact
        == analyze("hòa giải, thủy sản, ủy ban, khỏe").exact
    )


def test_folding_removes_marks_and_maps_d_stroke():
    a = analyze("ĐIỀU 7a. Đương sự được thi hành án")
    assert a.folded == ["dieu", "7a", GAP, "duong", "su", "duoc", "thi", "hanh", "an"]
    assert fold_term("đ") == "d" and has_marks("án") and not has_marks("an")


def test_no_stoplist_keeps_vietnamese_syllables_that_look_english():
    assert words(analyze("an to may the").exact) == ["an", "to", "may", "the"]


def test_bigrams_do_not_cross_sentence_breaks():
    a = analyze("thi hành án. Dân sự")
    assert a.bigrams == ["thi hành", "hành án", "dân sự"]
    chain = SyllableTokenizer() | LowercaseFilter() | BigramFilter()
    assert [(t.text, t.start, t.end) for t in chain("Thi hành; án")] == [("thi hành", 0, 8)]


def test_breaks_in_a_row_are_one_and_none_stays_at_either_end():
    a = analyze("— Điều 1.\n\n;  Phạm vi: (a) …")
    assert a.exact == ["điều", "1", GAP, "phạm", "vi", GAP, "a"]
    assert a.bigrams == ["điều 1", "phạm vi"]
    assert analyze(". ; !").exact == [] and analyze("").exact == []


PIECES = ("thi", "Hành", "án", "7a", ".", ";", ":", " ", "\n", ",", "…", "(", ")", "—", "_", "“")


def _terms_by_position(text: str) -> list[str]:
    """The exact terms as the offsets path gives them, a `GAP` where a position is skipped."""
    toks = tokens(text)
    expected = []
    for before, t in zip([None, *toks], toks, strict=False):
        if before is not None and t.pos > before.pos + 1:
            expected.append(GAP)
        expected.append(t.text)
    return expected


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30))
def test_the_term_list_breaks_where_the_token_positions_jump(pieces):
    text = "".join(pieces)
    assert analyze(text).exact == _terms_by_position(text)


def test_abbreviations_expand_at_query_time():
    found = default_expansions().find(words(analyze("Luật THADS và CHV, NĐ-CP").folded))
    meanings = {" ".join(e.terms) for e in found}
    assert {"thi hành án dân sự", "chấp hành viên", "nghị định chính phủ"} <= meanings


def test_common_abbreviations_and_definition_questions_expand():
    def meanings(query: str) -> set[str]:
        return {" ".join(e.terms) for e in default_expansions().find(words(analyze(query).folded))}

    assert "bảo hiểm y tế" in meanings("thẻ BHYT hộ gia đình")
    assert "bảo hiểm thất nghiệp" in meanings("dong bhtn duoi 1 nam")
    # definitions live in the article "Giải thích từ ngữ"
    for q in ("Khái niệm gia đình", "đương sự là gì", "Thế nào là người phải thi hành án"):
        assert "giải thích từ ngữ" in meanings(q), q
    assert "giải thích từ ngữ" not in meanings("thời hạn tự nguyện thi hành án")
    # whom a law applies to: its articles on scope and subjects
    for q in ("Luật Tiếp cận thông tin áp dụng cho ai?", "ap dung doi voi nhung truong hop nao"):
        assert {"phạm vi điều chỉnh", "đối tượng áp dụng"} <= meanings(q), q


def test_synonym_groups_work_both_ways_and_match_without_diacritics():
    exp = parse("bán đấu giá ~ đấu giá\n")
    assert {e.terms for e in exp.find(["ban", "dau", "gia"])} >= {("đấu", "giá")}
    assert {e.terms for e in exp.find(["dau", "gia"])} == {("bán", "đấu", "giá")}


def test_number_forms_share_one_key():
    assert number_terms("62/2015/NĐ-CP") == ["62/2015/nd-cp", "62/2015"]
    keys = [k for _, _, k in number_keys_in("62/2015/ND-CP")]
    assert keys == ["62/2015/nd-cp"]
    assert [k for _, _, k in number_keys_in("nđ 62/2015")] == ["62/2015/nd-cp"]
    assert [k for _, _, k in number_keys_in("Nghị định số 62/2015/nđ-cp")] == ["62/2015/nd-cp"]


def test_citations_in_queries_are_read_loosely():
    def refs(q, on=dt.date(2020, 1, 1)):
        return [(r.law, r.article, r.clause) for c in citations_in(q, on) for r in c.refs]

    assert refs("khoản 1 Điều 45 Luật THADS") == [("26/2008/QH12", "45", "1")]
    assert refs("khoan 1 dieu 45 luat thads") == [("26/2008/QH12", "45", "1")]
    assert refs("Điều 9 NĐ 62/2015") == [("62/2015/NĐ-CP", "9", None)]
    assert refs("dieu 9 nd 62/2015") == [("62/2015/NĐ-CP", "9", None)]
    # a name means the law in force on the day asked about
    assert refs("Điều 45 Luật THADS", dt.date(2026, 11, 26)) == [("106/2025/QH15", "45", None)]


LONG_PIECES = (*PIECES, "\u0301", "a\u0302", "𝐀", "²", "Ⅻ", "\u00a0", "\t", "’")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(LONG_PIECES), min_size=1, max_size=40))
def test_a_long_text_breaks_where_the_token_positions_jump(pieces):
    """Long texts go through the native loop (or back to the regexes, for a character beyond
    its table); the terms are those the offsets path gives."""
    text = "".join(pieces)
    text = text * (NATIVE_FROM // len(text) + 1)
    assert analyze(text).exact == _terms_by_position(text)


def test_the_native_loop_splits_real_articles_as_the_regexes_do(monkeypatch):
    laws = itertools.islice(iter_laws(shared_path("bench", "phapdien", "all_law.json.gz")), 40)
    texts = [str(a.get("text", "")) for law in laws for a in law["articles"]]
    texts += [unicodedata.normalize("NFD", t) for t in texts[:200]]  # combining marks
    tokenizer = SyllableTokenizer()
    natively = [tokenizer.terms(t) for t in texts]
    monkeypatch.setattr(chain, "NATIVE_FROM", 10**9)
    assert sum(len(t) >= NATIVE_FROM for t in texts) > 500
    assert natively == [tokenizer.terms(t) for t in texts]
