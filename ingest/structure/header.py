"""The header of a Vietnamese administrative document: issuer, số hiệu, place and date, type,
title (trích yếu) and the `Căn cứ` lines.

```
CHÍNH PHỦ                      CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
_______                        Độc lập - Tự do - Hạnh phúc
Số: 21/2021/NĐ-CP              Hà Nội, ngày 19 tháng 3 năm 2021
NGHỊ ĐỊNH
Quy định thi hành Bộ luật Dân sự về bảo đảm thực hiện nghĩa vụ
Căn cứ …;
```

The issuer is the capital lines above `Số:` (rules and the national motto left out, two lines
such as `HỘI ĐỒNG THẨM PHÁN` / `TÒA ÁN NHÂN DÂN TỐI CAO` joined); where the text does not say
it (OCR lost it), the số hiệu does (`…/NĐ-CP` is the Government's). A law's title is its type
and name (`BỘ LUẬT DÂN SỰ`); other titles are the lines under the type word.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from dataclasses import dataclass, field

from corpus.numbers import NUMBER_PATTERN, normalize_number
from corpus.vntext import fold
from ingest.blocks import Block
from ingest.structure.units import is_upper

HEADER_WINDOW = 60
"""Blocks from the start in which the header is looked for."""

DOC_TYPES = {
    "BỘ LUẬT": "bo_luat",
    "LUẬT": "luat",
    "NGHỊ ĐỊNH": "nghi_dinh",
    "THÔNG TƯ LIÊN TỊCH": "thong_tu_lien_tich",
    "THÔNG TƯ": "thong_tu",
    "NGHỊ QUYẾT LIÊN TỊCH": "nghi_quyet_lien_tich",
    "NGHỊ QUYẾT": "nghi_quyet",
    "QUYẾT ĐỊNH": "quyet_dinh",
    "PHÁP LỆNH": "phap_lenh",
    "CHỈ THỊ": "chi_thi",
    "KẾT LUẬN": "ket_luan",
    "BÁO CÁO": "bao_cao",
    "CHUYÊN ĐỀ": "chuyen_de",
    "THAM LUẬN": "chuyen_de",
    "CÔNG VĂN": "cong_van",
    "HƯỚNG DẪN": "huong_dan",
    "KẾ HOẠCH": "ke_hoach",
    "ÁN LỆ": "an_le",
    "BẢN ÁN": "ban_an",
    "THÔNG BÁO": "thong_bao",
}
LAW_TYPES = {"bo_luat", "luat", "phap_lenh"}
ISSUER_BY_SUFFIX = {
    "NĐ-CP": "CHÍNH PHỦ",
    "QH": "QUỐC HỘI",
    "UBTVQH": "ỦY BAN THƯỜNG VỤ QUỐC HỘI",
    "NQ-HĐTP": "HỘI ĐỒNG THẨM PHÁN TÒA ÁN NHÂN DÂN TỐI CAO",
    "QĐ-TTG": "THỦ TƯỚNG CHÍNH PHỦ",
    "CT-TTG": "THỦ TƯỚNG CHÍNH PHỦ",
    "TT-BTP": "BỘ TƯ PHÁP",
    "TT-BCA": "BỘ CÔNG AN",
    "TT-BTC": "BỘ TÀI CHÍNH",
    "TT-NHNN": "NGÂN HÀNG NHÀ NƯỚC VIỆT NAM",
    "TT-TANDTC": "TÒA ÁN NHÂN DÂN TỐI CAO",
    "TT-VKSNDTC": "VIỆN KIỂM SÁT NHÂN DÂN TỐI CAO",
}
"""Who issues a document, as its số hiệu says: used only where the header's text does not."""

_TYPE_LINE = re.compile(
    r"^(?:" + "|".join(sorted(map(re.escape, DOC_TYPES), key=len, reverse=True)) + r")\b"
)
_NUMBER_LINE = re.compile(
    r"^(?:(?:Bộ\s+)?[Ll]uật\s+|Pháp lệnh\s+|Nghị quyết\s+)?[Ss][ốô]\s*(?:hiệu)?\s*[:.]?\s*"
    r"(?P<num>\S+)"
)
_DATE = re.compile(
    r"ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4})", re.IGNORECASE
)
_NUMERIC_DATE = re.compile(r"\b(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>\d{4})\b")
_MOTTO = re.compile(r"CỘNG HÒA|CỘNG HOÀ|Độc lập|ĐỘC LẬP|Tự do|Hạnh phúc", re.IGNORECASE)
_RULE = re.compile(r"^[-_=.…–—\s]{3,}$")
_TRAILING_RULE = re.compile(r"[-_=.…–—]{3,}$")
_BASIS = re.compile(r"^Căn cứ\b")
_NOT_TITLE = re.compile(r"^(?:Thực hiện|Xét|Theo|Trên cơ sở|Kính gửi|Được)\b")
_BODY_START = re.compile(
    r"^(?:Chương|CHƯƠNG|Điều\s+\d|Phần\s+thứ|PHẦN\s+THỨ|Mục\s+\d|I\.\s|1\.\s"
    r"|Theo đề nghị|Xét đề nghị|QUYẾT NGHỊ|QUYẾT ĐỊNH\s*:)"
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
        before = text[: match.start()].rstrip()
        place = _place(before[:-1]) if before.endswith(",") else None
        return place, safe_date(match.group("y"), match.group("m"), match.group("d"))
    match = _NUMERIC_DATE.search(text)
    if match:
        return None, safe_date(match.group("y"), match.group("m"), match.group("d"))
    return None, None


def _place(before: str) -> str | None:
    """The place name that ends `before`: capitalised words (`Hà Nội`, `Thành phố Hồ Chí Minh`)."""
    words: list[str] = []
    for word in reversed(before.split()):
        if not word.isalpha() or len(words) == 6:
            break
        words.insert(0, word)
    while words and not words[0][0].isupper():
        words.pop(0)
    place = " ".join(words)
    return place if place and not _MOTTO.search(place) else None


def safe_date(y: str, m: str, d: str) -> dt.date | None:
    try:
        return dt.date(int(y), int(m), int(d))
    except ValueError:
        return None


def doc_type_of(word: str) -> str | None:
    match = _TYPE_LINE.match(word.upper().strip())
    return DOC_TYPES[match.group(0)] if match else None


def issuer_of_number(number: str | None) -> str | None:
    """The issuer a số hiệu names (`21/2021/NĐ-CP` → `CHÍNH PHỦ`), if it is a known one."""
    if not number:
        return None
    suffix = number.upper().split("/")[-1]
    if re.fullmatch(r"QH\d+", suffix):
        return ISSUER_BY_SUFFIX["QH"]
    if re.fullmatch(r"(?:NQ-)?UBTVQH\d+", suffix):
        return ISSUER_BY_SUFFIX["UBTVQH"]
    return ISSUER_BY_SUFFIX.get(suffix)


_TYPE_BY_CODE = {
    "NĐ": "nghi_dinh",
    "NQ": "nghi_quyet",
    "NQLT": "nghi_quyet_lien_tich",
    "TT": "thong_tu",
    "TTLT": "thong_tu_lien_tich",
    "QĐ": "quyet_dinh",
    "CT": "chi_thi",
    "PL": "phap_lenh",
    "KL": "ket_luan",
    "BC": "bao_cao",
    "AL": "an_le",
}


def doc_type_of_number(number: str | None) -> str | None:
    """The type a số hiệu names (`151/2026/NĐ-CP` → nghi_dinh), for when the text lost it."""
    if not number:
        return None
    code = number.upper().split("/")[-1].split("-")[0]
    if re.fullmatch(r"QH\d+", code):
        return "luat"
    return _TYPE_BY_CODE.get(code)


def parse_header(blocks: list[Block]) -> Header:
    """Read the header from the first blocks of a document."""
    header = Header()
    window, origin = _header_lines(blocks[:HEADER_WINDOW])
    body_at = next(
        (i for i, b in enumerate(window) if _BODY_START.match(b.text.strip())), len(window)
    )
    type_at = next((i for i, b in enumerate(window[:body_at]) if _type_split(b)), None)
    number_at = _find_number(header, window[:body_at])
    if number_at is not None:
        header.issuer = _issuer_before(window, number_at)
    header.issuer = header.issuer or issuer_of_number(header.number)
    _find_date(header, window[: type_at if type_at else max(body_at, 1)])
    end = 0
    if type_at is not None:
        header.type_word, glued_title = _type_split(window[type_at]) or ("", "")
        header.doc_type = doc_type_of(header.type_word)
        header.title, end_line = _title_after(window, type_at + 1, header.issuer, glued_title)
        if header.doc_type in LAW_TYPES and (not header.title or is_upper(header.title)):
            header.title = f"{header.type_word} {header.title}".strip()
        end = origin[end_line - 1] + 1 if end_line else 0
    bases_end = end
    for j in range(end, min(len(blocks), end + 40)):
        text = blocks[j].text.strip()
        if _BASIS.match(text):
            header.legal_bases.append(text.rstrip(";.,").strip())
            bases_end = j + 1
        elif header.legal_bases and (_BODY_START.match(text) or text.startswith(("Theo", "Xét"))):
            break
    header.end = max(end, bases_end)
    return header


_CUT_BEFORE = re.compile(r"\b(?:(?:Bộ\s+)?Luật số|Số)\s*:|CỘNG HÒA XÃ HỘI|CỘNG HOÀ XÃ HỘI")
_CUT_AFTER = re.compile(r"Hạnh phúc|,\s*ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}")
_RULE_RUN = re.compile(r"[-_=…–—]{3,}")
"""Where a header line starts or ends inside a block that glued several (a PDF's columns)."""


def _header_lines(window: list[Block]) -> tuple[list[Block], list[int]]:
    """The header blocks cut into their lines (line breaks, wide gaps, and the landmarks of a
    header glued into one block: `Số:`, the motto, rules, the place and date), each with its
    block's style; and for each line the index of the block it came from."""
    lines: list[Block] = []
    origin: list[int] = []
    for index, block in enumerate(window):
        pieces = [
            piece.strip() for line in re.split(r"\n| {3,}", block.text) for piece in _cut(line)
        ]
        pieces = [p for p in pieces if p and not _RULE.match(p)] or [block.text.strip()]
        for piece in pieces:
            lines.append(
                Block(
                    text=piece,
                    page=block.page,
                    bold=block.bold,
                    heading=block.heading,
                    in_table=block.in_table,
                    center=block.center,
                )
            )
            origin.append(index)
    return lines, origin


def _cut(line: str) -> list[str]:
    cuts = {0, len(line)}
    cuts.update(m.start() for m in _CUT_BEFORE.finditer(line))
    cuts.update(m.end() for m in _CUT_AFTER.finditer(line))
    for m in _RULE_RUN.finditer(line):
        cuts.update((m.start(), m.end()))
    ordered = sorted(cuts)
    return [line[a:b] for a, b in itertools.pairwise(ordered)]


def _find_number(header: Header, window: list[Block]) -> int | None:
    for i, block in enumerate(window):
        for line in _lines(block.text):
            m = _NUMBER_LINE.match(line)
            found = NUMBER_PATTERN.search(m.group("num")) if m else None
            if found:
                header.number = normalize_number(found.group(0))
                return i
    return None


def _find_date(header: Header, window: list[Block]) -> None:
    """The `Hà Nội, ngày … tháng … năm …` line: short, not a legal basis or a title."""
    for block in window[:30]:
        for line in _lines(block.text):
            if "ngày" not in line.lower()[:100] or _BASIS.match(line):
                continue
            place, date = parse_date(line[:100])
            if date:
                header.place, header.issued = place, date
                return


def _lines(text: str) -> list[str]:
    return [x.strip() for x in re.split(r"\n| {3,}", text) if x.strip()]


def _type_split(block: Block) -> tuple[str, str] | None:
    """(type words, title glued after them) when a block is the type line: `NGHỊ ĐỊNH`,
    `KẾT LUẬN KIỂM TRA`, or, in a PDF line, `KẾT LUẬN Kiểm tra công tác …`."""
    text = block.text.strip()
    match = _TYPE_LINE.match(text)
    if not match:
        return None
    words = text.split()
    upper = 0
    for word in words:
        if not all(c.isupper() for c in word if c.isalpha()):
            break
        upper += 1
    key = len(match.group(0).split())
    if upper - key > 4:
        upper = key  # `NGHỊ ĐỊNH VỀ HỌ, HỤI, BIÊU, PHƯỜNG`: the type, then a capitalised title
    type_words = " ".join(words[:upper]).rstrip(":").strip()
    rest = " ".join(words[upper:])
    if rest and not (block.bold or block.center or block.heading):
        return None
    return type_words, rest


def clean_issuer_line(line: str) -> str:
    """`CHÍNH PHỦ__________` → `CHÍNH PHỦ`."""
    return _TRAILING_RULE.sub("", line).strip(" -_")


def _issuer_before(window: list[Block], index: int) -> str | None:
    """The capital lines just above the `Số:` line (same block or the blocks before it)."""
    lines: list[str] = []
    own = _lines(window[index].text)
    at = next((k for k, line in enumerate(own) if _NUMBER_LINE.match(line)), len(own))
    candidates = own[:at]
    j = index - 1
    while j >= 0 and index - j <= 5:
        candidates = _lines(window[j].text) + candidates
        j -= 1
    for line in reversed(candidates):
        line = clean_issuer_line(line)
        if not line or _RULE.match(line):
            continue
        motto = _MOTTO.search(line)
        if motto and motto.start() > 0 and not lines:
            line = clean_issuer_line(line[: motto.start()])  # `CỤC … CỘNG HÒA XÃ HỘI …` glued
        if _MOTTO.search(line) or not is_upper(line) or len(line) >= 80:
            if lines:
                break
            continue
        lines.insert(0, line)
        if len(lines) == 3:
            break
    return " ".join(lines) or None


def _title_after(
    window: list[Block], start: int, issuer: str | None, glued: str = ""
) -> tuple[str, int]:
    parts: list[str] = [glued] if glued else []
    j = start
    skip = {fold(issuer).upper()} if issuer else set()
    while j < len(window):
        block = window[j]
        text = block.text.strip()
        if not text or _RULE.match(text):
            j += 1
            if parts:
                break
            continue
        if _BASIS.match(text) or _BODY_START.match(text) or _MOTTO.search(text):
            break
        if _NOT_TITLE.match(text):
            break
        if fold(text).upper() in skip or (not parts and _is_issuer_name(text)):
            j += 1
            continue
        if not parts and "ngày" in text and "tháng" in text and len(text) < 60:
            j += 1
            continue
        if parts and not (block.bold or block.center or block.heading):
            break
        if parts and is_upper(text) != is_upper(" ".join(parts)):
            break
        if len(parts) >= 4:
            break
        parts.append(clean_issuer_line(text))
        j += 1
    return " ".join(parts).strip(), j


def _is_issuer_name(text: str) -> bool:
    return text.upper() in ISSUER_BY_SUFFIX.values()


def fold_upper(text: str) -> str:
    return fold(text).upper()
