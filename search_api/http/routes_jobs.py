"""`/api/jobs/{id}`: the state of an upload's ingest, and `/healthz`."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Request

from search_api.http.auth import Role, requires
from search_api.http.errors import ApiError
from search_api.http.routes_documents import ERRORS, job_json
from search_api.http.schemas import HealthOut, JobOut
from search_api.http.state import app_state, library

router = APIRouter()


@router.get(
    "/api/jobs/{job_id}",
    response_model=JobOut,
    tags=["jobs"],
    dependencies=[requires(Role.READER)],
    responses=ERRORS,
    summary="An ingest job: queued, running, done (with the document id) or failed (why)",
)
def read_job(
    request: Request,
    job_id: Annotated[str, Path(pattern=r"^[0-9a-f]{32}$", description="As returned on upload.")],
) -> dict[str, Any]:
    job = app_state(request).jobs.get(job_id)
    if job is None:
        raise ApiError(
            404, "job_not_found", f"Không có việc nào mã '{job_id}' (máy chủ khởi động lại?)."
        )
    return job_json(job.to_dict())


@router.get(
    "/healthz",
    response_model=HealthOut,
    dependencies=[requires(Role.PUBLIC)],
    tags=["service"],
    summary="Liveness: the store answers",
)
def healthz(request: Request) -> dict[str, Any]:
    jobs = app_state(request).jobs.recent(10_000)
    return {
        "status": "ok",
        "documents": library(request).store.count(),
        "jobs_pending": sum(1 for j in jobs if j.pending),
    }
