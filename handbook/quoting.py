"""Quotes: a stored provision, finding or topic part as a handbook quotes it.

Each quote comes with its citation (ready to paste) and the sources-list entry of the document
it is taken from: a regulation by its số hiệu (a Pháp điển article cites its original law and
article, and says it was taken from the codification), a conclusion or topic by its own facts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from corpus.citetext import citation_text
from corpus.citing import citation_text as reference_citation
from corpus.citing import document_name
from corpus.model import Document, Finding, Provision, Reference, provision_label
from corpus.numbers import number_key
from corpus.registry import default_registry
from handbook.compiled import Line, Quote
from handbook.wording import (
    document_source,
    document_title,
    law_source,
    provision_heading,
    vn_date,
)

_LEVEL = {"dieu": 0, "khoan": 1, "diem": 2}


@dataclass(slots=True)
class Candidate:
    """A quote before numbering: its source entry's key and text go with it."""

    quote: Quote
    source_key: str
    source_text: str
    doc_id: str


def provision_path(doc: Document, pid: str) -> list[Provision] | None:
    """The provision with id `pid` and its ancestors, outermost first."""

    def walk(nodes: list[Provision], above: list[Provision]) -> list[Provision] | None:
        for node in nodes:
            if node.id == pid:
                return [*above, node]
            found = walk(node.children, [*above, node])
            if found:
                return found
        return None

    return walk(doc.provisions, [])


def provision_quote(
    doc: Document, path: list[Provision], as_of: dt.date, cited: Reference | None = None
) -> Candidate:
    """A regulation's article, clause or point, with its citation and in-force flag.

    `cited` is the reference a `cite` item asked for: when the text was found under an
    amending law (Pháp điển files Điều 7a, added by 64/2014/QH13, under that law), the
    citation and source keep the law the trainer cited (Điều 7a Luật Thi hành án dân sự).
    """
    node, parents = path[-1], path[:-1]
    article = next((p for p in path if p.kind == "dieu"), None)
    law = (article.law if article is not None and article.law else None) or doc.number
    citation = citation_text(doc, node, parents)
    if cited is not None and cited.law and law and number_key(cited.law) != number_key(law):
        law = cited.law
        citation = reference_citation(cited)
    label = provision_label(node, parents)
    lines = _provision_lines(node)
    if law:
        key, source = f"law:{number_key(law)}", law_source(law, via=doc)
    else:
        key, source = f"doc:{doc.id}", document_source(doc)
    quote = Quote(
        kind="provision",
        key=f"{doc.id}#{node.id}",
        heading=provision_heading(label, article),
        lines=lines,
        citation=citation,
        source=0,
        flags=in_force_flags(law, doc, as_of),
    )
    return Candidate(quote, key, source, doc.id)


def _provision_lines(node: Provision) -> list[Line]:
    lines: list[Line] = []

    def put(p: Provision, level: int) -> None:
        head = {"khoan": f"{p.number}.", "diem": f"{p.number})"}.get(p.kind, "")
        if p.kind not in _LEVEL:
            head = " ".join(x for x in (p.number, p.title) if x)
        paragraphs = [x for x in p.text.split("\n") if x.strip()]
        own_title = p.title if p.kind in ("khoan", "diem") else ""
        first = " ".join(x for x in (head, own_title) if x)
        if paragraphs:
            lines.append(Line(" ".join(x for x in (first, paragraphs[0]) if x), level))
            lines.extend(Line(x, level) for x in paragraphs[1:])
        elif first and p is not node:
            lines.append(Line(first, level))
        for child in p.children:
            put(child, _LEVEL.get(child.kind, level + 1))

    put(node, _LEVEL.get(node.kind, 0))
    return lines


def in_force_flags(law: str | None, doc: Document, on: dt.date) -> list[str]:
    """A warning when the quoted document was not in force on the handbook's date."""
    known = default_registry().get(law) if law else None
    start = known.effective_from if known else (doc.effective_from if doc.number == law else None)
    end = known.effective_to if known else (doc.effective_to if doc.number == law else None)
    name = document_name(law) if law else document_title(doc)
    if start and on < start:
        return [f"Lưu ý: {name} có hiệu lực từ ngày {vn_date(start)}, sau ngày {vn_date(on)}."]
    if end and on >= end:
        return [
            f"Lưu ý: {name} hết hiệu lực từ ngày {vn_date(end)}; "
            f"cẩm nang tính đến ngày {vn_date(on)}."
        ]
    return []


def finding_quote(doc: Document, index: int) -> Candidate:
    """The `index`-th finding of an inspection conclusion."""
    finding: Finding = doc.findings[index]
    paragraphs = [x.strip() for x in finding.text.split("\n") if x.strip()]
    if paragraphs and finding.title and paragraphs[0] == finding.title.strip():
        paragraphs = paragraphs[1:]
    part = next(
        (s.get("n") for s in doc.extra.get("sections", []) if s.get("role") == "findings"), None
    )
    where = f"mục {finding.n}" + (f" phần {part}" if part else "")
    title = document_title(doc)
    dated = f"{title} ngày {vn_date(doc.issued)}" if doc.issued else title
    heading = f"{title}, mục {finding.n}"
    if finding.title:
        heading += f": {finding.title.rstrip(':.')}"
    quote = Quote(
        kind="finding",
        key=f"{doc.id}#f{index + 1}",
        heading=heading,
        lines=[Line(x) for x in paragraphs or [finding.text.strip()]],
        citation=f"{where} {dated}",
        source=0,
    )
    return Candidate(quote, f"doc:{doc.id}", document_source(doc), doc.id)


def section_quote(doc: Document, path: list[Provision]) -> Candidate:
    """A part of a conference topic (or another sectioned document) with the parts below it."""
    node = path[-1]
    numbers = ".".join(p.number for p in path if p.number)
    titled = next((p.title for p in reversed(path) if p.title), "")
    heading = ". ".join(x for x in (numbers, _sentence(titled)) if x) or doc.title
    lines = [Line(x) for x in node.text.split("\n") if x.strip()]
    for child in node.children:
        lines.extend(_section_lines(child, 1))
    title = document_title(doc)
    citation = f"phần {numbers} {title}" if numbers else title
    quote = Quote(
        kind="section",
        key=f"{doc.id}#{node.id}",
        heading=heading,
        lines=lines,
        citation=citation,
        source=0,
    )
    return Candidate(quote, f"doc:{doc.id}", document_source(doc), doc.id)


def _section_lines(node: Provision, level: int) -> list[Line]:
    label = f"{node.number})" if len(node.number) == 1 and node.number.isalpha() else node.number
    label = label if label.endswith(")") or not label else f"{label}."
    head = " ".join(x for x in (label, node.title) if x)
    paragraphs = [x for x in node.text.split("\n") if x.strip()]
    out: list[Line] = []
    if paragraphs:
        joint = f"{head}: " if node.title else (f"{head} " if head else "")
        out.append(Line(joint + paragraphs[0], level))
        out.extend(Line(x, level) for x in paragraphs[1:])
    elif head:
        out.append(Line(head, level))
    for child in node.children:
        out.extend(_section_lines(child, level + 1))
    return out


def _sentence(title: str) -> str:
    """`NHỮNG THIẾU SÓT, VI PHẠM` → `Những thiếu sót, vi phạm` (mixed case is kept)."""
    if title != title.upper():
        return title
    low = title.lower()
    return low[:1].upper() + low[1:]
