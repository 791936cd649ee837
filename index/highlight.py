"""Snippets and highlights from character offsets, on the original text.

The text is analyzed again (exact and folded tokens share offsets); a token is marked when its
exact form is a query term, or its folded form matches a query term typed without marks (or
when folded matching is asked for). The best window is the one with the most distinct query
terms, adjacent matches counting extra; the snippet keeps the text's own diacritics.
"""

from __future__ import annotations

import html
import itertools
from dataclasses import dataclass

from index.analysis.analyzers import fold_term, folded_spans, spans_folding_to

MARK_OPEN = "<mark>"
MARK_CLOSE = "</mark>"
WIDTH = 240
"""Characters of a snippet (and of the window `proximity` scores)."""


@dataclass(slots=True)
class Snippet:
    text: str
    """HTML-escaped text with `<mark>` around matches."""
    start: int
    end: int
    """The window in the original text."""
    matches: int


def highlight(
    text: str,
    exact_terms: set[str],
    folded_terms: set[str],
    width: int = WIDTH,
) -> Snippet:
    """The best window of `text` with the query's terms marked."""
    targets = frozenset({fold_term(t) for t in exact_terms} | folded_terms)
    found = spans_folding_to(text, targets)
    marked: dict[str, str | None] = {}  # exact term seen → marked as itself, folded, or not
    for term in {span[2] for span in found}:
        if term in exact_terms:
            marked[term] = term
        else:
            f = fold_term(term)
            marked[term] = f if f in folded_terms else None
    marks = [(s, e, m) for s, e, t in found if (m := marked[t]) is not None]
    if not marks:
        end = _cut(text, min(len(text), width))
        return Snippet(_escape(text[:end]) + ("…" if end < len(text) else ""), 0, end, 0)
    best, best_end, _ = _best_window(marks, width)
    first = marks[best][0]
    lead = min(first, max(first - width // 6, best_end - width + 8))
    start = _back_to_boundary(text, max(0, lead))
    end = _cut(text, min(len(text), start + width))
    out = []
    pos = start
    count = 0
    for s, e, _ in marks:
        if s < start or e > end:
            continue
        out.append(_escape(text[pos:s]))
        out.append(MARK_OPEN + _escape(text[s:e]) + MARK_CLOSE)
        pos = e
        count += 1
    out.append(_escape(text[pos:end]))
    body = "".join(out).replace("\n", " ")
    return Snippet(
        ("…" if start > 0 else "") + body + ("…" if end < len(text) else ""), start, end, count
    )


def _best_window(marks: list[tuple[int, int, str]], width: int) -> tuple[int, int, int]:
    """The first mark, the end and the score of the window (starting at a mark, `width` long)
    with the most distinct terms plus distinct adjacent pairs (at most 2 characters apart); the
    first such window wins. Counted as the window slides, so long texts stay linear; the slide stops
    at the first window holding every distinct term and pair of the text (none can beat it)."""
    ids: dict[object, int] = {}
    term_ids = [ids.setdefault(m[2], len(ids)) for m in marks]
    pair_ids = [
        ids.setdefault((a[2], b[2]), len(ids)) if 0 <= b[0] - a[1] <= 2 else -1
        for a, b in itertools.pairwise(marks)
    ]
    ceiling = len(ids)
    counts = [0] * len(ids)
    distinct = 0
    best, best_end, best_score = 0, 0, -1
    j = 0
    n = len(marks)
    for i, (start, _, _) in enumerate(marks):
        while j < n and marks[j][1] <= start + width:
            k = term_ids[j]
            counts[k] += 1
            distinct += counts[k] == 1
            if j > i and (k := pair_ids[j - 1]) >= 0:
                counts[k] += 1
                distinct += counts[k] == 1
            j += 1
        if distinct > best_score:
            best, best_end, best_score = i, marks[j - 1][1], distinct
            if distinct == ceiling:
                break
        k = term_ids[i]
        counts[k] -= 1
        distinct -= counts[k] == 0
        if i + 1 < j and (k := pair_ids[i]) >= 0:
            counts[k] -= 1
            distinct -= counts[k] == 0
    return best, best_end, best_score


def proximity(text: str, folded_terms: frozenset[str], width: int = WIDTH) -> int:
    """How close together `text` uses the query's words: the distinct terms plus distinct
    adjacent pairs of them in the best window (the one a snippet would show), matched folded."""
    marks = folded_spans(text, folded_terms)
    return _best_window(marks, width)[2] if marks else 0


def _escape(s: str) -> str:
    return html.escape(s, quote=False)


def _back_to_boundary(text: str, pos: int) -> int:
    """Move back to a word start (not inside a syllable)."""
    while pos > 0 and text[pos - 1].isalnum():
        pos -= 1
    return pos


def _cut(text: str, pos: int) -> int:
    """Move forward to the end of the word at `pos`."""
    while pos < len(text) and text[pos].isalnum():
        pos += 1
    return pos


def plain(snippet: str) -> str:
    """A snippet for a terminal: marks as `[…]`, entities decoded."""
    return html.unescape(snippet.replace(MARK_OPEN, "[").replace(MARK_CLOSE, "]"))
