"""Changes the handbook page makes to a spec: reorder, edit titles and notes, add, remove.

Each takes a spec and returns a new, validated one (a change that would make the spec invalid,
such as an empty title, raises SpecError); positions are 0-based and checked (IndexError).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from handbook.spec import HandbookSpec, parse_spec

INBOX_TITLE = "Chưa sắp xếp"
"""The section items added from search and violation pages land in (the last section)."""
NEW_TITLE = "Cẩm nang mới"


def new_spec(title: str = NEW_TITLE) -> HandbookSpec:
    return parse_spec({"title": title, "sections": [{"title": INBOX_TITLE, "items": []}]})


def _data(spec: HandbookSpec) -> dict[str, Any]:
    return spec.to_data()


def _check(seq: list[Any], index: int) -> None:
    if not 0 <= index < len(seq):
        raise IndexError(index)


def set_meta(
    spec: HandbookSpec, title: str, subtitle: str, audience: str, as_of: dt.date | None
) -> HandbookSpec:
    data = _data(spec)
    data.update(title=title, subtitle=subtitle, audience=audience)
    data["as_of"] = as_of.isoformat() if as_of else None
    return parse_spec(data)


def add_section(spec: HandbookSpec, title: str, intro: str = "") -> HandbookSpec:
    data = _data(spec)
    data["sections"].append({"title": title, "intro": intro, "items": []})
    return parse_spec(data)


def set_section(spec: HandbookSpec, s: int, title: str, intro: str) -> HandbookSpec:
    data = _data(spec)
    _check(data["sections"], s)
    data["sections"][s].update(title=title, intro=intro)
    return parse_spec(data)


def move_section(spec: HandbookSpec, s: int, delta: int) -> HandbookSpec:
    data = _data(spec)
    sections = data["sections"]
    _check(sections, s)
    to = max(0, min(len(sections) - 1, s + delta))
    sections.insert(to, sections.pop(s))
    return parse_spec(data)


def remove_section(spec: HandbookSpec, s: int) -> HandbookSpec:
    data = _data(spec)
    _check(data["sections"], s)
    data["sections"].pop(s)
    return parse_spec(data)


def add_item(spec: HandbookSpec, item: dict[str, Any], s: int | None = None) -> HandbookSpec:
    """Add an item to section `s`, or to the inbox section (made at the end if missing)."""
    data = _data(spec)
    sections = data["sections"]
    if s is None:
        inbox = [i for i, sec in enumerate(sections) if sec["title"] == INBOX_TITLE]
        if not inbox:
            sections.append({"title": INBOX_TITLE, "items": []})
        s = inbox[-1] if inbox else len(sections) - 1
    _check(sections, s)
    sections[s]["items"].append(item)
    return parse_spec(data)


def set_item(spec: HandbookSpec, s: int, i: int, item: dict[str, Any]) -> HandbookSpec:
    data = _data(spec)
    _check(data["sections"], s)
    _check(data["sections"][s]["items"], i)
    data["sections"][s]["items"][i] = item
    return parse_spec(data)


def move_item(spec: HandbookSpec, s: int, i: int, delta: int) -> HandbookSpec:
    """Move an item up (-1) or down (+1); past the top or bottom of its section it goes to
    the end of the section above or the start of the one below."""
    data = _data(spec)
    sections = data["sections"]
    _check(sections, s)
    items = sections[s]["items"]
    _check(items, i)
    to = i + delta
    if 0 <= to < len(items):
        items.insert(to, items.pop(i))
    elif to < 0 and s > 0:
        sections[s - 1]["items"].append(items.pop(i))
    elif to >= len(items) and s + 1 < len(sections):
        sections[s + 1]["items"].insert(0, items.pop(i))
    return parse_spec(data)


def remove_item(spec: HandbookSpec, s: int, i: int) -> HandbookSpec:
    data = _data(spec)
    _check(data["sections"], s)
    _check(data["sections"][s]["items"], i)
    data["sections"][s]["items"].pop(i)
    return parse_spec(data)
