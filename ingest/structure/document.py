"""Blocks of one file → a Document: pick the structure parser by what the blocks are."""

from __future__ import annotations

import contextlib
import datetime as dt
import re

from corpus.model import Document, SourceFile, assign_ids
from corpus.numbers import NUMBER_PATTERN, normalize_number
from ingest.blocks import ReadResult
from ingest.structure.classify import classify
from ingest.structure.header import Header, doc_type_of, parse_date, parse_header
from ingest.structure.inspection import build_inspection
from ingest.structure.phapdien import is_phapdien, parse_phapdien
from ingest.structure.regulation import parse_regulation_body
from ingest.structure.sections import parse_sections
from ingest.structure.topic import build_topic

_UNKNOWN = {"", "đang cập nhật", "none", "null"}
_PRECEDENT = re.compile(r"ÁN LỆ SỐ\s+(?P<num>\d+/\d{4}/AL)", re.IGNORECASE)
_ADOPTED = re.compile(
    r"thông qua ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4})"
)


def build_document(read: ReadResult, source: SourceFile) -> Document:
    """Parse the blocks of `read` into a Document (its id is left for the store to assign)."""
    blocks = read.blocks
    if is_phapdien(blocks, read.meta):
        return _phapdien_document(read, source)
    header = parse_header(blocks)
    _fill_from_meta(header, read.meta)
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
    else:
        doc.provisions = parse_sections(body)
    if kind == "court_document":
        _precedent_facts(doc, blocks)
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
    number = _known(meta.get("Số hiệu"))
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
            ("header_number", number),
            ("status", _known(meta.get("Trạng thái"))),
            ("permalink", meta.get("permalink")),
        )
        if v
    }
    assign_ids(doc.provisions)
    return doc


def _fill_from_meta(header: Header, meta: dict[str, str]) -> None:
    """Markdown front matter (`sohieu`, `ngay_ban_hanh`, …) fills what the text did not say."""
    if not meta:
        return
    number = _known(meta.get("sohieu") or meta.get("Số hiệu"))
    if number and not header.number and NUMBER_PATTERN.search(number):
        header.number = normalize_number(number)
    if not header.issued:
        _, header.issued = parse_date(meta.get("ngay_ban_hanh") or meta.get("Ngày ban hành") or "")
    if not header.issuer:
        header.issuer = _known(meta.get("co_quan_ban_hanh") or meta.get("Nơi ban hành"))
    if not header.doc_type:
        header.doc_type = doc_type_of(meta.get("loai_van_ban") or meta.get("Loại văn bản") or "")
    if not header.title:
        header.title = meta.get("title") or meta.get("trich_yeu") or ""


def _known(value: str | None) -> str | None:
    return None if value is None or value.strip().lower() in _UNKNOWN else value.strip()


def _precedent_facts(doc: Document, read_blocks: list) -> None:
    head = " ".join(b.text for b in read_blocks[:30])
    m = _PRECEDENT.search(head)
    if m:
        doc.number = normalize_number(m.group("num"))
        doc.doc_type = "an_le"
        title_start = m.end()
        rest = head[title_start:].split("Được Hội đồng")[0]
        if not doc.title or doc.title.upper().startswith("ÁN LỆ"):
            doc.title = re.sub(r"^\d+\s+", "", rest).strip()
    m = _ADOPTED.search(head)
    if m and not doc.issued:
        with contextlib.suppress(ValueError):
            doc.issued = dt.date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    if not doc.issuer and "Hội đồng Thẩm phán" in head:
        doc.issuer = "Hội đồng Thẩm phán Tòa án nhân dân tối cao"


def _first_line_title(read: ReadResult) -> str:
    for block in read.blocks[:20]:
        text = block.text.strip()
        if len(text) > 3 and not text.startswith(("CỘNG HÒA", "CỘNG HOÀ", "Độc lập", "Số")):
            return text[:200]
    return ""
