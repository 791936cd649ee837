"""The search page `/search`: one box, filters, facet counts that add a filter, hits with their
highlighted snippet, label, document and citation, pages, and "did you mean"."""

from __future__ import annotations

import html
import re
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from markupsafe import Markup, escape

from index.highlight import MARK_CLOSE, MARK_OPEN
from index.results import SearchResult
from search_api.http import present
from search_api.http.auth import Role, requires
from search_api.http.errors import ApiError
from search_api.http.search_view import (
    MAX_OFFSET,
    MAX_QUERY,
    UNIT_KIND_LABELS,
    UNIT_KINDS,
    SearchParams,
    hits_json,
    parse_day,
    parse_year,
    run_search,
)
from search_api.http.state import app_state
from search_api.http.templating import render
from search_api.library import Library

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 10
FACET_VALUES = 8
FACET_TITLES = {
    "kind": "Loại kết quả",
    "doc_type": "Loại văn bản",
    "issuer": "Cơ quan ban hành",
    "year": "Năm ban hành",
    "document": "Văn bản",
}
_MARKS = re.compile(f"({re.escape(MARK_OPEN)}|{re.escape(MARK_CLOSE)})")
_ADJACENT = re.compile(f"{re.escape(MARK_CLOSE)}( +){re.escape(MARK_OPEN)}")


def snippet_html(snippet: str) -> Markup:
    """A snippet for the page: every character escaped except balanced `<mark>` pairs;
    neighbouring marks are joined (`<mark>thi hành án</mark>`, one highlight per phrase)."""
    out: list[str] = []
    open_mark = False
    for piece in _MARKS.split(snippet):
        if piece == MARK_OPEN and not open_mark:
            out.append(MARK_OPEN)
            open_mark = True
        elif piece == MARK_CLOSE and open_mark:
            out.append(MARK_CLOSE)
            open_mark = False
        elif piece not in (MARK_OPEN, MARK_CLOSE):
            out.append(str(escape(html.unescape(piece))))
    if open_mark:
        out.append(MARK_CLOSE)
    return Markup(_ADJACENT.sub(r"\1", "".join(out)))


@router.get("/search", response_class=HTMLResponse, dependencies=[requires(Role.READER)])
async def search_page(
    request: Request,
    q: Annotated[str, Query(max_length=MAX_QUERY)] = "",
    kind: Annotated[str | None, Query(max_length=20)] = None,
    doc_type: Annotated[str | None, Query(max_length=40, pattern=r"^[a-z_]*$")] = None,
    issuer: Annotated[str | None, Query(max_length=200)] = None,
    year_from: Annotated[str | None, Query(max_length=40)] = None,
    year_to: Annotated[str | None, Query(max_length=40)] = None,
    as_of: Annotated[str | None, Query(max_length=40)] = None,
    document: Annotated[str | None, Query(max_length=200)] = None,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> HTMLResponse:
    params = SearchParams(
        q=q.strip(),
        kind=kind if kind in UNIT_KINDS else None,
        doc_type=doc_type or None,
        issuer=issuer or None,
        document=document or None,
        limit=PAGE_SIZE,
        offset=offset - offset % PAGE_SIZE,
    )
    error = None
    try:
        params.year_from = parse_year(year_from, "year_from")
        params.year_to = parse_year(year_to, "year_to")
        params.as_of = parse_day(as_of, "as_of")
        params.check()
    except ApiError as err:
        error = err.message

    def respond(lib: Library) -> HTMLResponse:
        result = run_search(lib, params) if params.q and not error else None
        context = page_context(lib, params, result)
        context["error"] = error
        return render(request, "search.html", context, status=422 if error else 200)

    return await app_state(request).searches.run(respond)


def page_context(lib: Library, params: SearchParams, result: SearchResult | None) -> dict[str, Any]:
    conn = lib.store.conn
    hits = hits_json(conn, result.hits) if result else []
    for hit in hits:
        hit["snippet_html"] = snippet_html(hit["snippet"])
    total = result.total if result else 0
    facets = result.facets if result else {}
    return {
        "q": params.q,
        "params": params,
        "result": result,
        "hits": hits,
        "total": total,
        "first": params.offset + 1,
        "last": params.offset + len(hits),
        "facets": facet_groups(conn, params, facets),
        "chips": chips(conn, params),
        "pages": pages(params, total),
        "kinds": [(k, UNIT_KIND_LABELS[k]) for k in UNIT_KINDS],
        "doc_types": _doc_types(params, facets),
        "suggestion_url": (
            link(SearchParams(q=result.did_you_mean))
            if result is not None and result.did_you_mean
            else None
        ),
        "next_url": link(params, offset=params.offset),
    }


def link(params: SearchParams, **changes: Any) -> str:
    """The search page with these parameters (a changed filter goes back to page one)."""
    changes.setdefault("offset", 0)
    return "/search?" + urlencode(params.query_items(**changes))


def facet_groups(
    conn: Any, params: SearchParams, facets: dict[str, dict[str, int]]
) -> list[dict[str, Any]]:
    """Each facet's values with counts, each a link that adds it as a filter."""
    titles = _document_titles(conn, facets.get("document", {}))
    groups = []
    for name, title in FACET_TITLES.items():
        counts = facets.get(name) or {}
        if not counts:
            continue
        ordered = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        if name == "year":
            ordered = sorted(counts.items(), key=lambda kv: kv[0], reverse=True)
        values = []
        for value, count in ordered[:FACET_VALUES]:
            if name == "year" and not value.isdigit():
                continue
            values.append(
                {
                    "label": _facet_label(name, value, titles),
                    "count": count,
                    "url": link(params, **_facet_filter(name, value)),
                    "active": _active(params, name, value),
                }
            )
        groups.append(
            {"name": name, "title": title, "entries": values, "more": len(counts) > FACET_VALUES}
        )
    return groups


def _facet_filter(name: str, value: str) -> dict[str, Any]:
    if name == "year":
        return {"year_from": int(value), "year_to": int(value)}
    return {name: value}


def _active(params: SearchParams, name: str, value: str) -> bool:
    if name == "year":
        return params.year_from == params.year_to == int(value)
    return getattr(params, name) == value


def _facet_label(name: str, value: str, titles: dict[str, str]) -> str:
    if name == "kind":
        return UNIT_KIND_LABELS.get(value, value)
    if name == "doc_type":
        return present.doc_type_label(value) or value
    if name == "document":
        return titles.get(value, value)
    return value


def _document_titles(conn: Any, counts: dict[str, int]) -> dict[str, str]:
    ids = list(counts)[:200]
    if not ids:
        return {}
    rows = conn.execute(
        f"SELECT id, title, number FROM documents WHERE id IN ({','.join('?' * len(ids))})",
        ids,
    )
    return {r["id"]: " · ".join(x for x in (r["number"], r["title"]) if x) or r["id"] for r in rows}


def chips(conn: Any, params: SearchParams) -> list[dict[str, str]]:
    """The filters in force, each with a link that removes it."""
    out = []
    if params.kind:
        out.append(("Loại", UNIT_KIND_LABELS.get(params.kind, params.kind), {"kind": None}))
    if params.doc_type:
        label = present.doc_type_label(params.doc_type) or params.doc_type
        out.append(("Loại văn bản", label, {"doc_type": None}))
    if params.issuer:
        out.append(("Cơ quan", params.issuer, {"issuer": None}))
    if params.year_from is not None or params.year_to is not None:
        a, b = params.year_from, params.year_to
        years = f"{a}" if a == b else f"{a or '…'}–{b or '…'}"
        out.append(("Năm", years, {"year_from": None, "year_to": None}))
    if params.as_of:
        out.append(("Còn hiệu lực ngày", present.vn_date(params.as_of) or "", {"as_of": None}))
    if params.document:
        title = _document_titles(conn, {params.document: 1}).get(params.document, params.document)
        out.append(("Văn bản", title, {"document": None}))
    return [{"name": n, "value": v, "url": link(params, **c)} for n, v, c in out]


def pages(params: SearchParams, total: int) -> dict[str, Any]:
    """Previous/next and a few page numbers around the current one."""
    size = params.limit
    reachable = min(total, MAX_OFFSET + size)
    count = (reachable + size - 1) // size
    current = params.offset // size + 1
    window = range(max(1, current - 3), min(count, current + 3) + 1)
    return {
        "current": current,
        "count": count,
        "prev": link(params, offset=params.offset - size) if current > 1 else None,
        "next": link(params, offset=params.offset + size) if current < count else None,
        "numbers": [{"n": n, "url": link(params, offset=(n - 1) * size)} for n in window],
        "capped": total > reachable,
    }


def _doc_types(params: SearchParams, facets: dict[str, dict[str, int]]) -> list[tuple[str, str]]:
    values = set(facets.get("doc_type") or {})
    if params.doc_type:
        values.add(params.doc_type)
    return sorted(((v, present.doc_type_label(v) or v) for v in values), key=lambda kv: kv[1])
