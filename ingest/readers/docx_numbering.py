"""Word's automatic numbering, rendered the way Word draws it (`1.`, `a)`, `II.`, `1.2.`).

Offices often let Word number clauses and points; the number is then not in the text, only in
`numbering.xml`. Counters follow Word's rules: lists that share an abstract definition continue
each other's numbering, a `w:startOverride` restarts a list instance where it is first used, and
using a level resets the levels below it. Letters are Word's (`a`…`z`, `aa`…), not the
Vietnamese alphabet: the label is what the reader of the document sees.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ingest.readers.docx_styles import Styles, W

_ROMAN = (
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
)
_SILENT = {"bullet", "none"}


@dataclass(frozen=True, slots=True)
class Level:
    fmt: str = "decimal"
    text: str = ""
    start: int = 1
    legal: bool = False


class Numbering:
    """Labels for numbered paragraphs, in document order (call `label` once per paragraph)."""

    def __init__(self, root: Any | None, styles: Styles) -> None:
        self._abstract_of: dict[str, str] = {}
        self._levels: dict[str, dict[int, Level]] = {}
        self._overrides: dict[str, dict[int, int]] = {}
        self._counters: dict[str, dict[int, int]] = {}
        self._started: set[str] = set()
        if root is None:
            return
        abstracts: dict[str, Any] = {
            a.get(W + "abstractNumId", ""): a for a in root.iterfind(W + "abstractNum")
        }
        nums = {n.get(W + "numId", ""): n for n in root.iterfind(W + "num")}
        for num_id, num in nums.items():
            abstract_id = _val(num.find(W + "abstractNumId")) or ""
            abstract = _follow_style_link(abstracts.get(abstract_id), abstracts, nums, styles)
            if abstract is None:
                continue
            key = abstract.get(W + "abstractNumId", abstract_id)
            self._abstract_of[num_id] = key
            levels = self._levels.setdefault(key, _levels(abstract))
            overrides: dict[int, int] = {}
            own_levels = dict(levels)
            for override in num.iterfind(W + "lvlOverride"):
                ilvl = _int(override.get(W + "ilvl")) or 0
                start = _int(_val(override.find(W + "startOverride")))
                if start is not None:
                    overrides[ilvl] = start
                lvl = override.find(W + "lvl")
                if lvl is not None:
                    own_levels[ilvl] = _level(lvl)
            if own_levels != levels:
                # a full level override makes this instance a list of its own
                key = f"{key}#{num_id}"
                self._abstract_of[num_id] = key
                self._levels[key] = own_levels
            self._overrides[num_id] = overrides

    def label(self, num_id: str | None, ilvl: int | None) -> str:
        """The label of the next paragraph of list `num_id` at level `ilvl`, or ''."""
        if not num_id or num_id == "0" or num_id not in self._abstract_of:
            return ""
        ilvl = ilvl or 0
        key = self._abstract_of[num_id]
        levels = self._levels[key]
        level = levels.get(ilvl)
        if level is None:
            return ""
        counters = self._counters.setdefault(key, {})
        if num_id not in self._started:
            self._started.add(num_id)
            for lvl, start in self._overrides.get(num_id, {}).items():
                counters[lvl] = start - 1
                for deeper in [k for k in counters if k > lvl]:
                    del counters[deeper]
        counters[ilvl] = counters.get(ilvl, level.start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        if level.fmt in _SILENT:
            return ""
        text = level.text
        for n in range(ilvl + 1):
            spec = levels.get(n, Level())
            value = counters.get(n, spec.start)
            fmt = "decimal" if level.legal and n < ilvl else spec.fmt
            text = text.replace(f"%{n + 1}", render(value, fmt))
        return text.strip()


def render(value: int, fmt: str) -> str:
    """One counter value in a Word number format."""
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1) if value > 0 else ""
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        roman, n = "", value
        for arabic, numeral in _ROMAN:
            while n >= arabic:
                roman, n = roman + numeral, n - arabic
        return roman.upper() if fmt == "upperRoman" else roman
    if fmt == "decimalZero":
        return f"{value:02d}"
    return str(value)


def _follow_style_link(
    abstract: Any | None, abstracts: dict[str, Any], nums: dict[str, Any], styles: Styles
) -> Any | None:
    """An abstract numbering that only says `numStyleLink` borrows the linked style's list."""
    seen = 0
    while abstract is not None and abstract.find(W + "numStyleLink") is not None and seen < 4:
        seen += 1
        link = _val(abstract.find(W + "numStyleLink"))
        num_id = styles.own(link).num_id if link else None
        num = nums.get(num_id or "")
        if num is None:
            return abstract
        abstract = abstracts.get(_val(num.find(W + "abstractNumId")) or "")
    return abstract


def _levels(abstract: Any) -> dict[int, Level]:
    return {_int(lvl.get(W + "ilvl")) or 0: _level(lvl) for lvl in abstract.iterfind(W + "lvl")}


def _level(lvl: Any) -> Level:
    return Level(
        fmt=_val(lvl.find(W + "numFmt")) or "decimal",
        text=_val(lvl.find(W + "lvlText")) or "",
        start=_or(_int(_val(lvl.find(W + "start"))), 1),
        legal=lvl.find(W + "isLgl") is not None,
    )


def _val(element: Any | None) -> str | None:
    return element.get(W + "val") if element is not None else None


def _or(value: int | None, default: int) -> int:
    return default if value is None else value


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None
