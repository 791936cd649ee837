"""Decide a document's kind: regulation, inspection conclusion, conference topic, court document
or other, from its header and its first pages."""

from __future__ import annotations

import re

from corpus.vntext import fold
from ingest.blocks import Block
from ingest.structure.header import Header

REGULATION_TYPES = {
    "bo_luat",
    "luat",
    "nghi_dinh",
    "thong_tu",
    "thong_tu_lien_tich",
    "nghi_quyet",
    "quyet_dinh",
    "phap_lenh",
    "chi_thi",
    "phap_dien",
}
COURT_TYPES = {"an_le", "ban_an"}
_ARTICLE = re.compile(r"^(?:Điều|ĐIỀU)\s+\d+[a-zđ]?\s*[.:]")
_INSPECTION = re.compile(r"\b(ket luan|bien ban)\b.{0,80}\b(kiem tra|thanh tra)\b")
_SHORTCOMINGS = re.compile(r"\b(thieu sot|vi pham|han che)\b")
INSPECTION_HEAD = 800
"""Folded characters from the start in which a conclusion's `KẾT LUẬN KIỂM TRA` must appear."""
_TOPIC = re.compile(r"\b(chuyen de|hoi nghi|hoi thao|tham luan|bao cao)\b")
_COURT = re.compile(r"\b(an le so|ban an so|quyet dinh giam doc tham|nhan dinh cua toa an)\b")


def classify(header: Header, blocks: list[Block]) -> str:
    """One of `corpus.model.DOCUMENT_KINDS`."""
    head = fold(" ".join(b.text for b in blocks[:80])).lower()
    articles = sum(1 for b in blocks if _ARTICLE.match(b.text))
    if header.doc_type in COURT_TYPES or _COURT.search(head):
        return "court_document"
    # an inspection conclusion says so in its type line and title, not in passing further on
    if header.doc_type == "ket_luan" or _INSPECTION.search(head[:INSPECTION_HEAD]):
        body = fold(" ".join(b.text for b in blocks)).lower()
        if _SHORTCOMINGS.search(body):
            return "inspection_conclusion"
    if header.doc_type in REGULATION_TYPES and articles >= 1:
        return "regulation"
    if articles >= 3 and header.doc_type not in ("bao_cao", "chuyen_de"):
        return "regulation"
    if header.doc_type in ("bao_cao", "chuyen_de") or _TOPIC.search(head[:2000]):
        return "conference_topic"
    return "other"
