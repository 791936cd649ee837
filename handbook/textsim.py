"""Text similarity of findings: analysed Vietnamese text → TF-IDF vectors → cosine.

Analysis keeps what a violation is about and drops what only identifies a case: citations (the
provisions are compared separately), số hiệu, dates, amounts and other digits are removed;
the rest is NFC, canonical tone placement, lower case, folded (`đ` → `d`), cut into syllables.
Features are syllables and syllable bigrams (Vietnamese words are mostly two syllables), with
sublinear term frequency and smoothed inverse document frequency; vectors are L2-normalized.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter

import numpy as np

from corpus.citations import find_citations
from corpus.numbers import NUMBER_PATTERN
from corpus.vntext import fold, match_form, nfc

_DATE = re.compile(
    r"(?:\bngày\s+)?(?:\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b|\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4})",
    re.IGNORECASE,
)
_SEGMENT = re.compile(r"[,.;:()\[\]“”\"!?\n–-]+")
_SYLLABLE = re.compile(r"[^\W\d_]+")


def analysed_syllables(text: str) -> list[list[str]]:
    """Segments (split at punctuation) of folded syllables, case identifiers removed."""
    text = nfc(text)
    for citation in reversed(find_citations(text)):
        text = text[: citation.start] + " , " + text[citation.end :]
    text = NUMBER_PATTERN.sub(" , ", text)
    text = match_form(_DATE.sub(" , ", text))
    segments = []
    for segment in _SEGMENT.split(text):
        syllables = [fold(s) for s in _SYLLABLE.findall(segment)]
        if syllables:
            segments.append(syllables)
    return segments


def features(text: str) -> Counter[str]:
    """Syllable and bigram counts of a text."""
    counts: Counter[str] = Counter()
    for segment in analysed_syllables(text):
        counts.update(segment)
        counts.update(f"{a} {b}" for a, b in itertools.pairwise(segment))
    return counts


class TfidfSpace:
    """TF-IDF vectors of a set of texts, with their pairwise cosine similarities."""

    def __init__(self, texts: list[str]) -> None:
        counted = [features(t) for t in texts]
        df: Counter[str] = Counter()
        for c in counted:
            df.update(c.keys())
        self.vocabulary = {term: i for i, term in enumerate(sorted(df))}
        n = len(texts)
        self.idf = np.array([math.log((1 + n) / (1 + df[t])) + 1 for t in sorted(df)], dtype=float)
        self.matrix = np.zeros((n, len(self.vocabulary)), dtype=float)
        for row, c in enumerate(counted):
            for term, tf in c.items():
                col = self.vocabulary[term]
                self.matrix[row, col] = (1 + math.log(tf)) * self.idf[col]
        norms = np.linalg.norm(self.matrix, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        self.matrix /= norms

    def cosine(self) -> np.ndarray:
        """The n×n matrix of cosine similarities."""
        return self.matrix @ self.matrix.T
