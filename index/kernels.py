"""Hot loops compiled to native code (Numba): two of a search's re-ranking and snippets, two of
a Tantivy build's derived fields, one of the analysis chain.

`find_terms` walks a text's code points once: it folds each letter through a table, makes each
word a number (base 37 over `a`–`z` and `0`–`9`) and looks it up among the terms' numbers.
`best_window` slides a window of fixed width over the matches and counts distinct terms and
adjacent pairs as it goes. Python calls them through `index.textscan`, which keeps the plain
Python and regex paths for what these do not take (text with combining marks, long terms).

`fold_codes` maps each code point of a text through a table; `pair_codes` turns a text of
space-separated terms into the text of their adjacent pairs. `index.tantivy_text` calls them to
make a record's folded twins and pairs from its exact terms, and keeps the Python analysis for
what these do not take (a character that folds to none or several). `syllable_codes` splits a
long text into syllables for the analysis chain (`index.analysis.chain`), which keeps its regex
for short texts and for characters beyond its table.

All are plain Python that Numba compiles: `compiled()` imports Numba on first use (a fifth of a
second and over 100 MB, which only a process that searches or indexes pays), compiles them or
loads them from the cache beside this file (or the user's cache folder when that is not
writable; with neither, each process compiles them: about 4 s for all five). Compiled, they
release the GIL, so the counting thread's native work is not held up.
"""

from __future__ import annotations

from functools import cache
from types import SimpleNamespace

import numpy as np

ALPHABET = 37
"""A word's number: its letters and digits as digits in base 37 (0 never stands for one)."""
OTHER = 37
"""The table's code for a letter or digit that folds to no ASCII letter or digit."""
MARK = 38
"""The table's code for a combining mark: text that has one is not taken here."""
LONGEST = 12
"""The longest term these take: 37^12 still fits in a signed 64-bit number."""


def find_terms(
    codes: np.ndarray, table: np.ndarray, keys: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, bool]:
    """The words of `codes` (code points) whose number is in `keys` (sorted): their starts,
    ends and indexes in `keys`, and False instead if the text has a combining mark.

    `table` gives each code point 0 (not a word character), 1–36 (folds to `a`–`z`, `0`–`9`),
    `OTHER` or `MARK`. A word holding an `OTHER`, or longer than `LONGEST`, matches no term."""
    n = codes.size
    starts = np.empty(n // 2 + 1, np.int64)
    ends = np.empty(n // 2 + 1, np.int64)
    which = np.empty(n // 2 + 1, np.int64)
    m = 0
    i = 0
    while i < n:
        c = table[codes[i]]
        if c == 0:
            i += 1
            continue
        start = i
        key = 0
        plain = True
        while i < n:
            c = table[codes[i]]
            if c == 0:
                break
            if c == MARK:
                return starts[:0], ends[:0], which[:0], False
            if c == OTHER or i - start >= LONGEST:
                plain = False
            else:
                key = key * ALPHABET + c
            i += 1
        if plain:
            k = np.searchsorted(keys, key)
            if k < keys.size and keys[k] == key:
                starts[m] = start
                ends[m] = i
                which[m] = k
                m += 1
    return starts[:m], ends[:m], which[:m], True


def best_window(
    starts: np.ndarray, ends: np.ndarray, ids: np.ndarray, width: int, adjacent: int
) -> tuple[int, int, int]:
    """The first match, the end and the score of the first best window (see
    `index.textscan.best_window`); `ids` numbers the matches' terms from 0. At least one
    match."""
    n = starts.size
    n_terms = ids.max() + 1
    pair_keys = np.full(n, -1, np.int64)  # the pair of matches j - 1 and j, as a number
    for j in range(1, n):
        if starts[j] - ends[j - 1] <= adjacent:  # matches never overlap
            pair_keys[j] = ids[j - 1] * n_terms + ids[j]
    pair_ids = np.full(n, -1, np.int64)  # each distinct pair's counter, after the terms'
    ceiling = n_terms  # counters in all: once every one is held, no window can do better
    last = -1
    for j in np.argsort(pair_keys):
        if pair_keys[j] >= 0:
            if pair_keys[j] != last:
                last = pair_keys[j]
                ceiling += 1
            pair_ids[j] = ceiling - 1
    counts = np.zeros(ceiling, np.int64)
    distinct = 0
    best = 0
    best_end = 0
    best_score = -1
    j = 0
    for i in range(n):
        limit = starts[i] + width
        while j < n and ends[j] <= limit:
            k = ids[j]
            if counts[k] == 0:
                distinct += 1
            counts[k] += 1
            if j > i and pair_ids[j] >= 0:
                k = pair_ids[j]
                if counts[k] == 0:
                    distinct += 1
                counts[k] += 1
            j += 1
        if distinct > best_score:
            best, best_end, best_score = i, ends[j - 1], distinct
            if distinct == ceiling:
                break
        k = ids[i]
        counts[k] -= 1
        if counts[k] == 0:
            distinct -= 1
        if i + 1 < j and pair_ids[i + 1] >= 0:
            k = pair_ids[i + 1]
            counts[k] -= 1
            if counts[k] == 0:
                distinct -= 1
    return best, best_end, best_score


def fold_codes(codes: np.ndarray, table: np.ndarray) -> tuple[np.ndarray, bool]:
    """Each code point of `codes` replaced by `table`'s (its one folded code point), and True;
    False instead if one is beyond the table or has -1 there (it folds to none or several)."""
    n = codes.size
    out = np.empty(n, np.uint32)
    for i in range(n):
        c = codes[i]
        if c >= table.size or table[c] < 0:
            return out[:0], False
        out[i] = table[c]
    return out, True


def pair_codes(codes: np.ndarray, space: int, gap: int, joiner: int) -> np.ndarray:
    """The code points of a text of terms separated by `space` made into the text of each two
    adjacent terms joined by `joiner`, separated by `space`; a term that is the lone code point
    `gap` is a break, which no pair crosses."""
    n = codes.size
    out = np.empty(2 * n + 1, np.uint32)
    m = 0
    last_start = -1  # the previous term (-1: none, or a break)
    last_end = -1
    i = 0
    while i < n:
        if codes[i] == space:
            i += 1
            continue
        start = i
        while i < n and codes[i] != space:
            i += 1
        if i - start == 1 and codes[start] == gap:
            last_start = -1
            continue
        if last_start >= 0:
            if m > 0:
                out[m] = space
                m += 1
            out[m : m + last_end - last_start] = codes[last_start:last_end]
            m += last_end - last_start
            out[m] = joiner
            m += 1
            out[m : m + i - start] = codes[start:i]
            m += i - start
        last_start = start
        last_end = i
    return out[:m]


WORD = 1
"""`syllable_codes`' class of a letter, a digit or a combining mark."""
BREAK = 2
"""`syllable_codes`' class of sentence punctuation or a line end."""


def syllable_codes(codes: np.ndarray, classes: np.ndarray, space: int) -> tuple[np.ndarray, bool]:
    """The runs of `WORD` code points of `codes`, separated by one `space`, or by two where the
    characters between two runs hold a `BREAK`; and True. False instead if a code point is
    beyond `classes` (0: any other character)."""
    n = codes.size
    out = np.empty(2 * n + 2, np.uint32)
    m = 0
    i = 0
    started = False
    broken = False
    while i < n:
        c = codes[i]
        if c >= classes.size:
            return out[:0], False
        kind = classes[c]
        if kind == WORD:
            if started:
                out[m] = space
                m += 1
                if broken:
                    out[m] = space
                    m += 1
            while i < n and codes[i] < classes.size and classes[codes[i]] == WORD:
                out[m] = codes[i]
                m += 1
                i += 1
            started = True
            broken = False
            continue
        if kind == BREAK:
            broken = True
        i += 1
    return out[:m], True


@cache
def compiled() -> SimpleNamespace:
    """The loops above compiled (Numba imported on this first call). Where no cache folder is
    writable, they are compiled again in each process (seconds, not an error)."""
    import numba

    def loops(**options: bool) -> SimpleNamespace:
        native = numba.njit(nogil=True, **options)
        functions = (find_terms, best_window, fold_codes, pair_codes, syllable_codes)
        return SimpleNamespace(**{f.__name__: native(f) for f in functions})

    try:
        return loops(cache=True)
    except RuntimeError:  # "cannot cache function …: no locator available"
        return loops()
