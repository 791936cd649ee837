"""The analyzers of the search fields, built from the chain, and the analysis of a text.

Every indexed text is read once into its exact syllables (NFC, canonical tones, lower case);
the folded twin (marks removed, `đ` → `d`) and the bigram fields are derived from that list.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

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


@cache
def _exact_map() -> Callable[[str], str]:
    (step,) = exact_chain()._steps
    assert isinstance(step, _Fused)
    return step.map


def has_marks(term: str) -> bool:
    """Whether a term carries Vietnamese marks (tone, vowel shape or đ)."""
    return fold_term(term) != term


def words(terms: list[str]) -> list[str]:
    """A term list without its `GAP` markers."""
    return [t for t in terms if t != GAP]
