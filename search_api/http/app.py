"""The FastAPI application: routers, static files, error handling, limits and headers.

`create_app(settings)` builds one app over one data folder. Routers, one module each:
`routes_documents` (`/api/documents…`), `routes_jobs` (`/api/jobs`, `/healthz`), `routes_pages`
(reading pages), `routes_upload` (sign-in, upload, jobs pages), `routes_search` (`/api/search`,
`/api/cite`, `/api/suggest`), `routes_search_page` (`/search`), `routes_violations`
(`/api/violations`, `/violations`), `routes_handbooks` (`/api/handbooks…`) and
`routes_handbook_pages` (`/handbooks…`, `POST /handbooks/add`).
"""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import fastapi_offline
from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

from index.textscan import warm_up
from search_api.http import (
    routes_documents,
    routes_handbook_pages,
    routes_handbooks,
    routes_jobs,
    routes_pages,
    routes_search,
    routes_search_page,
    routes_upload,
    routes_violations,
)
from search_api.http.auth import Role, mark_open_routes, requires
from search_api.http.errors import install_error_handlers
from search_api.http.jobs import JobQueue
from search_api.http.middleware import BodyLimit, SecurityHeaders
from search_api.http.search_pool import SearchPool
from search_api.http.settings import Settings
from search_api.http.state import AppState, LibraryPool
from search_api.http.templating import STATIC_DIR, render_error

UPLOAD_PATHS = ("/api/documents", "/upload")
SMALL_BODY = 64 * 1024
SPEC_BODY = 1024 * 1024
"""Handbook specs (and the page's YAML editor, percent-encoded) may be larger."""
MULTIPART_SLACK = 256 * 1024
DOCS_ASSETS = Path(fastapi_offline.__file__).resolve().parent / "static"

DESCRIPTION = """\
camnang: the handbook of Vietnamese civil judgment enforcement (thi hành án dân sự) law.

Errors are `{"error": {"code", "message"}}`: `code` in English for programs, `message` in
Vietnamese for people. Reading is open unless the server requires reader keys; uploading needs
a `trainer` key and deleting an `admin` key, sent in the `X-API-Key` header.
"""


def create_app(settings: Settings) -> FastAPI:
    """The app for one data folder. Its writer thread starts and stops with the app."""
    libraries = LibraryPool(settings.data_dir)
    state = AppState(
        settings=settings,
        libraries=libraries,
        jobs=JobQueue(settings.data_dir, ocr=settings.ocr),
        searches=SearchPool(libraries),
    )

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        state.jobs.start()
        threading.Thread(target=warm_up, name="camnang-warm-up", daemon=True).start()
        try:
            yield
        finally:
            state.jobs.stop()
            state.searches.close()
            state.libraries.close()

    app = FastAPI(
        title="camnang",
        version="0.1.0",
        description=DESCRIPTION,
        lifespan=lifespan,
        openapi_url="/api/openapi.json",
        docs_url=None,
        redoc_url=None,
    )
    app.state.camnang = state
    install_error_handlers(app, render_error)
    for module in (
        routes_documents,
        routes_jobs,
        routes_pages,
        routes_upload,
        routes_handbooks,
        routes_handbook_pages,
        routes_search,
        routes_search_page,
        routes_violations,
    ):
        app.include_router(module.router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    app.mount("/api/docs/assets", StaticFiles(directory=DOCS_ASSETS), name="docs_assets")

    @app.get("/api/docs", include_in_schema=False, dependencies=[requires(Role.READER)])
    def api_docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url="/api/openapi.json",
            title="camnang API",
            swagger_js_url="/api/docs/assets/swagger-ui-bundle.js",
            swagger_css_url="/api/docs/assets/swagger-ui.css",
            swagger_favicon_url="/static/favicon.svg",
        )

    def body_limit(scope: dict) -> int:
        if scope.get("method") == "POST" and scope.get("path") in UPLOAD_PATHS:
            return settings.max_upload_bytes + MULTIPART_SLACK
        if str(scope.get("path", "")).startswith(("/api/handbooks", "/handbooks")):
            return SPEC_BODY
        return SMALL_BODY

    mark_open_routes(app, settings.require_reader_key)
    app.add_middleware(SecurityHeaders, relaxed_csp_paths=("/api/docs",))
    app.add_middleware(BodyLimit, limit_for=body_limit)
    return app
