"""`/api/documents…`: list, read, download, upload (trainer) and delete (admin) documents."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import FileResponse, JSONResponse
from starlette.datastructures import UploadFile

from corpus.model import DOCUMENT_FIELDS, Document
from search_api.catalog import DocumentFilter
from search_api.http import present
from search_api.http.auth import Role, requires
from search_api.http.errors import ApiError
from search_api.http.jobs import new_job_id
from search_api.http.schemas import (
    DeletedOut,
    DocumentListOut,
    DocumentOut,
    ErrorOut,
    JobOut,
    ProvisionOut,
)
from search_api.http.state import app_state, document, library
from search_api.http.uploads import MEDIA_TYPES, download_name, store_upload
from search_api.library import Library

router = APIRouter(prefix="/api", tags=["documents"])

ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorOut, "description": text}
    for code, text in (
        (401, "Missing or unknown API key (when the route needs one)."),
        (403, "The key's role is too low."),
        (404, "No such document or provision."),
        (422, "A parameter is invalid; the message names it."),
    )
}
KindParam = Literal[
    "regulation", "inspection_conclusion", "conference_topic", "court_document", "other"
]
DocId = Annotated[
    str, Path(max_length=200, description="Document id, as listed.", examples=["62-2015-nd-cp"])
]
MAX_LIMIT = 200
MAX_OFFSET = 1_000_000


def get_document(request: Request, doc_id: str) -> Document:
    """The stored document, or a 404 naming the id."""
    doc = document(request, doc_id)
    if doc is None:
        raise ApiError(404, "document_not_found", f"Không có văn bản nào có mã '{doc_id}'.")
    return doc


def summary(row: dict[str, Any]) -> dict[str, Any]:
    return {
        **row,
        "kind_label": present.KIND_LABELS.get(row["kind"], row["kind"]),
        "url": f"/api/documents/{row['id']}",
        "page_url": f"/documents/{row['id']}",
    }


@router.get(
    "/documents",
    response_model=DocumentListOut,
    dependencies=[requires(Role.READER)],
    responses=ERRORS,
    summary="List stored documents (filter, page)",
)
def list_documents(
    request: Request,
    kind: Annotated[KindParam | None, Query(description="Document kind.")] = None,
    doc_type: Annotated[
        str | None,
        Query(max_length=40, pattern=r"^[a-z_]+$", description="e.g. `luat`, `nghi_dinh`."),
    ] = None,
    issuer: Annotated[
        str | None,
        Query(max_length=200, description="Part of the issuer's name; accents optional."),
    ] = None,
    year: Annotated[int | None, Query(ge=1900, le=2100, description="Year issued.")] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 50,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> dict[str, Any]:
    lib = library(request)
    filters = DocumentFilter(kind=kind, doc_type=doc_type, issuer=issuer, year=year)
    page = lib.browse(filters, limit=limit, offset=offset)
    return {
        "total": page.total,
        "limit": limit,
        "offset": offset,
        "items": [summary(r) for r in page.items],
        "facets": lib.facets(),
    }


def document_json(lib: Library, doc: Document, with_text: bool = True) -> dict[str, Any]:
    data = doc.to_dict()
    nodes = present.tree(doc, lib.cited_by(doc.id))
    known = DOCUMENT_FIELDS
    return {
        **{k: data[k] for k in known if k not in ("source", "provisions")},
        "kind_label": present.KIND_LABELS.get(doc.kind, doc.kind),
        "doc_type_label": present.doc_type_label(doc.doc_type),
        "validity": present.validity(doc),
        "source": {
            "format": doc.source.format,
            "pages": doc.source.pages,
            "size": doc.source.size,
            "file_name": download_name(doc.source.path, doc.source.format),
        },
        "file_url": f"/api/documents/{doc.id}/file" if lib.stored_file(doc.id) else None,
        "page_url": f"/documents/{doc.id}",
        "provisions": [n.to_dict(with_text) for n in nodes],
        "extra": {k: v for k, v in data.items() if k not in known},
    }


@router.get(
    "/documents/{doc_id}",
    response_model=DocumentOut,
    dependencies=[requires(Role.READER)],
    responses=ERRORS,
    summary="A document: facts and provision tree",
)
def read_document(
    request: Request,
    doc_id: DocId,
    text: Annotated[bool, Query(description="Include provision text.")] = True,
) -> JSONResponse:
    doc = get_document(request, doc_id)
    # Sent as built: the tree can hold thousands of nodes, too many to re-validate each time.
    return JSONResponse(document_json(library(request), doc, with_text=text))


def provision_or_404(request: Request, doc: Document, pid: str) -> dict[str, Any]:
    """The view of provision `pid` of `doc` with who cites it; 404 when it has none such."""
    cited = library(request).cited_by(doc.id, pid).get(pid, [])
    view = present.provision_view(doc, pid, cited_by_json(cited))
    if view is None:
        raise ApiError(
            404, "provision_not_found", f"Văn bản '{doc.id}' không có mục nào mã '{pid}'."
        )
    return view


def cited_by_json(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for item in items:
        anchor = item["source"].replace(":", "-") if item["source"] != "document" else ""
        page_url = f"/documents/{item['doc_id']}" + (f"#{anchor}" if anchor else "")
        out.append({**item, "page_url": page_url})
    return out


@router.get(
    "/documents/{doc_id}/provisions/{pid}",
    response_model=ProvisionOut,
    dependencies=[requires(Role.READER)],
    responses=ERRORS,
    summary="One provision: text, label, citation, cited-by",
)
def read_provision(
    request: Request,
    doc_id: DocId,
    pid: Annotated[
        str, Path(max_length=200, description="Provision id.", examples=["d30.2.lq.45.k1"])
    ],
) -> dict[str, Any]:
    view = provision_or_404(request, get_document(request, doc_id), pid)
    return {**view, "page_url": f"/documents/{doc_id}#{pid}"}


@router.get(
    "/documents/{doc_id}/file",
    dependencies=[requires(Role.READER)],
    responses={**ERRORS, 200: {"description": "The original file.", "content": {"*/*": {}}}},
    response_class=FileResponse,
    summary="The original file as ingested",
)
def read_file(request: Request, doc_id: DocId) -> FileResponse:
    doc = get_document(request, doc_id)
    path = library(request).stored_file(doc_id)
    if path is None:
        raise ApiError(404, "file_not_found", f"Không còn tệp gốc của văn bản '{doc_id}'.")
    fmt = doc.source.format
    return FileResponse(
        path,
        media_type=MEDIA_TYPES.get(fmt, "application/octet-stream"),
        filename=download_name(doc.source.path, fmt),
        content_disposition_type="inline" if fmt == "pdf" else "attachment",
    )


UPLOAD_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["file"],
                    "properties": {
                        "file": {
                            "type": "string",
                            "format": "binary",
                            "description": "PDF, DOCX, Markdown, text or HTML; type is "
                            "checked by content.",
                        }
                    },
                }
            }
        },
    }
}


async def form_files(request: Request, field: str, max_files: int) -> list[UploadFile]:
    """The files of a multipart form field, read after the caller was authorized."""
    content_type = request.headers.get("content-type", "")
    if not content_type.startswith("multipart/form-data"):
        raise ApiError(
            415, "not_multipart", "Gửi tệp dạng multipart/form-data, trong trường 'file'."
        )
    try:
        form = await request.form(max_files=max_files, max_fields=20)
    except Exception as err:
        raise ApiError(
            400, "bad_form", f"Không đọc được biểu mẫu tải lên: {' '.join(str(err).split())}"
        ) from None
    files = [f for f in form.getlist(field) if isinstance(f, UploadFile)]
    if not files or all(not f.filename and f.size == 0 for f in files):
        raise ApiError(422, "missing_file", f"Thiếu tệp trong trường '{field}'.")
    return files


async def accept_upload(request: Request, upload: UploadFile) -> dict[str, Any]:
    """Store one uploaded file in the data folder and queue its ingest job."""
    state = app_state(request)
    job_id = new_job_id()
    stored = await run_in_threadpool(
        store_upload,
        state.settings.data_dir,
        job_id,
        upload.filename,
        upload.file,
        state.settings.max_upload_bytes,
    )
    job = state.jobs.submit(job_id, stored.path, stored.file_name, stored.size, stored.format)
    return job_json(job.to_dict())


def job_json(data: dict[str, Any]) -> dict[str, Any]:
    return {**data, "url": f"/api/jobs/{data['id']}"}


@router.post(
    "/documents",
    response_model=JobOut,
    status_code=202,
    dependencies=[requires(Role.TRAINER)],
    responses={
        **ERRORS,
        400: {"model": ErrorOut, "description": "Empty file, bad file name or broken form."},
        413: {"model": ErrorOut},
        415: {"model": ErrorOut},
    },
    openapi_extra=UPLOAD_BODY,
    summary="Upload a document (trainer); it is ingested as a background job",
)
async def upload_document(request: Request) -> JSONResponse:
    files = await form_files(request, "file", max_files=1)
    if len(files) != 1:
        raise ApiError(422, "one_file", "Gửi đúng một tệp trong trường 'file'.")
    try:
        job = await accept_upload(request, files[0])
    finally:
        await files[0].close()
    return JSONResponse(job, status_code=202, headers={"Location": job["url"]})


@router.delete(
    "/documents/{doc_id}",
    response_model=DeletedOut,
    dependencies=[requires(Role.ADMIN)],
    responses=ERRORS,
    summary="Delete a document and its original file (admin)",
)
def delete_document(request: Request, doc_id: DocId) -> dict[str, Any]:
    if not library(request).delete(doc_id):
        raise ApiError(404, "document_not_found", f"Không có văn bản nào có mã '{doc_id}'.")
    return {"id": doc_id, "deleted": True}
