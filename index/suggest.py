""" "Did you mean" for queries that find nothing, and "more like this" for a unit."""

from __future__ import annotations

import difflib
import math
from collections import Counter
from typing import TYPE_CHECKING

from index.analysis.analyzers import analyze, words
from index.engine import Term
from index.query import ParsedQuery

if TYPE_CHECKING:
    from index.service import SearchIndex

MLT_TERMS = 25


def did_you_mean(q: ParsedQuery, vocabulary: dict[str, int]) -> str | None:
    """The query with each syllable the index does not know replaced by its likeliest neighbour.

    `vocabulary` is the folded syllables with their document frequencies; a replacement is the
    most frequent syllable within a small edit distance. None when nothing would change.
    """
    if not vocabulary:
        return None
    changed = False
    out = []
    for term, folded in zip(q.exact, q.folded, strict=True):
        if not term:
            continue
        if folded in vocabulary:
            out.append(term)
            continue
        close = difflib.get_close_matches(folded, _candidates(folded, vocabulary), n=5, cutoff=0.6)
        if close:
            best = max(
                close,
                key=lambda c: (difflib.SequenceMatcher(None, folded, c).ratio(), vocabulary[c]),
            )
            out.append(best)
            changed = True
        else:
            out.append(term)
    return " ".join(out) if changed else None


def _candidates(term: str, vocabulary: dict[str, int]) -> list[str]:
    n = len(term)
    return [v for v in vocabulary if abs(len(v) - n) <= 2 and " " not in v]


def similar_clauses(text: str, heading: str, index: SearchIndex) -> list[Term]:
    """The unit's most telling syllables and pairs (tf × idf), as scored clauses."""
    analysis = analyze(f"{heading}\n{text}")
    total = max(1, index.engine.doc_count())
    scored: list[tuple[float, Term]] = []
    for field, terms in (("body", words(analysis.exact)), ("bi_f", analysis.folded_bigrams)):
        for term, tf in Counter(terms).items():
            df = index.engine.doc_frequency(field, term)
            if df == 0 or df > total * 0.5:
                continue
            weight = (1 + math.log(tf)) * math.log(total / df)
            scored.append((weight, Term(field, term, 1.0)))
    scored.sort(key=lambda x: -x[0])
    top = scored[:MLT_TERMS]
    if not top:
        return []
    peak = top[0][0]
    return [Term(t.field, t.text, round(w / peak, 3)) for w, t in top]
