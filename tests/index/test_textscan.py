"""Scans and windows on real law text and on generated text: the native scan finds what the
folding regex finds (long terms, long words, letters that fold to nothing plain, odd characters
included), the native sliding window is the best window by definition, a scan shared with the
re-ranking gives the same snippet, and text with combining marks is scanned too."""

from __future__ import annotations

import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from index.analysis.analyzers import analyze, exact_term, fold_term, folding_pattern, words
from index.engine import EngineHit
from index.evaluation.alqac import corpus_units
from index.evaluation.perf import perf_queries
from index.highlight import highlight, proximity, targets
from index.kernels import LONGEST
from index.rerank import scanned_text
from index.textscan import Scan, best_window, scan
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


def _regex_scan(text: str, terms: frozenset[str]) -> list[tuple[int, int, str]]:
    return [
        (m.start(), m.end(), fold_term(exact_term(m.group())))
        for m in folding_pattern(terms).finditer(text)
    ]


PIECES = (
    "thi", "hành", "án", "THI", "HÀNH", "Án", "an", "ăn", "đ", "Đ", "d", "dân", "sự", "su", "7",
    "35", "2015", "7a", "a7", "thihanhanthihanh", "123456789012345", "abcdefghijkl", "_", "中",
    "ß", "ǆ", "😀", "\ud800", " ", "  ", "\n", ",", ".", "-", "(", ")", "“", "”",
)  # fmt: skip
TERMS = ("thi", "hanh", "an", "d", "dan", "su", "7", "35", "2015", "7a", "abcdefghijkl")


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(PIECES), max_size=40),
    st.sets(st.sampled_from(TERMS), min_size=1),
)
def test_a_scan_of_generated_text_finds_the_matches_of_the_folding_regex(pieces, terms):
    text = "".join(pieces)
    found = scan(text, frozenset(terms))
    assert list(zip(found.starts, found.ends, found.folded, strict=True)) == _regex_scan(
        text, frozenset(terms)
    )


def test_terms_and_words_longer_than_the_native_scan_takes_are_still_matched_whole(units):
    text = next(u.text for u in units if "thi hành án" in u.text)
    long_number = "1" * (LONGEST + 3)
    written = f"{text} Số {long_number} và thihanhanthihanhan, {'a' * LONGEST}."
    for terms in (
        frozenset({"thi", "hanh", long_number}),  # a term too long: the regex path
        frozenset({"thi", "an", "a" * LONGEST}),  # the longest term the native path takes
    ):
        found = scan(written, terms)
        assert list(zip(found.starts, found.ends, found.folded, strict=True)) == _regex_scan(
            written, terms
        )
        assert set(found.folded) == terms


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 6), st.sampled_from(["thi", "hanh", "an", "dan", "su"])),
        max_size=60,
    ),
    st.sampled_from([4, 12, 40, 240]),
)
def test_the_native_window_is_the_best_window_by_definition_on_generated_matches(gaps, width):
    starts, ends, folded = [], [], []
    at = 0
    for gap, term in gaps:
        at += gap
        starts.append(at)
        at += len(term)
        ends.append(at)
        folded.append(term)
    found = Scan(" " * at, starts, ends, folded)
    assert best_window(starts, ends, folded, width) == _window_by_definition(found, width)


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


def test_the_kernels_work_where_no_cache_folder_is_writable():
    """Numba finds no cache folder it may write (as when the package and the home folder are
    read-only): the kernels are compiled in the process instead of failing the search."""
    code = (
        "import index.textscan as T;"
        "f = T.scan('Thi hành án dân sự', frozenset({'thi', 'an'}));"
        "print(f.folded, T.best_window(f.starts, f.ends, f.folded, 240))"
    )
    env = {**os.environ, "NUMBA_CACHE_LOCATOR_CLASSES": "ZipCacheLocator"}
    done = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "['thi', 'an'] (0, 11, 2)"


def test_warming_up_compiles_both_kernels_before_any_search():
    code = (
        "from index import kernels, textscan;"
        "textscan.warm_up();"
        "k = kernels.compiled();"
        "print(len(k.find_terms.signatures), len(k.best_window.signatures))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["1", "1"]
