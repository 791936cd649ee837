"""Court precedents (án lệ): number, title, adoption and publication, and their sections.

```
ÁN LỆ SỐ 43/2021/AL
Về hiệu lực của hợp đồng thế chấp …
Được Hội đồng Thẩm phán Tòa án nhân dân tối cao thông qua ngày 24 tháng 02 năm 2021 và được
công bố theo Quyết định số 42/QĐ-CA ngày 12 tháng 3 năm 2021 của Chánh án …
Nguồn án lệ: …            Vị trí nội dung án lệ: …        Khái quát nội dung án lệ:
- Tình huống án lệ: …      - Giải pháp pháp lý: …
Quy định của pháp luật liên quan đến án lệ: …             Từ khóa của án lệ: …
NỘI DUNG VỤ ÁN:  …         NHẬN ĐỊNH CỦA TÒA ÁN: [1] … [2] …
QUYẾT ĐỊNH: …              NỘI DUNG ÁN LỆ: “[2] …”
```

The date of a precedent is the day the Council of Judges adopted it (the last day when it
sat over several: `thông qua vào các ngày 20, 21, 23 tháng 02 năm 2024`); the publication
decision and its date are kept as `published_by` and `published`. Each known heading opens a
`section` (Tình huống and Giải pháp under Khái quát); the numbered paragraphs `[1]`, `[2]` of
the court's reasoning are its children, as the precedent cites them (`Đoạn 2 phần Nhận định`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from corpus.model import Provision
from corpus.numbers import normalize_number
from ingest.blocks import Block
from ingest.structure.header import safe_date

ISSUER = "HỘI ĐỒNG THẨM PHÁN TÒA ÁN NHÂN DÂN TỐI CAO"
_NUMBER = re.compile(r"ÁN LỆ SỐ\s+(?P<num>\d{1,3}/\d{4}/AL)\d*\s*(?P<rest>.*)$", re.IGNORECASE)
_ADOPTED = re.compile(
    r"thông qua\s+(?:vào\s+)?(?:các\s+)?ngày\s+(?P<days>\d{1,2}(?:\s*(?:,|và)\s*\d{1,2})*)\s+"
    r"tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4})"
)
_PUBLISHED = re.compile(
    r"công bố theo Quyết định số\s+(?P<decision>\S+?)\s+ngày\s+(?P<d>\d{1,2})\s+tháng\s+"
    r"(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4})"
)
_ADOPTION_LINE = re.compile(r"^Được Hội đồng Thẩm phán")
_HEADINGS: tuple[tuple[int, re.Pattern[str]], ...] = tuple(
    (level, re.compile(pattern, re.IGNORECASE))
    for level, pattern in (
        (1, r"^Nguồn án lệ"),
        (1, r"^Vị trí nội dung (?:của )?án lệ"),
        (1, r"^Khái quát nội dung (?:của )?án lệ"),
        (2, r"^[-–•]?\s*Tình huống án lệ"),
        (2, r"^[-–•]?\s*Giải pháp pháp lý"),
        (1, r"^Quy định (?:của )?pháp luật (?:có )?liên quan (?:đến )?(?:án lệ)?"),
        (1, r"^Từ kh(?:óa|oá) (?:của )?án lệ"),
        (1, r"^NỘI DUNG (?:VỤ ÁN|VỤ VIỆC|VIỆC)\b"),
        (1, r"^NHẬN ĐỊNH CỦA (?:TÒA ÁN|TOÀ ÁN|HỘI ĐỒNG)"),
        (1, r"^(?:VÌ CÁC LẼ TRÊN,?\s*)?QUYẾT ĐỊNH\s*:?\s*$"),
        (1, r"^NỘI DUNG (?:CỦA )?ÁN LỆ"),
    )
)
_UPPER_ONLY = ("NỘI DUNG", "NHẬN ĐỊNH", "QUYẾT ĐỊNH", "VÌ CÁC")
_PARAGRAPH = re.compile(r"^\[(?P<n>\d{1,3})\]\s*(?P<text>.*)$", re.DOTALL)
_PARAGRAPH_GLUED = re.compile(r"(?<=[.;:])\s+(?=\[\d{1,3}\]\s)")
"""`… đúng pháp luật. [2] Ngày …`: a numbered paragraph a reader glued to the one before."""


@dataclass(slots=True)
class Precedent:
    number: str | None = None
    title: str = ""
    adopted: dt.date | None = None
    published: dt.date | None = None
    published_by: str | None = None
    sections: list[Provision] = field(default_factory=list)


def is_precedent(blocks: list[Block]) -> bool:
    """An án lệ names itself in its first lines: `ÁN LỆ SỐ 43/2021/AL`."""
    return any(_NUMBER.search(b.text) for b in blocks[:5])


def parse_precedent(blocks: list[Block]) -> Precedent:
    """Read a precedent's facts from its first lines and its sections from the rest."""
    result = Precedent()
    start = next((i for i, b in enumerate(blocks[:5]) if _NUMBER.search(b.text)), 0)
    m = _NUMBER.search(blocks[start].text)
    head_end = start + 1
    title_parts = []
    if m:
        result.number = normalize_number(m.group("num"))
        title_parts.append(m.group("rest").strip())
    while head_end < len(blocks) and head_end < start + 6:
        text = blocks[head_end].text.strip()
        if _ADOPTION_LINE.match(text) or _heading(text):
            break
        title_parts.append(text)
        head_end += 1
    title = " ".join(p for p in title_parts if p)
    result.title = title[:1].upper() + title[1:]
    facts = " ".join(b.text for b in blocks[head_end : head_end + 6])
    adopted = _ADOPTED.search(facts)
    if adopted:
        last_day = re.findall(r"\d{1,2}", adopted.group("days"))[-1]
        result.adopted = safe_date(adopted.group("y"), adopted.group("m"), last_day)
    published = _PUBLISHED.search(facts)
    if published:
        result.published_by = normalize_number(published.group("decision"))
        result.published = safe_date(
            published.group("y"), published.group("m"), published.group("d")
        )
    result.sections = _sections(blocks[head_end:])
    return result


def _heading(text: str) -> tuple[int, str, str] | None:
    """(level, title, inline text) of a section heading, or None."""
    if len(text) > 400:
        return None
    for level, pattern in _HEADINGS:
        m = pattern.match(text)
        if not m:
            continue
        if text.upper().startswith(_UPPER_ONLY) and not text[: m.end()].isupper():
            return None  # `Nội dung vụ án …` in running text
        head, colon, rest = text.partition(":")
        if not colon and m.end() < len(text.rstrip(" .")):
            return None  # a sentence that starts with the same words
        return level, head.strip(" -–•:"), rest.strip()
    return None


def _sections(blocks: list[Block]) -> list[Provision]:
    roots: list[Provision] = []
    top: Provision | None = None
    current: Provision | None = None
    for block, text in _paragraphs(blocks):
        found = _heading(text)
        if found:
            level, title, rest = found
            node = Provision(
                kind="section", title=title, text=rest, page=block.page, page_end=block.last_page
            )
            if level == 2 and top is not None:
                top.children.append(node)
            else:
                roots.append(node)
                top = node
            current = node
            continue
        if current is None:
            continue
        paragraph = _PARAGRAPH.match(text)
        if paragraph and top is not None and top.title.upper().startswith("NHẬN ĐỊNH"):
            node = Provision(
                kind="section",
                number=paragraph.group("n"),
                text=paragraph.group("text"),
                page=block.page,
                page_end=block.last_page,
            )
            top.children.append(node)
            current = node
            continue
        current.text = f"{current.text}\n{text}" if current.text else text
        current.page_end = block.last_page
        if top is not None and top is not current:
            top.page_end = block.last_page
    return roots


def _paragraphs(blocks: list[Block]) -> list[tuple[Block, str]]:
    out = []
    for block in blocks:
        for piece in _PARAGRAPH_GLUED.split(block.text.strip()):
            if piece.strip():
                out.append((block, piece.strip()))
    return out
