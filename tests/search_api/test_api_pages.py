"""The web pages without a browser: what the HTML says, sign-in, upload through the form."""

from __future__ import annotations

import html
import re

from corpus.store import Store
from search_api.http.keys import KeyRing
from tests.conftest import shared_path
from tests.search_api.service_fixtures import (
    ARTICLE_45,
    CITATION_45_1,
    READER_KEY,
    THADS_ID,
    TRAINER_KEY,
    add_citing_document,
    citing_document,
    make_client,
    wait_job,
)

HTML = {"accept": "text/html"}


def _text(page: str) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)))


def test_home_lists_documents_and_has_the_search_box(thads_app):
    page = thads_app.get("/").text
    assert '<html lang="vi">' in page
    assert 'role="search"' in page and 'name="q"' in page
    assert f'href="/documents/{THADS_ID}"' in page
    assert "1 văn bản quy phạm pháp luật" in _text(page)


def test_documents_page_filters_and_pages(thads_data):
    add_citing_document(thads_data)
    with make_client(thads_data) as client:
        everything = client.get("/documents").text
        assert "1–2 trong 2 văn bản" in _text(everything)
        only = client.get("/documents?kind=inspection_conclusion").text
        assert 'href="/documents/ket-luan-mau"' in only
        assert f'href="/documents/{THADS_ID}"' not in only
        none = client.get("/documents?year=1999").text
        assert "Không có văn bản nào khớp bộ lọc" in none
        assert client.get("/documents?year=abcd", headers=HTML).status_code == 422


def test_document_page_has_facts_toc_anchors_and_citations(thads_app):
    response = thads_app.get(f"/documents/{THADS_ID}")
    assert response.status_code == 200
    page = response.text
    text = _text(page)
    for fact in ("Số hiệu", "Loại", "Cơ quan ban hành", "Ngày ban hành", "Hiệu lực"):
        assert fact in text
    assert "Đề mục Pháp điển" in text and "Còn hiệu lực" in text
    assert f'<a href="#{ARTICLE_45}">Điều 30.2.LQ.45. Thời hạn tự nguyện thi hành án</a>' in page
    assert f'id="{ARTICLE_45}"' in page and f'id="{ARTICLE_45}.k1"' in page
    assert f'data-cite="{CITATION_45_1}"' in page
    assert "Điều 45 Luật Thi hành án dân sự số 26/2008/QH12" in text  # visible without JS
    assert f'href="/documents/{THADS_ID}/p/{ARTICLE_45}.k1"' in page
    assert f'href="/api/documents/{THADS_ID}/file"' in page
    summaries = re.findall(r"<summary>(Chương [^<]+)</summary>", page)
    assert any(s.startswith("Chương III.") for s in summaries)


def test_document_page_links_to_what_cites_it(thads_data):
    add_citing_document(thads_data)
    with make_client(thads_data) as client:
        page = client.get(f"/documents/{THADS_ID}").text
        article = page[page.index(f'id="{ARTICLE_45}"') :]
        article = article[: article.index("</article>")]
        assert "Được trích dẫn 1 lần" in article
        assert 'href="/documents/ket-luan-mau"' in article


def test_provision_page_shows_the_citation_to_select(thads_app):
    page = thads_app.get(f"/documents/{THADS_ID}/p/{ARTICLE_45}.k1").text
    assert f'<p class="cite-text" id="citation">{CITATION_45_1}</p>' in page
    assert "Thời hạn tự nguyện thi hành án là" in page
    assert f'href="/documents/{THADS_ID}#{ARTICLE_45}.k1"' in page
    assert "Chưa có văn bản nào trong thư viện trích dẫn mục này" in page
    missing = thads_app.get(f"/documents/{THADS_ID}/p/d0", headers=HTML)
    assert missing.status_code == 404 and "không có mục nào" in missing.text


def test_upload_page_asks_for_a_trainer_key_first(thads_app):
    page = _text(thads_app.get("/upload").text)
    assert "Cần khóa có quyền tập huấn (trainer)" in page
    assert 'type="file"' not in thads_app.get("/upload").text


def test_upload_page_without_configured_keys_says_how_to_set_them(thads_data):
    with make_client(thads_data, keys=KeyRing()) as client:
        assert "CAMNANG_API_KEYS" in client.get("/upload").text


def test_sign_in_then_upload_through_the_form(thads_app):
    wrong = thads_app.post("/signin", data={"key": "wrong-key-123", "next": "/upload"})
    assert wrong.status_code == 401 and "Khóa không đúng" in wrong.text
    signed = thads_app.post(
        "/signin", data={"key": TRAINER_KEY, "next": "/upload"}, follow_redirects=False
    )
    assert signed.status_code == 303 and signed.headers["location"] == "/upload"
    cookie = signed.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie.replace("Strict", "strict")
    assert 'type="file"' in thads_app.get("/upload").text
    docx = shared_path("corpus", "docx", "nghi_dinh_21_2021_ND_CP.docx")
    files = [
        ("file", (docx.name, docx.read_bytes())),
        ("file", ("anh.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)))),
    ]
    posted = thads_app.post("/upload", files=files, follow_redirects=False)
    assert posted.status_code == 303
    ids = posted.headers["location"].split("ids=")[1].split(",")
    assert len(ids) == 2
    assert wait_job(thads_app, ids[0])["status"] == "done"
    assert wait_job(thads_app, ids[1])["status"] == "failed"
    page = thads_app.get(posted.headers["location"]).text
    assert 'href="/documents/21-2021-nd-cp"' in page
    assert "anh.png" in page and "không nhận tệp này" in _text(page).lower()
    assert 'http-equiv="refresh"' not in page  # nothing pending any more


def test_cookie_upload_from_another_site_is_refused(thads_app):
    thads_app.post("/signin", data={"key": TRAINER_KEY, "next": "/"})
    docx = shared_path("corpus", "docx", "nghi_dinh_21_2021_ND_CP.docx")
    response = thads_app.post(
        "/upload",
        files={"file": (docx.name, docx.read_bytes())},
        headers={"origin": "http://evil.example", "sec-fetch-site": "cross-site", **HTML},
    )
    assert response.status_code == 403


def test_reader_cookie_cannot_upload(thads_app):
    thads_app.post("/signin", data={"key": READER_KEY, "next": "/"})
    assert "Khóa đang dùng có quyền đọc (reader)" in _text(thads_app.get("/upload").text)
    response = thads_app.post("/upload", files={"file": ("a.md", b"# a")}, headers=HTML)
    assert response.status_code == 403 and "tập huấn" in response.text


def test_sign_in_never_redirects_off_site(thads_app):
    for target in ("//evil.example/", "https://evil.example/", "/\\evil.example"):
        response = thads_app.post(
            "/signin", data={"key": TRAINER_KEY, "next": target}, follow_redirects=False
        )
        assert response.headers["location"] == "/", target


def test_sign_out_clears_the_cookie(thads_app):
    thads_app.post("/signin", data={"key": TRAINER_KEY, "next": "/"})
    out = thads_app.post("/signout", follow_redirects=False)
    assert out.status_code == 303 and 'camnang_key=""' in out.headers["set-cookie"]


def test_text_from_documents_is_escaped_in_pages(thads_data):
    hostile = citing_document()
    hostile.title = '<script>alert("x")</script>'
    hostile.provisions[0].text = '<img src=x onerror="alert(1)">'
    with Store(thads_data) as store:
        store.save(hostile)
    with make_client(thads_data) as client:
        for path in ("/", "/documents", "/documents/ket-luan-mau", "/documents/ket-luan-mau/p/d1"):
            page = client.get(path).text
            assert "<script>alert" not in page and "<img src=x" not in page, path
            assert "&lt;script&gt;" in page or "&lt;img" in page, path


def test_too_large_form_upload_gets_a_page(thads_data):
    with make_client(thads_data, max_upload_bytes=1024) as client:
        client.post("/signin", data={"key": TRAINER_KEY, "next": "/"})
        response = client.post("/upload", files={"file": ("a.md", b"#" * 400_000)})
        assert response.status_code == 413
        assert response.headers["content-type"].startswith("text/html")
        assert "Tệp quá lớn" in response.text
