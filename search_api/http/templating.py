"""Jinja2 templates for the web pages: one environment, the context every page gets."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.templating import Jinja2Templates
from starlette.responses import HTMLResponse

from search_api.http import present
from search_api.http.auth import Principal, Role, identify

HERE = Path(__file__).resolve().parent
TEMPLATES_DIR = HERE / "templates"
STATIC_DIR = HERE / "static"


def _common(request: Request) -> dict[str, Any]:
    principal = getattr(request.state, "principal", None)
    if not isinstance(principal, Principal):
        principal = identify(request)
    added_to = request.query_params.get("added_to", "")
    return {
        "added_to": added_to if re.fullmatch(r"[a-z0-9-]{1,100}", added_to) else None,
        "principal": principal,
        "Role": Role,
        "search_url": "/search",
        "kind_labels": present.KIND_LABELS,
    }


templates = Jinja2Templates(directory=str(TEMPLATES_DIR), context_processors=[_common])
templates.env.filters["vn_date"] = present.vn_date
templates.env.filters["kb"] = lambda n: f"{max(1, round((n or 0) / 1024)):,} KB".replace(",", ".")


def render(
    request: Request, name: str, context: dict[str, Any] | None = None, status: int = 200
) -> HTMLResponse:
    return templates.TemplateResponse(request, name, context or {}, status_code=status)


_TITLES = {
    401: "Cần đăng nhập",
    403: "Không đủ quyền",
    404: "Không tìm thấy",
    413: "Tệp quá lớn",
    415: "Loại tệp không được hỗ trợ",
    422: "Yêu cầu không hợp lệ",
    500: "Lỗi máy chủ",
}


def render_error(request: Request, status: int, code: str, message: str) -> HTMLResponse:
    """The HTML page for an error on a page route."""
    title = _TITLES.get(status, "Có lỗi")
    context = {"status": status, "code": code, "title": title, "message": message}
    return render(request, "error.html", context, status=status)
