"""The analyzers of the search fields, built from the chain, and the analysis of a text.

Every indexed text is read once into its exact syllables (NFC, canonical tones, lower case);
the folded twin (marks removed, `đ` → `d`) and the bigram fields are derived from that list.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache

from index.analysis.chain import (
    GAP,
    BigramFilter,
    Chain,
    FoldFilter,
    LowercaseFilter,
    NfcFilter,
    SyllableTokenizer,
    Token,
    ToneFilter,
    _Fused,
    has_combining,
    syllables,
)


@cache
def exact_chain() -> Chain:
    """Syllables in their matching form: NFC, canonical tones, lower case."""
    return SyllableTokenizer() | NfcFilter() | ToneFilter() | LowercaseFilter()


@cache
def folded_chain() -> Chain:
    """The exact chain, then folded: what a query typed without diacritics matches."""
    return exact_chain() | FoldFilter()


_FOLD = _Fused([FoldFilter().map])
_BIGRAMS = BigramFilter()


@dataclass(slots=True)
class TextAnalysis:
    """One text's terms for each twin field. Term lists keep `GAP` markers (see chain)."""

    exact: list[str]
    folded: list[str]

    @property
    def bigrams(self) -> list[str]:
        return _BIGRAMS.apply_terms(self.exact)

    @property
    def folded_bigrams(self) -> list[str]:
        return _BIGRAMS.apply_terms(self.folded)


def analyze(text: str) -> TextAnalysis:
    """Exact and folded terms of a text (the index-time path: no offsets)."""
    exact = exact_chain().terms(text)
    return TextAnalysis(exact=exact, folded=_FOLD.map_all(exact))


def exact_terms(text: str) -> list[str]:
    """A text's exact terms (the index-time path: no offsets, no folded twin)."""
    return exact_chain().terms(text)


def fold_terms(terms: list[str]) -> list[str]:
    """Each term folded (a `GAP` stays one)."""
    return _FOLD.map_all(terms)


def pair_terms(terms: list[str]) -> list[str]:
    """Adjacent pairs of terms (`thi hanh`), none across a `GAP`."""
    return _BIGRAMS.apply_terms(terms)


def fold_term(term: str) -> str:
    """The folded form of one exact term."""
    return _FOLD.map(term)


def tokens(text: str, folded: bool = False) -> list[Token]:
    """Tokens with offsets into `text` (the highlighting path)."""
    return (folded_chain() if folded else exact_chain())(text)


def term_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, exact term) of each syllable of `text`: `tokens` without positions, for
    highlighting (several times faster on long texts)."""
    exact = _exact_map()
    return [(m.start(), m.end(), exact(m.group())) for m in syllables(text)]


def spans_folding_to(text: str, folded: frozenset[str]) -> list[tuple[int, int, str]]:
    """`term_spans` of only the syllables whose folded form is in `folded`.

    Found by one regex over the text (each letter stands for every letter that folds to it,
    either case), so a long text costs a scan in C instead of a Python step per syllable; text
    with combining marks (not NFC) takes the full path.
    """
    if not folded:
        return []
    if has_combining(text):
        return [s for s in term_spans(text) if fold_term(s[2]) in folded]
    exact = _exact_map()
    return [(m.start(), m.end(), exact(m.group())) for m in folding_pattern(folded).finditer(text)]


@lru_cache(maxsize=256)
def folding_pattern(folded: frozenset[str]) -> re.Pattern[str]:
    """A regex of the whole syllables folding to one of `folded` (each letter a class of every
    letter folding to it, either case)."""
    table = _fold_classes()
    alternatives = sorted(
        ("".join(table.get(c, re.escape(c)) for c in term) for term in folded), key=len
    )
    return re.compile(r"(?<![^\W_])(?:" + "|".join(reversed(alternatives)) + r")(?![^\W_])")


FOLDED_BELOW = 0x2000
"""Letters whose folded form matching knows (Latin, Vietnamese among them); a letter above
folds to no query term."""


@cache
def _fold_classes() -> dict[str, str]:
    """Each folded, lower-case character → a regex class of every character folding to it."""
    members: dict[str, set[str]] = {}
    for code in range(FOLDED_BELOW):
        ch = chr(code)
        if ch.isalnum():
            key = fold_term(ch.lower())
            if len(key) == 1:
                members.setdefault(key, {key}).add(ch)
    return {k: "[" + "".join(re.escape(c) for c in sorted(v)) + "]" for k, v in members.items()}


@cache
def _exact_map() -> Callable[[str], str]:
    (step,) = exact_chain()._steps
    assert isinstance(step, _Fused)
    return step.map


def exact_term(syllable: str) -> str:
    """A syllable as written → its exact term (NFC, canonical tones, lower case)."""
    return _exact_map()(syllable)


def has_marks(term: str) -> bool:
    """Whether a term carries Vietnamese marks (tone, vowel shape or đ)."""
    return fold_term(term) != term


def words(terms: list[str]) -> list[str]:
    """A term list without its `GAP` markers."""
    return [t for t in terms if t != GAP]
