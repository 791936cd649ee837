"""API keys and roles: who may read, upload (trainer) and delete (admin).

The key travels in the `X-API-Key` header (or, for the web pages, in the `camnang_key` cookie
set by the sign-in form: HttpOnly, SameSite=Strict). Keys are kept as SHA-256 digests only.

Every route declares the role it needs in one place, its dependency `requires(Role.X)`, so the
route table says who may call what (a test walks it). Reading (`Role.READER`) is open unless the
settings require reader keys; `Role.PUBLIC` is always open (health, signing in).
Missing or unknown key → 401; a key whose role is too low → 403.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.routing import APIRoute
from fastapi.security import APIKeyHeader

from search_api.http.errors import ApiError
from search_api.http.keys import KEYS_ENV, KeyRing, Role

KEY_HEADER = "X-API-Key"
KEY_COOKIE = "camnang_key"
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


@dataclass(slots=True, frozen=True)
class Principal:
    """Who is calling: the role their key grants (None: no valid key) and how it came."""

    role: Role | None
    via: str | None = None

    @property
    def signed_in(self) -> bool:
        return self.role is not None


_header_scheme = APIKeyHeader(
    name=KEY_HEADER,
    auto_error=False,
    description="API key; roles: reader (đọc), trainer (tải lên), admin (xóa).",
)


def identify(request: Request, header_key: str | None = None) -> Principal:
    """The caller's principal, from the header or the sign-in cookie; never raises."""
    keys: KeyRing = request.app.state.camnang.settings.keys
    key, via = header_key, "header"
    if not key:
        key, via = request.cookies.get(KEY_COOKIE), "cookie"
    if not key:
        return Principal(None)
    return Principal(keys.role_for(key), via)


class RoleGate:
    """The dependency a route declares: `requires(Role.TRAINER)`. Its `role` is inspectable."""

    def __init__(self, role: Role) -> None:
        self.role = role

    def __repr__(self) -> str:
        return f"RoleGate({self.role.name})"

    async def __call__(
        self, request: Request, header_key: Annotated[str | None, Depends(_header_scheme)]
    ) -> Principal:
        settings = request.app.state.camnang.settings
        presented = bool(header_key or request.cookies.get(KEY_COOKIE))
        principal = identify(request, header_key)
        request.state.principal = principal
        needed = self.role
        if needed is Role.PUBLIC or (needed is Role.READER and not settings.require_reader_key):
            return principal
        if not presented:
            hint = "" if len(settings.keys) else f" Máy chủ chưa cấu hình khóa nào ({KEYS_ENV})."
            raise ApiError(
                401,
                "missing_key",
                f"Cần khóa API có quyền {needed.label} trong header {KEY_HEADER}.{hint}",
                headers={"WWW-Authenticate": f'APIKey header="{KEY_HEADER}"'},
            )
        if principal.role is None:
            raise ApiError(
                401,
                "invalid_key",
                "Khóa API không đúng.",
                headers={"WWW-Authenticate": f'APIKey header="{KEY_HEADER}"'},
            )
        if principal.role < needed:
            raise ApiError(
                403,
                "forbidden",
                f"Khóa này có quyền {principal.role.label}; thao tác này cần quyền {needed.label}.",
            )
        if principal.via == "cookie" and request.method not in SAFE_METHODS:
            _check_same_origin(request)
        return principal


def _check_same_origin(request: Request) -> None:
    """A cookie-authenticated write must come from our own pages (CSRF defence)."""
    site = request.headers.get("sec-fetch-site")
    origin = request.headers.get("origin")
    host = request.headers.get("host", "")
    cross = site not in (None, "same-origin", "none")
    if origin and origin != "null":
        cross = cross or origin.split("://", 1)[-1] != host
    if cross:
        raise ApiError(403, "cross_site", "Yêu cầu từ trang khác bị từ chối.")


def requires(role: Role) -> Any:
    """The dependency that makes a route need `role`: `dependencies=[requires(Role.ADMIN)]`."""
    return Depends(RoleGate(role))


def route_roles(app: Any) -> dict[tuple[str, str], list[Role]]:
    """`{(method, path): [roles declared]}` for every API route of an app (included routers
    too, whether FastAPI copies their routes into the app or wraps the router)."""
    out: dict[tuple[str, str], list[Role]] = {}
    for route in _api_routes(app.routes):
        gates = [d.call.role for d in route.dependant.dependencies if isinstance(d.call, RoleGate)]
        for method in route.methods:
            out[(method, route.path)] = gates
    return out


def _api_routes(routes: list[Any]) -> Iterator[APIRoute]:
    for route in routes:
        if isinstance(route, APIRoute):
            yield route
        inner = getattr(route, "original_router", None)
        if inner is not None:
            yield from _api_routes(inner.routes)


def mark_open_routes(app: Any, require_reader_key: bool) -> None:
    """Make the app's OpenAPI spec say the key is optional (`security: [{}, {scheme: []}]`) on
    the routes anyone may call: public ones, and reading ones unless reader keys are required."""
    roles = route_roles(app)
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is not None:
            return app.openapi_schema
        schema = build()
        for path, operations in schema.get("paths", {}).items():
            for method, operation in operations.items():
                role = max(roles.get((method.upper(), path), [Role.ADMIN]))
                open_ = role is Role.PUBLIC or (role is Role.READER and not require_reader_key)
                if open_ and operation.get("security"):
                    operation["security"] = [{}, *operation["security"]]
        return schema

    app.openapi = openapi
