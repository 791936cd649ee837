"""ASGI middleware: a bound on request bodies, and security headers on every response.

The body limit counts bytes as they arrive, so an oversized upload is cut off at the limit
(413) instead of being spooled to disk first; a declared `Content-Length` over the limit is
refused before reading anything.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable
from typing import Any

from search_api.http.errors import error_body

Scope = dict[str, Any]
Message = dict[str, Any]

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
DOCS_CSP = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
)
"""For the API's Swagger page only: its HTML starts Swagger UI with an inline script."""
SECURITY_HEADERS = {
    b"x-content-type-options": b"nosniff",
    b"x-frame-options": b"DENY",
    b"referrer-policy": b"same-origin",
    b"cross-origin-opener-policy": b"same-origin",
    b"permissions-policy": b"camera=(), microphone=(), geolocation=()",
}


class _TooLarge(Exception):
    pass


class BodyLimit:
    """Refuse request bodies larger than `limit_for(scope)` bytes with 413."""

    def __init__(self, app: Any, limit_for: Callable[[Scope], int]) -> None:
        self.app = app
        self.limit_for = limit_for

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit_for(scope)
        declared = _header(scope, b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > limit):
            await _too_large(scope, send, limit)
            return
        state = {"received": 0, "exceeded": False, "started": False}

        async def limited_receive() -> Message:
            message = await receive()
            if message["type"] == "http.request":
                state["received"] += len(message.get("body", b""))
                if state["received"] > limit:
                    state["exceeded"] = True
                    raise _TooLarge
            return message

        async def guarded_send(message: Message) -> None:
            if state["exceeded"]:
                return
            state["started"] = True
            await send(message)

        with contextlib.suppress(_TooLarge):
            await self.app(scope, limited_receive, guarded_send)
        if state["exceeded"] and not state["started"]:
            await _too_large(scope, send, limit)


async def _too_large(scope: Scope, send: Any, limit: int) -> None:
    mb = limit / 2**20
    size = f"{mb:.0f} MB" if mb >= 1 else f"{limit // 1024} KB"
    message = f"Yêu cầu lớn hơn giới hạn {size}."
    if scope.get("path", "").startswith("/api"):
        body = json.dumps(error_body("too_large", message), ensure_ascii=False).encode()
        kind = b"application/json"
    else:
        body = (
            '<!doctype html><html lang="vi"><meta charset="utf-8"><title>Tệp quá lớn</title>'
            f'<h1>Tệp quá lớn</h1><p>{message}</p><p><a href="/upload">Quay lại</a></p>'
        ).encode()
        kind = b"text/html; charset=utf-8"
    headers = [(b"content-type", kind), (b"connection", b"close")]
    headers += list(SECURITY_HEADERS.items())
    await send({"type": "http.response.start", "status": 413, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key == name:
            return value.decode("latin-1").strip()
    return None


class SecurityHeaders:
    """Add security headers and a CSP (no inline scripts) to every response; paths under
    `relaxed_csp_paths` get `DOCS_CSP` instead."""

    def __init__(self, app: Any, relaxed_csp_paths: tuple[str, ...] = ()) -> None:
        self.app = app
        self.relaxed = relaxed_csp_paths

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        relaxed = self.relaxed and scope.get("path", "").startswith(self.relaxed)
        csp = (DOCS_CSP if relaxed else CSP).encode()

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {k.lower() for k, _ in headers}
                headers += [(k, v) for k, v in SECURITY_HEADERS.items() if k not in present]
                if b"content-security-policy" not in present:
                    headers.append((b"content-security-policy", csp))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)
