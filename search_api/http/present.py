"""What the API and the pages show of a document: facts in Vietnamese, the provision tree with
labels and citation text, the table of contents, cited-by lists.

Shared by the JSON routes and the HTML pages so both say the same thing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from corpus.citetext import DOC_TYPE_WORDS, citation_text
from corpus.model import Document, Provision, provision_label
from corpus.registry import default_registry

KIND_LABELS = {
    "regulation": "Văn bản quy phạm pháp luật",
    "inspection_conclusion": "Kết luận kiểm tra",
    "conference_topic": "Chuyên đề",
    "court_document": "Án lệ, bản án",
    "other": "Tài liệu khác",
}
KIND_WORDS = {
    "phan": "Phần",
    "chuong": "Chương",
    "muc": "Mục",
    "tieu_muc": "Tiểu mục",
    "dieu": "Điều",
    "khoan": "Khoản",
    "diem": "Điểm",
    "phu_luc": "Phụ lục",
    "section": "Mục",
}
CONTAINERS = ("phan", "chuong", "muc", "tieu_muc", "phu_luc", "section")
CITABLE = ("dieu", "khoan", "diem")


def vn_date(value: dt.date | str | None) -> str | None:
    """`2015-07-18` → `18/07/2015`."""
    if value is None:
        return None
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value)
        except ValueError:
            return value
    return value.strftime("%d/%m/%Y")


def doc_type_label(doc_type: str | None) -> str | None:
    if doc_type == "phap_dien":
        return "Đề mục Pháp điển"
    return DOC_TYPE_WORDS.get(doc_type or "")


def validity(doc: Document, today: dt.date | None = None) -> str | None:
    """Hiệu lực in words, from the document, the Pháp điển header or the registry."""
    phapdien = doc.extra.get("phapdien") or {}
    if phapdien.get("status"):
        return str(phapdien["status"])
    today = today or dt.date.today()
    start, end = doc.effective_from, doc.effective_to
    known = default_registry().get(doc.number) if doc.number else None
    if known:
        start, end = start or known.effective_from, end or known.effective_to
    if end and end <= today:
        return f"Hết hiệu lực từ {vn_date(end)}"
    if start and start > today:
        return f"Chưa có hiệu lực (từ {vn_date(start)})"
    if start:
        return f"Còn hiệu lực (từ {vn_date(start)})"
    return "Chưa rõ" if doc.kind == "regulation" else None


def facts(doc: Document) -> dict[str, Any]:
    """The header facts shown on a document page and in the API, in Vietnamese."""
    return {
        "number": doc.number or (doc.extra.get("phapdien") or {}).get("header_number"),
        "kind_label": KIND_LABELS.get(doc.kind, doc.kind),
        "doc_type_label": doc_type_label(doc.doc_type),
        "issuer": doc.issuer,
        "issued": vn_date(doc.issued),
        "validity": validity(doc),
    }


@dataclass(slots=True)
class Node:
    """A provision as shown: its label, citation text and who cites it."""

    provision: Provision
    label: str
    citation: str | None
    heading: str
    depth: int
    children: list[Node] = field(default_factory=list)
    cited_by: list[dict[str, Any]] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.provision.id

    @property
    def kind(self) -> str:
        return self.provision.kind

    def to_dict(self, with_text: bool = True) -> dict[str, Any]:
        p = self.provision
        data: dict[str, Any] = {
            "id": p.id,
            "kind": p.kind,
            "number": p.number,
            "title": p.title,
            "label": self.label,
            "citation": self.citation,
        }
        if with_text:
            data["text"] = p.text
        if p.law is not None:
            data["law"], data["article"] = p.law, p.article
        if self.cited_by:
            data["cited_by"] = len(self.cited_by)
        data["children"] = [c.to_dict(with_text) for c in self.children]
        return data


def heading(p: Provision) -> str:
    """How a provision is titled on the page: `Điều 45. Thời hạn…`, `Chương I. …`, `1.`."""
    if p.kind == "dieu":
        return f"Điều {p.number}. {p.title}".strip()
    if p.kind == "khoan":
        return f"{p.number}."
    if p.kind == "diem":
        return f"{p.number})"
    if p.kind == "section":
        return " ".join(x for x in (p.number, p.title) if x)
    word = KIND_WORDS.get(p.kind, "")
    head = f"{word} {p.number}".strip()
    return f"{head}. {p.title}" if p.title else head


def tree(doc: Document, cited: dict[str, list[dict[str, Any]]] | None = None) -> list[Node]:
    """The document's provisions as Nodes (labels, citations, cited-by)."""
    cited = cited or {}

    def build(p: Provision, parents: list[Provision], depth: int) -> Node:
        citable = p.kind in CITABLE or p.kind == "phu_luc"
        node = Node(
            provision=p,
            label=provision_label(p, parents),
            citation=citation_text(doc, p, parents) if citable else None,
            heading=heading(p),
            depth=depth,
            cited_by=cited.get(p.id, []),
        )
        node.children = [build(c, [*parents, p], depth + 1) for c in p.children]
        return node

    return [build(p, [], 0) for p in doc.provisions]


def find(doc: Document, pid: str) -> tuple[Provision, list[Provision]] | None:
    """A provision by id and its ancestors (outermost first)."""

    def visit(nodes: list[Provision], parents: list[Provision]) -> Any:
        for p in nodes:
            if p.id == pid:
                return p, parents
            found = visit(p.children, [*parents, p])
            if found:
                return found
        return None

    return visit(doc.provisions, [])


@dataclass(slots=True)
class TocEntry:
    """A line of the table of contents: a container (Chương…) or an article."""

    id: str
    text: str
    kind: str
    children: list[TocEntry] = field(default_factory=list)


def toc(nodes: list[Node]) -> list[TocEntry]:
    """Containers and articles only (no clauses), nested as in the document."""
    out = []
    for node in nodes:
        if node.kind in CONTAINERS:
            out.append(TocEntry(node.id, node.heading, node.kind, toc(node.children)))
        elif node.kind == "dieu":
            out.append(TocEntry(node.id, node.heading, node.kind))
    return out


def provision_view(doc: Document, pid: str, cited: list[dict[str, Any]]) -> dict[str, Any] | None:
    """Everything the provision endpoint and page show about one provision."""
    found = find(doc, pid)
    if found is None:
        return None
    p, parents = found
    citable = p.kind in CITABLE or p.kind == "phu_luc"
    return {
        "doc_id": doc.id,
        "doc_title": doc.title,
        "doc_number": doc.number,
        "id": p.id,
        "kind": p.kind,
        "number": p.number,
        "title": p.title,
        "heading": heading(p),
        "label": provision_label(p, parents),
        "citation": citation_text(doc, p, parents) if citable else None,
        "law": next((a.law for a in [*parents, p] if a.kind == "dieu" and a.law), doc.number),
        "article": next((a.article or a.number for a in [*parents, p] if a.kind == "dieu"), None),
        "text": p.text,
        "full_text": p.full_text(),
        "parents": [{"id": a.id, "kind": a.kind, "heading": heading(a)} for a in parents],
        "children": [
            {"id": c.id, "kind": c.kind, "label": provision_label(c, [*parents, p])}
            for c in p.children
        ],
        "cited_by": cited,
    }
