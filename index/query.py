"""A user's query, read: free text, quoted phrases, citations, số hiệu; then engine clauses.

Nothing the user types reaches an engine's own query parser: quotes, colons, `AND`/`OR`/`NOT`,
wildcards are text (punctuation is dropped by the tokenizer), so odd input cannot inject
syntax. Very long queries are cut to `MAX_QUERY_CHARS`.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Callable
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
COMMON_SHARE = 0.5
"""A free-text term found in more than this share of the records is left out of a search (see
`without_common`)."""
COMMON_MIN_RECORDS = 10_000
"""Below this many records nothing is left out: searching is cheap there, and on the ALQAC
corpora (1,400–2,250 articles) leaving the terms out cost ALQAC 2024 two questions of R@10."""
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


def parse_query(raw: str, on: dt.date | None = None) -> ParsedQuery:
    """Read a query; never raises on odd input. `on`: the date a cited law name means."""
    text = clean_line(str(raw))[:MAX_QUERY_CHARS]
    phrases = [words(analyze(m.group(1)).exact) for m in _QUOTED.finditer(text)]
    spans: list[tuple[int, int]] = []
    cited_spans: list[tuple[int, int]] = []
    refs: list[Reference] = []
    for c in citations_in(text, on):
        refs.extend(c.refs)
        cited_spans.append((c.start, c.end))
        if any(r.law for r in c.refs):
            # a law the registry knows: the lookup finds it. An unknown name's words stay in
            # the free text (they rank its articles) and the lookup goes by document title.
            spans.append((c.start, c.end))
    numbers = []
    for start, end, key in number_keys_in(text):
        if not any(s <= start < e for s, e in cited_spans):
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


@dataclass(frozen=True, slots=True)
class QueryTerm:
    """One term of the free text, before weighting.

    `group` is the field group (`title`, `head`, `body`, `bi`); `twin` says whether this is the
    folded twin of a term typed with marks; `expanded` whether it comes from the dictionary.
    """

    field: str
    text: str
    group: str
    twin: bool = False
    expanded: bool = False

    def weight(self, w: Weights) -> float:
        value = getattr(w, self.group)
        if self.twin:
            value *= w.folded
        if self.expanded:
            value *= w.expansion
        return value


def query_terms(q: ParsedQuery) -> list[QueryTerm]:
    """The free text's terms over the twin fields, each (field, term) once, typed words first."""
    out: dict[tuple[str, str], QueryTerm] = {}

    def put(t: QueryTerm) -> None:
        if t.text:
            out.setdefault((t.field, t.text), t)

    def unigram(term: str, exact: bool, expanded: bool) -> None:
        folded = fold_term(term)
        for group in ("title", "head", "body"):
            if exact:
                put(QueryTerm(group, term, group, False, expanded))
                put(QueryTerm(f"{group}_f", folded, group, True, expanded))
            else:
                put(QueryTerm(f"{group}_f", folded, group, False, expanded))

    def bigrams(terms: list[str], expanded: bool) -> None:
        for a, b in itertools.pairwise(terms):
            if a != GAP and b != GAP:
                put(QueryTerm("bi_f", f"{fold_term(a)} {fold_term(b)}", "bi", False, expanded))

    for t in q.exact:
        if t != GAP:
            unigram(t, q.marked and has_marks(t), False)
    bigrams(q.exact, False)
    for e in q.expansions:
        for t in e.terms:
            unigram(t, True, True)
        bigrams(list(e.terms), True)
    return list(out.values())


def scored_clauses(q: ParsedQuery, w: Weights) -> list[Scored]:
    """The query's free text as weighted term clauses over the twin fields."""
    clauses: list[Scored] = []
    for t in query_terms(q):
        boost = t.weight(w)
        if boost > 0:
            clauses.append(Term(t.field, t.text, boost))
    return clauses


def phrase_clauses(q: ParsedQuery, w: Weights) -> list[Scored]:
    """Each quoted phrase must match: in the exact body when typed with marks, else folded."""
    out: list[Scored] = []
    for p in q.phrases:
        if any(has_marks(t) for t in p):
            out.append(Phrase("body", tuple(p), w.phrase))
        else:
            out.append(Phrase("body_f", tuple(fold_term(t) for t in p), w.phrase))
    return out


_COVERED_BY_BODY_F = ("head", "head_f", "body")
"""Fields whose every record also holds the term's folded form in `body_f` (the body holds the
heading, `_f` twins fold their exact field; see `index.records`)."""


def covering_clauses(clauses: list[Scored]) -> list[Scored]:
    """The clauses that match the same records as all of `clauses` together, without those
    another one of them already covers: an exact term by its folded twin, a heading term by the
    folded body, a pair in `bi_f` by its first word in `body_f`, a phrase by its first word.
    Counting and faceting over them visits fewer, and the same, records."""
    held = {(c.field, c.text) for c in clauses if isinstance(c, Term)}

    def covered(c: Scored) -> bool:
        if isinstance(c, Phrase):
            return ("body_f", fold_term(c.terms[0])) in held
        folded = fold_term(c.text)
        if c.field in ("title", "head", "body") and (f"{c.field}_f", folded) in held:
            return True
        if c.field in _COVERED_BY_BODY_F and ("body_f", folded) in held:
            return True
        return c.field == "bi_f" and ("body_f", c.text.split(" ")[0]) in held

    return list(dict.fromkeys(c for c in clauses if not covered(c)))


def without_common(
    clauses: list[Scored], frequency: Callable[[str, str], int], records: int
) -> list[Scored]:
    """`clauses` without the terms found in more than `COMMON_SHARE` of the `records` (by
    `frequency(field, term)`), such as `có`, `của`, `và` in a question: they barely rank, yet
    they were most of a long question's search at a million articles. All of them stay when
    nothing else would, and in an index of fewer than `COMMON_MIN_RECORDS` records. On the
    Pháp điển corpus (41,714 articles) the Zalo questions' R@10 and MRR@10 rose by 0.003–0.004
    (bench/README.md, "Common terms")."""
    if records < COMMON_MIN_RECORDS:
        return clauses
    limit = COMMON_SHARE * records
    kept = [c for c in clauses if not isinstance(c, Term) or frequency(c.field, c.text) <= limit]
    return kept if kept else clauses
