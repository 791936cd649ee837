"""Blocks of one file → a Document: pick the structure parser by what the blocks are.

Pháp điển topics and court precedents are recognised first (by their headings); everything
else has its header read, is classified, and gets the regulation parser (regulations) or the
sections parser (conclusions, topics, other). Facts a regulation states outside its header are
read from its body: a law's date is the day the National Assembly adopted it (`Bộ luật này đã
được Quốc hội … thông qua ngày …`), the effective date is what its article on validity says
(`Nghị định này có hiệu lực thi hành từ ngày …`). Markdown front matter fills what the text
does not say.
"""

from __future__ import annotations

import datetime as dt
import re

from corpus.model import Document, Provision, SourceFile, assign_ids
from corpus.numbers import NUMBER_PATTERN, normalize_number
from corpus.vntext import fold
from ingest.blocks import Block, ReadResult
from ingest.structure.classify import classify
from ingest.structure.header import (
    Header,
    doc_type_of,
    doc_type_of_number,
    issuer_of_number,
    parse_date,
    parse_header,
    safe_date,
)
from ingest.structure.inspection import build_inspection
from ingest.structure.phapdien import is_phapdien, parse_phapdien
from ingest.structure.precedent import ISSUER, is_precedent, parse_precedent
from ingest.structure.regulation import parse_regulation_body
from ingest.structure.sections import parse_sections
from ingest.structure.topic import build_topic

_UNKNOWN = {"", "đang cập nhật", "none", "null"}
_ADOPTED_BY_ASSEMBLY = re.compile(
    r"này (?:đã )?được (?:Quốc hội|Ủy ban [Tt]hường vụ Quốc hội|Uỷ ban [Tt]hường vụ Quốc hội)"
    r"\b.{0,200}?thông qua ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4})"
)
_EFFECTIVE = re.compile(
    r"(?:bo luat|luat|phap lenh|nghi dinh|nghi quyet|thong tu lien tich|thong tu|quyet dinh"
    r"|chi thi) nay\b[^.;]{0,160}?co hieu luc(?: thi hanh)?(?: ke)? tu (?:ngay\s+(?P<d>\d{1,2})"
    r"\s+thang\s+(?P<m>\d{1,2})\s+nam\s+(?P<y>\d{4})|(?P<signed>ngay ky))"
)
"""Matched on folded text, so that OCR's tone errors (`thị hành`) do not hide the date."""


def build_document(read: ReadResult, source: SourceFile) -> Document:
    """Parse the blocks of `read` into a Document (its id is left for the store to assign)."""
    blocks = read.blocks
    if is_phapdien(blocks, read.meta):
        return _phapdien_document(read, source)
    if is_precedent(blocks):
        return _precedent_document(read, source)
    header = parse_header(blocks)
    _fill_from_meta(header, read.meta)
    header.doc_type = header.doc_type or doc_type_of_number(header.number)
    kind = classify(header, blocks)
    doc = Document(
        id="",
        kind=kind,
        source=source,
        doc_type=header.doc_type,
        number=header.number,
        title=header.title,
        issuer=header.issuer,
        place=header.place,
        issued=header.issued,
        legal_bases=header.legal_bases,
    )
    body = blocks[header.end :]
    if kind == "regulation":
        doc.provisions = parse_regulation_body(body)
        doc.issued = doc.issued or _adoption_date(blocks)
        doc.effective_from = _effective_from(doc) or _meta_date(read.meta, "ngay_hieu_luc")
    else:
        doc.provisions = parse_sections(body)
    if kind == "inspection_conclusion":
        build_inspection(doc, blocks)
    elif kind == "conference_topic":
        build_topic(doc, blocks)
    if not doc.title:
        doc.title = _first_line_title(read)
    assign_ids(doc.provisions)
    return doc


def _phapdien_document(read: ReadResult, source: SourceFile) -> Document:
    meta = read.meta
    doc = Document(
        id="",
        kind="regulation",
        source=source,
        doc_type="phap_dien",
        number=None,
        title=meta.get("title") or _first_line_title(read),
        issuer=_known(meta.get("Nơi ban hành")),
        provisions=parse_phapdien(read.blocks),
    )
    doc.extra["phapdien"] = {
        k: v
        for k, v in (
            ("header_number", _known(meta.get("Số hiệu"))),
            ("status", _known(meta.get("Trạng thái"))),
            ("permalink", meta.get("permalink")),
        )
        if v
    }
    assign_ids(doc.provisions)
    return doc


def _precedent_document(read: ReadResult, source: SourceFile) -> Document:
    facts = parse_precedent(read.blocks)
    doc = Document(
        id="",
        kind="court_document",
        source=source,
        doc_type="an_le",
        number=facts.number,
        title=facts.title or _first_line_title(read),
        issuer=ISSUER,
        issued=facts.adopted,
        provisions=facts.sections,
    )
    if facts.published:
        doc.extra["published"] = facts.published.isoformat()
    if facts.published_by:
        doc.extra["published_by"] = facts.published_by
    assign_ids(doc.provisions)
    return doc


def _fill_from_meta(header: Header, meta: dict[str, str]) -> None:
    """Markdown front matter (`sohieu`, `ngay_ban_hanh`, …) fills what the text did not say."""
    if not meta:
        return
    number = _known(meta.get("sohieu") or meta.get("Số hiệu"))
    if number and not header.number and NUMBER_PATTERN.search(number):
        header.number = normalize_number(NUMBER_PATTERN.search(number).group(0))
    if not header.issued:
        date_text = meta.get("ngay_ban_hanh") or meta.get("Ngày ban hành") or meta.get("date")
        _, header.issued = parse_date(_iso_to_vn(date_text or ""))
    if not header.issuer:
        issuer = _known(meta.get("co_quan_ban_hanh") or meta.get("Nơi ban hành"))
        header.issuer = issuer.upper() if issuer else issuer_of_number(header.number)
    if not header.doc_type:
        header.doc_type = doc_type_of(meta.get("loai_van_ban") or meta.get("Loại văn bản") or "")
    if not header.title:
        title = meta.get("trich_yeu") or meta.get("title") or ""
        # `151/2026/ND-CP - Văn phòng thi hành án dân sự …`: the number is not the title
        header.title = re.sub(r"^\S*\d+/\d{4}/\S+\s*[-–:]\s*", "", title)


def _meta_date(meta: dict[str, str], key: str) -> dt.date | None:
    return parse_date(_iso_to_vn(meta.get(key) or ""))[1]


def _iso_to_vn(text: str) -> str:
    """`2026-05-13` (YAML front matter) → `13/05/2026`, which `parse_date` reads."""
    m = re.fullmatch(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*", text)
    return f"{m.group(3)}/{m.group(2)}/{m.group(1)}" if m else text


def _known(value: str | None) -> str | None:
    return None if value is None or value.strip().lower() in _UNKNOWN else value.strip()


def _adoption_date(blocks: list[Block]) -> dt.date | None:
    """A law's date: the day the National Assembly adopted it, said after its last article."""
    for block in reversed(blocks[-400:]):
        m = _ADOPTED_BY_ASSEMBLY.search(block.text)
        if m:
            return safe_date(m.group("y"), m.group("m"), m.group("d"))
    return None


def _effective_from(doc: Document) -> dt.date | None:
    """The date the document's own article on validity gives (`… có hiệu lực … từ ngày …`)."""
    articles = doc.articles()
    ordered = [a for a in articles if "hiệu lực" in a.title.lower()] + articles[::-1]
    for article in ordered:
        m = _EFFECTIVE.search(fold(_own_text(article)).lower())
        if m:
            if m.group("signed"):
                return doc.issued
            return safe_date(m.group("y"), m.group("m"), m.group("d"))
    return None


def _own_text(article: Provision) -> str:
    return " ".join(p.text for p in article.walk())


def _first_line_title(read: ReadResult) -> str:
    for block in read.blocks[:20]:
        text = block.text.strip()
        if len(text) > 3 and not text.startswith(("CỘNG HÒA", "CỘNG HOÀ", "Độc lập", "Số")):
            return text[:200]
    return ""
