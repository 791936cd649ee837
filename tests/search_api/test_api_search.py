"""`GET /api/search` over the real Pháp điển THADS topic: hits as the CLI prints them plus their
citation and anchor, paging, filters and facets, `as_of`, "did you mean", bad parameters, reader
keys, and an uploaded document that then appears in search."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from corpus.locking import LockTimeout
from search_api.cli import app as cli_app
from search_api.http.app import create_app
from search_api.http.auth import Role, route_roles
from search_api.http.settings import Settings
from search_api.library import Library
from tests.conftest import shared_path
from tests.search_api.service_fixtures import (
    ARTICLE_45,
    CITATION_45_1,
    READER_KEY,
    THADS_ID,
    TRAINER_KEY,
    make_client,
    wait_job,
)

ACCENTLESS = "thoi han tu nguyen thi hanh an"
SEARCH_ROUTES = ("/api/search", "/api/cite", "/api/suggest", "/api/violations")
PAGES = ("/search", "/violations")


def search(client, **params):
    response = client.get("/api/search", params=params)
    assert response.status_code == 200, response.text
    return response.json()


def test_accent_free_query_finds_article_45_with_its_citation_and_anchor(thads_app):
    body = search(thads_app, q=ACCENTLESS, limit=5)
    first = body["hits"][0]
    assert (first["doc_id"], first["law"], first["article"]) == (THADS_ID, "26/2008/QH12", "45")
    assert first["key"] == f"{THADS_ID}#{ARTICLE_45}"
    assert first["label"] == "khoản 1 Điều 45"
    assert (
        "<mark>Thời</mark> <mark>hạn</mark> <mark>tự</mark> <mark>nguyện</mark>"
        in (first["snippet"])
    ), "the snippet keeps the text's diacritics"
    assert first["citation"] == CITATION_45_1
    assert first["provision_id"] == f"{ARTICLE_45}.k1"
    assert first["page_url"] == f"/documents/{THADS_ID}#{ARTICLE_45}.k1"
    provision = thads_app.get(first["provision_url"]).json()
    assert provision["citation"] == first["citation"], "the same citation as the document's"
    assert body["total"] > len(body["hits"]) and body["suggestion"] is None
    assert body["facets"]["document"][THADS_ID] == body["total"]


def test_every_article_hit_cites_what_its_provision_page_cites(thads_app):
    for q in ("kê biên quyền sử dụng đất", "xac minh dieu kien thi hanh an", "hoãn thi hành án"):
        for hit in search(thads_app, q=q, limit=10)["hits"]:
            provision = thads_app.get(hit["provision_url"])
            assert provision.status_code == 200, hit
            assert provision.json()["citation"] == hit["citation"], hit
            assert provision.json()["label"] == hit["label"], hit


def test_hits_carry_every_field_of_the_cli_json(thads_data, thads_app):
    runner = CliRunner()
    result = runner.invoke(
        cli_app, ["search", ACCENTLESS, "--data", str(thads_data), "--json", "--limit", "5"]
    )
    assert result.exit_code == 0, result.output
    cli_hits = [json.loads(line) for line in result.stdout.splitlines()]
    api_hits = search(thads_app, q=ACCENTLESS, limit=5)["hits"]
    assert len(api_hits) == len(cli_hits) == 5
    for cli_hit, api_hit in zip(cli_hits, api_hits, strict=True):
        assert {k: api_hit[k] for k in cli_hit} == cli_hit


def test_a_cited_provision_comes_first_marked_cited(thads_app):
    body = search(thads_app, q="thời hạn theo khoản 1 Điều 45 Luật THADS", limit=5)
    first = body["hits"][0]
    assert first["cited"] is True and first["label"] == "khoản 1 Điều 45"
    assert first["citation"] == CITATION_45_1
    assert [h["cited"] for h in body["hits"][1:]] == [False] * (len(body["hits"]) - 1)
    assert body["cited"][0]["article"] == "45" and body["cited"][0]["clause"] == "1"


def test_pages_are_consecutive_slices_of_one_ranking(thads_app):
    whole = search(thads_app, q="kê biên tài sản", limit=30)
    keys = [h["key"] for h in whole["hits"]]
    paged = []
    for offset in (0, 10, 20):
        page = search(thads_app, q="kê biên tài sản", limit=10, offset=offset)
        assert page["total"] == whole["total"] and page["offset"] == offset
        paged += [h["key"] for h in page["hits"]]
    assert paged == keys
    beyond = search(thads_app, q="kê biên tài sản", limit=10, offset=1000)
    assert beyond["hits"] == [] and beyond["total"] == whole["total"]


def test_paging_past_a_cited_provision_keeps_it_on_page_one_only(thads_app):
    q = "Điều 45 Luật THADS tự nguyện"
    first = search(thads_app, q=q, limit=3)
    second = search(thads_app, q=q, limit=3, offset=3)
    assert first["hits"][0]["cited"] and not any(h["cited"] for h in second["hits"])
    keys = [h["key"] for h in first["hits"] + second["hits"]]
    assert len(keys) == len(set(keys))


def test_filters_narrow_the_result_and_its_facets(thads_app):
    everything = search(thads_app, q="xác minh điều kiện thi hành án", limit=1)
    decrees = search(thads_app, q="xác minh điều kiện thi hành án", doc_type="nghi_dinh", limit=50)
    assert 0 < decrees["total"] < everything["total"]
    assert decrees["facets"]["doc_type"] == {"nghi_dinh": decrees["total"]}
    recent = search(thads_app, q="xác minh", year_from=2015, year_to=2016, limit=1)
    assert recent["total"] and all(2015 <= int(y) <= 2016 for y in recent["facets"]["year"])
    findings = search(thads_app, q="xác minh", kind="finding")
    assert findings["total"] == 0 and findings["hits"] == []
    all_docs = search(thads_app, q="xác minh", limit=1)
    one_doc = search(thads_app, q="xác minh", document=THADS_ID, limit=1)
    assert one_doc["total"] == all_docs["facets"]["document"][THADS_ID] > 0
    assert search(thads_app, q="xác minh", document="no-such-document")["total"] == 0


def test_as_of_keeps_what_was_in_force_and_dates_the_cited_law(thads_app):
    q = "xác minh điều kiện thi hành án"
    now = search(thads_app, q=q, limit=100)
    then = search(thads_app, q=q, as_of="2010-01-01", limit=100)
    assert 0 < then["total"] < now["total"]
    assert "62/2015/NĐ-CP" in {h["law"] for h in now["hits"]}
    assert "62/2015/NĐ-CP" not in {h["law"] for h in then["hits"]}, "in force from 2015"
    assert "26/2008/QH12" in {h["law"] for h in then["hits"]}, "in force from 2009"
    assert search(thads_app, q="Điều 45 Luật Thi hành án dân sự", as_of="2020-01-01")["cited"][0][
        "law"
    ] == ("26/2008/QH12")
    also_vn_format = search(thads_app, q=q, as_of="01/01/2010", limit=1)
    assert also_vn_format["total"] == then["total"]


def test_nothing_found_suggests_a_spelling_that_finds_something(thads_app):
    body = search(thads_app, q="kee bienn")
    assert body["total"] == 0 and body["hits"] == []
    assert body["suggestion"]
    assert search(thads_app, q=body["suggestion"])["total"] > 0


def test_bad_parameters_are_422_with_a_readable_message(thads_app):
    cases = {
        "q=x&year_from=2020&year_to=2010": ("year_from", "phải nhỏ hơn hoặc bằng 'year_to'"),
        "q=x&as_of=2024-13-01": ("as_of", "ngày có thật"),
        "q=x&as_of=2023-02-30": ("as_of", "ngày có thật"),
        "q=x&as_of=hôm nay": ("as_of", "YYYY-MM-DD"),
        "q=x&limit=-1": ("limit", "lớn hơn hoặc bằng 1"),
        "q=x&limit=101": ("limit", "nhỏ hơn hoặc bằng 100"),
        "q=x&limit=99999999999999999999999": ("limit", "nhỏ hơn hoặc bằng"),
        "q=x&offset=-5": ("offset", "lớn hơn hoặc bằng 0"),
        "q=x&offset=1001": ("offset", "nhỏ hơn hoặc bằng 1000"),
        "q=x&limit=ten": ("limit", "số nguyên"),
        "q=x&kind=luat": ("kind", "phải là một trong"),
        "q=x&doc_type=NGHI%20DINH": ("doc_type", "ký tự không hợp lệ"),
        "q=x&year_from=1800": ("year_from", "lớn hơn hoặc bằng 1900"),
        "limit=5": ("q", "thiếu"),
        "q=" + "a" * 2001: ("q", "dài quá"),
    }
    for query, (param, words) in cases.items():
        response = thads_app.get("/api/search?" + query)
        assert response.status_code == 422, (query, response.text)
        error = response.json()["error"]
        assert error["code"] == "invalid_parameter", query
        assert f"'{param}'" in error["message"] and words in error["message"], (query, error)


def test_reading_needs_a_key_when_the_server_requires_one(thads_data):
    with make_client(thads_data, require_reader_key=True) as client:
        for path in (
            f"/api/search?q={ACCENTLESS}",
            "/api/cite?ref=Điều 45 Luật THADS",
            "/api/suggest?q=kê",
            "/api/violations",
        ):
            assert client.get(path).status_code == 401, path
            assert client.get(path, headers={"X-API-Key": "not-a-key-123"}).status_code == 401
            ok = client.get(path, headers={"X-API-Key": READER_KEY})
            assert ok.status_code == 200, (path, ok.text)
        for path in ("/search?q=x", "/violations"):
            page = client.get(path, headers={"accept": "text/html"})
            assert page.status_code == 401 and "Đăng nhập" in page.text, path


def test_search_routes_declare_the_reader_role(data_dir):
    roles = route_roles(create_app(Settings(data_dir=data_dir)))
    for path in SEARCH_ROUTES + PAGES:
        assert roles[("GET", path)] == [Role.READER], path


def test_an_uploaded_document_then_appears_in_search(thads_app):
    source = shared_path("corpus", "docx", "nghi_dinh_21_2021_ND_CP.docx")
    before = search(thads_app, q="21/2021/NĐ-CP")
    assert before["total"] == 0
    response = thads_app.post(
        "/api/documents",
        files={"file": (source.name, source.read_bytes())},
        headers={"X-API-Key": TRAINER_KEY},
    )
    assert response.status_code == 202, response.text
    job = wait_job(thads_app, response.json()["id"])
    assert job["status"] == "done", job
    doc_id = job["doc_id"]
    by_number = search(thads_app, q="21/2021/NĐ-CP", limit=50)
    assert by_number["total"] > 0
    assert {h["doc_id"] for h in by_number["hits"]} == {doc_id}
    tree = thads_app.get(f"/api/documents/{doc_id}", params={"text": "false"}).json()
    titled = [n for n in _walk(tree["provisions"]) if n["kind"] == "dieu" and n["title"]]
    article = titled[len(titled) // 2]
    found = search(thads_app, q=article["title"], document=doc_id, limit=10)
    assert article["id"] in {h["key"].split("#")[1] for h in found["hits"]}, article
    hit = next(h for h in found["hits"] if h["key"].endswith("#" + article["id"]))
    assert hit["citation"].endswith("Nghị định số 21/2021/NĐ-CP"), hit["citation"]
    assert thads_app.get(hit["provision_url"]).status_code == 200


def _walk(nodes):
    for node in nodes:
        yield node
        yield from _walk(node["children"])


def test_a_search_waiting_too_long_for_the_index_is_503_not_500(thads_app, monkeypatch):
    def busy(*args, **kwargs):
        raise LockTimeout("the data folder is locked by another camnang")

    monkeypatch.setattr(Library, "search", busy)
    response = thads_app.get("/api/search", params={"q": ACCENTLESS})
    assert response.status_code == 503
    assert response.json()["error"]["code"] == "index_busy"
    assert response.headers["retry-after"] == "60"
    page = thads_app.get("/search", params={"q": ACCENTLESS}, headers={"accept": "text/html"})
    assert page.status_code == 503 and "thử lại" in page.text


def test_openapi_documents_the_search_routes_with_examples(thads_app):
    spec = thads_app.get("/api/openapi.json").json()
    for path in SEARCH_ROUTES:
        assert path in spec["paths"], path
    schemas = spec["components"]["schemas"]
    assert schemas["HitOut"]["examples"][0]["citation"] == CITATION_45_1
    assert schemas["CiteOut"]["examples"][0]["provision_id"] == f"{ARTICLE_45}.k1"
    assert schemas["SuggestOut"]["examples"][0]["suggestions"]
    assert schemas["ViolationGroupOut"]["examples"][0]["refs"][0]["citation"]
    params = {p["name"]: p for p in spec["paths"]["/api/search"]["get"]["parameters"]}
    assert params["q"]["examples"]["no_diacritics"]["value"] == ACCENTLESS
    assert params["as_of"]["examples"]["date"]["value"] == "2020-01-01"
    cite = spec["paths"]["/api/cite"]["get"]
    assert "law_not_stored" in cite["responses"]["404"]["description"]
