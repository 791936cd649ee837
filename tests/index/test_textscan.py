"""Scans and windows on real law text: the shadow scan finds what the folding regex finds, the
sliding window is the best window by definition, a scan shared with the re-ranking gives the
same snippet, and text with combining marks is scanned too."""

from __future__ import annotations

import unicodedata

import pytest

from index.analysis.analyzers import analyze, exact_term, fold_term, folding_pattern, words
from index.engine import EngineHit
from index.evaluation.alqac import corpus_units
from index.evaluation.perf import perf_queries
from index.highlight import highlight, proximity, targets
from index.rerank import scanned_text
from index.textscan import best_window, scan
from tests.conftest import shared_path


@pytest.fixture(scope="module")
def units():
    return list(corpus_units(shared_path("bench", "phapdien", "thads_law.json")))


@pytest.fixture(scope="module")
def term_sets() -> list[frozenset[str]]:
    return [frozenset(t for t in words(analyze(q).folded) if t) for q in perf_queries()]


def test_a_scan_finds_the_matches_of_the_folding_regex(units, term_sets):
    for terms in term_sets[:10]:
        for u in units[:60]:
            found = scan(u.text, terms)
            spans = [m.span() for m in folding_pattern(terms).finditer(u.text)]
            assert list(zip(found.starts, found.ends, strict=True)) == spans
            assert found.folded == [fold_term(exact_term(u.text[s:e])) for s, e in spans]
            assert set(found.folded) <= terms


def _window_by_definition(found, width):
    """Every window scored from scratch: the first with the most distinct terms and pairs."""
    best = (0, 0, -1)
    n = len(found)
    for i in range(n):
        inside = [j for j in range(i, n) if found.ends[j] <= found.starts[i] + width]
        held = {found.folded[j] for j in inside}
        held |= {
            (found.folded[j], found.folded[j + 1])
            for j in inside
            if j + 1 in inside and found.starts[j + 1] - found.ends[j] <= 2
        }
        if len(held) > best[2]:
            best = (i, found.ends[inside[-1]], len(held))
    return best


def test_the_sliding_window_is_the_best_window_by_definition(units, term_sets):
    compared = 0
    for terms in term_sets:
        for u in units[::9]:
            found = scan(u.text, terms)
            if len(found) < 2 or len(found) > 400:
                continue
            for width in (40, 240):
                got = best_window(found.starts, found.ends, found.folded, width)
                assert got == _window_by_definition(found, width), (u.key, sorted(terms), width)
                compared += 1
    assert compared > 300


def test_no_match_has_no_window():
    assert best_window([], [], [], 240) == (0, 0, -1)
    assert proximity("Điều 1. Phạm vi", frozenset({"khongco"})) == 0


def test_the_re_ranking_scan_gives_the_snippet_a_scan_of_its_own_gives(units):
    exact, folded = {"thi", "hành", "án"}, {"thi", "hanh", "an", "dan", "su"}
    wanted = targets(exact, folded)
    for u in units[:80]:
        hit = EngineHit(u.key, 1.0, {"heading": u.heading, "text": u.text})
        shared = scan(scanned_text(hit), wanted).after(len(u.heading) + 1)
        assert highlight(u.text, exact, folded, found=shared) == highlight(u.text, exact, folded)


def test_text_with_combining_marks_is_scanned_and_scored_alike(units):
    text = next(u.text for u in units if "thi hành án" in u.text)
    decomposed = unicodedata.normalize("NFD", text)
    terms = frozenset({"thi", "hanh", "an"})
    assert scan(decomposed, terms).folded == scan(text, terms).folded
    assert proximity(decomposed, terms) == proximity(text, terms)
