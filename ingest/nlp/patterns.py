"""What the entity components look for: dates, money, percentages, counts, organisations,
roles and case-file numbers in THADS texts, and how a match becomes a value.

Patterns are written over NFC text; letters include Vietnamese ones. The citation grammar is not
here: references are found by `corpus.citations`, the one grammar every layer shares.
"""

from __future__ import annotations

import datetime as dt
import re

from corpus.numbers import NUMBER_PATTERN, normalize_number

_UPPER_WORD = r"[A-ZĐÀ-Ỹ][^\W\d_]*"
_PLACE = rf"{_UPPER_WORD}(?:\s+{_UPPER_WORD}){{0,4}}"
_NUMERAL = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"

DATE = re.compile(
    r"(?:(?<![\w/])ngày\s+)?(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4})"
    r"|(?:(?<![\w/])ngày\s+)?(?<![\w/.])(?P<d2>\d{1,2})[/.-](?P<m2>\d{1,2})[/.-](?P<y2>\d{4})(?![\w/])"
)
MONEY = re.compile(
    rf"(?<![\w.,])(?P<num>{_NUMERAL})\s*(?P<scale>nghìn tỷ|tỷ|triệu|nghìn|ngàn)?\s*"
    r"(?P<unit>đồng|VNĐ|VND|đ)(?![\w])"
)
PERCENT = re.compile(rf"(?<![\w.,])(?P<num>{_NUMERAL})\s?%")
COUNT_NOUNS = (
    "Chấp hành viên",
    "Thẩm tra viên",
    "Thư ký thi hành án",
    "Thư ký",
    "công chức",
    "người lao động",
    "người",
    "việc",
    "vụ việc",
    "vụ",
    "hồ sơ",
    "đơn",
    "quyết định",
    "bản án",
    "tài sản",
    "cuộc",
    "lượt",
    "trường hợp",
    "Chi cục",
    "phòng",
    "đơn vị",
    "tổ chức",
    "kiến nghị",
    "vi phạm",
    "thiếu sót",
)
COUNT = re.compile(
    rf"(?<![\w.,/])(?P<num>{_NUMERAL})\s+(?P<noun>"
    + "|".join(sorted(map(re.escape, COUNT_NOUNS), key=len, reverse=True))
    + r")(?![\w])"
)
ORG = re.compile(
    r"(?:Tổng cục|Chi cục|Cục)\s+(?:Thi hành án dân sự|THADS|THA\s+dân sự|Thi hành án)"
    rf"(?:\s+(?:tỉnh|thành phố|TP\.?|huyện|quận|thị xã|thành phố)\s+{_PLACE})?"
    r"|(?:Viện kiểm sát nhân dân|Viện KSND|VKSND|Tòa án nhân dân|Toà án nhân dân|TAND"
    r"|Ủy ban nhân dân|Uỷ ban nhân dân|UBND)"
    rf"(?:\s+tối cao|\s+(?:tỉnh|thành phố|TP\.?|huyện|quận|thị xã|xã|phường|thị trấn)\s+{_PLACE})?"
    r"|Bộ Tư pháp|Bộ Tài chính|Bộ Công an|Bộ Quốc phòng|Thanh tra Bộ Tư pháp"
    r"|Văn phòng đăng ký đất đai(?:\s+(?:tỉnh|huyện|thành phố)\s+" + _PLACE + ")?"
    rf"|(?:Công ty|Ngân hàng)(?:\s+(?:TNHH|cổ phần|CP|TMCP))?(?:\s+{_UPPER_WORD}){{1,6}}"
)
ROLES = (
    "Chấp hành viên",
    "Chấp hành viên sơ cấp",
    "Chấp hành viên trung cấp",
    "Chấp hành viên cao cấp",
    "Thẩm tra viên",
    "Thẩm tra viên chính",
    "Thẩm tra viên cao cấp",
    "Thư ký thi hành án",
    "Thư ký trung cấp thi hành án",
    "Thủ trưởng cơ quan thi hành án dân sự",
    "Phó Thủ trưởng cơ quan thi hành án dân sự",
    "Thủ trưởng",
    "Tổng Cục trưởng",
    "Phó Tổng Cục trưởng",
    "Cục trưởng",
    "Phó Cục trưởng",
    "Chi cục trưởng",
    "Phó Chi cục trưởng",
    "Kiểm sát viên",
    "Thẩm phán",
    "Trưởng đoàn kiểm tra",
    "Trưởng đoàn",
    "Thủ kho",
    "Kế toán trưởng",
)
_CASE_HEAD = re.compile(
    r"(?:[Hh]ồ sơ|HS)(?:\s+thi hành án)?(?:\s+số)?\s*:?\s*(?=\d)"
    r"|[Qq]uyết định thi hành án(?:\s+chủ động|\s+theo yêu cầu)?\s+số\s+(?=\d)"
)
_CASE_MORE = re.compile(r"\s*(?:,|;|và|hoặc)\s*(?:(?:hồ sơ|HS)\s+)?(?:số\s+)?(?=\d)")


def case_file_spans(text: str) -> list[tuple[int, int, str]]:
    """Case files named in a text: `hồ sơ thi hành án số 215/QĐ-CCTHADS`, lists after them.

    Returns `(start, end, number)` for each số hiệu, normalized.
    """
    found: list[tuple[int, int, str]] = []
    for head in _CASE_HEAD.finditer(text):
        pos = head.end()
        while True:
            m = NUMBER_PATTERN.match(text, pos)
            if not m or "/" not in m.group(0):
                break
            found.append((m.start(), m.end(), normalize_number(m.group(0))))
            more = _CASE_MORE.match(text, m.end())
            if not more:
                break
            pos = more.end()
    return found


def number_value(text: str) -> float:
    """`96.415.220.000` → 96415220000; `46,17` → 46.17 (dots group thousands, comma is decimal)."""
    return float(text.replace(".", "").replace(",", "."))


_SCALE = {"nghìn tỷ": 1e12, "tỷ": 1e9, "triệu": 1e6, "nghìn": 1e3, "ngàn": 1e3, None: 1.0}


def money_value(m: re.Match[str]) -> float:
    return number_value(m.group("num")) * _SCALE[m.group("scale")]


def date_value(m: re.Match[str]) -> str | None:
    d, mo, y = (m.group("d"), m.group("m"), m.group("y"))
    if d is None:
        d, mo, y = (m.group("d2"), m.group("m2"), m.group("y2"))
    try:
        return dt.date(int(y), int(mo), int(d)).isoformat()
    except ValueError:
        return None
