"""`/api/violations` and the `/violations` page: the kinds of violation found in inspection
conclusions, most frequent first, each with its findings and the provisions broken."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from handbook.categories import CATEGORIES
from search_api.http.auth import Role, requires
from search_api.http.errors import ApiError
from search_api.http.routes_documents import ERRORS
from search_api.http.schemas_search import ViolationsOut
from search_api.http.search_view import parse_year
from search_api.http.state import app_state, library
from search_api.http.templating import render
from search_api.http.violations_view import (
    ViolationFilters,
    catalogue_json,
    category_class,
    chart_rows,
)

router = APIRouter()
READ = [requires(Role.READER)]
Category = Annotated[
    str | None,
    Query(
        max_length=100,
        description="A category, or words of it (`xac minh`, `thông báo`).",
        examples=["xac minh"],
    ),
]
Unit = Annotated[
    str | None, Query(max_length=200, description="Words of the inspected unit's name.")
]
Text = Annotated[str | None, Query(max_length=200, description="Words the findings contain.")]


def groups_for(request: Request, filters: ViolationFilters) -> list[Any]:
    lib = library(request)
    return app_state(request).violations.get(lib).get(lib, filters.resolved())


@router.get(
    "/api/violations",
    response_model=ViolationsOut,
    tags=["violations"],
    dependencies=READ,
    responses=ERRORS,
    summary="The violations catalogue: kinds of violation, most frequent first",
)
def api_violations(
    request: Request,
    category: Category = None,
    unit: Unit = None,
    year: Annotated[
        int | None, Query(ge=1900, le=2100, description="Conclusions issued that year.")
    ] = None,
    text: Text = None,
) -> dict[str, Any]:
    groups = groups_for(request, ViolationFilters(category, unit, year, text))
    return catalogue_json(library(request).store.conn, groups)


@router.get("/violations", response_class=HTMLResponse, dependencies=READ, include_in_schema=False)
def violations_page(
    request: Request,
    category: Annotated[str | None, Query(max_length=100)] = None,
    unit: Annotated[str | None, Query(max_length=200)] = None,
    year: Annotated[str | None, Query(max_length=40)] = None,
    text: Annotated[str | None, Query(max_length=200)] = None,
) -> HTMLResponse:
    error = None
    groups: list[Any] = []
    filters = ViolationFilters(category or None, unit or None, None, text or None)
    try:
        filters = ViolationFilters(
            filters.category, filters.unit, parse_year(year, "year"), filters.text
        )
        groups = groups_for(request, filters)
    except ApiError as err:
        error = err.message
    data = catalogue_json(library(request).store.conn, groups)
    context = {
        "filters": filters.items(),
        "categories": CATEGORIES,
        "data": data,
        "chart": chart_rows(groups),
        "category_class": category_class,
        "error": error,
        "next_url": _here(request),
    }
    return render(request, "violations.html", context, status=422 if error else 200)


def _here(request: Request) -> str:
    query = request.url.query
    return request.url.path + (f"?{query}" if query else "")
