"""Where a text uses a query's words, and the window of it that uses most of them.

A `Scan` finds the syllables of a text folding to a set of terms: their offsets and folded
forms. `index.kernels.find_terms` does it in one native pass over the text's code points, each
folded through a table (letters folded and lower-cased, as in the letter classes of
`folding_pattern`); text with combining marks, and terms that are not plain ASCII or are longer
than `kernels.LONGEST`, take the regex of letter classes instead. The re-ranking and the
highlighter share one scan of each hit. `best_window` slides a window of fixed width over the
matches and keeps the first with the most distinct words plus distinct adjacent pairs
(`index.kernels.best_window`). Numba is imported on the first scan, not with this module.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache, lru_cache

import numpy as np

from index import kernels
from index.analysis.analyzers import FOLDED_BELOW, fold_term, spans_folding_to

ADJACENT = 2
"""Two matches at most this many characters apart form a pair."""
_PLAIN_TERM = re.compile(r"[a-z0-9]+")
_DIGIT_OF = {ch: i + 1 for i, ch in enumerate("abcdefghijklmnopqrstuvwxyz0123456789")}
"""A plain term's characters as digits of its number (`kernels.ALPHABET`)."""


@dataclass(frozen=True, slots=True)
class Scan:
    """The matches of a scan, in text order: offsets and folded terms, in `text`."""

    text: str
    starts: list[int]
    ends: list[int]
    folded: list[str]

    def __len__(self) -> int:
        return len(self.starts)

    @property
    def surfaces(self) -> list[str]:
        """The matches as written."""
        return [self.text[s:e] for s, e in zip(self.starts, self.ends, strict=True)]

    def after(self, offset: int) -> Scan:
        """The scan of `text[offset:]`: the matches from there, offsets counted from there."""
        i = bisect.bisect_left(self.starts, offset)
        return Scan(
            self.text[offset:],
            [s - offset for s in self.starts[i:]],
            [e - offset for e in self.ends[i:]],
            self.folded[i:],
        )


def scan(text: str, folded: frozenset[str]) -> Scan:
    """The syllables of `text` whose folded form is in `folded` (a whole syllable, either case,
    any marks)."""
    if "" in folded:
        folded = folded - {""}
    if not folded or not text:
        return Scan(text, [], [], [])
    keyed = _keyed(folded)
    if keyed is not None:
        keys, terms = keyed
        codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        starts, ends, which, taken = kernels.compiled().find_terms(codes, _code_table(), keys)
        if taken:
            folds = list(map(terms.__getitem__, which.tolist()))
            return Scan(text, starts.tolist(), ends.tolist(), folds)
    found = spans_folding_to(text, folded)
    return Scan(
        text, [f[0] for f in found], [f[1] for f in found], [fold_term(f[2]) for f in found]
    )


def _key(term: str) -> int:
    """A plain term's number, as `kernels.find_terms` makes a word's."""
    key = 0
    for ch in term:
        key = key * kernels.ALPHABET + _DIGIT_OF[ch]
    return key


@lru_cache(maxsize=256)
def _keyed(folded: frozenset[str]) -> tuple[np.ndarray, list[str]] | None:
    """The terms' numbers, sorted, and the terms in that order; None if one is not plain
    ASCII or is longer than the kernel takes."""
    if not all(_PLAIN_TERM.fullmatch(t) and len(t) <= kernels.LONGEST for t in folded):
        return None
    terms = sorted(folded, key=_key)
    return np.array([_key(t) for t in terms], dtype=np.int64), terms


@cache
def _code_table() -> np.ndarray:
    """Each code point's code for `kernels.find_terms`."""
    table = np.zeros(0x110000, dtype=np.uint8)
    table[0x300:0x370] = kernels.MARK
    for code in range(0x110000):
        ch = chr(code)
        if ch.isalnum():
            f = fold_term(ch.lower()) if code < FOLDED_BELOW else ""
            table[code] = _DIGIT_OF.get(f, kernels.OTHER) if len(f) == 1 else kernels.OTHER
    return table


def best_window(
    starts: list[int], ends: list[int], terms: list[str], width: int
) -> tuple[int, int, int]:
    """The first match, the end and the score of the best window: it starts at a match, is
    `width` characters long, and holds the most distinct terms plus distinct adjacent pairs (at
    most `ADJACENT` characters apart); the first such window wins. `(0, 0, -1)` for no match."""
    if not starts:
        return 0, 0, -1
    ids = {t: i for i, t in enumerate(dict.fromkeys(terms))}
    return kernels.compiled().best_window(
        np.array(starts, dtype=np.int64),
        np.array(ends, dtype=np.int64),
        np.fromiter(map(ids.__getitem__, terms), dtype=np.int64, count=len(terms)),
        width,
        ADJACENT,
    )


def warm_up() -> None:
    """Build the fold table and compile (or load from the cache) the native loops, so that a
    server's first search does not wait for them (about 0.4 s, seconds the first time after an
    install)."""
    found = scan("Thi hành án", frozenset({"thi", "hanh", "an"}))
    best_window(found.starts, found.ends, found.folded, 40)
