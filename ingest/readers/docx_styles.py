"""Word styles resolved once per document: name, bold, italic, size, alignment, outline level and
numbering of each style, following `w:basedOn` chains and the document defaults.

python-docx looks a style up by scanning every style of the document on each access, which is
quadratic on documents that carry thousands of styles; here each style is resolved once into a
small immutable record, and the reader looks records up by id in a dict.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MAX_CHAIN = 32
"""`w:basedOn` chains longer than this (or cyclic) are cut: Word itself limits them."""


@dataclass(frozen=True, slots=True)
class StyleProps:
    """What a style (with everything it inherits) says about its paragraphs or runs.

    `None` means "not said": the caller falls back to the next level (run → character style →
    paragraph style → document defaults).
    """

    name: str = ""
    bold: bool | None = None
    italic: bool | None = None
    size: float | None = None
    align: str | None = None
    outline: int | None = None
    num_id: str | None = None
    ilvl: int | None = None
    caps: bool | None = None
    hidden: bool | None = None


_EMPTY = StyleProps()


def on_off(element: Any) -> bool | None:
    """A Word on/off property (`<w:b/>`, `<w:b w:val="0"/>`): None when absent."""
    if element is None:
        return None
    return element.get(W + "val", "true").lower() not in ("0", "false", "off", "none")


_RUN_FLAGS = {W + "b": "bold", W + "i": "italic", W + "caps": "caps", W + "vanish": "hidden"}


def run_props(rpr: Any) -> StyleProps:
    """The direct formatting of an `w:rPr` element (bold, italic, size, caps, hidden), read in
    one pass over its children (documents have tens of thousands of runs); `name` is the id of
    the run's character style (`w:rStyle`), if it has one."""
    if rpr is None:
        return StyleProps()
    found: dict[str, Any] = {}
    for child in rpr:
        flag = _RUN_FLAGS.get(child.tag)
        if flag is not None:
            found[flag] = on_off(child)
        elif child.tag == W + "sz":
            found["size"] = _half_points(child)
        elif child.tag == W + "rStyle":
            found["name"] = child.get(W + "val", "")
    return StyleProps(**found) if found else _EMPTY


def para_props(ppr: Any) -> StyleProps:
    """The direct formatting of a `w:pPr` element (alignment, outline level, numbering)."""
    if ppr is None:
        return StyleProps()
    jc = ppr.find(W + "jc")
    outline = ppr.find(W + "outlineLvl")
    num_pr = ppr.find(W + "numPr")
    num_id = ilvl = None
    if num_pr is not None:
        num_el, ilvl_el = num_pr.find(W + "numId"), num_pr.find(W + "ilvl")
        num_id = num_el.get(W + "val") if num_el is not None else None
        ilvl = _int(ilvl_el.get(W + "val")) if ilvl_el is not None else None
    return StyleProps(
        align=jc.get(W + "val") if jc is not None else None,
        outline=_int(outline.get(W + "val")) if outline is not None else None,
        num_id=num_id,
        ilvl=ilvl,
    )


def merge(base: StyleProps, over: StyleProps) -> StyleProps:
    """`over` where it says something, else `base` (the name always comes from `over`)."""
    return StyleProps(
        name=over.name or base.name,
        bold=over.bold if over.bold is not None else base.bold,
        italic=over.italic if over.italic is not None else base.italic,
        size=over.size if over.size is not None else base.size,
        align=over.align if over.align is not None else base.align,
        outline=over.outline if over.outline is not None else base.outline,
        num_id=over.num_id if over.num_id is not None else base.num_id,
        ilvl=over.ilvl if over.ilvl is not None else base.ilvl,
        caps=over.caps if over.caps is not None else base.caps,
        hidden=over.hidden if over.hidden is not None else base.hidden,
    )


class Styles:
    """The styles part of one document, resolved on demand and cached by style id."""

    def __init__(self, root: Any | None) -> None:
        self._elements: dict[str, Any] = {}
        self._resolved: dict[str, StyleProps] = {}
        self.defaults = StyleProps()
        self.default_paragraph: str | None = None
        if root is None:
            return
        doc_defaults = root.find(W + "docDefaults")
        if doc_defaults is not None:
            rpr = doc_defaults.find(f"{W}rPrDefault/{W}rPr")
            ppr = doc_defaults.find(f"{W}pPrDefault/{W}pPr")
            self.defaults = merge(para_props(ppr), run_props(rpr))
        for style in root.iterfind(W + "style"):
            style_id = style.get(W + "styleId")
            if style_id is None or style_id in self._elements:
                continue
            self._elements[style_id] = style
            is_default = on_off(style.find(W + "default")) or style.get(W + "default") in (
                "1",
                "true",
            )
            if style.get(W + "type") == "paragraph" and is_default:
                self.default_paragraph = self.default_paragraph or style_id

    def paragraph(self, style_id: str | None) -> StyleProps:
        """A paragraph style with its chain and the document defaults under it."""
        sid = style_id if style_id in self._elements else self.default_paragraph
        if sid is None:
            return self.defaults
        return merge(self.defaults, self._resolve(sid))

    def own(self, style_id: str | None) -> StyleProps:
        """A (character or numbering) style with its chain, without the document defaults."""
        if style_id is None or style_id not in self._elements:
            return StyleProps()
        return self._resolve(style_id)

    def _resolve(self, style_id: str) -> StyleProps:
        cached = self._resolved.get(style_id)
        if cached is not None:
            return cached
        chain: list[Any] = []
        sid: str | None = style_id
        while sid is not None and sid in self._elements and len(chain) < _MAX_CHAIN:
            element = self._elements[sid]
            if any(e is element for e in chain):
                break
            chain.append(element)
            based = element.find(W + "basedOn")
            sid = based.get(W + "val") if based is not None else None
        props = StyleProps()
        for element in reversed(chain):
            name_el = element.find(W + "name")
            own = merge(para_props(element.find(W + "pPr")), run_props(element.find(W + "rPr")))
            props = merge(
                props, replace(own, name=name_el.get(W + "val", "") if name_el is not None else "")
            )
        self._resolved[style_id] = props
        return props


def _half_points(element: Any) -> float | None:
    if element is None:
        return None
    value = _int(element.get(W + "val"))
    return value / 2 if value is not None else None


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None
