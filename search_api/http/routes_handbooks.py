"""`/api/handbooks…`: store handbook specs (trainer), read them, export DOCX/PDF/HTML.

A spec is sent as the request body, JSON (`application/json`) or YAML (any other text type);
a spec that cannot be used is 422 with one reason per problem, naming the item's position.
"""

from __future__ import annotations

import hashlib
import json
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Header, Path, Query, Request
from fastapi.responses import JSONResponse, Response

from handbook.compile import compile_handbook
from handbook.compiled import CompiledHandbook
from handbook.export import FORMATS, export, file_name
from handbook.spec import HandbookSpec, SpecError, load_spec, parse_spec
from handbook.stored import HandbookConflict, HandbookStore, StoredHandbook
from search_api.http.auth import KEY_COOKIE, KEY_HEADER, Role, requires
from search_api.http.errors import ApiError
from search_api.http.schemas import ErrorOut
from search_api.http.state import library

router = APIRouter(prefix="/api/handbooks", tags=["handbooks"])

HandbookId = Annotated[
    str,
    Path(max_length=100, pattern=r"^[a-z0-9-]+$", description="Handbook id, as listed."),
]
ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorOut, "description": text}
    for code, text in (
        (401, "Missing or unknown API key (when the route needs one)."),
        (403, "The key's role is too low."),
        (404, "No such handbook."),
        (422, "The spec (or a parameter) is invalid; the message says where and why."),
    )
}
SPEC_BODY = {
    "requestBody": {
        "required": True,
        "description": "A handbook spec (see README: Handbooks), as JSON or YAML.",
        "content": {
            "application/json": {"schema": {"type": "object"}},
            "application/yaml": {"schema": {"type": "string"}},
        },
    }
}


def handbooks(request: Request) -> HandbookStore:
    return HandbookStore(library(request).store.conn)


def editor_of(request: Request) -> str | None:
    """A short digest of the caller's key: who made a change (never the key itself)."""
    key = request.headers.get(KEY_HEADER) or request.cookies.get(KEY_COOKIE)
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16] if key else None


def get_handbook(request: Request, handbook_id: str) -> StoredHandbook:
    found = handbooks(request).get(handbook_id)
    if found is None:
        raise ApiError(404, "handbook_not_found", f"Không có cẩm nang nào có mã '{handbook_id}'.")
    return found


def spec_error(err: SpecError) -> ApiError:
    return ApiError(
        422,
        "invalid_spec",
        "Đặc tả cẩm nang không hợp lệ: " + "; ".join(err.problems),
        details=[{"where": "body", "message": p} for p in err.problems],
    )


async def read_spec(request: Request) -> HandbookSpec:
    body = await request.body()
    try:
        if "json" in request.headers.get("content-type", ""):
            try:
                data = json.loads(body.decode("utf-8-sig"))
            except (UnicodeDecodeError, ValueError) as err:
                raise SpecError([f"not valid JSON: {err}"]) from None
            return parse_spec(data)
        return load_spec(body)
    except SpecError as err:
        raise spec_error(err) from None


def compile_stored(request: Request, spec: HandbookSpec) -> CompiledHandbook:
    lib = library(request)
    return compile_handbook(spec, lib.store, lib)


@router.get(
    "",
    dependencies=[requires(Role.READER)],
    responses=ERRORS,
    summary="List stored handbooks (most recently changed first)",
)
def list_handbooks(request: Request) -> dict[str, Any]:
    items = [h.summary() for h in handbooks(request).list()]
    for item in items:
        item["url"] = f"/api/handbooks/{item['id']}"
        item["page_url"] = f"/handbooks/{item['id']}"
    return {"total": len(items), "items": items}


@router.post(
    "",
    status_code=201,
    dependencies=[requires(Role.TRAINER)],
    responses=ERRORS,
    openapi_extra=SPEC_BODY,
    summary="Store a new handbook from a spec; returns its id",
)
async def create_handbook(request: Request) -> JSONResponse:
    spec = await read_spec(request)
    stored = handbooks(request).create(spec, editor=editor_of(request))
    return JSONResponse(
        stored.to_dict(), status_code=201, headers={"Location": f"/api/handbooks/{stored.id}"}
    )


@router.get(
    "/{handbook_id}",
    dependencies=[requires(Role.READER)],
    responses=ERRORS,
    summary="A stored handbook: its spec, revision and dates",
)
def read_handbook(request: Request, handbook_id: HandbookId) -> dict[str, Any]:
    return get_handbook(request, handbook_id).to_dict()


@router.put(
    "/{handbook_id}",
    dependencies=[requires(Role.TRAINER)],
    responses={**ERRORS, 409: {"model": ErrorOut, "description": "Revision mismatch."}},
    openapi_extra=SPEC_BODY,
    summary="Replace a handbook's spec (If-Match: a revision refuses a stale edit)",
)
async def replace_handbook(
    request: Request,
    handbook_id: HandbookId,
    if_match: Annotated[str | None, Header(max_length=20, pattern=r'^"?\d+"?$')] = None,
) -> dict[str, Any]:
    spec = await read_spec(request)
    revision = int(if_match.strip('"')) if if_match else None
    try:
        saved = handbooks(request).save(handbook_id, spec, editor_of(request), revision)
    except HandbookConflict:
        raise ApiError(
            409, "revision_conflict", "Cẩm nang đã được sửa ở nơi khác; hãy tải lại."
        ) from None
    if saved is None:
        get_handbook(request, handbook_id)
    assert saved is not None
    return saved.to_dict()


@router.delete(
    "/{handbook_id}",
    status_code=204,
    dependencies=[requires(Role.ADMIN)],
    responses=ERRORS,
    summary="Delete a handbook",
)
def delete_handbook(request: Request, handbook_id: HandbookId) -> Response:
    if not handbooks(request).delete(handbook_id):
        get_handbook(request, handbook_id)
    return Response(status_code=204)


@router.get(
    "/{handbook_id}/compiled",
    dependencies=[requires(Role.READER)],
    responses=ERRORS,
    summary="The handbook compiled: quotes, tables, sources, and what could not be resolved",
)
def compiled_handbook(request: Request, handbook_id: HandbookId) -> dict[str, Any]:
    return compile_stored(request, get_handbook(request, handbook_id).spec).to_dict()


@router.get(
    "/{handbook_id}/export",
    dependencies=[requires(Role.READER)],
    responses={
        **ERRORS,
        200: {
            "description": "The file, as an attachment.",
            "content": {f.media_type.split(";")[0]: {} for f in FORMATS.values()},
        },
    },
    summary="Download the handbook as DOCX, PDF or HTML",
)
def export_handbook(
    request: Request,
    handbook_id: HandbookId,
    format: Annotated[Literal["docx", "pdf", "html"], Query(description="File format.")] = "docx",
    strict: Annotated[
        bool, Query(description="422 instead of a file when an item is unresolved.")
    ] = False,
) -> Response:
    stored = get_handbook(request, handbook_id)
    book = compile_stored(request, stored.spec)
    if strict and book.problems:
        raise ApiError(
            422,
            "unresolved_items",
            "Có mục không tìm thấy: " + "; ".join(str(p) for p in book.problems),
            details=[{"where": p.where, "message": str(p)} for p in book.problems],
        )
    name = file_name(stored.title, format)
    return Response(
        export(book, format),
        media_type=FORMATS[format].media_type,
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
