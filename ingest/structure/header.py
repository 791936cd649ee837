"""The header of a Vietnamese administrative document: issuer, số hiệu, place and date, type,
title (trích yếu) and the `Căn cứ` lines.

```
CHÍNH PHỦ                      CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Số: 21/2021/NĐ-CP              Độc lập - Tự do - Hạnh phúc
                               Hà Nội, ngày 19 tháng 3 năm 2021
NGHỊ ĐỊNH
Quy định thi hành Bộ luật Dân sự về bảo đảm thực hiện nghĩa vụ
Căn cứ …;
```
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from corpus.numbers import NUMBER_PATTERN, normalize_number
from corpus.vntext import fold
from ingest.blocks import Block

HEADER_WINDOW = 60
"""Blocks from the start in which the header is looked for."""

DOC_TYPES = {
    "BỘ LUẬT": "bo_luat",
    "LUẬT": "luat",
    "NGHỊ ĐỊNH": "nghi_dinh",
    "THÔNG TƯ LIÊN TỊCH": "thong_tu_lien_tich",
    "THÔNG TƯ": "thong_tu",
    "NGHỊ QUYẾT": "nghi_quyet",
    "QUYẾT ĐỊNH": "quyet_dinh",
    "PHÁP LỆNH": "phap_lenh",
    "CHỈ THỊ": "chi_thi",
    "KẾT LUẬN": "ket_luan",
    "BÁO CÁO": "bao_cao",
    "CHUYÊN ĐỀ": "chuyen_de",
    "CÔNG VĂN": "cong_van",
    "HƯỚNG DẪN": "huong_dan",
    "KẾ HOẠCH": "ke_hoach",
    "ÁN LỆ": "an_le",
    "BẢN ÁN": "ban_an",
    "THÔNG BÁO": "thong_bao",
}
_TYPE_LINE = re.compile(
    r"^(?:" + "|".join(sorted(map(re.escape, DOC_TYPES), key=len, reverse=True)) + r")\b"
)
_NUMBER_LINE = re.compile(r"(?:^|\b)(?:Luật\s+)?[Ss]ố\s*(?:hiệu)?\s*[:.]?\s*(?P<num>\S+)")
_DATE = re.compile(
    r"(?:(?P<place>[A-ZĐ][^\d,;:]{1,40}),\s*)?ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})"
    r"\s+năm\s+(?P<y>\d{4})",
    re.IGNORECASE,
)
_NUMERIC_DATE = re.compile(r"\b(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>\d{4})\b")
_MOTTO = re.compile(r"CỘNG HÒA|CỘNG HOÀ|Độc lập|ĐỘC LẬP|Tự do|Hạnh phúc", re.IGNORECASE)
_RULE = re.compile(r"^[-_=.…\s]{3,}$")
_BASIS = re.compile(r"^Căn cứ\b")
_BODY_START = re.compile(
    r"^(?:Chương|CHƯƠNG|Điều\s+\d|Phần\s+thứ|PHẦN\s+THỨ|Mục\s+\d|I\.\s|1\.\s"
    r"|Theo đề nghị|Xét đề nghị)"
)


@dataclass(slots=True)
class Header:
    """What the header says; `end` is the index of the first block after it."""

    issuer: str | None = None
    number: str | None = None
    place: str | None = None
    issued: dt.date | None = None
    type_word: str | None = None
    doc_type: str | None = None
    title: str = ""
    legal_bases: list[str] = field(default_factory=list)
    end: int = 0


def parse_date(text: str) -> tuple[str | None, dt.date | None]:
    """`Hà Nội, ngày 18 tháng 7 năm 2015` → ("Hà Nội", date(2015, 7, 18)); also `18/07/2015`."""
    match = _DATE.search(text)
    if match:
        place = match.group("place")
        if place:
            place = place.strip(" ,.")
            place = place if 1 <= len(place.split()) <= 6 else None
        return place, _safe_date(match.group("y"), match.group("m"), match.group("d"))
    match = _NUMERIC_DATE.search(text)
    if match:
        return None, _safe_date(match.group("y"), match.group("m"), match.group("d"))
    return None, None


def _safe_date(y: str, m: str, d: str) -> dt.date | None:
    try:
        return dt.date(int(y), int(m), int(d))
    except ValueError:
        return None


def doc_type_of(word: str) -> str | None:
    match = _TYPE_LINE.match(word.upper().strip())
    return DOC_TYPES[match.group(0)] if match else None


def parse_header(blocks: list[Block]) -> Header:
    """Read the header from the first blocks of a document."""
    header = Header()
    window = blocks[:HEADER_WINDOW]
    issuer_lines: list[str] = []
    for i, block in enumerate(window):
        for line in _lines(block.text):
            if header.number is None:
                num = _NUMBER_LINE.search(line)
                if num and NUMBER_PATTERN.search(num.group("num")):
                    header.number = normalize_number(
                        NUMBER_PATTERN.search(num.group("num")).group(0)
                    )
                    if not issuer_lines:
                        issuer_lines = _issuer_before(window, i, line)
                    continue
            if header.issued is None and "ngày" in line.lower() and "tháng" in line.lower():
                place, date = parse_date(line)
                if date and i < 25:
                    header.place, header.issued = place, date
        if header.type_word is None and _is_type_line(block):
            header.type_word = block.text.strip()
            header.doc_type = doc_type_of(block.text)
            header.end = i + 1
            header.title, header.end = _title_after(window, i + 1)
            break
    if header.type_word is None:
        header.end = 0
    if issuer_lines:
        header.issuer = " ".join(issuer_lines)
    bases_end = header.end
    for j in range(header.end, min(len(blocks), header.end + 40)):
        text = blocks[j].text.strip()
        if _BASIS.match(text):
            header.legal_bases.append(text.rstrip(";.").strip())
            bases_end = j + 1
        elif header.legal_bases and (_BODY_START.match(text) or text.startswith(("Theo", "Xét"))):
            break
    header.end = max(header.end, bases_end)
    return header


def _lines(text: str) -> list[str]:
    return [x.strip() for x in re.split(r"\n| {3,}", text) if x.strip()]


def _is_type_line(block: Block) -> bool:
    text = block.text.strip()
    if not text or len(text) > 40 or text != text.upper():
        return False
    match = _TYPE_LINE.match(text)
    if not match:
        return False
    rest = text[match.end() :].strip()
    return not rest or len(rest.split()) <= 4


def _issuer_before(window: list[Block], index: int, number_line: str) -> list[str]:
    """The upper-case lines of the issuer, just before the `Số:` line in the same cell/column."""
    candidates: list[str] = []
    text = window[index].text
    before = text[: text.find(number_line)] if number_line in text else ""
    for line in reversed(_lines(before)):
        if _RULE.match(line) or _MOTTO.search(line):
            continue
        if line == line.upper() and any(c.isalpha() for c in line):
            candidates.insert(0, line)
        else:
            break
    j = index - 1
    while not candidates and j >= 0 and index - j <= 4:
        line = window[j].text.strip()
        j -= 1
        if not line or _RULE.match(line) or _MOTTO.search(line):
            continue
        if line == line.upper() and any(c.isalpha() for c in line):
            candidates.insert(0, line)
            # a two-line issuer: "BỘ TƯ PHÁP" / "CỤC QUẢN LÝ THADS"
            k = j
            while k >= 0 and index - k <= 4:
                prev = window[k].text.strip()
                if (
                    prev
                    and prev == prev.upper()
                    and not _MOTTO.search(prev)
                    and not _RULE.match(prev)
                ):
                    candidates.insert(0, prev)
                k -= 1
                break
        else:
            break
    return [c for c in candidates if len(c) < 80]


def _title_after(window: list[Block], start: int) -> tuple[str, int]:
    parts: list[str] = []
    j = start
    while j < len(window):
        text = window[j].text.strip()
        if not text or _RULE.match(text):
            j += 1
            if parts:
                break
            continue
        if (
            _BASIS.match(text)
            or _BODY_START.match(text)
            or (
                "ngày" in text
                and "tháng" in text
                and ("năm" in text and len(text) < 60 and not parts)
            )
        ):
            break
        if parts and not (window[j].bold or window[j].center or window[j].heading):
            break
        if len(parts) >= 4:
            break
        parts.append(text)
        j += 1
    return " ".join(parts).strip(), j


def fold_upper(text: str) -> str:
    return fold(text).upper()
