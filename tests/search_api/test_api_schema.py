"""The OpenAPI spec tells the truth: schemathesis against a running server on real documents
(no 500, every status, content type, header and body as documented), and the fixes it led to."""

from __future__ import annotations

from pathlib import Path

import pytest

from search_api.http.auth import Role, route_roles
from tests.conftest import CORPUS, SAMPLES
from tests.search_api.live_server import live_server
from tests.search_api.schema_fuzz import build_folder, fuzz
from tests.search_api.service_fixtures import ADMIN_KEY, TRAINER_KEY, make_client

EXAMPLES = 30
"""Cases per operation and generation mode (positive, negative): about 1,000 in all."""


@pytest.fixture(scope="module")
def fuzz_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_folder(tmp_path_factory.mktemp("schemathesis") / "data", SAMPLES, CORPUS)


@pytest.mark.slow
def test_schemathesis_finds_no_500_and_no_departure_from_the_spec(fuzz_folder):
    env = {"CAMNANG_API_KEYS": f"{ADMIN_KEY}=admin"}
    with live_server(fuzz_folder, env=env) as server:
        report = fuzz(server.url, {"X-API-Key": ADMIN_KEY}, max_examples=EXAMPLES)
        log = server.output()
    print(f"schemathesis cases run: {report.total}")
    assert report.failures == [], "\n".join(report.failures)
    assert len(report.cases) >= 2 * 18 and report.total >= 30 * EXAMPLES
    assert "Traceback" not in log


def test_open_routes_say_the_key_is_optional_and_closed_ones_require_it(fuzz_folder):
    for require_reader_key in (False, True):
        with make_client(fuzz_folder, require_reader_key=require_reader_key) as client:
            spec = client.get("/api/openapi.json").json()
            roles = route_roles(client.app)
        for path, operations in spec["paths"].items():
            for method, operation in operations.items():
                role = max(roles[(method.upper(), path)])
                optional = {} in operation["security"]
                open_ = role is Role.PUBLIC or (role is Role.READER and not require_reader_key)
                assert optional == open_, (method, path, require_reader_key)
                assert {"APIKeyHeader": []} in operation["security"]


def test_an_empty_upload_is_a_documented_400(fuzz_folder, tmp_path):
    with make_client(fuzz_folder) as client:
        spec = client.get("/api/openapi.json").json()
        response = client.post(
            "/api/documents",
            files={"file": ("rong.docx", b"", "application/octet-stream")},
            headers={"X-API-Key": TRAINER_KEY},
        )
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "empty_file"
    assert "400" in spec["paths"]["/api/documents"]["post"]["responses"]
