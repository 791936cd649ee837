"""Query-time expansion from our dictionary of abbreviations and synonyms (`index/data/`).

`THADS` also means `thi hành án dân sự`, `CHV` `chấp hành viên`, `NĐ-CP` `nghị định chính phủ`.
Expansion happens only at query time: the index keeps the words the documents wrote.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from index.analysis.analyzers import analyze, words

EXPANSIONS_PATH = Path(__file__).resolve().parent.parent / "data" / "expansions.txt"


@dataclass(frozen=True, slots=True)
class Expansion:
    """Where in the query (term positions `start`..`end`) a key matched, and what it also means.

    `terms` are exact (with marks) when the dictionary wrote them so.
    """

    start: int
    end: int
    terms: tuple[str, ...]


class Expansions:
    """The dictionary: folded key syllables → alternatives (exact syllables)."""

    def __init__(self, entries: dict[tuple[str, ...], list[tuple[str, ...]]]) -> None:
        self.entries = entries
        self.longest = max((len(k) for k in entries), default=0)

    def find(self, folded_terms: list[str]) -> list[Expansion]:
        """Every key found in a query's folded terms, longest first at each position."""
        found: list[Expansion] = []
        n = len(folded_terms)
        for i in range(n):
            for length in range(min(self.longest, n - i), 0, -1):
                key = tuple(folded_terms[i : i + length])
                for alt in self.entries.get(key, ()):
                    found.append(Expansion(i, i + length, alt))
        return found


def parse(text: str) -> Expansions:
    """Read the dictionary format (see the data file's header)."""
    entries: dict[tuple[str, ...], list[tuple[str, ...]]] = {}

    def add(key: str, alt: str) -> None:
        k = tuple(words(analyze(key).folded))
        a = tuple(words(analyze(alt).exact))
        if k and a and a != k and a not in entries.setdefault(k, []):
            entries[k].append(a)

    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if "=" in line:
            key, _, alts = line.partition("=")
            for alt in alts.split("|"):
                add(key, alt)
        elif "~" in line:
            group = [x.strip() for x in line.split("~") if x.strip()]
            for a in group:
                for b in group:
                    if a != b:
                        add(a, b)
    return Expansions(entries)


@cache
def default_expansions() -> Expansions:
    return parse(EXPANSIONS_PATH.read_text(encoding="utf-8"))
