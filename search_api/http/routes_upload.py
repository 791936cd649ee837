"""Trainers' pages: sign in with a key, upload files, follow each file's ingest job."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from search_api.http.auth import KEY_COOKIE, Principal, Role, requires
from search_api.http.errors import ApiError
from search_api.http.routes_documents import accept_upload, form_files
from search_api.http.state import app_state
from search_api.http.templating import render

router = APIRouter(include_in_schema=False)
MAX_FILES = 20


def _local_path(value: str | None) -> str:
    """A redirect target on this site only (`/upload`), never `//elsewhere` or a URL."""
    if value and value.startswith("/") and not value.startswith(("//", "/\\")):
        return value
    return "/"


@router.get("/upload", response_class=HTMLResponse, dependencies=[requires(Role.READER)])
def upload_page(request: Request) -> HTMLResponse:
    state = app_state(request)
    return render(
        request,
        "upload.html",
        {
            "jobs": state.jobs.recent(20),
            "max_mb": state.settings.max_upload_bytes // 2**20,
            "max_files": MAX_FILES,
            "keys_configured": len(state.settings.keys) > 0,
        },
    )


@router.post("/upload", dependencies=[requires(Role.TRAINER)])
async def upload_submit(request: Request) -> Response:
    files = await form_files(request, "file", max_files=MAX_FILES)
    ids: list[str] = []
    try:
        for upload in files:
            try:
                job = await accept_upload(request, upload)
                ids.append(job["id"])
            except ApiError as err:
                refused = app_state(request).jobs.refused(upload.filename or "?", err.message)
                ids.append(refused.id)
    finally:
        for upload in files:
            await upload.close()
    return RedirectResponse("/jobs?ids=" + ",".join(ids), status_code=303)


@router.get("/jobs", response_class=HTMLResponse, dependencies=[requires(Role.READER)])
def jobs_page(
    request: Request,
    ids: Annotated[str, Query(max_length=33 * MAX_FILES, pattern=r"^[0-9a-f,]*$")] = "",
) -> HTMLResponse:
    state = app_state(request)
    wanted = [i for i in ids.split(",") if i][:MAX_FILES]
    jobs = [job for job in map(state.jobs.get, wanted) if job is not None]
    pending = any(job.pending for job in jobs)
    return render(request, "jobs.html", {"jobs": jobs, "pending": pending, "ids": ids})


@router.get("/signin", response_class=HTMLResponse, dependencies=[requires(Role.PUBLIC)])
def signin_page(
    request: Request, next: Annotated[str | None, Query(max_length=300)] = None
) -> HTMLResponse:
    return render(request, "signin.html", {"next": _local_path(next), "error": None})


@router.post("/signin", dependencies=[requires(Role.PUBLIC)])
def signin(
    request: Request,
    key: Annotated[str, Form(max_length=300)],
    next: Annotated[str | None, Form(max_length=300)] = None,
) -> Response:
    role = app_state(request).settings.keys.role_for(key.strip())
    if role is None:
        request.state.principal = Principal(None)
        context = {"next": _local_path(next), "error": "Khóa không đúng."}
        return render(request, "signin.html", context, status=401)
    response = RedirectResponse(_local_path(next), status_code=303)
    response.set_cookie(
        KEY_COOKIE,
        key.strip(),
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
        path="/",
    )
    return response


@router.post("/signout", dependencies=[requires(Role.PUBLIC)])
def signout() -> Response:
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(KEY_COOKIE, path="/")
    return response
