"""How a handbook words dates, sources and headings (the same in every output format)."""

from __future__ import annotations

import datetime as dt

from corpus.citetext import DOC_TYPE_WORDS
from corpus.citing import document_name
from corpus.model import Document, Provision
from corpus.registry import default_registry

KIND_WORDS = {
    "inspection_conclusion": "Kết luận",
    "conference_topic": "Chuyên đề",
    "court_document": "Văn bản",
    "regulation": "Văn bản",
    "other": "Tài liệu",
}


def vn_date(day: dt.date | None) -> str:
    """`01/07/2009`, as Vietnamese documents write dates."""
    return day.strftime("%d/%m/%Y") if day else ""


def law_source(law: str, via: Document | None = None) -> str:
    """The sources-list entry of a regulation, by its số hiệu.

    `via` is the document the text was taken from when it is not the regulation itself
    (a Pháp điển topic quoting the law's articles).
    """
    known = default_registry().get(law)
    parts = [document_name(law)]
    facts = []
    if known and known.issuer:
        facts.append(known.issuer)
    if known and known.issued:
        facts.append(f"ban hành ngày {vn_date(known.issued)}")
    if known and known.effective_from:
        facts.append(f"có hiệu lực từ ngày {vn_date(known.effective_from)}")
    if known and known.effective_to:
        facts.append(f"hết hiệu lực từ ngày {vn_date(known.effective_to)}")
    if facts:
        parts.append(", ".join(facts))
    if via is not None and via.number != law:
        parts.append(f"trích theo {codification_name(via)}")
    return "; ".join(parts) + "."


def codification_name(doc: Document) -> str:
    if doc.doc_type == "phap_dien":
        return f"Bộ pháp điển, đề mục {doc.title}"
    return document_title(doc)


def document_title(doc: Document) -> str:
    """`Kết luận số 12/KL-CTHADS` / `Chuyên đề "…"` / a regulation's name."""
    if doc.kind == "regulation" and doc.number:
        return document_name(doc.number)
    word = DOC_TYPE_WORDS.get(doc.doc_type or "") or KIND_WORDS.get(doc.kind, "Tài liệu")
    if doc.number:
        return f"{word} số {doc.number}"
    return f"{word} “{doc.title}”" if doc.title else word


def document_source(doc: Document) -> str:
    """The sources-list entry of a non-regulation (a conclusion, a topic, a report)."""
    text = document_title(doc)
    if doc.issued:
        text += f" ngày {vn_date(doc.issued)}"
    if doc.number and doc.title:
        text += f" về {doc.title[:1].lower()}{doc.title[1:]}"
    presenter = doc.extra.get("presenter")
    if presenter:
        role = doc.extra.get("presenter_role")
        text += f", {presenter}" + (f" ({role})" if role else "")
    event = doc.extra.get("event")
    if event:
        text += f", {event[:1].lower()}{event[1:]}"
    return text.rstrip(".") + "."


def provision_heading(label: str, article: Provision | None) -> str:
    """`Khoản 1 Điều 44. Xác minh điều kiện thi hành án`."""
    head = label[:1].upper() + label[1:]
    if article is not None and article.title:
        return f"{head}. {article.title}"
    return head
