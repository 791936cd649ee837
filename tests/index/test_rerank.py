"""Re-ranking by proximity: the window score on real law text, the head re-sorted and the tail
kept, and pages of a re-ranked search that agree with one long page."""

from __future__ import annotations

import pytest

from index.analysis.analyzers import analyze, words
from index.engine import EngineHit
from index.evaluation.alqac import corpus_units
from index.highlight import proximity
from index.rerank import PAGE, RERANK_DEPTH, by_proximity
from tests.conftest import shared_path


@pytest.fixture(scope="module")
def articles() -> list[str]:
    units = corpus_units(shared_path("bench", "phapdien", "thads_law.json"))
    return [u.text for u in units if len(u.text) > 600][:80]


def _folded(text: str) -> list[str]:
    return words(analyze(text).folded)


def test_a_run_of_the_text_scores_every_word_and_pair(articles):
    text = articles[0]
    run = _folded(text)[10:14]
    assert len(set(run)) == 4
    assert proximity(text, frozenset(run)) == 2 * 4 - 1
    assert proximity(text, frozenset({"khongcotu", "nay"})) <= 1


def test_words_far_apart_score_less_than_words_together(articles):
    text = articles[0]
    terms = _folded(text)
    together = frozenset(terms[20:23])
    apart = frozenset([terms[0], terms[len(terms) // 2], terms[-1]]) - together
    assert len(apart) == 3
    padded = text[:300] + " " + "x " * 300 + text[300:]
    assert proximity(padded, apart) < proximity(text, together)


def _hits(texts: list[str]) -> list[EngineHit]:
    n = len(texts)
    return [
        EngineHit(f"k{i}", float(n - i), {"heading": "", "text": t}) for i, t in enumerate(texts)
    ]


def test_the_head_is_re_sorted_and_the_tail_keeps_its_order(articles):
    hits = _hits(articles[: RERANK_DEPTH + 10])
    for i, h in enumerate(hits):  # 30, 29.5, … 21 for all but the last of the head, then 5, 4…
        h.score = 30 - i / 2 if i < RERANK_DEPTH - 1 else 5.0 - (i - RERANK_DEPTH + 1) / 10
    query = _folded(articles[12])[5:12]
    ranked = by_proximity(hits, query, 0.3)
    head = ranked[:RERANK_DEPTH]
    assert {h.key for h in head} == {h.key for h in hits[:RERANK_DEPTH]}
    assert [h.score for h in head] == sorted((h.score for h in head), reverse=True)
    # the article holding the query's words together climbs onto the first page
    assert [h.key for h in head].index("k12") < PAGE
    # one whose score plus the largest bonus (0.3 × 30) stays under the page is left as scored
    assert {h.key: h.score for h in head}[f"k{RERANK_DEPTH - 1}"] == 5.0
    assert [h.key for h in ranked[RERANK_DEPTH:]] == [h.key for h in hits[RERANK_DEPTH:]]
    assert by_proximity(hits, query, 0.0) is hits
    assert by_proximity(hits, query[:1], 0.3) is hits


@pytest.mark.parametrize(
    "query",
    [
        "Người phải thi hành án có những quyền và nghĩa vụ gì?",
        "thoi han tu nguyen thi hanh an la bao nhieu ngay",
    ],
)
def test_pages_of_a_re_ranked_search_agree_with_one_long_page(thads, query):
    whole = [h.key for h in thads.search(query, limit=30).hits]
    pages = [h.key for o in (0, 10, 20) for h in thads.search(query, limit=10, offset=o).hits]
    assert len(whole) == 30 and pages == whole
