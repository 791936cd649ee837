"""Citations and số hiệu in a query, read with the one citation grammar (`corpus.citations`).

Users type citations loosely: lower case, without diacritics, abbreviated (`dieu 9 nd 62/2015`,
`khoan 1 dieu 45 luat thads`). Before the grammar reads a query, the unit and type words are
written back in their canonical form; every rewrite keeps the string's length, so spans found
in the rewritten query are spans of the query.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from corpus.citations import CitingContext, find_citations, resolve
from corpus.model import Reference
from corpus.numbers import number_key
from corpus.vntext import fold, nfc
from index.analysis.identifiers import numbers_in

_CANONICAL = {
    "dieu": "Điều",
    "khoan": "khoản",
    "diem": "điểm",
    "luat": "Luật",
    "bo luat": "Bộ luật",
    "nghi dinh": "Nghị định",
    "thong tu lien tich": "Thông tư liên tịch",
    "thong tu": "Thông tư",
    "nghi quyet": "Nghị quyết",
    "quyet dinh": "Quyết định",
    "nd": "NĐ",
    "ttlt": "TTLT",
    "tt": "TT",
    "nq": "NQ",
    "qd": "QĐ",
}
_WORDS = re.compile(
    r"(?<!\w)(" + "|".join(sorted((re.escape(k) for k in _CANONICAL), key=len, reverse=True)) + r")"
    r"(?!\w)"
)


@dataclass(slots=True)
class QueryCitation:
    """A citation or số hiệu found in a query: where, and what it resolves to."""

    start: int
    end: int
    refs: list[Reference]


def canonical_citation_words(query: str) -> str:
    """`khoan 1 dieu 45 luat thads` → `khoản 1 Điều 45 Luật thads` (same length)."""
    query = nfc(query)
    folded = fold(query).lower()
    if len(folded) != len(query):
        return query
    out = list(query)
    for m in _WORDS.finditer(folded):
        word = _CANONICAL[m.group(1)]
        if len(word) == m.end() - m.start():
            out[m.start() : m.end()] = word
    return "".join(out)


def citations_in(query: str, on: dt.date | None = None) -> list[QueryCitation]:
    """Citations of provisions (`Điều 9 NĐ 62/2015`) with resolved law and article.

    A law named without its số hiệu means the law in force `on` that day (today if None).
    """
    text = canonical_citation_words(query)
    found = []
    for c in find_citations(text):
        if not c.units:
            continue
        refs = [r for r in resolve(c, CitingContext(on=on)) if r.article]
        if refs:
            found.append(QueryCitation(c.start, c.end, refs))
    return found


def number_keys_in(query: str) -> list[tuple[int, int, str]]:
    """Số hiệu in a query as (start, end, key), including `nđ 62/2015` completed to its key."""
    text = canonical_citation_words(query)
    found = list(numbers_in(text))
    for c in find_citations(text):
        if c.document and c.document.number and not c.units:
            found = [f for f in found if not (c.start <= f[0] < c.end)]
            found.append((c.start, c.end, number_key(c.document.number)))
    return sorted(found)
