"""`/api/search`, `/api/cite`, `/api/suggest`: finding provisions by words, by citation, and
as the user types."""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse

from corpus.citing import citation_text
from index.citequery import citations_in
from search_api.http import present
from search_api.http.auth import Role, requires
from search_api.http.citelookup import EXAMPLE, Found, NotFound, cite, lookup
from search_api.http.errors import ApiError
from search_api.http.routes_documents import ERRORS
from search_api.http.schemas_search import CiteOut, SearchOut, SuggestOut
from search_api.http.search_view import (
    MAX_LIMIT,
    MAX_OFFSET,
    MAX_QUERY,
    SearchParams,
    parse_day,
    run_search,
    search_json,
)
from search_api.http.state import app_state, document, library
from search_api.http.suggestions import Suggestion

router = APIRouter(prefix="/api", tags=["search"])
READ = [requires(Role.READER)]
UnitKind = Literal["article", "finding", "section", "document"]
AS_OF = (
    "A date (YYYY-MM-DD): only provisions in force that day, and the law a cited name "
    "(`Luật Thi hành án dân sự`) meant that day."
)


@router.get(
    "/search",
    response_model=SearchOut,
    dependencies=READ,
    responses=ERRORS,
    summary="Search provisions, findings and sections (cited provision first)",
)
async def api_search(
    request: Request,
    q: Annotated[
        str,
        Query(
            max_length=MAX_QUERY,
            description="Words (with or without diacritics), a quoted phrase, a số hiệu or a "
            "citation.",
            openapi_examples={
                "no_diacritics": {
                    "summary": "Words typed without diacritics",
                    "value": "thoi han tu nguyen thi hanh an",
                },
                "citation": {
                    "summary": "A citation (the cited clause comes first)",
                    "value": "khoản 1 Điều 45 Luật THADS",
                },
                "number": {"summary": "A số hiệu", "value": "nđ 62/2015"},
            },
        ),
    ],
    kind: Annotated[UnitKind | None, Query(description="Only units of this kind.")] = None,
    doc_type: Annotated[
        str | None,
        Query(max_length=40, pattern=r"^[a-z_]+$", description="e.g. `luat`, `nghi_dinh`."),
    ] = None,
    issuer: Annotated[
        str | None, Query(max_length=200, description="Issuer, as in the `issuer` facet.")
    ] = None,
    year_from: Annotated[int | None, Query(ge=1900, le=2100, description="Issued from.")] = None,
    year_to: Annotated[int | None, Query(ge=1900, le=2100, description="Issued until.")] = None,
    as_of: Annotated[
        str | None,
        Query(
            max_length=40,
            description=AS_OF,
            openapi_examples={"date": {"summary": "1 January 2020", "value": "2020-01-01"}},
        ),
    ] = None,
    document: Annotated[
        str | None, Query(max_length=200, description="Only this document id.")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 10,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> JSONResponse:
    params = SearchParams(
        q=q,
        kind=kind,
        doc_type=doc_type,
        issuer=issuer,
        year_from=year_from,
        year_to=year_to,
        as_of=parse_day(as_of, "as_of"),
        document=document,
        limit=limit,
        offset=offset,
    ).check()
    body = await app_state(request).searches.run(
        lambda lib: search_json(lib, params, run_search(lib, params))
    )
    return JSONResponse(body)


@router.get(
    "/cite",
    response_model=CiteOut,
    dependencies=READ,
    responses={
        **ERRORS,
        404: {
            "model": ERRORS[404]["model"],
            "description": "No such provision stored; `code` says why: `citation_unreadable`, "
            "`law_not_stored`, `article_not_found`, `provision_not_found`.",
        },
    },
    summary="A citation → the provision it cites (law, article, clause, label, text)",
)
def api_cite(
    request: Request,
    ref: Annotated[
        str,
        Query(
            min_length=1,
            max_length=500,
            description="A citation, as an official writes it (diacritics optional).",
            openapi_examples={
                "law_name": {"summary": "A clause of a law named", "value": EXAMPLE},
                "decree": {"summary": "An article of a decree", "value": "Điều 9 NĐ 62/2015"},
                "no_diacritics": {
                    "summary": "Typed without diacritics",
                    "value": "diem a khoan 2 dieu 7 luat thads",
                },
            },
        ),
    ],
    as_of: Annotated[str | None, Query(max_length=40, description=AS_OF)] = None,
) -> dict[str, Any]:
    on = parse_day(as_of, "as_of")
    lib = library(request)
    found = cite(lib.store.conn, ref, on)
    if isinstance(found, NotFound):
        raise ApiError(404, found.code, found.message)
    return cite_json(request, found)


def cite_json(request: Request, found: Found) -> dict[str, Any]:
    doc_id, pid = found.target.doc_id, found.target.provision_id or ""
    doc = document(request, doc_id)
    located = present.find(doc, pid) if doc is not None else None
    if doc is None or located is None:  # deleted between the lookup and now
        raise ApiError(404, "article_not_found", "Điều khoản vừa bị xóa khỏi thư viện.")
    view = present.provision_view(doc, pid, [])
    assert view is not None
    p, parents = located
    article = next((a for a in [*parents, p] if a.kind == "dieu"), p)
    ref = found.ref
    return {
        "ref": ref.text,
        "cited_law": ref.law,
        "law": found.law,
        "article": ref.article,
        "clause": ref.clause,
        "point": ref.point,
        "doc_id": doc.id,
        "doc_title": doc.title,
        "provision_id": pid,
        "label": view["label"],
        "heading": view["heading"],
        "article_title": article.title,
        "citation": view["citation"],
        "text": view["full_text"],
        "page_url": f"/documents/{doc.id}#{pid}",
        "provision_url": f"/api/documents/{doc.id}/provisions/{pid}",
    }


@router.get(
    "/suggest",
    response_model=SuggestOut,
    dependencies=READ,
    responses=ERRORS,
    summary="As-you-type suggestions: a cited provision, terms, documents, article titles",
)
def api_suggest(
    request: Request,
    q: Annotated[
        str,
        Query(
            max_length=200,
            description="What has been typed so far.",
            openapi_examples={"typing": {"summary": "Half a phrase", "value": "thoi han tu ng"}},
        ),
    ] = "",
    limit: Annotated[int, Query(ge=1, le=20)] = 8,
) -> JSONResponse:
    lib = library(request)
    found: list[Suggestion] = []
    cited = _cited_suggestion(lib.store.conn, q)
    if cited is not None:
        found.append(cited)
    if q.strip():
        suggester = app_state(request).suggestions.get(lib)
        found += [s for s in suggester.suggest(q, limit) if not cited or s.url != cited.url]
    return JSONResponse({"q": q, "suggestions": [s.to_dict() for s in found[:limit]]})


def _cited_suggestion(conn: Any, q: str) -> Suggestion | None:
    """The provision a typed citation names, when it is complete and stored."""
    citations = citations_in(q)
    refs = [r for c in citations for r in c.refs if r.law and r.article]
    if not refs:
        return None
    found = lookup(conn, refs[0])
    if isinstance(found, NotFound):
        return None
    target = found.target
    url = f"/documents/{target.doc_id}#{target.provision_id}"
    row = conn.execute(
        "SELECT title FROM provisions WHERE doc_id = ? AND law = ? AND article = ? "
        "AND kind = 'dieu'",
        (target.doc_id, found.law, refs[0].article),
    ).fetchone()
    text = citation_text(replace(refs[0], law=found.law))
    label = text + (f" — {row['title']}" if row and row["title"] else "")
    return Suggestion(text=text, label=label, kind="citation", url=url)
