"""Số hiệu as an identifier field: `62/2015/NĐ-CP`, `62/2015/ND-CP`, `nđ 62/2015` are one term.

A document's number is indexed as its key (`62/2015/nd-cp`) and its short key (`62/2015`),
so a query naming the number in any of these forms finds the document.
"""

from __future__ import annotations

import re

from corpus.numbers import NUMBER_PATTERN, number_key

_SHORT = re.compile(r"(?<![\w/])(\d{1,4}[a-zA-Z]?)/(\d{4})(?![\w/]|/\w)")


def number_terms(number: str | None) -> list[str]:
    """Index terms of one số hiệu: its full key and, when it has a year, `n/yyyy`."""
    if not number:
        return []
    key = number_key(number)
    parts = key.split("/")
    terms = [key]
    if len(parts) >= 2 and parts[1].isdigit() and len(parts[1]) == 4:
        terms.append(f"{parts[0]}/{parts[1]}")
    return terms


def numbers_in(text: str) -> list[tuple[int, int, str]]:
    """Số hiệu written in a query: (start, end, key); a bare `62/2015` gives its short key."""
    found = [(m.start(), m.end(), number_key(m.group(0))) for m in NUMBER_PATTERN.finditer(text)]
    taken = [(s, e) for s, e, _ in found]
    for m in _SHORT.finditer(text):
        if not any(s <= m.start() < e for s, e in taken):
            found.append((m.start(), m.end(), f"{m.group(1).lower()}/{m.group(2)}"))
    return sorted(found)
