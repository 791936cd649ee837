"""Errors as a person can read them: JSON for `/api/…`, an HTML page elsewhere.

Every error body is `{"error": {"code": "...", "message": "..."}}`: `code` is a stable English
key for programs, `message` is Vietnamese for people. Bad parameters are 422 with one sentence
per parameter; nothing a client sends can produce a traceback, and an unexpected failure is a
500 whose body says only that (the traceback goes to the server log).
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

log = logging.getLogger("camnang.http")


class ApiError(Exception):
    """An error to show the client: HTTP status, a stable code and a Vietnamese message."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        headers: dict[str, str] | None = None,
        details: list[dict[str, Any]] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers or {}
        self.details = details


_STATUS_MESSAGES = {
    400: ("bad_request", "Yêu cầu không hợp lệ."),
    401: ("unauthorized", "Cần khóa API."),
    403: ("forbidden", "Không đủ quyền."),
    404: ("not_found", "Không tìm thấy trang này."),
    405: ("method_not_allowed", "Phương thức này không dùng được ở địa chỉ này."),
    413: ("too_large", "Tệp hoặc yêu cầu quá lớn."),
    415: ("unsupported_type", "Loại tệp không được hỗ trợ."),
    500: ("internal_error", "Máy chủ gặp lỗi không mong muốn; lỗi đã được ghi lại."),
}

_VALIDATION_WORDS = {
    "missing": "thiếu, cần có giá trị",
    "int_parsing": "phải là một số nguyên",
    "int_from_float": "phải là một số nguyên",
    "float_parsing": "phải là một số",
    "bool_parsing": "phải là true hoặc false",
    "string_too_long": "dài quá {max_length} ký tự",
    "string_too_short": "phải có ít nhất {min_length} ký tự",
    "greater_than_equal": "phải lớn hơn hoặc bằng {ge}",
    "greater_than": "phải lớn hơn {gt}",
    "less_than_equal": "phải nhỏ hơn hoặc bằng {le}",
    "less_than": "phải nhỏ hơn {lt}",
    "literal_error": "phải là một trong: {expected}",
    "enum": "phải là một trong: {expected}",
    "string_pattern_mismatch": "có ký tự không hợp lệ",
    "string_type": "phải là chuỗi ký tự",
    "value_error": "không hợp lệ",
}

_PLACES = {"query": "Tham số", "path": "Thành phần đường dẫn", "body": "Trường", "header": "Header"}


def error_body(code: str, message: str, details: list[dict[str, Any]] | None = None) -> dict:
    body: dict[str, Any] = {"code": code, "message": message}
    if details:
        body["details"] = details
    return {"error": body}


def validation_details(errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Pydantic's errors as `{param, where, message}` with a Vietnamese sentence each."""
    details = []
    for err in errors:
        loc = [str(x) for x in err.get("loc", ())]
        where = loc[0] if loc else "query"
        name = loc[-1] if len(loc) > 1 else where
        template = _VALIDATION_WORDS.get(err.get("type", ""), "không hợp lệ")
        try:
            what = template.format(**{k: str(v) for k, v in (err.get("ctx") or {}).items()})
        except (KeyError, IndexError):
            what = "không hợp lệ"
        message = f"{_PLACES.get(where, 'Tham số')} '{name}' {what}"
        if err.get("type") != "missing" and where in ("query", "path"):
            shown = str(err.get("input", ""))
            shown = shown if len(shown) <= 40 else shown[:40] + "…"
            message += f" (nhận được '{shown}')"
        details.append({"param": name, "where": where, "message": message + "."})
    return details


def wants_html(request: Request) -> bool:
    """Pages get HTML errors; the API (and anything asking for JSON) gets JSON."""
    path = request.url.path
    if path.startswith("/api/") or path in ("/api", "/healthz", "/openapi.json"):
        return False
    accept = request.headers.get("accept", "")
    return "text/html" in accept or "application/json" not in accept


def install_error_handlers(app: FastAPI, render_html_error: Any) -> None:
    """Route every error through one place. `render_html_error(request, status, code,
    message)` draws the HTML page."""

    def respond(request: Request, err: ApiError) -> Response:
        if wants_html(request):
            response = render_html_error(request, err.status, err.code, err.message)
        else:
            response = JSONResponse(
                error_body(err.code, err.message, err.details), status_code=err.status
            )
        response.headers.update(err.headers)
        return response

    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> Response:
        return respond(request, exc)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        details = validation_details(list(exc.errors()))
        message = " ".join(d["message"] for d in details) or "Yêu cầu không hợp lệ."
        return respond(request, ApiError(422, "invalid_parameter", message, details=details))

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        code, message = _STATUS_MESSAGES.get(exc.status_code, ("error", "Có lỗi xảy ra."))
        if exc.status_code == 400 and isinstance(exc.detail, str) and "body" in exc.detail:
            message = "Không đọc được nội dung gửi lên (multipart hỏng?)."
        headers = dict(exc.headers or {})
        return respond(request, ApiError(exc.status_code, code, message, headers=headers))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        code, message = _STATUS_MESSAGES[500]
        return respond(request, ApiError(500, code, message))
