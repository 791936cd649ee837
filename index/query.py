"""A user's query, read: free text, quoted phrases, citations, số hiệu; then engine clauses.

Nothing the user types reaches an engine's own query parser: quotes, colons, `AND`/`OR`/`NOT`,
wildcards are text (punctuation is dropped by the tokenizer), so odd input cannot inject
syntax. Very long queries are cut to `MAX_QUERY_CHARS`.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from corpus.model import Reference
from corpus.vntext import clean_line
from index.analysis.analyzers import analyze, fold_term, has_marks, words
from index.analysis.chain import GAP
from index.analysis.expansion import Expansion, default_expansions
from index.citequery import citations_in, number_keys_in
from index.engine import Phrase, Scored, Term
from index.ranking import Weights

MAX_QUERY_CHARS = 2000
MAX_TERMS = 64
MAX_TERM_CHARS = 40
_QUOTED = re.compile(r"[\"“”„«»]([^\"“”„«»]+)[\"“”„«»]")


@dataclass(slots=True)
class ParsedQuery:
    """What a query asks for."""

    raw: str
    exact: list[str]
    """Free-text terms (citation and số hiệu spans removed), with `GAP` markers."""
    folded: list[str]
    marked: bool
    """Whether the user typed diacritics (then exact matches count more than folded ones)."""
    phrases: list[list[str]] = field(default_factory=list)
    refs: list[Reference] = field(default_factory=list)
    numbers: list[str] = field(default_factory=list)
    expansions: list[Expansion] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (words(self.exact) or self.refs or self.numbers or self.phrases)


def parse_query(raw: str) -> ParsedQuery:
    """Read a query; never raises on odd input."""
    text = clean_line(str(raw))[:MAX_QUERY_CHARS]
    phrases = [words(analyze(m.group(1)).exact) for m in _QUOTED.finditer(text)]
    spans: list[tuple[int, int]] = []
    refs: list[Reference] = []
    for c in citations_in(text):
        refs.extend(c.refs)
        spans.append((c.start, c.end))
    numbers = []
    for start, end, key in number_keys_in(text):
        if not any(s <= start < e for s, e in spans):
            numbers.append(key)
            spans.append((start, end))
    free = text
    for s, e in sorted(spans, reverse=True):
        free = free[:s] + " . " + free[e:]
    analysis = analyze(free)
    exact = _trim(analysis.exact)
    folded = [fold_term(t) for t in exact]
    marked = any(has_marks(t) for t in exact) or any(has_marks(t) for p in phrases for t in p)
    return ParsedQuery(
        raw=text,
        exact=exact,
        folded=folded,
        marked=marked,
        phrases=[p for p in phrases if p],
        refs=refs,
        numbers=list(dict.fromkeys(numbers)),
        expansions=default_expansions().find(folded),
    )


def _trim(terms: list[str]) -> list[str]:
    out: list[str] = []
    n = 0
    for t in terms:
        if t == GAP:
            if out and out[-1] != GAP:
                out.append(t)
            continue
        n += 1
        if n > MAX_TERMS:
            break
        out.append(t[:MAX_TERM_CHARS])
    while out and out[-1] == GAP:
        out.pop()
    return out


def scored_clauses(q: ParsedQuery, w: Weights) -> list[Scored]:
    """The query's free text as weighted term clauses over the twin fields."""
    boosts: dict[tuple[str, str], float] = {}

    def put(fieldname: str, term: str, boost: float) -> None:
        if boost > 0 and term:
            key = (fieldname, term)
            boosts[key] = max(boosts.get(key, 0.0), boost)

    def unigram(term: str, scale: float, exact: bool) -> None:
        folded = fold_term(term)
        for name, weight in (("title", w.title), ("head", w.head), ("body", w.body)):
            if exact:
                put(name, term, weight * scale)
                put(f"{name}_f", folded, weight * scale * w.folded)
            else:
                put(f"{name}_f", folded, weight * scale)

    def bigrams(terms: list[str], scale: float, exact: bool) -> None:
        for a, b in itertools.pairwise(terms):
            if a == GAP or b == GAP:
                continue
            if exact and has_marks(a) and has_marks(b):
                put("bi", f"{a} {b}", w.bi * scale)
                put("bi_f", f"{fold_term(a)} {fold_term(b)}", w.bi * scale * w.folded)
            else:
                put("bi_f", f"{fold_term(a)} {fold_term(b)}", w.bi * scale)

    for t in q.exact:
        if t != GAP:
            unigram(t, 1.0, q.marked and has_marks(t))
    bigrams(q.exact, 1.0, q.marked)
    for e in q.expansions:
        for t in e.terms:
            unigram(t, w.expansion, True)
        bigrams(list(e.terms), w.expansion, True)
    return [Term(f, t, b) for (f, t), b in boosts.items()]


def phrase_clauses(q: ParsedQuery, w: Weights) -> list[Scored]:
    """Each quoted phrase must match: in the exact body when typed with marks, else folded."""
    out: list[Scored] = []
    for p in q.phrases:
        if any(has_marks(t) for t in p):
            out.append(Phrase("body", tuple(p), w.phrase))
        else:
            out.append(Phrase("body_f", tuple(fold_term(t) for t in p), w.phrase))
    return out
