"""The header of a report-like document (inspection conclusion, topic), however it arrives.

In DOCX the issuer, số hiệu and date sit in a borderless table; a PDF layout glues the two
columns into one line (`CỤC THADS TỈNH X CỘNG HÒA XÃ HỘI …`); OCR may interleave them. So the
header is read from text, not from positions: the issuer is the upper-case text before `Số:`
with the national motto cut out, the type line is `KẾT LUẬN …` / `BÁO CÁO …` / `CHUYÊN ĐỀ …`
(glued to the title or not), and the title is the styled lines after it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from corpus.numbers import NUMBER_PATTERN, normalize_number
from corpus.vntext import fold
from ingest.blocks import Block
from ingest.structure.header import parse_date
from ingest.structure.outline import is_title_like, label_of

WINDOW = 30
_MOTTO = re.compile(
    r"C[OỘ]NG\s*H[OÒ]A\s*X[AÃ]\s*H[OỘ]I\s*CH[UỦ]\s*NGH[IĨ]A\s*VI[EỆ]T(?:\s*NAM)?"
    r"|Đ[ộo]c\s*l[ậa]p\s*[-–—]?\s*T[ựu]\s*do\s*[-–—]?\s*H[ạa]nh\s*ph[úu]c"
    r"|[-_=.…]{3,}",
    re.IGNORECASE,
)
_NUMBER = re.compile(r"(?:^|\s)S[ốo]\s*[:.]?\s*(?P<num>\S+)")
_TYPES = (
    "ket luan kiem tra chuyen de",
    "ket luan kiem tra",
    "ket luan thanh tra",
    "ket luan",
    "bao cao chuyen de",
    "bao cao tham luan",
    "bao cao",
    "chuyen de",
    "tham luan",
)
_TYPE_INSIDE = re.compile(
    r"(?<![\w])(KẾT LUẬN(?: KIỂM TRA| THANH TRA)?(?: CHUYÊN ĐỀ)?|BÁO CÁO(?: CHUYÊN ĐỀ| THAM LUẬN)?"
    r"|CHUYÊN ĐỀ|THAM LUẬN)(?![\w])"
)
"""Type words inside a line: OCR glues the header columns and the type line together."""
_NOT_TITLE = re.compile(
    r"^(?:Căn cứ|Thực hiện|Thời kỳ|Xét|Theo|Trên cơ sở|Ngày|Kính gửi|Phạm vi)\b"
)


@dataclass(slots=True)
class ReportHeader:
    """What the header says, and where the body starts (`body_start`, a block index)."""

    number: str | None = None
    issuer: str | None = None
    place: str | None = None
    issued: dt.date | None = None
    type_words: str = ""
    title: str = ""
    body_start: int = 0


def read_report_header(blocks: list[Block]) -> ReportHeader:
    """Read the header from the first blocks (see the module doc)."""
    head = ReportHeader()
    window = blocks[:WINDOW]
    type_at = _type_block(window)
    before = window[: type_at if type_at is not None else min(len(window), 8)]
    if type_at is not None:
        glued = window[type_at].text
        prefix = glued[: len(glued) - len(_from_type(glued))].strip()
        if prefix:
            before = [*before, Block(text=prefix, ocr=window[type_at].ocr)]
    number_at = None
    for i, block in enumerate(before):
        m = _NUMBER.search(block.text)
        if m and head.number is None:
            found = NUMBER_PATTERN.search(m.group("num"))
            if found and "/" in found.group(0):
                head.number = normalize_number(found.group(0))
                number_at = i
        if head.issued is None and "tháng" in block.text and "năm" in block.text:
            place, date = parse_date(block.text)
            if date:
                head.place, head.issued = place, date
    head.issuer = _issuer(
        before[: number_at if number_at is not None else len(before)], number_at, before
    )
    if type_at is None:
        return head
    block = window[type_at]
    head.type_words, rest = _split_type(_from_type(block.text))
    parts = [rest] if rest else []
    j = type_at + 1
    while j < len(window) and len(parts) < 4:
        text = window[j].text.strip()
        if not text or _NOT_TITLE.match(text) or label_of(text) or window[j].in_table:
            break
        styled = window[j].bold or window[j].center or window[j].heading
        scanned = window[j].ocr and len(parts) < 2 and not text.endswith((".", ";"))
        if not (styled or scanned):
            break
        parts.append(text)
        j += 1
    head.title = " ".join(parts).strip()
    head.body_start = j
    return head


def _type_block(window: list[Block]) -> int | None:
    for i, block in enumerate(window):
        if _type_prefix(block.text) and (is_title_like(block) or block.center or block.ocr):
            return i
        if block.ocr and i < 8 and _TYPE_INSIDE.search(block.text):
            return i
    return None


def _from_type(text: str) -> str:
    """The part of a line from its type words on (all of it when it starts with them)."""
    if _type_prefix(text):
        return text
    m = _TYPE_INSIDE.search(text)
    return text[m.start() :] if m else text


def _type_prefix(text: str) -> int:
    """The length of the upper-case type words a line starts with (`KẾT LUẬN KIỂM TRA`), or 0."""
    text = text.strip()
    key = fold(text).lower()
    for t in _TYPES:
        cut = len(t)
        if (
            key.startswith(t)
            and (len(key) == cut or not key[cut].isalnum())
            and text[:cut].isupper()
        ):
            return cut
    return 0


def _split_type(text: str) -> tuple[str, str]:
    """`KẾT LUẬN KIỂM TRA Công tác …` → (`KẾT LUẬN KIỂM TRA`, `Công tác …`)."""
    text = text.strip()
    cut = _type_prefix(text)
    return text[:cut].strip(), text[cut:].strip(" :-–")


def _issuer(candidates: list[Block], number_at: int | None, window: list[Block]) -> str | None:
    parts: list[str] = []
    blocks = list(candidates)
    if number_at is not None:
        text = window[number_at].text
        m = _NUMBER.search(text)
        if m and m.start() > 0:
            blocks.append(Block(text=text[: m.start()]))
    for block in blocks:
        text = _MOTTO.sub(" ", block.text)
        text = " ".join(w for w in text.split() if any(c.isalnum() for c in w))
        if text and _mostly_upper(text):
            parts.append(text)
    issuer = " ".join(parts).strip()
    return issuer or None


def _mostly_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 3 and sum(c.isupper() for c in letters) / len(letters) > 0.8
