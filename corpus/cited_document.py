"""The document part of a citation: `Luật Thi hành án dân sự`, `Nghị định số 62/2015/NĐ-CP`,
`NĐ 62/2015`, `BLDS`, `Nghị định này`, a bare `62/2015/NĐ-CP` after the units.

`parse_document` reads it at a cursor position: a type word (`Luật`, `Nghị định`, `NĐ`, `TT`…)
then `này`, a số hiệu (whole, or `62/2015` completed from the registry), or a name (a registry
alias, longest first, else a title: up to eight words starting with a capital), with an optional
year; or a registry abbreviation that needs no type word (`BLDS`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from corpus.numbers import NUMBER_PATTERN, normalize_number
from corpus.registry import Registry, alias_key

_WS = re.compile(r"\s*")
THIS = re.compile(r"này\b")
DOCTYPE = re.compile(
    r"(?P<type>Bộ luật|BỘ LUẬT|Luật|LUẬT|Nghị định|NGHỊ ĐỊNH|Thông tư liên tịch|Thông tư|"
    r"THÔNG TƯ|Nghị quyết|NGHỊ QUYẾT|Quyết định|QUYẾT ĐỊNH|Pháp lệnh|Hiến pháp|"
    r"nghị định|thông tư liên tịch|thông tư|nghị quyết|quyết định|"
    r"NĐ|TTLT|TT|NQ|QĐ)(?![\w])"
)
_ABBREVIATED = {"NĐ", "TTLT", "TT", "NQ", "QĐ"}
_LOWER_TYPES = {"nghị định", "thông tư liên tịch", "thông tư", "nghị quyết", "quyết định"}
_NUMBER_WORD = re.compile(r"(?:số\s*:?\s*)?")
_PARTIAL = re.compile(r"(\d{1,4})/(\d{4})(?![\w/])")
_YEAR = re.compile(r"\s*(?:năm\s+)?(\d{4})(?!\d|/)")
_NAME_WORD = re.compile(r"[^\W\d_][\w-]*")
_NAME_STOP = {
    "quy",
    "thì",
    "được",
    "đã",
    "này",
    "và",
    "hoặc",
    "về",
    "để",
    "khi",
    "có",
    "là",
    "theo",
    "số",
    "năm",
    "ngày",
    "của",
    "do",
    "trong",
    "tại",
    "với",
    "sửa",
    "nhưng",
}
_YEARED = re.compile(r"/\d{4}/")


@dataclass(slots=True)
class CitedDocument:
    """The document part of a citation, as written."""

    text: str
    type_word: str | None = None
    number: str | None = None
    name: str | None = None
    year: int | None = None
    this: bool = False


class Cursor:
    """A position in a text that patterns are taken from."""

    def __init__(self, text: str, pos: int) -> None:
        self.text = text
        self.pos = pos

    def take(self, pattern: re.Pattern[str]) -> re.Match[str] | None:
        m = pattern.match(self.text, self.pos)
        if m:
            self.pos = m.end()
        return m

    def peek(self, pattern: re.Pattern[str]) -> re.Match[str] | None:
        return pattern.match(self.text, self.pos)

    def skip_ws(self) -> None:
        self.take(_WS)


def names_a_regulation(doc: CitedDocument, registry: Registry) -> bool:
    """Whether a document cited on its own is a legal text (not a case decision, not prose).

    A số hiệu with a year (`62/2015/NĐ-CP`) or a known one qualifies; `Quyết định số
    31/QĐ-CTHADS` (an office's decision) does not. A name qualifies when it is known or reads
    as a title (`Luật Đất đai`), not as prose (`Luật sư`).
    """
    if doc.number:
        return bool(_YEARED.search(doc.number)) or registry.get(doc.number) is not None
    return bool(doc.name)


def parse_document(cur: Cursor, folded: str, registry: Registry) -> CitedDocument | None:
    start = cur.pos
    cur.skip_ws()
    type_start = cur.pos
    m = cur.take(DOCTYPE)
    if not m:
        # a bare số hiệu right after the units: "Điều 9 62/2015/NĐ-CP"
        number = cur.take(NUMBER_PATTERN)
        if number and "/" in number.group(0) and re.search(r"\d{4}", number.group(0)):
            return CitedDocument(text=number.group(0), number=normalize_number(number.group(0)))
        cur.pos = type_start
        # an abbreviation without a type word: "Điều 357 BLDS"
        alias = _bare_alias_at(folded, type_start, registry)
        if alias:
            cur.pos = type_start + len(alias)
            name = cur.text[type_start : cur.pos]
            return CitedDocument(text=name, name=name)
        cur.pos = start
        return None
    type_word = m.group("type")
    after_type = cur.pos
    cur.skip_ws()
    if cur.take(THIS):
        return CitedDocument(text=cur.text[type_start : cur.pos], type_word=type_word, this=True)
    cur.take(_NUMBER_WORD)
    number = cur.take(NUMBER_PATTERN)
    if number:
        doc = CitedDocument(text="", type_word=type_word, number=normalize_number(number.group(0)))
        _take_year(cur, doc)
        doc.text = cur.text[type_start : cur.pos]
        return doc
    partial = cur.take(_PARTIAL)
    if partial:
        completed = registry.complete_number(partial.group(0), type_word) or _guess_suffix(
            partial.group(0), type_word
        )
        return CitedDocument(
            text=cur.text[type_start : cur.pos],
            type_word=type_word,
            number=completed,
            name=None if completed else partial.group(0),
        )
    cur.pos = after_type
    if type_word in _ABBREVIATED or type_word in _LOWER_TYPES:
        cur.pos = start
        return None
    doc = _named_document(cur, folded, type_start, type_word, registry)
    if doc is None:
        cur.pos = start
    return doc


def _named_document(
    cur: Cursor, folded: str, type_start: int, type_word: str, registry: Registry
) -> CitedDocument | None:
    window = folded[type_start : type_start + 160]
    for alias in registry.aliases():
        if window.startswith(alias) and (
            len(window) == len(alias) or not window[len(alias)].isalnum()
        ):
            cur.pos = type_start + len(alias)
            break
    else:
        words = 0
        cur.skip_ws()
        while words < 8:
            save = cur.pos
            cur.skip_ws()
            w = cur.take(_NAME_WORD)
            if not w or w.group(0).lower() in _NAME_STOP or (words == 0 and w.group(0).islower()):
                cur.pos = save
                break
            words += 1
        if words == 0:
            return None
    doc = CitedDocument(text="", type_word=type_word, name=cur.text[type_start : cur.pos].strip())
    save = cur.pos
    cur.skip_ws()
    cur.take(_NUMBER_WORD)
    number = cur.take(NUMBER_PATTERN)
    if number:
        doc.number = normalize_number(number.group(0))
    else:
        cur.pos = save
    _take_year(cur, doc)
    doc.text = cur.text[type_start : cur.pos]
    return doc


_TYPE_START = re.compile(r"^(?:bo luat|luat|nghi dinh|thong tu|nghi quyet|quyet dinh|phap lenh)\b")


def _bare_alias_at(folded: str, pos: int, registry: Registry) -> str | None:
    """A registry alias that needs no type word (`BLDS`) starting at `pos`, longest first."""
    window = folded[pos : pos + 80]
    for alias in registry.aliases():
        if (
            not _TYPE_START.match(alias)
            and window.startswith(alias)
            and (len(window) == len(alias) or not window[len(alias)].isalnum())
        ):
            return alias
    return None


def _take_year(cur: Cursor, doc: CitedDocument) -> None:
    m = cur.peek(_YEAR)
    if m and 1945 <= int(m.group(1)) <= 2100:
        doc.year = int(m.group(1))
        cur.pos = m.end()


def _guess_suffix(partial: str, type_word: str) -> str | None:
    """`NĐ 62/2015` → `62/2015/NĐ-CP`: decrees are the Government's; other types are ambiguous."""
    if alias_key(type_word) in ("nd", "nghi dinh"):
        return normalize_number(f"{partial}/NĐ-CP")
    return None
