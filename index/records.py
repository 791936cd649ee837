"""The index's fields and how a Unit becomes an engine Record (pre-analyzed terms).

Text fields come in twins: exact syllables (`body`) and folded ones (`body_f`); `bi_f` holds
adjacent syllable pairs of heading and body, folded (a proximity signal that ranks documents
using the query's words together). A record holds the exact terms only: the folded twins and
the pairs are derived fields (`FieldSpec.folded_of`, `pairs_of`) that the engine makes.

The body holds the heading too (then a break, then the text): one BM25 over the whole
article, as the prototype had, besides the heading's own field (Zalo R@10 +0.003, MRR@10
+0.013; bench/README.md). Keyword and numeric fields serve filters and facets.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from functools import lru_cache

from corpus.numbers import number_key
from corpus.registry import default_registry
from index.analysis.analyzers import exact_terms
from index.analysis.chain import GAP
from index.analysis.identifiers import number_terms
from index.engine import FieldSpec, Record
from index.units import Unit

TEXT_FIELDS = ("title", "head", "body")
"""Exact text fields; each has a folded twin named `<field>_f`. Pairs are only folded (`bi_f`):
the exact unigrams already rank a match typed with diacritics first."""

FACETS = ("kind", "doc_type", "issuer", "year", "document")
OPEN_END = 99991231


def field_specs(length_norms: dict[str, float] | None = None) -> list[FieldSpec]:
    norms = length_norms or {}
    specs = []
    for name in TEXT_FIELDS:
        norm, positions = norms.get(name, 0.75), name == "body"
        specs.append(FieldSpec(name, "text", positions=positions, length_norm=norm))
        specs.append(
            FieldSpec(f"{name}_f", "text", positions=positions, length_norm=norm, folded_of=name)
        )
    specs.append(FieldSpec("bi_f", "text", length_norm=norms.get("bi", 0.75), pairs_of="body_f"))
    specs += [FieldSpec(name, "keyword", facet=True) for name in FACETS]
    specs += [
        FieldSpec("numbers", "keyword"),
        FieldSpec("law", "keyword"),
        FieldSpec("article", "keyword"),
        FieldSpec("cites", "keyword"),
        FieldSpec("issued_year", "numeric"),
        FieldSpec("eff_from", "numeric"),
        FieldSpec("eff_to", "numeric"),
    ]
    specs += [
        FieldSpec(name, "stored")
        for name in (
            "prov_id",
            "kind",
            "label",
            "law",
            "article",
            "number",
            "title",
            "heading",
            "text",
            "parts",
            "doc_type",
            "issuer",
            "issued",
        )
    ]
    return _merge(specs)


def _merge(specs: list[FieldSpec]) -> list[FieldSpec]:
    """A name both indexed and stored becomes one spec with `stored=True`."""
    out: dict[str, FieldSpec] = {}
    for s in specs:
        if s.name in out and s.kind == "stored":
            old = out[s.name]
            out[s.name] = dataclasses.replace(old, stored=True)
        elif s.name not in out:
            out[s.name] = s
    return list(out.values())


def _date_int(value: dt.date | None, default: int) -> int:
    return int(value.strftime("%Y%m%d")) if value else default


def record_of(unit: Unit) -> Record:
    """A unit's record: analyzed text fields, keywords, numbers, stored values."""
    head = exact_terms(unit.heading)
    text = {
        "title": _title_terms(unit.title),
        "head": head,
        "body": [*head, GAP, *exact_terms(unit.text)],
    }
    numbers = number_terms(unit.number)
    laws: list[str] = []
    if unit.law:
        numbers += number_terms(unit.law)
        laws = [number_key(unit.law)]
    year = unit.issued.year if unit.issued else _year_of(unit.law or unit.number)
    keywords = {
        "kind": [unit.kind],
        "doc_type": [unit.doc_type] if unit.doc_type else [],
        "issuer": [unit.issuer] if unit.issuer else [],
        "year": [str(year)] if year else [],
        "document": [unit.doc_id],
        "numbers": sorted(set(numbers)),
        "law": laws,
        "article": [unit.article.lower()] if unit.article else [],
        "cites": unit.cites,
    }
    effective_from = unit.effective_from or unit.issued
    stored = {
        "prov_id": unit.prov_id,
        "kind": unit.kind,
        "label": unit.label,
        "law": unit.law,
        "article": unit.article,
        "number": unit.number,
        "title": unit.title,
        "heading": unit.heading,
        "text": unit.text,
        "parts": [(p.start, p.end, p.label) for p in unit.parts],
        "doc_type": unit.doc_type,
        "issuer": unit.issuer,
        "issued": unit.issued.isoformat() if unit.issued else None,
    }
    return Record(
        key=unit.key,
        doc_id=unit.doc_id,
        text={k: v for k, v in text.items() if any(t != GAP for t in v)},
        keywords={k: v for k, v in keywords.items() if v},
        numbers={
            "issued_year": year or 0,
            "eff_from": _date_int(effective_from, 0),
            "eff_to": _date_int(unit.effective_to, OPEN_END),
        },
        stored=stored,
    )


@lru_cache(maxsize=256)
def _title_terms(title: str) -> list[str]:
    """Every unit of a document has its title: analyze it once."""
    return exact_terms(title)


def _year_of(number: str | None) -> int | None:
    if not number:
        return None
    known = default_registry().get(number)
    if known and known.issued:
        return known.issued.year
    parts = number.split("/")
    if len(parts) >= 3 and parts[1].isdigit() and len(parts[1]) == 4:
        return int(parts[1])
    return None
