"""Every write route of the route table refuses callers without the role it declares.

The routes come from `route_roles(create_app(...))`, so a new write route is a new test case,
which fails until a valid request for it is written in `REQUESTS`. Each route is sent a request
that would succeed (path parameters are real stored ids): with no key, a wrong key and each
valid key of a lower role, by header and by the sign-in cookie, it must be 401/401/403 and
nothing in the store, the handbooks or the job queue may change; then the same request with
the role the route needs must go through and change something (so the refusals were auth).
"""

from __future__ import annotations

import re
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from search_api.http.app import create_app
from search_api.http.auth import KEY_COOKIE, KEY_HEADER, Role, route_roles
from search_api.http.settings import Settings
from tests.conftest import shared_path
from tests.search_api import search_fixtures
from tests.search_api.service_fixtures import (
    ADMIN_KEY,
    READER_KEY,
    THADS_ID,
    TRAINER_KEY,
    copy_data,
    make_client,
)

samples_template = search_fixtures.samples_template

WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
PUBLIC_WRITES = {("POST", "/signin"), ("POST", "/signout")}
KEYS = {Role.READER: READER_KEY, Role.TRAINER: TRAINER_KEY, Role.ADMIN: ADMIN_KEY}
WRONG_KEY = "not-a-key-of-this-server"
SPEC = "title: Cẩm nang thử quyền\nsections:\n  - title: Quy định\n    items:\n" + (
    "      - cite: khoản 1 Điều 45 Luật THADS\n"
)
HTML = {"accept": "text/html"}


def _route_table() -> dict[tuple[str, str], Role]:
    with tempfile.TemporaryDirectory() as tmp:
        roles = route_roles(create_app(Settings(data_dir=Path(tmp) / "data")))
    return {route: max(gates) for route, gates in roles.items() if gates}


ROLES = _route_table()
WRITE_ROUTES = sorted(r for r in ROLES if r[0] in WRITE_METHODS and r not in PUBLIC_WRITES)


@dataclass
class Site:
    client: TestClient
    data_dir: Path
    ids: dict[str, str]

    def path(self, template: str) -> str:
        def fill(m: re.Match[str]) -> str:
            assert m.group(1) in self.ids, f"no real id to put in {{{m.group(1)}}} of {template}"
            return self.ids[m.group(1)]

        return re.sub(r"\{(\w+)\}", fill, template)

    def revision(self) -> str:
        return str(self.client.get(f"/api/handbooks/{self.ids['handbook_id']}").json()["revision"])


def upload_file() -> dict[str, Any]:
    """A real document not in the folder yet (the conference report of ../shared/corpus/seed)."""
    source = shared_path("corpus", "seed", "hoi-nghi-thads-tphcm-6-thang-2021.txt")
    return {"files": {"file": (source.name, source.read_bytes(), "text/plain")}}


REQUESTS: dict[tuple[str, str], Callable[[Site], dict[str, Any]]] = {
    ("POST", "/api/documents"): lambda site: upload_file(),
    ("DELETE", "/api/documents/{doc_id}"): lambda site: {},
    ("POST", "/api/handbooks"): lambda site: {
        "content": SPEC.replace("thử quyền", "mới").encode(),
        "headers": {"content-type": "application/yaml"},
    },
    ("PUT", "/api/handbooks/{handbook_id}"): lambda site: {
        "content": SPEC.replace("thử quyền", "đã sửa").encode(),
        "headers": {"content-type": "application/yaml"},
    },
    ("DELETE", "/api/handbooks/{handbook_id}"): lambda site: {},
    ("POST", "/upload"): lambda site: {**upload_file(), "headers": HTML},
    ("POST", "/handbooks"): lambda site: {"data": {"title": "Cẩm nang mới"}, "headers": HTML},
    ("POST", "/handbooks/add"): lambda site: {
        "data": {"item_type": "cite", "value": "Điều 46 Luật THADS", "next": "/search"},
        "headers": HTML,
    },
    ("POST", "/handbooks/{handbook_id}/edit"): lambda site: {
        "data": {"action": "meta", "revision": site.revision(), "title": "Tên đã sửa"},
        "headers": HTML,
    },
    ("POST", "/handbooks/{handbook_id}/delete"): lambda site: {"headers": HTML},
}
"""A request each write route accepts from a caller with the right role."""


def state(site: Site) -> dict[str, Any]:
    """What a write could change: documents (with their versions), handbooks, jobs, uploads."""
    with sqlite3.connect(site.data_dir / "camnang.sqlite") as conn:
        documents = conn.execute("SELECT id, data FROM documents ORDER BY id").fetchall()
        versions = conn.execute("SELECT doc_id, version, sha256 FROM document_versions").fetchall()
        handbooks = conn.execute(
            "SELECT id, title, spec, revision, updated_at FROM handbooks ORDER BY id"
        ).fetchall()
    jobs = site.client.app.state.camnang.jobs.recent(1000)
    files = sorted(str(p.relative_to(site.data_dir)) for p in site.data_dir.rglob("*"))
    files = [f for f in files if not f.startswith(("index", "camnang.sqlite"))]
    return {
        "documents": documents,
        "versions": sorted(versions),
        "handbooks": handbooks,
        "jobs": [(j.id, j.status) for j in jobs],
        "files": files,
    }


def refusals(needed: Role) -> Iterator[tuple[str, dict[str, str], int]]:
    """(label, credentials, status expected) for every caller who must be refused."""
    yield "no key", {}, 401
    for how in ("header", "cookie"):
        yield f"wrong key by {how}", credentials(WRONG_KEY, how), 401
        for role in (Role.READER, Role.TRAINER, Role.ADMIN):
            if role < needed:
                yield f"{role.name.lower()} key by {how}", credentials(KEYS[role], how), 403


def credentials(key: str, how: str) -> dict[str, str]:
    return {KEY_HEADER: key} if how == "header" else {"cookie": f"{KEY_COOKIE}={key}"}


def send(site: Site, route: tuple[str, str], creds: dict[str, str]) -> Any:
    method, template = route
    request = REQUESTS[route](site)
    headers = {**request.pop("headers", {}), **creds}
    return site.client.request(
        method, site.path(template), headers=headers, follow_redirects=False, **request
    )


@pytest.fixture
def site(samples_template: Path, tmp_path: Path) -> Iterator[Site]:
    """An app over a copy of the samples + THADS folder with one handbook stored."""
    data_dir = copy_data(samples_template, tmp_path / "data")
    with make_client(data_dir) as client:
        made = client.post(
            "/api/handbooks",
            content=SPEC.encode(),
            headers={KEY_HEADER: TRAINER_KEY, "content-type": "application/yaml"},
        )
        assert made.status_code == 201, made.text
        yield Site(client, data_dir, {"doc_id": THADS_ID, "handbook_id": made.json()["id"]})


def test_the_route_table_has_write_routes_and_only_sign_in_is_public():
    assert len(WRITE_ROUTES) >= 10
    assert all(ROLES[r] >= Role.TRAINER for r in WRITE_ROUTES)
    assert {r for r in ROLES if r[0] in WRITE_METHODS and ROLES[r] is Role.PUBLIC} == PUBLIC_WRITES


@pytest.mark.parametrize("route", WRITE_ROUTES, ids=[f"{m} {p}" for m, p in WRITE_ROUTES])
def test_write_route_refuses_missing_wrong_and_too_low_keys(site, route):
    assert route in REQUESTS, f"{route}: a new write route; add a valid request to REQUESTS"
    needed = ROLES[route]
    page = not route[1].startswith("/api/")
    before = state(site)
    for label, creds, status in refusals(needed):
        response = send(site, route, creds)
        assert response.status_code == status, (label, response.text[:300])
        if page:
            assert response.headers["content-type"].startswith("text/html"), label
            assert "Đăng nhập" in response.text or status == 403, label
        else:
            code = response.json()["error"]["code"]
            assert code == {401: "invalid_key" if "wrong" in label else "missing_key"}.get(
                status, "forbidden"
            ), label
        assert state(site) == before, f"{label}: {route} changed something"
    allowed = send(site, route, credentials(KEYS[needed], "header"))
    assert allowed.status_code in (200, 201, 202, 204, 303), allowed.text[:300]
    assert state(site) != before, f"{route} with the {needed.name} key changed nothing"
