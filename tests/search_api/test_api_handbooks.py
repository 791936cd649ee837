"""Handbooks in the service: the API (roles, bad specs, export) and the pages (add, edit)."""

from __future__ import annotations

import io
import json

import docx
import pymupdf
import pytest

from tests.search_api.service_fixtures import (
    ADMIN_KEY,
    READER_KEY,
    TRAINER_KEY,
    make_client,
)

TRAINER = {"X-API-Key": TRAINER_KEY}
SPEC = """
title: Cẩm nang kê biên
as_of: 2024-07-01
sections:
  - title: Quy định
    items:
      - cite: khoản 1 Điều 45 Luật THADS
      - text: Lưu ý của giảng viên.
  - title: Thực tiễn
    items:
      - query: kê biên tài sản
        limit: 1
"""


def create(client, body: str = SPEC, content_type: str = "application/yaml") -> dict:
    response = client.post(
        "/api/handbooks", content=body.encode(), headers={**TRAINER, "content-type": content_type}
    )
    assert response.status_code == 201, response.text
    return response.json()


def test_writing_needs_a_trainer_key(thads_app):
    body = SPEC.encode()
    assert thads_app.post("/api/handbooks", content=body).status_code == 401
    reader = {"X-API-Key": READER_KEY}
    denied = thads_app.post("/api/handbooks", content=body, headers=reader)
    assert denied.status_code == 403 and denied.json()["error"]["code"] == "forbidden"
    made = create(thads_app)
    assert made["id"] == "cam-nang-ke-bien" and made["revision"] == 1
    put = thads_app.put(f"/api/handbooks/{made['id']}", content=body, headers=reader)
    assert put.status_code == 403
    gone = thads_app.delete(f"/api/handbooks/{made['id']}", headers=TRAINER)
    assert gone.status_code == 403
    assert (
        thads_app.delete(
            f"/api/handbooks/{made['id']}", headers={"X-API-Key": ADMIN_KEY}
        ).status_code
        == 204
    )
    assert thads_app.get(f"/api/handbooks/{made['id']}").status_code == 404


@pytest.mark.parametrize(
    ("body", "content_type", "reason"),
    [
        ("title: x\nsections: []\n", "application/yaml", "'sections' needs at least 1 entry"),
        (
            "title: x\nsections:\n - title: a\n   items:\n    - cit: khoản 1\n",
            "text/plain",
            "section 1, item 1: has cit; an item needs one of",
        ),
        (
            '{"title": "x", "sections": [{"title": "a", "items": [{"query": "y", "limit": 99}]}]}',
            "application/json",
            "section 1, item 1 (query): 'limit' must be at most 20",
        ),
        ("{not json", "application/json", "not valid JSON"),
        ("title: [x\n", "application/yaml", "not valid YAML"),
    ],
)
def test_bad_specs_are_422_with_the_reason(thads_app, body, content_type, reason):
    response = thads_app.post(
        "/api/handbooks", content=body.encode(), headers={**TRAINER, "content-type": content_type}
    )
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid_spec" and reason in error["message"]


def test_read_list_replace_with_revisions(thads_app):
    made = create(thads_app)
    hid = made["id"]
    listed = thads_app.get("/api/handbooks").json()
    assert [h["id"] for h in listed["items"]] == [hid] and listed["items"][0]["items"] == 3
    spec = thads_app.get(f"/api/handbooks/{hid}").json()["spec"]
    assert spec["sections"][0]["items"][0] == {"cite": "khoản 1 Điều 45 Luật THADS"}
    spec["title"] = "Cẩm nang kê biên tài sản"
    body = json.dumps(spec, ensure_ascii=False).encode()
    headers = {**TRAINER, "content-type": "application/json"}
    stale = thads_app.put(
        f"/api/handbooks/{hid}", content=body, headers={**headers, "If-Match": "7"}
    )
    assert stale.status_code == 409
    saved = thads_app.put(
        f"/api/handbooks/{hid}", content=body, headers={**headers, "If-Match": "1"}
    )
    assert saved.status_code == 200 and saved.json()["revision"] == 2
    assert saved.json()["title"] == "Cẩm nang kê biên tài sản"
    missing = thads_app.put("/api/handbooks/nope", content=body, headers=headers)
    assert missing.status_code == 404


def test_export_in_each_format_with_its_type_and_name(thads_app):
    hid = create(thads_app)["id"]
    docx_file = thads_app.get(f"/api/handbooks/{hid}/export?format=docx")
    assert docx_file.status_code == 200
    assert docx_file.headers["content-type"].startswith("application/vnd.openxmlformats")
    assert (
        docx_file.headers["content-disposition"] == 'attachment; filename="cam-nang-ke-bien.docx"'
    )
    paragraphs = [p.text for p in docx.Document(io.BytesIO(docx_file.content)).paragraphs]
    assert "Nguồn: khoản 1 Điều 45 Luật Thi hành án dân sự số 26/2008/QH12 [1]" in paragraphs
    pdf = thads_app.get(f"/api/handbooks/{hid}/export?format=pdf")
    assert pdf.headers["content-type"] == "application/pdf"
    text = " ".join(p.get_text() for p in pymupdf.open(stream=pdf.content, filetype="pdf"))
    assert "Khoản 1 Điều 45" in " ".join(text.split())
    html = thads_app.get(f"/api/handbooks/{hid}/export?format=html")
    assert html.headers["content-type"] == "text/html; charset=utf-8"
    assert html.headers["content-disposition"].endswith('filename="cam-nang-ke-bien.html"')
    assert "Lưu ý của giảng viên." in html.text
    bad = thads_app.get(f"/api/handbooks/{hid}/export?format=odt")
    assert bad.status_code == 422 and "format" in bad.json()["error"]["message"]


def test_strict_export_refuses_unresolved_items(thads_app):
    hid = create(thads_app, SPEC.replace("khoản 1 Điều 45", "khoản 9 Điều 45"))["id"]
    assert thads_app.get(f"/api/handbooks/{hid}/export?format=html").status_code == 200
    strict = thads_app.get(f"/api/handbooks/{hid}/export?format=html&strict=true")
    assert strict.status_code == 422
    assert "has no khoản 9" in strict.json()["error"]["message"]
    compiled = thads_app.get(f"/api/handbooks/{hid}/compiled").json()
    assert compiled["problems"][0]["where"] == "section 1, item 1"


def test_add_to_handbook_goes_to_the_trainers_current_one_and_comes_back(thads_data):
    with make_client(thads_data) as client:
        client.cookies.set("camnang_key", TRAINER_KEY)
        form = {
            "item_type": "cite",
            "value": "khoản 1 Điều 45 Luật Thi hành án dân sự số 26/2008/QH12",
            "next": "/search?q=k%C3%AA+bi%C3%AAn#hit-2",
        }
        first = client.post("/handbooks/add", data=form, follow_redirects=False)
        assert first.status_code == 303
        assert (
            first.headers["location"] == "/search?q=k%C3%AA+bi%C3%AAn&added_to=cam-nang-moi#hit-2"
        )
        again = {**form, "item_type": "violations", "value": "v76576003", "next": "https://evil"}
        second = client.post("/handbooks/add", data=again, follow_redirects=False)
        assert second.headers["location"] == "/handbooks?added_to=cam-nang-moi"
        spec = client.get("/api/handbooks/cam-nang-moi").json()["spec"]
        assert spec["title"] == "Cẩm nang mới"
        assert spec["sections"] == [
            {
                "title": "Chưa sắp xếp",
                "items": [{"cite": form["value"]}, {"violations": "v76576003"}],
            }
        ]
        shown = client.get("/documents?added_to=cam-nang-moi")
        assert (
            "Đã thêm vào cẩm nang" in shown.text and 'href="/handbooks/cam-nang-moi"' in shown.text
        )
        bad = client.post("/handbooks/add", data={**form, "item_type": "poem"})
        assert bad.status_code == 422
    with make_client(thads_data) as client:
        client.cookies.set("camnang_key", READER_KEY)
        assert client.post("/handbooks/add", data=form).status_code == 403


def test_the_handbook_page_reorders_and_edits_without_javascript(thads_data):
    with make_client(thads_data) as client:
        hid = create(client)["id"]
        client.cookies.set("camnang_key", TRAINER_KEY)
        page = client.get(f"/handbooks/{hid}")
        assert page.status_code == 200 and "<script" not in page.text.split("</head>")[1]
        assert 'value="item_down"' in page.text and "Tải về" in page.text

        def post(revision, **fields):
            data = {"revision": str(revision), **fields}
            return client.post(f"/handbooks/{hid}/edit", data=data, follow_redirects=False)

        assert post(1, action="item_down", s="0", i="1").status_code == 303  # into section 2
        assert post(2, action="section_up", s="1").status_code == 303
        assert (
            post(
                3, action="section_save", s="0", title="Thực tiễn kê biên", intro="Mở đầu"
            ).status_code
            == 303
        )
        assert (
            post(4, action="add_item", s="1", kind="text", value="Ghi chú thêm").status_code == 303
        )
        spec = client.get(f"/api/handbooks/{hid}").json()["spec"]
        assert [s["title"] for s in spec["sections"]] == ["Thực tiễn kê biên", "Quy định"]
        assert spec["sections"][0]["intro"] == "Mở đầu"
        assert spec["sections"][0]["items"] == [
            {"text": "Lưu ý của giảng viên."},
            {"query": "kê biên tài sản", "limit": 1},
        ]
        assert spec["sections"][1]["items"][-1] == {"text": "Ghi chú thêm"}
        stale = post(1, action="item_up", s="0", i="1")
        assert stale.status_code == 409 and "sửa ở nơi khác" in stale.text
        invalid = post(5, action="section_save", s="0", title="", intro="")
        assert invalid.status_code == 422 and "must not be empty" in invalid.text
        page = client.get(f"/handbooks/{hid}")
        assert "Thực tiễn kê biên" in page.text
    with make_client(thads_data) as client:
        assert "item_down" not in client.get(f"/handbooks/{hid}").text  # readers only read
        assert (
            client.post(
                f"/handbooks/{hid}/edit", data={"action": "meta", "revision": "5"}
            ).status_code
            == 401
        )


def test_trainers_create_handbooks_from_a_topic_on_the_list_page(thads_data):
    with make_client(thads_data) as client:
        client.cookies.set("camnang_key", TRAINER_KEY)
        made = client.post("/handbooks", data={"topic": "kê biên tài sản"}, follow_redirects=False)
        assert (
            made.status_code == 303
            and made.headers["location"] == "/handbooks/cam-nang-ke-bien-tai-san"
        )
        spec = client.get("/api/handbooks/cam-nang-ke-bien-tai-san").json()["spec"]
        assert spec["sections"][0]["title"] == "Quy định pháp luật"
        assert all("cite" in item for item in spec["sections"][0]["items"])
        listing = client.get("/handbooks")
        assert "Cẩm nang kê biên tài sản" in listing.text
        nothing = client.post("/handbooks", data={"topic": "zzqqxx"})
        assert nothing.status_code == 422 and "nothing in the data folder" in nothing.text
