"""The spaCy pipeline: a blank Vietnamese pipeline with named, registered components.

    camnang_punct      split punctuation off the whitespace tokens (`THADS,` → `THADS` `,`)
    camnang_citations  references, by the one grammar in `corpus.citations`, resolved against
                       the citing document (`doc._.context`): `doc.spans["refs"]`, `doc._.refs`
    camnang_entities   dates, money, percentages, counts, organisations, case-file numbers
    entity_ruler       roles (Chấp hành viên, Thẩm tra viên, Thư ký thi hành án …)

The tokenizer is spaCy's `vi` one with `use_pyvi = false`: nothing is downloaded. Every mention
keeps its exact character span; `analyse` returns them with their values.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from corpus.citations import CitingContext, find_citations, resolve
from corpus.model import Reference
from corpus.registry import default_registry
from corpus.vntext import nfc
from ingest.nlp import patterns

PRIORITY = ("REF", "CASE_FILE", "MONEY", "PERCENT", "DATE", "ORG", "ROLE", "COUNT")
"""Labels in the order they win when two mentions overlap."""
_SPLIT_OFF = set(",.;:!?()[]“”\"'…")

for _name, _default in (("context", None), ("refs", None)):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)
for _name in ("refs", "value", "chars"):
    if not Span.has_extension(_name):
        Span.set_extension(_name, default=None)


@Language.component("camnang_punct")
def split_punctuation(doc: Doc) -> Doc:
    """Split leading and trailing punctuation off tokens, so spans align with words."""
    with doc.retokenize() as retokenizer:
        for token in doc:
            text = token.text
            lead = 0
            while lead < len(text) - 1 and text[lead] in _SPLIT_OFF:
                lead += 1
            trail = len(text)
            while trail > lead + 1 and text[trail - 1] in _SPLIT_OFF:
                trail -= 1
            if text[trail - 1 : trail] == "." and _abbreviation(text[lead:trail]):
                trail = len(text)
            pieces = [*text[:lead], text[lead:trail], *text[trail:]]
            pieces = [p for p in pieces if p]
            if len(pieces) > 1:
                heads = [(token, i) for i in range(len(pieces))]
                retokenizer.split(token, pieces, heads=heads)
    return doc


def _abbreviation(text: str) -> bool:
    return text in ("TP.", "Tp.", "b/c.")


@Language.factory("camnang_citations")
def make_citations(nlp: Language, name: str) -> CitationFinder:
    return CitationFinder()


class CitationFinder:
    """Wraps `corpus.citations`: finds references and resolves them in the doc's context."""

    def __call__(self, doc: Doc) -> Doc:
        registry = default_registry()
        context: CitingContext = doc._.context or CitingContext()
        spans: list[Span] = []
        refs: list[Reference] = []
        previous: str | None = None
        for citation in find_citations(doc.text, registry):
            resolved = resolve(citation, context, registry, previous)
            refs.extend(resolved)
            laws = [r.law for r, u in zip(resolved, citation.units, strict=False) if u.document]
            if citation.document is not None and resolved and resolved[0].law:
                laws.append(resolved[0].law)
            previous = next((law for law in reversed(laws) if law), previous)
            span = doc.char_span(citation.start, citation.end, "REF", alignment_mode="expand")
            if span is not None:
                span._.refs = resolved
                spans.append(span)
        doc.spans["refs"] = spans
        doc._.refs = refs
        return doc


@Language.component("camnang_entities")
def find_entities(doc: Doc) -> Doc:
    """Dates, money, percentages, counts, organisations and case-file numbers, with values."""
    text = doc.text
    found: list[tuple[int, int, str, Any]] = [
        (s.start_char, s.end_char, "REF", None) for s in doc.spans.get("refs", [])
    ]
    found += [(a, b, "CASE_FILE", number) for a, b, number in patterns.case_file_spans(text)]
    found += [
        (m.start(), m.end(), "MONEY", patterns.money_value(m))
        for m in patterns.MONEY.finditer(text)
    ]
    found += [
        (m.start(), m.end(), "PERCENT", patterns.number_value(m.group("num")))
        for m in patterns.PERCENT.finditer(text)
    ]
    found += [
        (m.start(), m.end(), "DATE", patterns.date_value(m)) for m in patterns.DATE.finditer(text)
    ]
    found += [(m.start(), m.end(), "ORG", None) for m in patterns.ORG.finditer(text)]
    found += [
        (m.start(), m.end(), "COUNT", patterns.number_value(m.group("num")))
        for m in patterns.COUNT.finditer(text)
    ]
    doc.ents = _non_overlapping(doc, found)
    return doc


def _non_overlapping(doc: Doc, found: list[tuple[int, int, str, Any]]) -> list[Span]:
    taken: list[Span] = []
    used: set[int] = set()
    order = sorted(found, key=lambda f: (PRIORITY.index(f[2]), f[0] - f[1]))
    for start, end, label, value in order:
        span = doc.char_span(start, end, label, alignment_mode="expand")
        if span is None or any(i in used for i in range(span.start, span.end)):
            continue
        span._.value = value
        span._.chars = (start, end)
        used.update(range(span.start, span.end))
        taken.append(span)
    return sorted(taken, key=lambda s: s.start)


@cache
def get_nlp() -> Language:
    """The pipeline, built once per process (blank `vi`, no downloads)."""
    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})
    nlp.add_pipe("camnang_punct")
    nlp.add_pipe("camnang_citations")
    nlp.add_pipe("camnang_entities")
    ruler = nlp.add_pipe(
        "entity_ruler", config={"overwrite_ents": False, "phrase_matcher_attr": "ORTH"}
    )
    ruler.add_patterns([{"label": "ROLE", "pattern": role} for role in patterns.ROLES])
    return nlp


@dataclass(slots=True)
class Mention:
    """One entity found in a text: label, exact characters and span, and its value."""

    label: str
    text: str
    start: int
    end: int
    value: Any = None

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "label": self.label,
            "text": self.text,
            "start": self.start,
            "end": self.end,
        }
        if self.value is not None:
            data["value"] = self.value
        return data


@dataclass(slots=True)
class Analysis:
    """What the pipeline found in one text."""

    text: str
    refs: list[Reference] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)

    def of(self, *labels: str) -> list[Mention]:
        return [m for m in self.mentions if m.label in labels]


def analyse(text: str, context: CitingContext | None = None) -> Analysis:
    """Run the pipeline over one text (NFC'd) with the citing document's context."""
    nlp = get_nlp()
    doc = nlp.make_doc(nfc(text))
    doc._.context = context
    for _, component in nlp.pipeline:
        doc = component(doc)
    mentions = []
    for span in doc.ents:
        if span.label_ == "REF":
            continue
        start, end = span._.chars or (span.start_char, span.end_char)
        mentions.append(Mention(span.label_, doc.text[start:end], start, end, span._.value))
    return Analysis(text=doc.text, refs=list(doc._.refs or []), mentions=mentions)
