"""The reading pages: home, documents list, a document, one provision (Vietnamese, no JS
needed)."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse

from search_api.catalog import DocumentFilter
from search_api.http import present
from search_api.http.auth import Role, requires
from search_api.http.routes_documents import (
    MAX_OFFSET,
    KindParam,
    cited_by_json,
    get_document,
    provision_or_404,
    summary,
)
from search_api.http.state import library
from search_api.http.templating import render
from search_api.http.uploads import download_name

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 50
READ = [requires(Role.READER)]


@router.get("/", response_class=HTMLResponse, dependencies=READ, name="home_page")
def home(request: Request) -> HTMLResponse:
    lib = library(request)
    latest = lib.browse(DocumentFilter(), limit=8, offset=0)
    return render(
        request,
        "home.html",
        {
            "facets": lib.facets(),
            "latest": [summary(r) for r in latest.items],
            "total": latest.total,
        },
    )


@router.get("/documents", response_class=HTMLResponse, dependencies=READ, name="documents_page")
def documents_page(
    request: Request,
    kind: Annotated[KindParam | None, Query()] = None,
    doc_type: Annotated[str | None, Query(max_length=40, pattern=r"^[a-z_]*$")] = None,
    issuer: Annotated[str | None, Query(max_length=200)] = None,
    year: Annotated[str | None, Query(max_length=4, pattern=r"^\d{0,4}$")] = None,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> HTMLResponse:
    lib = library(request)
    year_n = int(year) if year else None
    filters = DocumentFilter(kind=kind, doc_type=doc_type or None, issuer=issuer, year=year_n)
    page = lib.browse(filters, limit=PAGE_SIZE, offset=offset)
    params = {
        k: v
        for k, v in (("kind", kind), ("doc_type", doc_type), ("issuer", issuer), ("year", year))
        if v
    }

    def page_link(new_offset: int) -> str:
        return "/documents?" + urlencode({**params, "offset": new_offset})

    return render(
        request,
        "documents.html",
        {
            "items": [summary(r) for r in page.items],
            "total": page.total,
            "offset": offset,
            "shown_to": min(offset + PAGE_SIZE, page.total),
            "prev_url": page_link(max(0, offset - PAGE_SIZE)) if offset > 0 else None,
            "next_url": page_link(offset + PAGE_SIZE) if offset + PAGE_SIZE < page.total else None,
            "filters": {**params},
            "facets": lib.facets(),
            "doc_type_label": present.doc_type_label,
        },
    )


@router.get(
    "/documents/{doc_id}", response_class=HTMLResponse, dependencies=READ, name="document_page"
)
def document_page(request: Request, doc_id: Annotated[str, Path(max_length=200)]) -> HTMLResponse:
    lib = library(request)
    doc = get_document(request, doc_id)
    nodes = present.tree(doc, {k: cited_by_json(v) for k, v in lib.cited_by(doc.id).items()})
    has_file = lib.stored_file(doc.id) is not None
    context: dict[str, Any] = {
        "doc": doc,
        "facts": present.facts(doc),
        "nodes": nodes,
        "toc": present.toc(nodes),
        "file_url": f"/api/documents/{doc.id}/file" if has_file else None,
        "file_name": download_name(doc.source.path, doc.source.format),
    }
    return render(request, "document.html", context)


@router.get(
    "/documents/{doc_id}/p/{pid}",
    response_class=HTMLResponse,
    dependencies=READ,
    name="provision_page",
)
def provision_page(
    request: Request,
    doc_id: Annotated[str, Path(max_length=200)],
    pid: Annotated[str, Path(max_length=200)],
) -> HTMLResponse:
    doc = get_document(request, doc_id)
    view = provision_or_404(request, doc, pid)
    return render(request, "provision.html", {"doc": doc, "p": view})
