"""The analysis chain: a tokenizer and small filters composed with `|`, in Whoosh's manner.

    chain = SyllableTokenizer() | NfcFilter() | ToneFilter() | LowercaseFilter() | FoldFilter()
    [t.text for t in chain("Điều khoản")]  # ['dieu', 'khoan']

A token is a syllable (a run of letters and digits; combining marks stay with their letter)
with its position and its character offsets into the text given to the tokenizer, so a
highlighter can mark the original text whatever the filters did to the token's text.

Filters that only rewrite a token's text (`TextFilter`) are pure functions of that text; a chain
of them is fused into one cached function, because a corpus has a few thousand distinct
syllables and millions of tokens. Filters that change the stream itself (`StreamFilter`, such
as bigram shingles) run on the token list.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache

import numpy as np

from corpus.vntext import canonical_tones, fold
from index import kernels

_SYLLABLE = re.compile(r"(?:[^\W_]|[\u0300-\u036f])+")
"""Letters and digits, with any combining marks (decomposed input) kept inside the token."""
_BREAK_CHARS = '.;:!?()[]\n"“”…'
_BREAK_CHAR = "[" + re.escape(_BREAK_CHARS) + "]"
_BREAK = re.compile(_BREAK_CHAR + "+")
"""Punctuation that ends a phrase: no bigram or phrase match crosses it."""
_COMBINING = re.compile(r"[\u0300-\u036f]")
_TERM_OR_BREAK = re.compile(r"([^\W_]+)|" + _BREAK_CHAR + r"[\W_]*")
"""One pass over text without combining marks: a syllable, or a break (an empty match group)
with everything up to the next syllable, so that two syllables have one break between them at
most."""

GAP = ""
"""In a term list, marks a break: it takes a position but is not a term."""


@dataclass(slots=True)
class Token:
    """One token: its (filtered) text, position in the stream, offsets in the original text."""

    text: str
    pos: int
    start: int
    end: int


class Analyzer:
    """Text in, tokens out. Subclasses are tokenizers or chains."""

    def __call__(self, text: str) -> list[Token]:
        raise NotImplementedError

    def terms(self, text: str) -> list[str]:
        """Only the token texts, in order (the fast path used at index time)."""
        return [t.text for t in self(text)]

    def __or__(self, other: Filter) -> Chain:
        return Chain(self, [other])


class SyllableTokenizer(Analyzer):
    """Splits text into syllables: runs of letters and digits (`Điều`, `7a`, `2015`, `NĐ`).

    With `breaks`, sentence punctuation and line ends leave a gap of one position (a `GAP` in
    `terms()`), so that bigrams and phrases do not run across them.
    """

    def __init__(self, breaks: bool = True) -> None:
        self.breaks = breaks

    def __call__(self, text: str) -> list[Token]:
        tokens = []
        pos = 0
        last = 0
        for m in _SYLLABLE.finditer(text):
            if self.breaks and tokens and _BREAK.search(text, last, m.start()):
                pos += 1
            tokens.append(Token(m.group(0), pos, m.start(), m.end()))
            pos += 1
            last = m.end()
        return tokens

    def terms(self, text: str) -> list[str]:
        if not self.breaks:
            return _SYLLABLE.findall(text)
        if len(text) >= NATIVE_FROM:
            found = _native_terms(text)
            if found is not None:
                return found
        if not _COMBINING.search(text):
            found = _TERM_OR_BREAK.findall(text)
            if found and not found[-1]:
                found.pop()
            if found and not found[0]:
                del found[0]
            return found
        out: list[str] = []
        for piece in _BREAK.split(text):
            found = _SYLLABLE.findall(piece)
            if found:
                if out:
                    out.append(GAP)
                out.extend(found)
        return out


NATIVE_FROM = 200
"""Texts at least this long are split by a native loop (`kernels.syllable_codes`): the same
syllables and breaks as the regexes, in a fraction of the time. Shorter ones (queries, titles)
keep the regexes, so a process that only reads queries does not import Numba."""


def _native_terms(text: str) -> list[str] | None:
    """`SyllableTokenizer(breaks=True).terms(text)` by the native loop; None for a text with a
    character beyond its table."""
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    out, ok = kernels.compiled().syllable_codes(codes, _syllable_classes(), ord(" "))
    if not ok:
        return None
    spaced = out.tobytes().decode("utf-32-le")  # a break: two spaces, so an empty term
    return spaced.split(" ") if spaced else []


@cache
def _syllable_classes() -> np.ndarray:
    """Each character of the Basic Multilingual Plane as `kernels.syllable_codes` sees it: a
    letter, digit or combining mark (the tokenizer's syllable characters), a break, or other."""
    table = np.zeros(0x10000, dtype=np.uint8)
    for code in range(0x10000):
        if not 0xD800 <= code < 0xE000 and chr(code).isalnum():  # `[^\W_]`
            table[code] = kernels.WORD
    table[0x300:0x370] = kernels.WORD
    for ch in _BREAK_CHARS:
        table[ord(ch)] = kernels.BREAK
    return table


def warm_up() -> None:
    """Build the class table and compile (or load) the native loop, so that analysis workers
    forked after this share them instead of each loading its own."""
    _native_terms(" " * NATIVE_FROM)


_FAST_SYLLABLE = re.compile(r"[^\W_]+")


def has_combining(text: str) -> bool:
    """Whether the text has combining marks (is not in NFC, or writes marks apart)."""
    return _COMBINING.search(text) is not None


def syllables(text: str) -> Iterator[re.Match[str]]:
    """The syllable matches of a text (the tokenizer's, without positions)."""
    pattern = _SYLLABLE if has_combining(text) else _FAST_SYLLABLE
    return pattern.finditer(text)


class Filter:
    """A step of the chain: a token list in, a token list out."""

    def apply(self, tokens: list[Token]) -> list[Token]:
        raise NotImplementedError

    def apply_terms(self, terms: list[str]) -> list[str]:
        return [t.text for t in self.apply([Token(x, i, 0, 0) for i, x in enumerate(terms)])]


class TextFilter(Filter):
    """A filter that rewrites each token's text with a pure function of that text."""

    def map(self, text: str) -> str:
        raise NotImplementedError

    def apply(self, tokens: list[Token]) -> list[Token]:
        for t in tokens:
            t.text = self.map(t.text)
        return tokens

    def apply_terms(self, terms: list[str]) -> list[str]:
        return [self.map(x) for x in terms]


class NfcFilter(TextFilter):
    """Unicode NFC (decomposed input would otherwise never match composed text)."""

    def map(self, text: str) -> str:
        return unicodedata.normalize("NFC", text)


class ToneFilter(TextFilter):
    """Canonical tone placement: `hoà` → `hòa`, `thuỷ` → `thủy`."""

    def map(self, text: str) -> str:
        return canonical_tones(text)


class LowercaseFilter(TextFilter):
    def map(self, text: str) -> str:
        return text.lower()


class FoldFilter(TextFilter):
    """Tone and vowel marks removed, `đ` → `d`: the form of text typed without diacritics."""

    def map(self, text: str) -> str:
        return fold(text)


class StreamFilter(Filter):
    """A filter that changes the stream (adds, drops or joins tokens)."""


class BigramFilter(StreamFilter):
    """Adjacent pairs of tokens as one token (`thi hành`, `hành án`): a cheap proximity signal.

    The pair's offsets span both syllables; its position is the first one's. A pair is not made
    across a break (sentence punctuation, a line end) when the chain is given the text.
    """

    def __init__(self, separator: str = " ") -> None:
        self.separator = separator

    def apply(self, tokens: list[Token]) -> list[Token]:
        sep = self.separator
        return [
            Token(a.text + sep + b.text, a.pos, a.start, b.end)
            for a, b in itertools.pairwise(tokens)
            if b.pos == a.pos + 1
        ]

    def apply_terms(self, terms: list[str]) -> list[str]:
        sep = self.separator
        return [a + sep + b for a, b in itertools.pairwise(terms) if a and b]


class Chain(Analyzer):
    """A tokenizer followed by filters; consecutive text filters are fused and cached."""

    def __init__(self, tokenizer: Analyzer, filters: Iterable[Filter] = ()) -> None:
        self.tokenizer = tokenizer
        self.filters = list(filters)
        self._steps = _fuse(self.filters)

    def __or__(self, other: Filter) -> Chain:
        return Chain(self.tokenizer, [*self.filters, other])

    def __call__(self, text: str) -> list[Token]:
        tokens = self.tokenizer(text)
        for step in self._steps:
            if isinstance(step, _Fused):
                for t in tokens:
                    t.text = step.map(t.text)
            else:
                tokens = step.apply(tokens)
        return tokens

    def terms(self, text: str) -> list[str]:
        terms = self.tokenizer.terms(text)
        for step in self._steps:
            terms = step.map_all(terms) if isinstance(step, _Fused) else step.apply_terms(terms)
        return terms


class _Fused:
    """Several text filters as one function of the token text, memoized."""

    def __init__(self, functions: list[Callable[[str], str]]) -> None:
        self.functions = functions
        self.cache: dict[str, str] = {}

    def map(self, text: str) -> str:
        value = self.cache.get(text)
        if value is None:
            value = text
            for f in self.functions:
                value = f(value)
            if len(self.cache) < 500_000:
                self.cache[text] = value
        return value

    def map_all(self, terms: list[str]) -> list[str]:
        out = list(map(self.cache.get, terms))
        if None in out:
            out = [v if v is not None else self.map(x) for v, x in zip(out, terms, strict=True)]
        return out


def _fuse(filters: list[Filter]) -> list[_Fused | Filter]:
    steps: list[_Fused | Filter] = []
    for f in filters:
        if isinstance(f, TextFilter):
            if steps and isinstance(steps[-1], _Fused):
                steps[-1].functions.append(f.map)
            else:
                steps.append(_Fused([f.map]))
        else:
            steps.append(f)
    return steps
