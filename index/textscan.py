"""Where a text uses a query's words, and the window of it that uses most of them.

A `Scan` finds the syllables of a text folding to a set of terms: their offsets and folded
forms. The text is first mapped, one character to one character, to its folded ASCII shadow
(letters folded and lower-cased, other letters and digits `_`, everything else a space) by a
table lookup in numpy; a regex of the literal terms between word boundaries then runs over the
shadow and is split at its matches in C. That takes about half the time of the regex of letter
classes over the text itself, which stays for text with combining marks and for terms that are
not plain ASCII. The re-ranking and the highlighter share one scan of each hit.
`best_window` slides a window of fixed width over the matches and keeps the first with the
most distinct words plus distinct adjacent pairs (numpy prefix sums over every window at once
were slower below a few hundred matches, so it stays a Python loop).
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass
from functools import cache, lru_cache

import numpy as np

from index.analysis.analyzers import fold_term, spans_folding_to
from index.analysis.chain import has_combining

ADJACENT = 2
"""Two matches at most this many characters apart form a pair."""
_PLAIN_TERM = re.compile(r"[a-z0-9]+")
FOLD_TABLE_BELOW = 0x2000
"""Characters folded in the shadow (as in the letter classes of `folding_pattern`)."""


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
    if has_combining(text) or not all(_PLAIN_TERM.fullmatch(t) for t in folded):
        found = spans_folding_to(text, folded)
        return Scan(
            text, [f[0] for f in found], [f[1] for f in found], [fold_term(f[2]) for f in found]
        )
    parts = _literal_pattern(folded).split(shadow(text))
    offsets = list(itertools.accumulate(map(len, parts)))
    return Scan(text, offsets[0:-1:2], offsets[1::2], parts[1::2])


def shadow(text: str) -> str:
    """`text` with each character replaced by its folded ASCII letter or digit, `_` for another
    letter or digit, a space for anything else (so offsets and word boundaries stay)."""
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    return _shadow_table()[codes].tobytes().decode("ascii")


@cache
def _shadow_table() -> np.ndarray:
    table = np.full(0x110000, ord(" "), dtype=np.uint8)
    for code in range(0x110000):
        ch = chr(code)
        if ch.isalnum():
            f = fold_term(ch.lower()) if code < FOLD_TABLE_BELOW else ""
            plain = len(f) == 1 and f.isascii() and f.isalnum()
            table[code] = ord(f) if plain else ord("_")
    return table


@lru_cache(maxsize=256)
def _literal_pattern(folded: frozenset[str]) -> re.Pattern[str]:
    """The terms as whole words of a shadow, the match captured (so `split` returns it)."""
    alternatives = sorted(folded, key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(alternatives) + r")\b", re.ASCII)


def best_window(
    starts: list[int], ends: list[int], terms: list[str], width: int
) -> tuple[int, int, int]:
    """The first match, the end and the score of the best window: it starts at a match, is
    `width` characters long, and holds the most distinct terms plus distinct adjacent pairs (at
    most `ADJACENT` characters apart); the first such window wins. `(0, 0, -1)` for no match."""
    if not starts:
        return 0, 0, -1
    ids = {t: i for i, t in enumerate(dict.fromkeys(terms))}
    term_ids = list(map(ids.__getitem__, terms))
    n, n_terms = len(starts), len(ids)
    codes: dict[int, int] = {}
    pair_ids = [-1] * n  # the pair of matches j - 1 and j, as a code after the terms' own
    for j in range(1, n):
        if starts[j] - ends[j - 1] <= ADJACENT:  # matches never overlap
            pair = term_ids[j - 1] * n_terms + term_ids[j]
            pair_ids[j] = codes.setdefault(pair, n_terms + len(codes))
    # counted as the window slides; stops at the first window holding every distinct term and
    # pair of the text (none can beat it)
    ceiling = n_terms + len(codes)
    counts = [0] * ceiling
    distinct = 0
    best = best_end = 0
    best_score = -1
    j = 0
    for i in range(n):
        limit = starts[i] + width
        while j < n and ends[j] <= limit:
            k = term_ids[j]
            if not counts[k]:
                distinct += 1
            counts[k] += 1
            if j > i and (k := pair_ids[j]) >= 0:
                if not counts[k]:
                    distinct += 1
                counts[k] += 1
            j += 1
        if distinct > best_score:
            best, best_end, best_score = i, ends[j - 1], distinct
            if distinct == ceiling:
                break
        k = term_ids[i]
        counts[k] -= 1
        if not counts[k]:
            distinct -= 1
        if i + 1 < j and (k := pair_ids[i + 1]) >= 0:
            counts[k] -= 1
            if not counts[k]:
                distinct -= 1
    return best, best_end, best_score
