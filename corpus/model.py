"""The domain model: a Document with its tree of Provisions, its Findings and References.

Plain dataclasses, so every layer (readers, store, index, exporters, API) shares one shape.
`to_dict` gives the JSON contract of `camnang show --json`; `from_dict` reads it back.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from typing import Any

from corpus.vntext import fold

PROVISION_KINDS = (
    "phan",
    "chuong",
    "muc",
    "tieu_muc",
    "dieu",
    "khoan",
    "diem",
    "phu_luc",
    "section",
)
"""`section` is a heading of a non-regulation (conclusion, topic, precedent): `I.`, `1.`, `a)`."""

DOCUMENT_KINDS = (
    "regulation",
    "inspection_conclusion",
    "conference_topic",
    "court_document",
    "other",
)

_ID_PREFIX = {
    "phan": "p",
    "chuong": "c",
    "muc": "m",
    "tieu_muc": "tm",
    "dieu": "d",
    "khoan": "k",
    "diem": "",
    "phu_luc": "pl",
    "section": "s",
}


@dataclass(slots=True)
class SourceFile:
    """The file a document was read from."""

    path: str
    sha256: str
    format: str
    pages: int = 0
    size: int = 0


@dataclass(slots=True)
class Reference:
    """A citation found in a text, normalized to `{law, article, clause, point}`.

    `law` is a số hiệu (upper case, with Đ) or None when the text named no resolvable document;
    `status` says whether it was resolved (`resolved`), names a document not in the store
    (`external`), or could not be read (`unresolved`). `text` keeps the words as written.
    """

    text: str
    law: str | None = None
    article: str | None = None
    clause: str | None = None
    point: str | None = None
    status: str = "unresolved"
    target: str | None = None
    """Provision id in the store this reference points at, when that document is stored."""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Finding:
    """One numbered item of an inspection conclusion's shortcomings section."""

    n: str
    text: str
    refs: list[Reference] = field(default_factory=list)
    case_files: list[str] = field(default_factory=list)
    page: int | None = None
    title: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "n": self.n,
            "title": self.title,
            "text": self.text,
            "page": self.page,
            "refs": [r.to_dict() for r in self.refs],
            "case_files": list(self.case_files),
        }


@dataclass(slots=True)
class Provision:
    """A node of a document's body: Phần, Chương, Mục, Tiểu mục, Điều, Khoản, Điểm, Phụ lục.

    `number` is as written (`7a`, `đ`, `II`); `id` is stable within the document (`d7a.k2.dd`).
    Pháp điển articles also keep the original law's number and article (`law`, `article`) next
    to their own code in `number` (`30.2.LQ.45`).
    """

    kind: str
    number: str = ""
    title: str = ""
    text: str = ""
    page: int | None = None
    page_end: int | None = None
    children: list[Provision] = field(default_factory=list)
    id: str = ""
    law: str | None = None
    article: str | None = None

    def walk(self) -> Iterator[Provision]:
        """This provision and all below it, in document order."""
        yield self
        for child in self.children:
            yield from child.walk()

    def full_text(self) -> str:
        """Own text followed by the children's, as one block (what a reader of the Điều sees)."""
        parts = [self.text] if self.text else []
        for child in self.children:
            head = " ".join(x for x in (_label_head(child), child.title) if x)
            body = child.full_text()
            parts.append(" ".join(x for x in (head, body) if x))
        return "\n".join(p for p in parts if p)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "kind": self.kind,
            "number": self.number,
            "title": self.title,
            "text": self.text,
            "page": self.page,
        }
        if self.page_end is not None and self.page_end != self.page:
            data["page_end"] = self.page_end
        if self.law is not None:
            data["law"] = self.law
            data["article"] = self.article
        data["children"] = [c.to_dict() for c in self.children]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Provision:
        return cls(
            kind=data["kind"],
            number=data.get("number", ""),
            title=data.get("title", ""),
            text=data.get("text", ""),
            page=data.get("page"),
            page_end=data.get("page_end"),
            children=[cls.from_dict(c) for c in data.get("children", [])],
            id=data.get("id", ""),
            law=data.get("law"),
            article=data.get("article"),
        )


def _label_head(p: Provision) -> str:
    if p.kind == "khoan":
        return f"{p.number}."
    if p.kind == "diem":
        return f"{p.number})"
    return ""


DOCUMENT_FIELDS = frozenset(
    {
        "id",
        "kind",
        "doc_type",
        "number",
        "title",
        "issuer",
        "place",
        "issued",
        "effective_from",
        "effective_to",
        "legal_bases",
        "source",
        "provisions",
        "findings",
    }
)
"""The keys `Document.to_dict` writes itself; any other key of its dict is from `extra`."""


@dataclass(slots=True)
class Document:
    """One ingested file, as structured data."""

    id: str
    kind: str
    source: SourceFile
    doc_type: str | None = None
    number: str | None = None
    title: str = ""
    issuer: str | None = None
    place: str | None = None
    issued: dt.date | None = None
    effective_from: dt.date | None = None
    effective_to: dt.date | None = None
    legal_bases: list[str] = field(default_factory=list)
    provisions: list[Provision] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    refs: list[Reference] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)
    """Kind-specific facts: `inspected_unit`, `period`, `presenter`, `figures`, `sections`…"""

    def walk(self) -> Iterator[Provision]:
        for p in self.provisions:
            yield from p.walk()

    def articles(self) -> list[Provision]:
        return [p for p in self.walk() if p.kind == "dieu"]

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "kind": self.kind,
            "doc_type": self.doc_type,
            "number": self.number,
            "title": self.title,
            "issuer": self.issuer,
            "place": self.place,
            "issued": _iso(self.issued),
            "effective_from": _iso(self.effective_from),
            "effective_to": _iso(self.effective_to),
            "legal_bases": list(self.legal_bases),
            "source": asdict(self.source),
            "provisions": [p.to_dict() for p in self.provisions],
            "findings": [f.to_dict() for f in self.findings],
        }
        data.update(self.extra)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        known = DOCUMENT_FIELDS | {"refs"}
        return cls(
            id=data["id"],
            kind=data["kind"],
            source=SourceFile(**data["source"]),
            doc_type=data.get("doc_type"),
            number=data.get("number"),
            title=data.get("title", ""),
            issuer=data.get("issuer"),
            place=data.get("place"),
            issued=_date(data.get("issued")),
            effective_from=_date(data.get("effective_from")),
            effective_to=_date(data.get("effective_to")),
            legal_bases=list(data.get("legal_bases", [])),
            provisions=[Provision.from_dict(p) for p in data.get("provisions", [])],
            findings=[
                Finding(
                    n=f["n"],
                    text=f["text"],
                    title=f.get("title", ""),
                    page=f.get("page"),
                    refs=[Reference(**r) for r in f.get("refs", [])],
                    case_files=list(f.get("case_files", [])),
                )
                for f in data.get("findings", [])
            ],
            refs=[Reference(**r) for r in data.get("refs", [])],
            extra={k: v for k, v in data.items() if k not in known},
        )


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _id_part(p: Provision) -> str:
    number = fold(p.number.replace("đ", "dd").replace("Đ", "DD")).lower()
    number = "".join(ch if ch.isalnum() or ch in ".-" else "-" for ch in number).strip("-")
    return f"{_ID_PREFIX[p.kind]}{number or 'x'}"


def assign_ids(provisions: list[Provision]) -> None:
    """Give every provision a stable id from its path of kinds and numbers.

    Articles are unique within a document, so an article's id does not carry its chapter
    (`d45`, `d45.k1`, `d45.k1.a`); containers above articles keep their path (`c2`, `c2.m1`).
    Collisions (a document that repeats a number) get `-2`, `-3`… in document order.
    """
    seen: dict[str, int] = {}

    def visit(nodes: list[Provision], prefix: str) -> None:
        for node in nodes:
            part = _id_part(node)
            base = (
                part
                if node.kind in ("dieu", "phu_luc")
                else (f"{prefix}.{part}" if prefix else part)
            )
            count = seen.get(base, 0) + 1
            seen[base] = count
            node.id = base if count == 1 else f"{base}-{count}"
            visit(node.children, node.id)

    visit(provisions, "")


def provision_label(p: Provision, parents: list[Provision] | None = None) -> str:
    """A citation label, smallest unit first: `điểm a khoản 2 Điều 7`."""
    chain = [*(parents or []), p]
    words = {
        "dieu": "Điều",
        "khoan": "khoản",
        "diem": "điểm",
        "chuong": "Chương",
        "phan": "Phần",
        "muc": "Mục",
        "tieu_muc": "Tiểu mục",
        "phu_luc": "Phụ lục",
    }
    parts = []
    for node in reversed(chain):
        if node.kind == "section":
            parts.append(node.number or node.title)
            break
        number = node.article if node.kind == "dieu" and node.article else node.number
        parts.append(f"{words[node.kind]} {number}".strip())
        if node.kind in ("dieu", "phu_luc"):
            break
    return " ".join(parts)
