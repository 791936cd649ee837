"""Snippets and highlights from character offsets, on the original text.

The text is analyzed again (exact and folded tokens share offsets); a token is marked when its
exact form is a query term, or its folded form matches a query term typed without marks (or
when folded matching is asked for). The best window is the one with the most distinct query
terms, adjacent matches counting extra; the snippet keeps the text's own diacritics.
"""

from __future__ import annotations

import bisect
import html
from dataclasses import dataclass

from index.analysis.analyzers import exact_term, fold_term
from index.textscan import Scan, best_window, scan

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
    found: Scan | None = None,
) -> Snippet:
    """The best window of `text` with the query's terms marked. `found` is a scan of `text`
    already made for these terms (or more), such as the re-ranking's."""
    if found is None:
        found = scan(text, targets(exact_terms, folded_terms))
    surfaces = found.surfaces
    marked: dict[str, str | None] = {}  # as written → marked as its exact term, folded, or not
    for surface in set(surfaces):
        term = exact_term(surface)
        if term in exact_terms:
            marked[surface] = term
        else:
            f = fold_term(term)
            marked[surface] = f if f in folded_terms else None
    marks = [
        (s, e, m)
        for s, e, w in zip(found.starts, found.ends, surfaces, strict=True)
        if (m := marked[w]) is not None
    ]
    if not marks:
        end = _cut(text, min(len(text), width))
        return Snippet(_escape(text[:end]) + ("…" if end < len(text) else ""), 0, end, 0)
    starts, ends, terms = (list(x) for x in zip(*marks, strict=True))
    best, best_end, _ = best_window(starts, ends, terms, width)
    first = starts[best]
    lead = min(first, max(first - width // 6, best_end - width + 8))
    start = _back_to_boundary(text, max(0, lead))
    end = _cut(text, min(len(text), start + width))
    out = []
    pos = start
    count = 0
    for s, e, _ in marks[bisect.bisect_left(starts, start) :]:
        if e > end:
            break
        out.append(_escape(text[pos:s]))
        out.append(MARK_OPEN + _escape(text[s:e]) + MARK_CLOSE)
        pos = e
        count += 1
    out.append(_escape(text[pos:end]))
    body = "".join(out).replace("\n", " ")
    return Snippet(
        ("…" if start > 0 else "") + body + ("…" if end < len(text) else ""), start, end, count
    )


def targets(exact_terms: set[str], folded_terms: set[str]) -> frozenset[str]:
    """The folded forms a highlight of these terms looks for."""
    return frozenset({fold_term(t) for t in exact_terms} | folded_terms)


def proximity(text: str, folded_terms: frozenset[str], width: int = WIDTH) -> int:
    """How close together `text` uses the query's words: the distinct terms plus distinct
    adjacent pairs of them in the best window (the one a snippet would show), matched folded."""
    return proximity_in(scan(text, folded_terms), folded_terms, width)


def proximity_in(found: Scan, folded_terms: frozenset[str], width: int = WIDTH) -> int:
    """`proximity` from a scan of the text for these terms (or more)."""
    folded = found.folded
    if not folded:
        return 0
    starts, ends = found.starts, found.ends
    if not folded_terms.issuperset(folded):
        kept = [k for k, f in enumerate(folded) if f in folded_terms]
        if not kept:
            return 0
        starts, ends, folded = ([xs[k] for k in kept] for xs in (starts, ends, folded))
    return best_window(starts, ends, folded, width)[2]


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
