"""Errors a person can read, no 500 for any query string, security headers, the OpenAPI page."""

from __future__ import annotations

import re
from urllib.parse import quote

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.search_api.service_fixtures import THADS_ID


def test_bad_parameters_are_422_naming_the_parameter(thads_app):
    cases = {
        "limit=abc": "limit",
        "limit=0": "limit",
        "limit=100000": "limit",
        "offset=-1": "offset",
        "offset=1e3": "offset",
        "year=99999": "year",
        "kind=luat": "kind",
        "doc_type=NGHI%20DINH": "doc_type",
        "issuer=" + "x" * 201: "issuer",
    }
    for query, param in cases.items():
        response = thads_app.get("/api/documents?" + query)
        assert response.status_code == 422, query
        error = response.json()["error"]
        assert error["code"] == "invalid_parameter"
        assert f"'{param}'" in error["message"], (query, error)
        assert error["details"][0]["param"] == param


def test_boolean_parameter_is_checked(thads_app):
    assert thads_app.get(f"/api/documents/{THADS_ID}?text=0").status_code == 200
    bad = thads_app.get(f"/api/documents/{THADS_ID}?text=maybe")
    assert bad.status_code == 422 and "'text'" in bad.json()["error"]["message"]


def test_messages_are_vietnamese_sentences(thads_app):
    error = thads_app.get("/api/documents?limit=100000").json()["error"]
    assert error["message"] == ("Tham số 'limit' phải nhỏ hơn hoặc bằng 200 (nhận được '100000').")


def test_unknown_api_route_is_json_404_and_unknown_page_is_html(thads_app):
    api = thads_app.get("/api/khong-co")
    assert api.status_code == 404
    assert api.json()["error"]["code"] == "not_found"
    page = thads_app.get("/khong-co", headers={"accept": "text/html"})
    assert page.status_code == 404
    assert page.headers["content-type"].startswith("text/html")
    assert "Không tìm thấy" in page.text
    wrong_method = thads_app.put("/api/documents")
    assert wrong_method.status_code == 405 and "error" in wrong_method.json()


QUERY_KEYS = st.sampled_from(["kind", "doc_type", "issuer", "year", "limit", "offset", "ids", "x"])


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.tuples(QUERY_KEYS, st.text(max_size=30) | st.integers().map(str)),
        max_size=4,
    )
)
def test_no_query_string_makes_a_500(thads_app, pairs):
    query = "&".join(f"{quote(k)}={quote(v, safe='')}" for k, v in pairs)
    for path in ("/api/documents", "/documents", "/jobs"):
        response = thads_app.get(f"{path}?{query}")
        assert response.status_code in (200, 422), (path, query, response.text[:300])


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.binary(max_size=40))
def test_raw_bytes_in_query_and_path_never_make_a_500(thads_app, raw):
    encoded = "".join(f"%{b:02X}" for b in raw)
    for url in (
        f"/api/documents?issuer={encoded}",
        f"/api/documents/{encoded or 'x'}",
        f"/api/documents/{THADS_ID}/provisions/{encoded or 'x'}",
    ):
        response = thads_app.get(url)
        assert response.status_code < 500, (url, response.text[:300])


def test_security_headers_on_pages_and_api(thads_app):
    for path in ("/", f"/documents/{THADS_ID}", "/api/documents", "/static/css/site.css"):
        headers = thads_app.get(path).headers
        assert headers["x-content-type-options"] == "nosniff", path
        assert headers["x-frame-options"] == "DENY", path
        assert headers["referrer-policy"] == "same-origin", path
        csp = headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp, path
        assert "frame-ancestors 'none'" in csp, path


def test_pages_have_no_inline_scripts_or_styles(thads_app):
    for path in ("/", "/documents", f"/documents/{THADS_ID}", "/upload", "/signin"):
        html = thads_app.get(path).text
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), path
        assert " style=" not in html and "<style" not in html, path
        assert not re.search(r"<[^>]+\son\w+=", html), path


def test_openapi_has_examples_and_the_key_scheme(thads_app):
    spec = thads_app.get("/api/openapi.json").json()
    assert "/api/documents/{doc_id}/provisions/{pid}" in spec["paths"]
    schemes = spec["components"]["securitySchemes"]
    assert any(s.get("name") == "X-API-Key" for s in schemes.values())
    provision = spec["components"]["schemas"]["ProvisionOut"]
    assert provision["examples"][0]["citation"].startswith("khoản 1 Điều 45")
    upload = spec["paths"]["/api/documents"]["post"]
    assert "multipart/form-data" in upload["requestBody"]["content"]
    docs = thads_app.get("/api/docs")
    assert docs.status_code == 200 and "/api/docs/assets/swagger-ui-bundle.js" in docs.text
    assert thads_app.get("/api/docs/assets/swagger-ui-bundle.js").status_code == 200
