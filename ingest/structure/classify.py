"""Decide a document's kind: regulation, inspection conclusion, conference topic, court document
or other, from what its header says it is and how its body is built.

In order:
- court_document: the header's type is a precedent or judgment, or the first lines name one
  (`ÁN LỆ SỐ …`, `BẢN ÁN SỐ …`, `QUYẾT ĐỊNH GIÁM ĐỐC THẨM`) or the body has the court's
  reasoning (`NHẬN ĐỊNH CỦA TÒA ÁN`);
- inspection_conclusion: the document says it is a conclusion of an inspection (type
  `KẾT LUẬN` with `kiểm tra`/`thanh tra` in its header, or a `…/KL-…` số hiệu), not merely that
  it talks about inspections: a report that mentions `thiếu sót, vi phạm … kiểm tra` is not one;
- regulation: a regulation's type (Luật, Nghị định, Thông tư…) with articles, or a run of
  numbered articles `Điều 1.`, `Điều 2.`, `Điều 3.` whatever the header says;
- conference_topic: a report, topic or paper (`BÁO CÁO`, `CHUYÊN ĐỀ`, `THAM LUẬN`), or a text
  about a conference (`hội nghị`, `hội thảo`, `chuyên đề`) in its opening;
- other.
"""

from __future__ import annotations

import re

from corpus.vntext import fold
from ingest.blocks import Block
from ingest.structure.header import Header
from ingest.structure.units import DIEU, article_key

REGULATION_TYPES = {
    "bo_luat",
    "luat",
    "nghi_dinh",
    "thong_tu",
    "thong_tu_lien_tich",
    "nghi_quyet",
    "nghi_quyet_lien_tich",
    "quyet_dinh",
    "phap_lenh",
    "chi_thi",
    "phap_dien",
}
COURT_TYPES = {"an_le", "ban_an"}
TOPIC_TYPES = {"bao_cao", "chuyen_de"}
_COURT_HEAD = re.compile(r"\b(an le so|ban an so|quyet dinh giam doc tham|quyet dinh tai tham)\b")
_COURT_BODY = re.compile(r"^nhan dinh cua (toa an|hoi dong)")
_INSPECTION = re.compile(r"\b(kiem tra|thanh tra)\b")
_CONCLUSION_NUMBER = re.compile(r"/KL-|^KL-|/KL$")
_TOPIC = re.compile(r"\b(chuyen de|hoi nghi|hoi thao|tham luan|toa dam)\b")


def classify(header: Header, blocks: list[Block]) -> str:
    """One of `corpus.model.DOCUMENT_KINDS`."""
    head = fold(" ".join(b.text for b in blocks[:8])).lower()
    if header.doc_type in COURT_TYPES or _COURT_HEAD.search(head) or _court_body(blocks):
        return "court_document"
    if _is_conclusion(header, blocks):
        return "inspection_conclusion"
    articles = _article_run(blocks)
    if header.doc_type in REGULATION_TYPES and articles >= 1:
        return "regulation"
    if articles >= 3 and header.doc_type not in TOPIC_TYPES:
        return "regulation"
    opening = fold(" ".join(b.text for b in blocks[:40])).lower()[:3000]
    if header.doc_type in TOPIC_TYPES or _TOPIC.search(opening):
        return "conference_topic"
    return "other"


def _court_body(blocks: list[Block]) -> bool:
    return any(
        _COURT_BODY.match(fold(b.text.strip()).lower()) and b.text.strip().isupper() for b in blocks
    )


def _is_conclusion(header: Header, blocks: list[Block]) -> bool:
    if header.number and _CONCLUSION_NUMBER.search(header.number.upper()):
        return True
    said = fold(f"{header.type_word or ''} {header.title}").lower()
    if "ket luan" in said and _INSPECTION.search(said):
        return True  # KẾT LUẬN KIỂM TRA, THÔNG BÁO KẾT LUẬN THANH TRA …
    if header.doc_type != "ket_luan":
        return False
    opening = fold(" ".join(b.text for b in blocks[:30])).lower()
    return bool(_INSPECTION.search(opening))


def _article_run(blocks: list[Block]) -> int:
    """How many articles of a numbered run `Điều 1.`, `Điều 2.`… the text holds."""
    expected, count = 1, 0
    for block in blocks:
        m = DIEU.match(block.text.strip())
        if m and article_key(m.group("num")) == (expected, ""):
            expected += 1
            count += 1
    return count
