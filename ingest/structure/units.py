"""How the units of a Vietnamese legal text are written: the heading patterns of Phần, Chương,
Mục, Tiểu mục, Điều, Khoản, Điểm, Phụ lục and Mẫu, the lines that close a body (signature,
`Nơi nhận:`), quotation marks, and the order numbers run in (`7` → `7a` → `8`, `d` → `đ` → `e`).
"""

from __future__ import annotations

import re

from ingest.blocks import Block

ROMAN = re.compile(r"^[IVXLC]+$")
PHAN = re.compile(
    r"^(?:PHẦN|Phần)\s+(?P<num>THỨ\s+[A-ZÀ-Ỹ]+|thứ\s+\S+|[IVXLC]+|\d+)\b[.:]?\s*(?P<title>.*)$"
)
CHUONG = re.compile(
    r"^(?:CHƯƠNG|Chương)\s+(?P<num>[IVXLC]+|\d+)(?P<suffix>[a-z]?)\b\s*[.:\-–]?\s*(?P<title>.*)$"
)
CHUONG_GARBLED = re.compile(
    r"^(?:CHƯƠNG|Chương)\s+(?P<num>[^\sa-zà-ỹđ]{1,3})(?:[\s„:.,-]+(?P<title>.*))?$"
)
"""`Chương ]`, `Chương TH`, `Chương FV`: an OCR'd chapter number; numbered by its place."""
MUC = re.compile(r"^(?:MỤC|Mục)\s+(?P<num>\d+|[IVXLC]+)\b\s*[.:\-–]?\s*(?P<title>.*)$")
TIEU_MUC = re.compile(r"^(?:TIỂU MỤC|Tiểu mục)\s+(?P<num>\d+)\b\s*[.:\-–]?\s*(?P<title>.*)$")
DIEU = re.compile(r"^(?:Điều|ĐIỀU)\s+(?P<num>\d{1,4}[a-zđ]?)(?:\s*[.:]\s*(?P<title>.*)|\s*)$")
KHOAN = re.compile(r"^(?P<num>\d{1,3}[a-zđ]?)\s*[.)](?:\s+(?P<text>\S.*))?$")
DIEM = re.compile(r"^(?P<num>[a-zđ]\d?)\)(?:\s*(?P<text>\S.*))?$")
PHU_LUC = re.compile(
    r"^(?:PHỤ LỤC|Phụ lục)(?:\s+(?:SỐ\s+|số\s+)?(?P<num>[IVXLC]+|\d{1,3}[a-zđ]?)\b)?"
    r"\s*[.:\-–]?\s*(?P<title>.*)$"
)
MAU = re.compile(
    r"^(?:MẪU SỐ|Mẫu số|Mẫu)\s*:?\s*(?P<num>\d{1,3}[a-zđ]?|[A-ZĐ]{1,3}\d{1,3}[a-zđ]?)"
    r"(?P<footnote>\d?)(?P<rest>(?:[/.\s].*)?)$"
)

CONTAINERS = (("phan", PHAN), ("chuong", CHUONG), ("muc", MUC), ("tieu_muc", TIEU_MUC))
LEVEL = {"phan": 0, "chuong": 1, "muc": 2, "tieu_muc": 3, "dieu": 4, "khoan": 5, "diem": 6}

END_STRONG = re.compile(r"^Nơi nhận\s*[:.]?")
SIGNATURE = re.compile(
    r"^(?:(?:TM|KT|Q|TL|TUQ|T/M)\.\s*[A-ZĐÀ-Ỹ]|CHỦ TỊCH\b|THỦ TƯỚNG\b|PHÓ THỦ TƯỚNG\b|"
    r"BỘ TRƯỞNG\b|THỨ TRƯỞNG\b|CHÁNH ÁN\b|VIỆN TRƯỞNG\b|TỔNG KIỂM TOÁN\b)"
)
ADOPTION = re.compile(
    r"^(?:Bộ luật|Luật|Pháp lệnh|Nghị quyết|Hiến pháp) này (?:đã )?được (?:Quốc hội|Ủy ban "
    r"[Tt]hường vụ Quốc hội|Uỷ ban [Tt]hường vụ Quốc hội)\b.*thông qua ngày",
)
"""`Bộ luật này đã được Quốc hội … thông qua ngày …`: the line after a law's last article."""

QUOTES = '“”"«»„'
_CONTINUATION = re.compile(
    r"^(?:của|tại|theo|và|hoặc|về|này|trong|thì|được|(?:Bộ luật|Luật|Nghị định|Nghị quyết|"
    r"Thông tư|Pháp lệnh|Quyết định|Hiến pháp)(?: này| số\b))"
)
"""Text after `Điều 50.` that continues a sentence (`… khoản 3 Điều 50. Nghị định này.`)."""

POINT_ORDER = "abcdđefghijklmnopqrstuvwxyz"


def is_upper(text: str) -> bool:
    """Mostly capital letters (a heading line), with at least two letters."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and sum(c.isupper() for c in letters) / len(letters) > 0.85


def styled(block: Block) -> bool:
    """Set apart by its look: bold, a heading style or Markdown `#`."""
    return bool(block.bold or block.heading)


def quote_count(text: str) -> int:
    return sum(text.count(q) for q in QUOTES)


def opens_quotation(text: str) -> bool:
    """A block that starts a quotation running over the next blocks: it starts with a quote
    mark and leaves one open (an odd number of quote marks, whatever their direction, so a
    closing mark typed the wrong way round still closes)."""
    return text[:1] in QUOTES and quote_count(text) % 2 == 1


def closes_quotation(text: str) -> bool:
    return quote_count(text) % 2 == 1


def looks_like_unit(text: str) -> bool:
    """Text that starts like a unit heading (`Điều 5.`, `2.`, `a)`, `Chương II`)."""
    return bool(
        DIEU.match(text)
        or KHOAN.match(text)
        or DIEM.match(text)
        or any(p.match(text) for _, p in CONTAINERS)
    )


def looks_like_provision(text: str) -> bool:
    """Text that starts like an article, clause or point (`Điều 5.`, `2.`, `a)`)."""
    return bool(DIEU.match(text) or KHOAN.match(text) or DIEM.match(text))


def continues_sentence(title: str) -> bool:
    return bool(title) and (title[0].islower() or bool(_CONTINUATION.match(title)))


def article_key(number: str) -> tuple[int, str]:
    """`7a` → (7, 'a')."""
    m = re.match(r"(\d+)(.*)", number)
    return (int(m.group(1)), m.group(2)) if m else (0, number)


def next_article(last: str | None, new: str) -> bool:
    """`new` is the article that follows `last`: `7` → `8`, `7` → `7a`, `7a` → `7b`, `7b` → `8`."""
    if last is None:
        return article_key(new) in ((1, ""), (1, "a"))
    (a, sa), (b, sb) = article_key(last), article_key(new)
    if b == a + 1 and not sb:
        return True
    return b == a and bool(sb) and sb > sa


def next_clause(last: str | None, new: str) -> bool:
    """Clause numbers run 1, 2, 3 with inserted `2a` (one may be missing from OCR text)."""
    if last is None:
        return article_key(new) in ((1, ""), (1, "a"))
    (a, sa), (b, sb) = article_key(last), article_key(new)
    if b in (a + 1, a + 2) and not sb:
        return True
    return b == a and bool(sb) and sb > sa


def next_point(last: str | None, new: str) -> bool:
    """Points run a, b, c, d, đ, e… (Word may draw e after d; OCR may drop one), `a1` after `a`;
    a letter typed twice (`d)`, `d)` for `d)`, `đ)`) is still a point."""
    letter, suffix = new[0], new[1:]
    if last is None:
        return letter == "a"
    last_letter, last_suffix = last[0], last[1:]
    if letter == last_letter:
        return suffix > last_suffix or not (suffix or last_suffix)
    if letter not in POINT_ORDER or last_letter not in POINT_ORDER:
        return False
    step = POINT_ORDER.index(letter) - POINT_ORDER.index(last_letter)
    return 1 <= step <= 3 and not suffix


def roman(value: int) -> str:
    out = ""
    for arabic, numeral in (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        while value >= arabic:
            out, value = out + numeral, value - arabic
    return out


def roman_value(text: str) -> int:
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
    total = 0
    for i, ch in enumerate(text):
        v = values.get(ch, 0)
        total += -v if i + 1 < len(text) and values.get(text[i + 1], 0) > v else v
    return total
