"""Snippets and highlights from character offsets, on the original text.

The text is analyzed again (exact and folded tokens share offsets); a token is marked when its
exact form is a query term, or its folded form matches a query term typed without marks (or
when folded matching is asked for). The best window is the one with the most distinct query
terms, adjacent matches counting extra; the snippet keeps the text's own diacritics.
"""

from __future__ import annotations

import html
import itertools
from collections import Counter
from dataclasses import dataclass

from index.analysis.analyzers import fold_term, spans_folding_to

MARK_OPEN = "<mark>"
MARK_CLOSE = "</mark>"


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
    width: int = 240,
) -> Snippet:
    """The best window of `text` with the query's terms marked."""
    marks: list[tuple[int, int, str]] = []
    targets = frozenset({fold_term(t) for t in exact_terms} | folded_terms)
    for start, end, term in spans_folding_to(text, targets):
        if term in exact_terms:
            marks.append((start, end, term))
        elif folded_terms:
            f = fold_term(term)
            if f in folded_terms:
                marks.append((start, end, f))
    if not marks:
        end = _cut(text, min(len(text), width))
        return Snippet(_escape(text[:end]) + ("…" if end < len(text) else ""), 0, end, 0)
    best, best_end = _best_window(marks, width)
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


def _best_window(marks: list[tuple[int, int, str]], width: int) -> tuple[int, int]:
    """The first mark and the end of the window (starting at a mark, `width` long) with the
    most distinct terms plus distinct adjacent pairs (at most 2 characters apart); the first
    such window wins. Counted as the window slides, so long texts stay linear."""
    pairs: list[tuple[str, str] | None] = [
        (a[2], b[2]) if 0 <= b[0] - a[1] <= 2 else None for a, b in itertools.pairwise(marks)
    ]
    terms: Counter[str] = Counter()
    joined: Counter[tuple[str, str]] = Counter()
    best, best_end, best_score = 0, 0, -1
    j = 0
    for i, (start, _, _) in enumerate(marks):
        while j < len(marks) and marks[j][1] <= start + width:
            terms[marks[j][2]] += 1
            if j > i and pairs[j - 1] is not None:
                joined[pairs[j - 1]] += 1
            j += 1
        score = len(terms) + len(joined)
        if score > best_score:
            best, best_end, best_score = i, marks[j - 1][1], score
        _drop(terms, marks[i][2])
        if i + 1 < j and pairs[i] is not None:
            _drop(joined, pairs[i])
    return best, best_end


def _drop(counter: Counter, key: object) -> None:
    counter[key] -= 1
    if not counter[key]:
        del counter[key]


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
