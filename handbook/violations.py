"""The violations catalogue: findings from every inspection conclusion, grouped into kinds.

Two findings are of one kind when they say the same thing (TF-IDF cosine of their analysed
text, `handbook.textsim`) and break the same provisions (overlap of the articles they cite);
findings of one category (`handbook.categories`) are pulled together, findings of one
conclusion pushed apart (a conclusion lists each kind once). Groups are formed by average-linkage
agglomeration down to a similarity threshold. Each group has a short label, its count of
findings and of conclusions, the units where it recurs, examples, and the provisions broken
with ready-to-paste citation text; groups come most frequent first.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from corpus.citing import citation_text
from corpus.model import Document, Reference
from corpus.store import Store
from corpus.vntext import fold
from handbook.categories import category_of
from handbook.textsim import TfidfSpace

THRESHOLD = 0.22
"""Average similarity two groups need to merge (tuned on corpus/samples, see bench/README.md)."""
TEXT_WEIGHT = 0.65
REF_WEIGHT = 0.35
SAME_CATEGORY = 0.10
OTHER_CATEGORY = -0.15
SAME_DOCUMENT = -0.25
EXAMPLES = 3
_LABEL_LEAD = re.compile(r"^(?:Về|Về việc)\s+", re.IGNORECASE)
_CASE_LEAD = re.compile(r"^\s*(?:(?:Tại|Trong)\s+)?(?:các\s+)?(?:hồ sơ|HS)\b", re.IGNORECASE)


@dataclass(slots=True)
class FindingRecord:
    """One finding with what the catalogue needs of its conclusion."""

    doc_id: str
    n: str
    title: str
    text: str
    refs: list[Reference]
    case_files: list[str]
    unit: str | None
    year: int | None
    number: str | None
    category: str = "other"

    def key(self) -> str:
        return f"{self.doc_id}#{self.n}"


@dataclass(slots=True)
class ViolationGroup:
    """One kind of violation, as `camnang violations --json` prints it."""

    group_id: str
    label: str
    category: str
    findings: list[FindingRecord]
    refs: list[dict[str, Any]] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.findings)

    @property
    def documents(self) -> int:
        return len({f.doc_id for f in self.findings})

    @property
    def units(self) -> list[str]:
        counts = Counter(f.unit for f in self.findings if f.unit)
        return [u for u, _ in counts.most_common()]

    def to_dict(self) -> dict[str, Any]:
        return {
            "group_id": self.group_id,
            "label": self.label,
            "category": self.category,
            "count": self.count,
            "documents": self.documents,
            "units": self.units,
            "findings": [{"doc_id": f.doc_id, "n": f.n} for f in self.findings],
            "refs": self.refs,
            "examples": [
                {"doc_id": f.doc_id, "n": f.n, "unit": f.unit, "text": _excerpt(f.text)}
                for f in self.findings[:EXAMPLES]
            ],
        }


def records_of(documents: Iterable[Document]) -> list[FindingRecord]:
    """The findings of inspection conclusions, with their category."""
    records = []
    for doc in documents:
        if doc.kind != "inspection_conclusion":
            continue
        for f in doc.findings:
            record = FindingRecord(
                doc_id=doc.id,
                n=f.n,
                title=f.title,
                text=f.text,
                refs=list(f.refs),
                case_files=list(f.case_files),
                unit=doc.extra.get("inspected_unit"),
                year=doc.issued.year if doc.issued else None,
                number=doc.number,
            )
            record.category = category_of(f.title, f.text, f.refs)
            records.append(record)
    return records


def similarity(records: list[FindingRecord]) -> np.ndarray:
    """Pairwise similarity of findings (see the module doc)."""
    n = len(records)
    text = TfidfSpace([_weighted_text(r) for r in records]).cosine()
    articles = [
        {(ref.law, ref.article) for ref in r.refs if ref.law and ref.article} for r in records
    ]
    sim = np.zeros((n, n))
    for i in range(n):
        for j in range(i + 1, n):
            union = articles[i] | articles[j]
            overlap = len(articles[i] & articles[j]) / len(union) if union else 0.0
            value = TEXT_WEIGHT * text[i, j] + REF_WEIGHT * overlap
            value += SAME_CATEGORY if records[i].category == records[j].category else OTHER_CATEGORY
            if records[i].doc_id == records[j].doc_id:
                value += SAME_DOCUMENT
            sim[i, j] = sim[j, i] = value
    return sim


def cluster(sim: np.ndarray, threshold: float = THRESHOLD) -> list[list[int]]:
    """Average-linkage agglomerative clusters of a similarity matrix."""
    n = len(sim)
    members = {i: [i] for i in range(n)}
    link = sim.astype(float).copy()
    np.fill_diagonal(link, -np.inf)
    alive = np.ones(n, dtype=bool)
    while alive.sum() > 1:
        masked = np.where(np.outer(alive, alive), link, -np.inf)
        a, b = np.unravel_index(np.argmax(masked), masked.shape)
        if masked[a, b] < threshold:
            break
        size_a, size_b = len(members[a]), len(members[b])
        merged = (size_a * link[a] + size_b * link[b]) / (size_a + size_b)
        link[a, :] = merged
        link[:, a] = merged
        link[a, a] = -np.inf
        alive[b] = False
        members[a] += members.pop(b)
    return [sorted(m) for m in members.values()]


def group_findings(
    records: list[FindingRecord], threshold: float = THRESHOLD
) -> list[ViolationGroup]:
    """Group findings into kinds of violation, most frequent first."""
    if not records:
        return []
    sim = similarity(records)
    groups = []
    for rows in cluster(sim, threshold):
        medoid = max(rows, key=lambda i: sim[i, rows].sum() - sim[i, i])
        members = [records[i] for i in sorted(rows, key=lambda i: -sim[i, rows].sum())]
        category = Counter(m.category for m in members).most_common(1)[0][0]
        groups.append(
            ViolationGroup(
                group_id=_group_id(records[medoid]),
                label=_label(members, records[medoid]),
                category=category,
                findings=members,
                refs=_group_refs(members),
            )
        )
    groups.sort(key=lambda g: (-g.count, -g.documents, g.label))
    return groups


def catalogue(
    store: Store,
    category: str | None = None,
    unit: str | None = None,
    year: int | None = None,
    text: str | None = None,
) -> list[ViolationGroup]:
    """The catalogue of a store, grouped over all findings, then narrowed by the filters.

    Filters keep the findings that match (a group with none left is dropped), so the kinds
    stay the same whatever is asked: `category` (the category, or words of it), `unit` (words
    of the inspected unit), `year` (the conclusion's year), `text` (words of the finding).
    """
    records = records_of(doc for doc, _ in store.iter_findings())
    groups = group_findings(records)
    out = []
    for group in groups:
        kept = [f for f in group.findings if _keeps(f, group, category, unit, year, text)]
        if kept:
            group.findings = kept
            group.refs = _group_refs(kept)
            out.append(group)
    out.sort(key=lambda g: (-g.count, -g.documents, g.label))
    return out


def _keeps(
    f: FindingRecord,
    group: ViolationGroup,
    category: str | None,
    unit: str | None,
    year: int | None,
    text: str | None,
) -> bool:
    if category and _folded(category) not in _folded(group.category):
        return False
    if unit and _folded(unit) not in _folded(f.unit or ""):
        return False
    if year and f.year != year:
        return False
    return not (text and _folded(text) not in _folded(f"{group.label} {f.title} {f.text}"))


def _folded(text: str) -> str:
    return " ".join(fold(text).lower().split())


def _group_id(medoid: FindingRecord) -> str:
    return "v" + hashlib.sha1(medoid.key().encode("utf-8")).hexdigest()[:8]


def _label(members: list[FindingRecord], medoid: FindingRecord) -> str:
    """A short label: the medoid's title, else another member's, else its opening words."""
    for record in [medoid, *members]:
        title = _LABEL_LEAD.sub("", record.title).strip().rstrip(":.")
        if title and len(title.split()) <= 16:
            return title[0].upper() + title[1:]
    return _opening(medoid.text)


def _opening(text: str, words: int = 12) -> str:
    """The first sentence of a finding (after a case-file lead such as `Hồ sơ số …:`), cut."""
    first = text.split("\n", 1)[0]
    lead, colon, rest = first.partition(":")
    if colon and _CASE_LEAD.match(lead):
        first = rest
    sentence = re.split(r"(?<=[.;])\s", first.strip(), maxsplit=1)[0].rstrip(".;")
    cut = sentence.split()
    label = " ".join(cut[:words]) + ("…" if len(cut) > words else "")
    return label[:1].upper() + label[1:]


def _group_refs(members: list[FindingRecord]) -> list[dict[str, Any]]:
    """The provisions a group's findings cite, most cited first, with citation text."""
    counts: Counter[tuple[str, str | None, str | None, str | None]] = Counter()
    example: dict[tuple[str, str | None, str | None, str | None], Reference] = {}
    for f in members:
        for ref in {(r.law, r.article, r.clause, r.point): r for r in f.refs if r.law}.values():
            key = (ref.law or "", ref.article, ref.clause, ref.point)
            counts[key] += 1
            example.setdefault(key, ref)
    return [
        {
            "law": law,
            "article": article,
            "clause": clause,
            "point": point,
            "count": n,
            "citation": citation_text(example[(law, article, clause, point)]),
        }
        for (law, article, clause, point), n in sorted(
            counts.items(), key=lambda kv: (-kv[1], kv[0][0], _num(kv[0][1]), _num(kv[0][2]))
        )
    ]


def _num(value: str | None) -> tuple[int, str]:
    m = re.match(r"\d+", value or "")
    return (int(m.group(0)) if m else 0, value or "")


def _excerpt(text: str, limit: int = 300) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def _weighted_text(record: FindingRecord) -> str:
    """A finding's text with its title counted three times: the title names the violation."""
    return "\n".join([record.title] * 3 + [record.text])
