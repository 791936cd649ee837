"""Search as the API and the search page show it: parameters checked, filters built, hits
dressed with their citation text and the address of their anchor in the document page.

Both `/api/search` and `/search` read their parameters into `SearchParams` and call
`run_search`, so the JSON and the page say the same thing.
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from dataclasses import dataclass, replace
from typing import Any

from corpus.citetext import citation_text
from corpus.locking import LockTimeout
from corpus.model import Document, Provision
from index.results import Hit, SearchFilters, SearchResult
from search_api.catalog import headline
from search_api.http.errors import ApiError
from search_api.library import Library

MAX_LIMIT = 100
MAX_OFFSET = 1000
"""Deepest page: the engine ranks `offset + limit` hits for every page."""
MAX_QUERY = 2000
UNIT_KINDS = ("article", "finding", "section", "document")
UNIT_KIND_LABELS = {
    "article": "Điều luật",
    "finding": "Vi phạm (kết luận kiểm tra)",
    "section": "Mục (chuyên đề, báo cáo)",
    "document": "Văn bản",
}
_LABEL = re.compile(
    r"^(?:điểm (?P<point>\S+) )?(?:khoản (?P<clause>\S+) )?(?P<head>Điều|Phụ lục) (?P<num>\S+)$"
)
_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y")


@dataclass(slots=True)
class SearchParams:
    """One search as asked; `None` filters nothing."""

    q: str = ""
    kind: str | None = None
    doc_type: str | None = None
    issuer: str | None = None
    year_from: int | None = None
    year_to: int | None = None
    as_of: dt.date | None = None
    document: str | None = None
    limit: int = 10
    offset: int = 0

    def check(self) -> SearchParams:
        """Refuse what types alone cannot (a year range the wrong way round); 422."""
        years = (self.year_from, self.year_to)
        if None not in years and years[0] > years[1]:  # type: ignore[operator]
            message = (
                f"Tham số 'year_from' ({self.year_from}) phải nhỏ hơn hoặc bằng "
                f"'year_to' ({self.year_to})."
            )
            raise invalid("year_from", message)
        if len(self.q) > MAX_QUERY:
            raise invalid("q", f"Tham số 'q' dài quá {MAX_QUERY} ký tự.")
        return self

    def filters(self) -> SearchFilters:
        return SearchFilters(
            kind=self.kind,
            doc_type=self.doc_type,
            issuer=self.issuer,
            year_from=self.year_from,
            year_to=self.year_to,
            in_force_on=self.as_of,
            document=self.document,
        )

    def query_items(self, **changes: Any) -> dict[str, str]:
        """The non-empty parameters as a page link carries them (`offset` only when > 0)."""
        values = replace(self, **changes)
        items = {}
        for name in (
            "q",
            "kind",
            "doc_type",
            "issuer",
            "year_from",
            "year_to",
            "as_of",
            "document",
        ):
            value = getattr(values, name)
            if value not in (None, ""):
                items[name] = value.isoformat() if isinstance(value, dt.date) else str(value)
        if values.offset:
            items["offset"] = str(values.offset)
        return items


def invalid(param: str, message: str) -> ApiError:
    details = [{"param": param, "where": "query", "message": message}]
    return ApiError(422, "invalid_parameter", message, details=details)


def parse_day(value: str | None, param: str) -> dt.date | None:
    """`2024-01-31` (or `31/01/2024`) → a date; empty → None; anything else → 422."""
    value = (value or "").strip()
    if not value:
        return None
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    shown = value if len(value) <= 40 else value[:40] + "…"
    raise invalid(
        param,
        f"Tham số '{param}' phải là một ngày có thật, dạng YYYY-MM-DD hoặc DD/MM/YYYY "
        f"(nhận được '{shown}').",
    )


def parse_year(value: str | None, param: str) -> int | None:
    """A year typed in a form (`""` = none); 422 unless 1900..2100."""
    value = (value or "").strip()
    if not value:
        return None
    if not value.isdigit() or not 1900 <= int(value) <= 2100:
        shown = value if len(value) <= 40 else value[:40] + "…"
        raise invalid(
            param, f"Tham số '{param}' phải là một năm từ 1900 đến 2100 (nhận được '{shown}')."
        )
    return int(value)


def run_search(library: Library, params: SearchParams) -> SearchResult:
    """The search; 503 when the index is being rebuilt for longer than the lock waits."""
    try:
        return library.search(
            params.q, filters=params.filters(), limit=params.limit, offset=params.offset
        )
    except LockTimeout:
        raise ApiError(
            503,
            "index_busy",
            "Chỉ mục tìm kiếm đang được cập nhật; xin thử lại sau ít phút.",
            headers={"Retry-After": "60"},
        ) from None


def search_json(library: Library, params: SearchParams, result: SearchResult) -> dict[str, Any]:
    """The body of `/api/search`."""
    return {
        "query": result.query,
        "total": result.total,
        "limit": params.limit,
        "offset": params.offset,
        "hits": hits_json(library.store.conn, result.hits),
        "facets": result.facets,
        "suggestion": result.did_you_mean,
        "cited": result.cited,
    }


def hits_json(conn: sqlite3.Connection, hits: list[Hit]) -> list[dict[str, Any]]:
    """Each hit as the CLI's `--json` prints it, plus `citation` (ready to paste, for articles
    and their khoản/điểm), `provision_id` (the anchor: the khoản or điểm when the label names
    one) and `page_url` / `provision_url`."""
    docs = _documents(conn, {h.doc_id for h in hits})
    return [_hit_json(conn, h, docs.get(h.doc_id)) for h in hits]


def _documents(conn: sqlite3.Connection, ids: set[str]) -> dict[str, Document]:
    if not ids:
        return {}
    rows = conn.execute(
        "SELECT id, kind, doc_type, number, title FROM documents "
        f"WHERE id IN ({','.join('?' * len(ids))})",
        tuple(ids),
    )
    return {r["id"]: headline(r) for r in rows}


def _hit_json(conn: sqlite3.Connection, hit: Hit, doc: Document | None) -> dict[str, Any]:
    unit_id = hit.key.split("#", 1)[1] if "#" in hit.key else ""
    anchor: str | None = unit_id
    citation = None
    if hit.kind == "article" and doc is not None:
        chain = _label_chain(hit)
        if chain is not None:
            citation = citation_text(doc, chain[-1], chain[:-1])
            anchor = _part_id(conn, hit.doc_id, unit_id, chain) or unit_id
    elif hit.kind == "finding":
        anchor = "finding-" + hit.label.removeprefix("vi phạm ").strip()
    elif hit.kind == "document":
        anchor = None
    page_url = f"/documents/{hit.doc_id}" + (f"#{anchor}" if anchor else "")
    provision_url = (
        f"/api/documents/{hit.doc_id}/provisions/{anchor}"
        if hit.kind in ("article", "section") and anchor
        else None
    )
    return {
        **hit.to_dict(),
        "citation": citation,
        "provision_id": anchor if hit.kind in ("article", "section") else None,
        "page_url": page_url,
        "provision_url": provision_url,
    }


def _label_chain(hit: Hit) -> list[Provision] | None:
    """The provisions a hit's label names, outermost first (`khoản 1 Điều 45` → Điều, khoản)."""
    m = _LABEL.match(hit.label or "")
    if m is None:
        return None
    if m["head"] == "Phụ lục":
        return [Provision(kind="phu_luc", number=m["num"])]
    chain = [Provision(kind="dieu", number=m["num"], law=hit.law, article=hit.article)]
    if m["clause"]:
        chain.append(Provision(kind="khoan", number=m["clause"]))
    if m["point"]:
        chain.append(Provision(kind="diem", number=m["point"]))
    return chain


def _part_id(
    conn: sqlite3.Connection, doc_id: str, article_id: str, chain: list[Provision]
) -> str | None:
    """The stored id of the khoản/điểm a label names inside an article."""
    part = chain[-1]
    if part.kind not in ("khoan", "diem"):
        return None
    clause = next((p.number for p in chain if p.kind == "khoan"), None)
    point = part.number if part.kind == "diem" else None
    row = conn.execute(  # ids under the article: `d45.…`, a range of the primary key
        "SELECT id FROM provisions WHERE doc_id = ? AND id > ? AND id < ? "
        "AND kind = ? AND clause IS ? AND point IS ? ORDER BY ord LIMIT 1",
        (doc_id, article_id + ".", article_id + "/", part.kind, clause, point),
    ).fetchone()
    return row["id"] if row else None
