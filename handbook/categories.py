"""The categories of violations an inspector sorts findings into, and how a finding gets one.

A finding votes for categories with the words of its title (weighed most), of its text, and
with the provisions it cites (Luật THADS 26/2008/QH12 articles, the decree 62/2015/NĐ-CP and the
circulars that detail them). The category with the most votes wins; none means `other`.
"""

from __future__ import annotations

import re
from collections import Counter

from corpus.model import Reference
from corpus.vntext import fold

CATEGORIES = (
    "thụ lý và ra quyết định",
    "xác minh điều kiện thi hành án",
    "hoãn/tạm đình chỉ/đình chỉ",
    "thẩm định giá và bán đấu giá",
    "thông báo",
    "chi phí cưỡng chế",
    "vật chứng và tài sản tạm giữ",
    "khiếu nại và tố cáo",
    "phân loại việc",
    "other",
)
_WORDS = {
    "thụ lý và ra quyết định": (
        "ra quyet dinh thi hanh an",
        "thu ly",
        "don yeu cau thi hanh an",
        "quyet dinh thi hanh an",
        "chu dong ra quyet dinh",
        "ra quyet dinh",
    ),
    "xác minh điều kiện thi hành án": ("xac minh", "ke khai tai san", "bien ban xac minh"),
    "hoãn/tạm đình chỉ/đình chỉ": (
        "hoan thi hanh an",
        "tam dinh chi",
        "dinh chi thi hanh an",
        "quyet dinh hoan",
    ),
    "thẩm định giá và bán đấu giá": (
        "tham dinh gia",
        "dinh gia",
        "ban dau gia",
        "dau gia",
        "to chuc dau gia",
        "hop dong dich vu",
    ),
    "thông báo": ("thong bao", "niem yet", "giao van ban", "tong dat"),
    "chi phí cưỡng chế": (
        "chi phi cuong che",
        "kinh phi cuong che",
        "tam ung",
        "boi duong",
        "du toan",
    ),
    "vật chứng và tài sản tạm giữ": (
        "vat chung",
        "tai san tam giu",
        "kho vat chung",
        "tien tam giu",
        "thu kho",
    ),
    "khiếu nại và tố cáo": ("khieu nai", "to cao", "don thu"),
    "phân loại việc": (
        "phan loai",
        "co dieu kien va chua co dieu kien",
        "thong ke",
        "so lieu",
        "chua co dieu kien thi hanh",
    ),
}
_LAW_THADS = "26/2008/QH12"
_ARTICLES = {
    "thụ lý và ra quyết định": {(_LAW_THADS, a) for a in ("30", "31", "33", "35", "36", "37")}
    | {("62/2015/NĐ-CP", a) for a in ("6", "7")},
    "xác minh điều kiện thi hành án": {(_LAW_THADS, "44"), ("62/2015/NĐ-CP", "9")},
    "hoãn/tạm đình chỉ/đình chỉ": {(_LAW_THADS, a) for a in ("48", "49", "50")}
    | {("62/2015/NĐ-CP", "14")},
    "thẩm định giá và bán đấu giá": {
        (_LAW_THADS, a) for a in ("98", "99", "101", "102", "103", "104")
    }
    | {("62/2015/NĐ-CP", a) for a in ("26", "27")},
    "thông báo": {(_LAW_THADS, a) for a in ("38", "39", "40", "41", "42", "43")}
    | {("62/2015/NĐ-CP", "12")},
    "chi phí cưỡng chế": {(_LAW_THADS, a) for a in ("72", "73")}
    | {("62/2015/NĐ-CP", a) for a in ("43", "44", "45")},
    "vật chứng và tài sản tạm giữ": {(_LAW_THADS, a) for a in ("122", "123", "124", "125", "126")}
    | {("04/2023/TT-BTP", a) for a in ("11", "12")},
    "khiếu nại và tố cáo": {(_LAW_THADS, str(a)) for a in range(140, 162)},
    "phân loại việc": {(_LAW_THADS, "44a")},
}
_WHOLE_LAWS = {
    "200/2016/TT-BTC": "chi phí cưỡng chế",
    "13/2021/TT-BTP": "khiếu nại và tố cáo",
    "02/2011/QH13": "khiếu nại và tố cáo",
    "25/2018/QH14": "khiếu nại và tố cáo",
    "01/2016/QH14": "thẩm định giá và bán đấu giá",
    "01/2017/TT-BTP": "vật chứng và tài sản tạm giữ",
    "12/2021/TTLT-BTP-VKSNDTC-TANDTC": "phân loại việc",
}


def _hits(text: str, words: tuple[str, ...]) -> int:
    return sum(len(re.findall(rf"\b{re.escape(w)}\b", text)) for w in words)


def category_of(title: str, text: str, refs: list[Reference]) -> str:
    """The category a finding belongs to (see the module doc)."""
    votes: Counter[str] = Counter()
    title_key = fold(title).lower()
    text_key = fold(text).lower()
    for category, words in _WORDS.items():
        votes[category] += 3 * _hits(title_key, words) + _hits(text_key, words)
    for ref in refs:
        for category, articles in _ARTICLES.items():
            if (ref.law, ref.article) in articles:
                votes[category] += 2
        if ref.law in _WHOLE_LAWS:
            votes[_WHOLE_LAWS[ref.law]] += 2
    if not votes or max(votes.values()) == 0:
        return "other"
    best = max(votes.values())
    return next(c for c in CATEGORIES if votes[c] == best)


def match_category(query: str) -> str | None:
    """The category a user typed: part of its name (`xac minh`, `thong bao`), else the category
    whose words the query says most, as a finding's title would (`thẩm định giá tài sản`);
    None if none."""
    key = fold(query).lower().strip()
    if not key:
        return None
    for category in CATEGORIES:
        if key in fold(category).lower():
            return category
    voted = category_of(query, "", [])
    return None if voted == "other" else voted
