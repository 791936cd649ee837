"""Units of retrieval: what a search hit is. A Document becomes articles, findings or sections.

- a regulation's articles (Điều, with the text of their khoản and điểm); a Pháp điển article
  keeps its original law and article (`Provision.law`/`article`);
- an inspection conclusion's findings (`Document.findings`);
- the sections of conference topics and other sectioned documents.

Each unit knows its label (`Điều 45`) and where each khoản/điểm sits in its text, so a hit can
be labelled with the clause its snippet comes from (`khoản 1 Điều 45`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from corpus.model import Document, Provision
from corpus.numbers import normalize_number, number_key
from corpus.registry import default_registry


@dataclass(slots=True)
class Part:
    """A khoản or điểm inside a unit's text: `text[start:end]`, cited as `label`."""

    start: int
    end: int
    label: str
    clause: str | None = None
    point: str | None = None


@dataclass(slots=True)
class Unit:
    """One searchable unit and the facts a hit shows and a filter needs."""

    doc_id: str
    prov_id: str
    kind: str
    """`article`, `finding`, `section` or `document` (a document with no smaller unit)."""
    label: str
    text: str
    heading: str = ""
    law: str | None = None
    article: str | None = None
    number: str | None = None
    title: str = ""
    doc_type: str | None = None
    issuer: str | None = None
    issued: dt.date | None = None
    effective_from: dt.date | None = None
    effective_to: dt.date | None = None
    parts: list[Part] = field(default_factory=list)
    cites: list[str] = field(default_factory=list)
    """`law-key#article` of the provisions a finding cites."""

    @property
    def key(self) -> str:
        return f"{self.doc_id}#{self.prov_id}"


def units_of(doc: Document) -> list[Unit]:
    """Every unit of a document, in document order."""
    if doc.kind == "regulation" or doc.articles():
        units = _articles(doc)
    elif doc.kind == "inspection_conclusion" and doc.findings:
        units = _findings(doc)
    else:
        units = _sections(doc)
    if not units:
        text = "\n".join(p.full_text() for p in doc.provisions if p.full_text())
        if text or doc.title:
            units = [_unit(doc, "doc", "document", doc.title or doc.id, text or doc.title)]
    return units


def _unit(doc: Document, prov_id: str, kind: str, label: str, text: str, **kw: object) -> Unit:
    unit = Unit(
        doc_id=doc.id,
        prov_id=prov_id,
        kind=kind,
        label=label,
        text=text,
        number=doc.number,
        title=doc.title,
        doc_type=doc.doc_type,
        issuer=doc.issuer,
        issued=doc.issued,
        effective_from=doc.effective_from,
        effective_to=doc.effective_to,
        **kw,  # type: ignore[arg-type]
    )
    return unit


def _articles(doc: Document) -> list[Unit]:
    out = []
    for p in doc.walk():
        if p.kind not in ("dieu", "phu_luc"):
            continue
        article = (p.article or p.number) if p.kind == "dieu" else None
        law = p.law or doc.number
        head = "Điều" if p.kind == "dieu" else "Phụ lục"
        label = f"{head} {article or p.number}".strip()
        text, parts = _article_text(p, label)
        unit = _unit(doc, p.id, "article", label, text, heading=p.title, law=law, article=article)
        unit.parts = parts
        if p.law and p.law != doc.number:
            _dates_from_registry(unit, p.law)
        out.append(unit)
    return out


def _article_text(p: Provision, label: str) -> tuple[str, list[Part]]:
    """The article's own text and its khoản/điểm, with where each sits."""
    chunks: list[str] = []
    parts: list[Part] = []
    length = 0

    def put(text: str) -> tuple[int, int]:
        nonlocal length
        if chunks:
            length += 1
        start = length
        chunks.append(text)
        length += len(text)
        return start, length

    if p.text:
        put(p.text)
    for child in p.children:
        if child.kind == "khoan":
            start, _ = put(" ".join(x for x in (f"{child.number}.", child.title, child.text) if x))
            end = start
            for point in child.children:
                p_start, end = put(_point_text(point))
                parts.append(
                    Part(
                        p_start,
                        end,
                        f"điểm {point.number} khoản {child.number} {label}",
                        child.number,
                        point.number,
                    )
                )
            parts.append(
                Part(start, max(end, start), f"khoản {child.number} {label}", child.number)
            )
            parts[-1].end = length
        elif child.kind == "diem":
            start, end = put(_point_text(child))
            parts.append(Part(start, end, f"điểm {child.number} {label}", None, child.number))
        else:
            put(child.full_text())
    parts.sort(key=lambda x: (x.start, -x.end))
    return "\n".join(chunks), parts


def _point_text(p: Provision) -> str:
    body = p.full_text()
    return " ".join(x for x in (f"{p.number})", p.title, body) if x)


_TYPES_BY_SUFFIX = (
    ("TTLT", "thong_tu_lien_tich"),
    ("NĐ-", "nghi_dinh"),
    ("TT-", "thong_tu"),
    ("QĐ-", "quyet_dinh"),
    ("NQ-", "nghi_quyet"),
    ("QH", "luat"),
)


def _dates_from_registry(unit: Unit, law: str) -> None:
    """A Pháp điển article: facts of its original law (registry, else its số hiệu)."""
    known = default_registry().get(law)
    unit.number = normalize_number(law) if unit.number is None else unit.number
    suffix = normalize_number(law).split("/", 2)[-1]
    unit.doc_type = next((t for key, t in _TYPES_BY_SUFFIX if key in suffix), None)
    unit.issuer = None
    unit.issued = unit.effective_from = unit.effective_to = None
    if known:
        unit.doc_type = known.doc_type
        unit.issuer = known.issuer
        unit.issued = known.issued
        unit.effective_from = known.effective_from
        unit.effective_to = known.effective_to


def _findings(doc: Document) -> list[Unit]:
    out = []
    for i, f in enumerate(doc.findings):
        text = "\n".join(x for x in (f.title, f.text) if x)
        cites = [f"{number_key(r.law)}#{r.article.lower()}" for r in f.refs if r.law and r.article]
        unit = _unit(doc, f"f{i + 1}", "finding", f"vi phạm {f.n}", text, heading=f.title)
        unit.cites = sorted(set(cites))
        out.append(unit)
    return out


def _sections(doc: Document) -> list[Unit]:
    out = []

    def visit(nodes: list[Provision], heads: list[str]) -> None:
        for p in nodes:
            title = _short(" ".join(x for x in (p.number, p.title) if x))
            if p.text:
                label = " › ".join([*heads, title][-2:]) or p.id
                out.append(_unit(doc, p.id, "section", label, p.text, heading=p.title))
            visit(p.children, [*heads, title])

    visit([p for p in doc.provisions if p.kind in ("section", "phan", "chuong", "muc")], [])
    return out


def _short(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 1].rsplit(" ", 1)[0] + "…"
