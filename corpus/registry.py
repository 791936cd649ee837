"""The registry of known documents: names and abbreviations → số hiệu, in force when.

Citations name laws by name (`Luật Thi hành án dân sự`, `Luật THADS`, `BLDS`) as often as by
số hiệu. The registry (`corpus/data/registry.json`, written by us from the documents' own facts,
each entry with its `evidence`) says which số hiệu a name means on a given date, which documents
amend which (`lineage`: where an amended or added article may live) and which replace which.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from corpus.numbers import normalize_number, number_key
from corpus.vntext import fold

REGISTRY_PATH = Path(__file__).resolve().parent / "data" / "registry.json"


@dataclass(frozen=True, slots=True)
class KnownDocument:
    """One registry entry."""

    number: str
    doc_type: str
    name: str
    aliases: tuple[str, ...] = ()
    abbreviations: tuple[str, ...] = ()
    issuer: str | None = None
    issued: dt.date | None = None
    effective_from: dt.date | None = None
    effective_to: dt.date | None = None
    amends: tuple[str, ...] = ()
    amended_by: tuple[str, ...] = ()
    replaces: tuple[str, ...] = ()
    replaced_by: str | None = None
    evidence: tuple[str, ...] = ()

    def in_force(self, on: dt.date) -> bool:
        if self.effective_from and on < self.effective_from:
            return False
        return not (self.effective_to and on >= self.effective_to)


def alias_key(text: str) -> str:
    """Comparison form of a name: folded, lower case, single spaces."""
    return re.sub(r"\s+", " ", fold(text).lower()).strip()


class Registry:
    """Known documents, by số hiệu and by alias."""

    def __init__(self, documents: list[KnownDocument]) -> None:
        self.documents = documents
        self._by_number = {number_key(d.number): d for d in self.documents}
        self._by_alias: dict[str, list[KnownDocument]] = {}
        for d in self.documents:
            for alias in {d.name, *d.aliases, *d.abbreviations}:
                self._by_alias.setdefault(alias_key(alias), []).append(d)

    def get(self, number: str) -> KnownDocument | None:
        return self._by_number.get(number_key(number))

    def aliases(self) -> list[str]:
        """Every alias (folded keys), longest first: for longest-match scanning."""
        return sorted(self._by_alias, key=len, reverse=True)

    def by_alias(self, name: str) -> list[KnownDocument]:
        return list(self._by_alias.get(alias_key(name), []))

    def resolve_name(self, name: str, on: dt.date | None = None) -> list[str]:
        """Số hiệu a name may mean, best first: in force on `on` (today if None), then newest."""
        on = on or dt.date.today()
        candidates = self.by_alias(name)
        candidates.sort(
            key=lambda d: (not d.in_force(on), -(d.effective_from or dt.date.min).toordinal())
        )
        return [d.number for d in candidates]

    def complete_number(self, partial: str, type_word: str | None = None) -> str | None:
        """`62/2015` (+ `NĐ`) → `62/2015/NĐ-CP` when exactly one known document fits."""
        prefix = number_key(partial).rstrip("/") + "/"
        hits = [d for d in self.documents if number_key(d.number).startswith(prefix)]
        if type_word:
            want = alias_key(type_word)
            typed = [d for d in hits if want in alias_key(d.number) or _type_matches(d, want)]
            hits = typed or hits
        return hits[0].number if len(hits) == 1 else None

    def lineage(self, number: str) -> list[str]:
        """A document and the documents that amend it (where an amended article may now live).

        Pháp điển files an article that an amending law added (Điều 7a, added to 26/2008/QH12
        by 64/2014/QH13) under the amending law; a citation of the original law finds it here.
        """
        doc = self.get(number)
        return [normalize_number(number), *(doc.amended_by if doc else ())]

    def family(self, number: str) -> list[str]:
        """Where a cited article of `number` may be found, best first: the document and its
        amending documents, then the documents it replaced (newest first) with theirs.

        A name resolves to the law in force on the citing date; when that law is not stored,
        the one it replaced may be (`Luật THADS` today means 106/2025/QH15, while the texts at
        hand are 26/2008/QH12's).
        """
        out = self.lineage(number)
        for older in self.predecessors(number):
            out.extend(x for x in self.family(older) if x not in out)
        return out

    def predecessors(self, number: str) -> list[str]:
        """Documents that `number` replaced, newest first."""
        key = number_key(number)
        older = [d for d in self.documents if d.replaced_by and number_key(d.replaced_by) == key]
        older.sort(key=lambda d: d.effective_from or dt.date.min, reverse=True)
        return [d.number for d in older if not d.amends]

    def amended_documents(self, number: str) -> list[str]:
        """The documents that `number` amends: the reverse of `lineage`, for "cited by"."""
        key = number_key(number)
        found = {a for a in (self.get(number).amends if self.get(number) else ())}
        found.update(d.number for d in self.documents if key in map(number_key, d.amended_by))
        return sorted(found)

    def in_force_on(self, number: str, on: dt.date) -> bool | None:
        """Whether a known document was in force on a date; None when it is not known."""
        doc = self.get(number)
        return doc.in_force(on) if doc else None


_TYPE_WORDS = {
    "nd": "nghi_dinh",
    "nghi dinh": "nghi_dinh",
    "tt": "thong_tu",
    "thong tu": "thong_tu",
    "ttlt": "thong_tu_lien_tich",
    "thong tu lien tich": "thong_tu_lien_tich",
    "qd": "quyet_dinh",
    "quyet dinh": "quyet_dinh",
    "nq": "nghi_quyet",
    "nghi quyet": "nghi_quyet",
    "luat": "luat",
    "bo luat": "bo_luat",
}


def _type_matches(doc: KnownDocument, type_key: str) -> bool:
    return _TYPE_WORDS.get(type_key) == doc.doc_type


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def load_registry(path: Path | None = None) -> Registry:
    """Read a registry file (default: the bundled one)."""
    data = json.loads((path or REGISTRY_PATH).read_text(encoding="utf-8"))
    docs = [
        KnownDocument(
            number=normalize_number(d["number"]),
            doc_type=d["doc_type"],
            name=d["name"],
            aliases=tuple(d.get("aliases", ())),
            abbreviations=tuple(d.get("abbreviations", ())),
            issuer=d.get("issuer"),
            issued=_date(d.get("issued")),
            effective_from=_date(d.get("effective_from")),
            effective_to=_date(d.get("effective_to")),
            amends=tuple(normalize_number(x) for x in d.get("amends", ())),
            amended_by=tuple(normalize_number(x) for x in d.get("amended_by", ())),
            replaces=tuple(normalize_number(x) for x in d.get("replaces", ())),
            replaced_by=normalize_number(d["replaced_by"]) if d.get("replaced_by") else None,
            evidence=tuple(d.get("evidence", ())),
        )
        for d in data["documents"]
    ]
    return Registry(docs)


@cache
def default_registry() -> Registry:
    """The bundled registry, loaded once."""
    return load_registry()
