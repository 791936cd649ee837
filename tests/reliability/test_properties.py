"""Any string in, no exception out: the analyzer, the citation grammar, the query reader and
search over a small real index, fed legal-looking text, NFD, control characters, right-to-left
text, emoji, lone surrogates and huge inputs (hypothesis). Cheap invariants are checked too:
offsets inside the text, NFC terms, folded terms without marks, escaped snippets."""

from __future__ import annotations

import random
import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from corpus.citations import CitingContext, find_citations, references_in, resolve
from corpus.vntext import nfc
from index.analysis.analyzers import analyze, fold_term, has_marks, tokens, words
from index.highlight import MARK_CLOSE, MARK_OPEN, highlight
from index.query import MAX_QUERY_CHARS, parse_query
from index.results import SearchFilters
from index.service import SearchIndex
from ingest.pipeline import parse_file
from tests.conftest import shared_path

VIETNAMESE = (
    "aăâbcdđeêghiklmnoôơpqrstuưvxyàằầèềìòồờùừỳáắấéếíóốớúứýảẳẩẻểỉỏổởủửỷãẵẫẽễĩõỗỡũữỹạặậẹệịọộợụựỵ"
    "ĐÂĂÊÔƠƯ"
)
FRAGMENTS = (
    "Điều", "điều", "ĐIỀU", "khoản", "Khoản", "điểm", "a)", "đ", "7a", "45", "1", "2.", "của",
    "Luật", "THADS", "Thi hành án dân sự", "Nghị định", "NĐ", "nđ", "số", "62/2015/NĐ-CP",
    "62/2015", "26/2008/QH12", "này", "và", ",", ";", "đến", "-", "–", "các", '"', "“", "”",
    "(", ")", ".", "\n", "Thông tư", "TT-BTP", "TTLT", "BLDS", "Bộ luật Dân sự", "năm", "2014",
    "AND", "OR", "NOT", "*", "?", ":", "~", "^", "\\", "{", "}", "[", "]", "dieu", "khoan", "luat",
)  # fmt: skip
ODD = (
    "\u202e", "\u200f", "\u0627", "\u05d0", "😀", "👩‍⚖️", "\u200d", "\ufeff", "\x00", "\x1b",
    "\u0301", "\u0323", "\u0309", "\ud800", "\udfff", "\u2028", "\x85", " ", "\t", "\r", "İ",
    "ß", "ﬁ", "Ⅻ", "²", "٣",
)  # fmt: skip

legal = st.lists(
    st.one_of(
        st.sampled_from(FRAGMENTS),
        st.text(VIETNAMESE, max_size=8),
        st.integers(0, 99999).map(str),
    ),
    max_size=40,
).map(" ".join)
anything = st.text(st.characters(exclude_categories=()), max_size=300)
"""Any code point, lone surrogates and control characters included."""
odd = st.lists(st.sampled_from(ODD) | st.sampled_from(VIETNAMESE), max_size=120).map("".join)
TEXT = st.one_of(
    legal,
    legal.map(lambda s: unicodedata.normalize("NFD", s)),
    anything,
    odd,
    st.tuples(legal, odd, legal).map("".join),
)


def huge(seed: int = 3, pieces: int = 40_000) -> str:
    """~300,000 characters of legal-looking text with odd characters mixed in."""
    rng = random.Random(seed)
    pool = FRAGMENTS + ODD
    return " ".join(rng.choice(pool) for _ in range(pieces))


HUGE = huge()
SETTINGS = settings(max_examples=150, deadline=None)


@SETTINGS
@given(TEXT)
@example(HUGE)
@example("")
@example("AÙ\u0300")  # a stray mark after a syllable whose tone moves: once not NFC
def test_the_analyzer_takes_any_text(text: str) -> None:
    toks = tokens(text)
    folded = tokens(text, folded=True)
    assert [(t.start, t.end, t.pos) for t in toks] == [(t.start, t.end, t.pos) for t in folded]
    last_start, last_pos = -1, -1
    for t in toks:
        assert 0 <= t.start < t.end <= len(text)
        assert t.start > last_start and t.pos > last_pos
        last_start, last_pos = t.start, t.pos
        assert t.text and unicodedata.is_normalized("NFC", t.text)
    for t in folded:
        assert fold_term(t.text) == t.text and not has_marks(t.text)
    analysis = analyze(text)
    assert words(analysis.exact) == [t.text for t in toks]
    assert len(analysis.exact) == len(analysis.folded)
    assert len(analysis.folded_bigrams) >= 0


@SETTINGS
@given(TEXT, st.sets(st.text(VIETNAMESE, min_size=1, max_size=6), max_size=4))
@example(HUGE, {"điều", "khoản"})
@example("<script>alert('Điều')</script> & điều", {"điều", "script"})
def test_snippets_are_escaped_and_their_marks_balanced(text: str, terms: set[str]) -> None:
    snippet = highlight(text, terms, {fold_term(t) for t in terms})
    assert snippet.text.count(MARK_OPEN) == snippet.text.count(MARK_CLOSE)
    assert not re.search(r"<mark>[^<]*<mark>", snippet.text)
    bare = snippet.text.replace(MARK_OPEN, "").replace(MARK_CLOSE, "")
    assert "<" not in bare and ">" not in bare
    assert 0 <= snippet.start <= snippet.end <= len(text)


@SETTINGS
@given(TEXT)
@example(HUGE)
@example("khoản 1, điểm b và điểm e khoản 4 Điều 44 Luật THADS; Điều 9 của Nghị định này")
def test_the_citation_grammar_takes_any_text(text: str) -> None:
    normalized = nfc(text)
    citations = find_citations(text)
    end = 0
    for c in citations:
        assert end <= c.start < c.end <= len(normalized)
        assert c.text == normalized[c.start : c.end].strip()
        end = c.end
    context = CitingContext(number="62/2015/NĐ-CP", article="9")
    for c in citations:
        for ref in resolve(c, context):
            assert ref.status in ("resolved", "unresolved")
            assert ref.status == "unresolved" or ref.law
    for ref in references_in(text, context):
        if ref.law:
            assert ref.law == ref.law.upper() or "/" not in ref.law


@SETTINGS
@given(TEXT)
@example(HUGE)
@example('"kê biên" OR Điều 7a NOT (THADS) AND nđ 62/2015 *:* field:value')
@example("A\u200b\u0300")  # a mark after a zero-width space, once left uncomposed
def test_the_query_reader_takes_any_text(text: str) -> None:
    q = parse_query(text)
    assert len(q.raw) <= MAX_QUERY_CHARS
    assert unicodedata.is_normalized("NFC", q.raw)
    assert len(q.exact) == len(q.folded)
    for term in words(q.exact):
        assert unicodedata.is_normalized("NFC", term)
    for ref in q.refs:
        assert ref.status in ("resolved", "unresolved")


@pytest.fixture(scope="module")
def small_index(tmp_path_factory: pytest.TempPathFactory) -> SearchIndex:
    """A real index: an án lệ PDF, a DOCX regulation and a sample inspection conclusion."""
    files = [
        shared_path("corpus", "pdf", "an_le_so_432021AL.pdf"),
        shared_path("corpus", "docx", "nghi_dinh_21_2021_ND_CP.docx"),
        Path(__file__).resolve().parents[2]
        / "corpus"
        / "samples"
        / "kl-27-2024-chi-cuc-bac-ha.pdf",
    ]
    index = SearchIndex(tmp_path_factory.mktemp("props") / "index")
    for n, path in enumerate(files):
        doc = parse_file(path).document
        doc.id = f"doc{n}"
        index.index_document(doc)
    index.commit()
    yield index
    index.close()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT, st.integers(-5, 2000))
@example(HUGE, 10)
@example("khoản 1 Điều 20 nđ 21/2021", 5)
def test_search_takes_any_query(small_index: SearchIndex, text: str, limit: int) -> None:
    result = small_index.search(text, limit=limit)
    assert len(result.hits) <= max(1, min(limit, 1000))
    for hit in result.hits:
        assert hit.doc_id in {"doc0", "doc1", "doc2"}
        bare = hit.snippet.replace(MARK_OPEN, "").replace(MARK_CLOSE, "")
        assert "<" not in bare and ">" not in bare
    filtered = small_index.search(text, SearchFilters(kind="article", document="doc1"), limit=5)
    assert all(h.doc_id == "doc1" and h.kind == "article" for h in filtered.hits)
