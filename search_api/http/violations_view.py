"""The violations catalogue as the API and the violations page show it.

`handbook.violations.catalogue` groups every finding of the stored inspection conclusions into
kinds; grouping looks at all findings together, so its results are kept per set of stored
conclusions (`caching.StoreCache`) and per filter. Each group comes with its findings (linked to
their place in their conclusion) and the provisions they break, with ready-to-paste citation
text and, when the provision is stored, a link to it.
"""

from __future__ import annotations

import sqlite3
import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from corpus.links import find_target
from corpus.model import Reference
from handbook.categories import CATEGORIES, match_category
from handbook.violations import ViolationGroup, catalogue
from search_api.http.errors import ApiError
from search_api.library import Library

CONCLUSION = "inspection_conclusion"
MEMO_SIZE = 64
EXCERPT = 400


@dataclass(frozen=True, slots=True)
class ViolationFilters:
    """The CLI's filters: category (or words of it), unit, year, text."""

    category: str | None = None
    unit: str | None = None
    year: int | None = None
    text: str | None = None

    def resolved(self) -> ViolationFilters:
        """The category named exactly (`xac minh` → `xác minh điều kiện thi hành án`); 422
        when no category has those words."""
        if not self.category:
            return self
        found = match_category(self.category)
        if found is None:
            message = (
                f"Tham số 'category' không khớp nhóm nào (nhận được '{self.category[:40]}'); "
                f"các nhóm: {', '.join(CATEGORIES)}."
            )
            details = [{"param": "category", "where": "query", "message": message}]
            raise ApiError(422, "invalid_parameter", message, details=details)
        return ViolationFilters(found, self.unit, self.year, self.text)

    def items(self) -> dict[str, str]:
        return {
            k: str(v)
            for k, v in (
                ("category", self.category),
                ("unit", self.unit),
                ("year", self.year),
                ("text", self.text),
            )
            if v not in (None, "")
        }


class CatalogueMemo:
    """Catalogues of one set of stored conclusions, by filters (least recently used go)."""

    def __init__(self) -> None:
        self._memo: OrderedDict[ViolationFilters, list[ViolationGroup]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, library: Library, filters: ViolationFilters) -> list[ViolationGroup]:
        with self._lock:
            if filters in self._memo:
                self._memo.move_to_end(filters)
                return self._memo[filters]
            groups = catalogue(
                library.store,
                category=filters.category,
                unit=filters.unit,
                year=filters.year,
                text=filters.text,
            )
            self._memo[filters] = groups
            while len(self._memo) > MEMO_SIZE:
                self._memo.popitem(last=False)
            return groups


def new_memo(_library: Library) -> CatalogueMemo:
    return CatalogueMemo()


def catalogue_json(conn: sqlite3.Connection, groups: list[ViolationGroup]) -> dict[str, Any]:
    """The body of `/api/violations`."""
    by_category: dict[str, int] = {}
    for g in groups:
        by_category[g.category] = by_category.get(g.category, 0) + g.count
    return {
        "total": len(groups),
        "findings": sum(g.count for g in groups),
        "categories": by_category,
        "groups": [group_json(conn, g) for g in groups],
    }


def group_json(conn: sqlite3.Connection, group: ViolationGroup) -> dict[str, Any]:
    """A group as `camnang violations --json` prints it, its findings in full and its
    provisions with a link when stored."""
    data = group.to_dict()
    data["findings"] = [
        {
            "doc_id": f.doc_id,
            "n": f.n,
            "title": f.title,
            "text": _excerpt(f.text),
            "body": _excerpt(_without_title(f.text, f.title)),
            "unit": f.unit,
            "year": f.year,
            "number": f.number,
            "case_files": f.case_files,
            "page_url": f"/documents/{f.doc_id}#finding-{f.n}",
        }
        for f in group.findings
    ]
    data["refs"] = [{**r, "page_url": _provision_url(conn, r)} for r in group.refs]
    data["page_url"] = f"/violations#{group.group_id}"
    return data


def _provision_url(conn: sqlite3.Connection, ref: dict[str, Any]) -> str | None:
    target = find_target(
        conn,
        Reference(
            text="",
            law=ref["law"],
            article=ref["article"],
            clause=ref["clause"],
            point=ref["point"],
        ),
    )
    if target is None:
        return None
    return f"/documents/{target.doc_id}" + (
        f"#{target.provision_id}" if target.provision_id else ""
    )


def chart_rows(groups: list[ViolationGroup]) -> list[dict[str, Any]]:
    """One bar per group: its share of the largest count (0–100) and its category's class."""
    top = max((g.count for g in groups), default=0) or 1
    return [
        {
            "group_id": g.group_id,
            "label": g.label,
            "count": g.count,
            "documents": g.documents,
            "width": round(100 * g.count / top, 1),
            "css": category_class(g.category),
        }
        for g in groups
    ]


def category_class(category: str) -> str:
    """`cat-0` … `cat-9`: the colour of a category in the chart."""
    return f"cat-{CATEGORIES.index(category) if category in CATEGORIES else len(CATEGORIES) - 1}"


def _without_title(text: str, title: str) -> str:
    """A finding's text without its title when the text repeats it at the start."""
    head = title.strip().rstrip(":.")
    if head and text.startswith(head):
        return text[len(head) :].lstrip(" :.\n") or text
    return text


def _excerpt(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= EXCERPT else text[: EXCERPT - 1].rsplit(" ", 1)[0] + "…"
