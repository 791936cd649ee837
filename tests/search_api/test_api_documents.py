"""Reading through the API: the documents list, a document's tree, one provision with its
citation and cited-by list, and the original file — on the real Pháp điển THADS topic."""

from __future__ import annotations

from urllib.parse import quote

from search_api.http.state import DocumentCache
from search_api.library import Library
from tests.search_api.service_fixtures import (
    ARTICLE_45,
    CITATION_45_1,
    THADS_ID,
    add_citing_document,
    citing_document,
    make_client,
    thads_file,
)


def _walk(nodes):
    for node in nodes:
        yield node
        yield from _walk(node["children"])


def test_health_answers_with_document_count(thads_app):
    response = thads_app.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "documents": 1, "jobs_pending": 0}


def test_list_documents_gives_summaries_and_facets(thads_app):
    body = thads_app.get("/api/documents").json()
    assert body["total"] == 1 and body["limit"] == 50 and body["offset"] == 0
    item = body["items"][0]
    assert item["id"] == THADS_ID
    assert item["doc_type"] == "phap_dien"
    assert item["articles"] > 600
    assert item["url"] == f"/api/documents/{THADS_ID}"
    assert body["facets"]["kind"] == {"regulation": 1}


def test_list_filters_by_kind_type_issuer_and_year(thads_data):
    add_citing_document(thads_data)
    with make_client(thads_data) as client:

        def ids(query: str) -> list[str]:
            response = client.get("/api/documents?" + query)
            assert response.status_code == 200, response.text
            return [d["id"] for d in response.json()["items"]]

        assert sorted(ids("")) == ["ket-luan-mau", THADS_ID]
        assert ids("kind=regulation") == [THADS_ID]
        assert ids("kind=inspection_conclusion") == ["ket-luan-mau"]
        assert ids("doc_type=phap_dien") == [THADS_ID]
        assert ids("issuer=quoc%20hoi") == [THADS_ID]  # accents optional
        assert ids("issuer=" + quote("Quốc hội")) == [THADS_ID]
        assert ids("issuer=b%E1%BB%99%20t%C6%B0%20ph%C3%A1p") == []
        assert ids("year=2008") == []
        assert ids("limit=1&offset=1") != ids("limit=1&offset=0")
        assert client.get("/api/documents?limit=1").json()["total"] == 2


def test_document_has_facts_and_the_provision_tree_with_citations(thads_app):
    body = thads_app.get(f"/api/documents/{THADS_ID}").json()
    assert body["title"] == "Thi hành án dân sự"
    assert body["doc_type_label"] == "Đề mục Pháp điển"
    assert body["source"]["format"] == "md"
    assert body["source"]["file_name"] == "thi-hanh-an-dan-su.md"
    assert body["file_url"] == f"/api/documents/{THADS_ID}/file"
    nodes = {n["id"]: n for n in _walk(body["provisions"])}
    article = nodes[ARTICLE_45]
    assert article["number"] == "30.2.LQ.45"
    assert (article["law"], article["article"]) == ("26/2008/QH12", "45")
    assert article["label"] == "Điều 45"
    assert article["citation"] == "Điều 45 Luật Thi hành án dân sự số 26/2008/QH12"
    assert nodes[ARTICLE_45 + ".k1"]["citation"] == CITATION_45_1
    chapters = [n for n in body["provisions"] if n["kind"] == "chuong"]
    assert chapters and chapters[0]["citation"] is None


def test_document_without_text_leaves_text_out(thads_app):
    body = thads_app.get(f"/api/documents/{THADS_ID}?text=false").json()
    assert all("text" not in n or n["text"] is None for n in _walk(body["provisions"]))


def test_provision_has_text_label_citation_and_parents(thads_app):
    response = thads_app.get(f"/api/documents/{THADS_ID}/provisions/{ARTICLE_45}.k1")
    assert response.status_code == 200
    p = response.json()
    assert p["label"] == "khoản 1 Điều 45"
    assert p["citation"] == CITATION_45_1
    assert (p["law"], p["article"]) == ("26/2008/QH12", "45")
    assert p["text"] and p["text"] in thads_file().read_text(encoding="utf-8")
    assert [a["id"] for a in p["parents"]][-1] == ARTICLE_45
    assert p["cited_by"] == []
    assert p["page_url"] == f"/documents/{THADS_ID}#{ARTICLE_45}.k1"


def test_article_provision_has_its_clauses_as_children(thads_app):
    p = thads_app.get(f"/api/documents/{THADS_ID}/provisions/{ARTICLE_45}").json()
    assert [c["label"] for c in p["children"]] == ["khoản 1 Điều 45", "khoản 2 Điều 45"]
    assert p["full_text"].startswith("1. ")


def test_cited_by_lists_documents_whose_references_point_here(thads_data):
    add_citing_document(thads_data)
    with make_client(thads_data) as client:
        base = f"/api/documents/{THADS_ID}/provisions/"
        clause = client.get(base + ARTICLE_45 + ".k1").json()["cited_by"]
        assert [(c["doc_id"], c["text"]) for c in clause] == [
            ("ket-luan-mau", "khoản 1 Điều 45 Luật Thi hành án dân sự")
        ]
        assert clause[0]["page_url"] == "/documents/ket-luan-mau"
        assert len(client.get(base + ARTICLE_45).json()["cited_by"]) == 1
        assert client.get(base + ARTICLE_45 + ".k2").json()["cited_by"] == []
        assert client.get(base + "d30.2.lq.46").json()["cited_by"] == []
        tree = client.get(f"/api/documents/{THADS_ID}").json()
        counts = {n["id"]: n.get("cited_by") for n in _walk(tree["provisions"])}
        assert counts[ARTICLE_45] == 1 and counts[ARTICLE_45 + ".k2"] is None


def test_original_file_comes_back_byte_for_byte_with_a_safe_name(thads_app):
    response = thads_app.get(f"/api/documents/{THADS_ID}/file")
    assert response.status_code == 200
    assert response.content == thads_file().read_bytes()
    assert response.headers["content-type"].startswith("text/markdown")
    disposition = response.headers["content-disposition"]
    assert disposition.startswith("attachment;") and "thi-hanh-an-dan-su.md" in disposition
    assert response.headers["x-content-type-options"] == "nosniff"


def test_unknown_document_and_provision_are_404_with_reasons(thads_app):
    missing = thads_app.get("/api/documents/khong-co")
    assert missing.status_code == 404
    assert missing.json()["error"]["code"] == "document_not_found"
    assert "khong-co" in missing.json()["error"]["message"]
    for path in (
        f"/api/documents/{THADS_ID}/provisions/d9999",
        f"/api/documents/khong-co/provisions/{ARTICLE_45}",
        "/api/documents/khong-co/file",
    ):
        response = thads_app.get(path)
        assert response.status_code == 404, path
        assert response.json()["error"]["message"]
    assert (
        thads_app.get(f"/api/documents/{THADS_ID}/provisions/d9999").json()["error"]["code"]
        == "provision_not_found"
    )


def test_strange_ids_are_404_not_500(thads_app):
    strange = ("..%2F..%2Fetc%2Fpasswd", "%00", "'%3B%20DROP%20TABLE%20documents", "%F0%9F%98%80")
    for doc_id in strange:
        response = thads_app.get(f"/api/documents/{doc_id}")
        assert response.status_code == 404, (doc_id, response.text)
    long_id = "x" * 201
    assert thads_app.get(f"/api/documents/{long_id}").status_code == 422


def test_file_of_a_document_whose_original_is_gone_is_404(thads_app, thads_data):
    for path in (thads_data / "files").rglob("*.md"):
        path.unlink()
    response = thads_app.get(f"/api/documents/{THADS_ID}/file")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "file_not_found"
    assert thads_app.get(f"/api/documents/{THADS_ID}").json()["file_url"] is None


def test_cached_documents_follow_the_store_when_replaced_or_deleted(data_dir):
    cache = DocumentCache(size=1)
    with Library(data_dir) as lib:
        lib.store.save(citing_document("a" * 64))
        first = cache.get(lib, "ket-luan-mau")
        assert cache.get(lib, "ket-luan-mau") is first
        newer = citing_document("b" * 64)
        newer.title = "Kết luận kiểm tra mẫu (bản mới)"
        lib.store.save(newer)
        assert cache.get(lib, "ket-luan-mau").title.endswith("(bản mới)")
        lib.delete("ket-luan-mau")
        assert cache.get(lib, "ket-luan-mau") is None
