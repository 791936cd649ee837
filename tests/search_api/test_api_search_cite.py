"""`GET /api/cite` (a citation → the stored provision, or 404 saying why) and `GET /api/suggest`
(as-you-type) over the real Pháp điển THADS topic."""

from __future__ import annotations

import time

from tests.search_api.service_fixtures import (
    ARTICLE_45,
    CITATION_45_1,
    THADS_ID,
    add_citing_document,
)


def cite(client, ref: str, **params):
    return client.get("/api/cite", params={"ref": ref, **params})


def test_a_citation_gives_the_provision_with_its_text_and_citation(thads_app):
    response = cite(thads_app, "khoản 1 Điều 45 Luật Thi hành án dân sự")
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["law"], body["article"], body["clause"], body["point"]) == (
        "26/2008/QH12",
        "45",
        "1",
        None,
    )
    assert (body["doc_id"], body["provision_id"]) == (THADS_ID, f"{ARTICLE_45}.k1")
    assert body["label"] == "khoản 1 Điều 45"
    assert body["citation"] == CITATION_45_1
    assert body["article_title"] == "Thời hạn tự nguyện thi hành án"
    stored = thads_app.get(body["provision_url"]).json()
    assert body["text"] == stored["full_text"] and body["text"].startswith("Thời hạn tự nguyện")
    assert body["page_url"] == f"/documents/{THADS_ID}#{ARTICLE_45}.k1"


def test_a_law_named_today_is_found_under_the_law_it_replaced(thads_app):
    today = cite(thads_app, "khoản 1 Điều 45 Luật Thi hành án dân sự").json()
    assert today["cited_law"] == "106/2025/QH15", "the law in force today (from 1 July 2026)"
    assert today["law"] == "26/2008/QH12", "found where the stored text is"
    in_2020 = cite(thads_app, "khoản 1 Điều 45 Luật Thi hành án dân sự", as_of="2020-01-01")
    assert in_2020.json()["cited_law"] == "26/2008/QH12"
    assert in_2020.json()["provision_id"] == today["provision_id"]


def test_citations_typed_loosely_find_the_same_provisions(thads_app):
    cases = {
        "khoan 1 dieu 45 luat thads": f"{ARTICLE_45}.k1",
        "Khoản 1 Điều 45 Luật THADS": f"{ARTICLE_45}.k1",
        "điểm a khoản 2 Điều 7 Luật THADS": "d30.2.lq.7.k2.a",
        "Điều 7a Luật Thi hành án dân sự": "d30.2.lq.7a",
        "Điều 9 NĐ 62/2015": "d30.2.ndd.1.9",
    }
    for ref, pid in cases.items():
        response = cite(thads_app, ref)
        assert response.status_code == 200, (ref, response.text)
        assert response.json()["provision_id"] == pid, ref
    point = cite(thads_app, "điểm a khoản 2 Điều 7 Luật THADS").json()
    assert point["label"] == "điểm a khoản 2 Điều 7"
    assert point["citation"] == "điểm a khoản 2 Điều 7 Luật Thi hành án dân sự số 26/2008/QH12"


def test_a_citation_that_points_nowhere_is_404_saying_why(thads_app):
    cases = {
        "xin chào": ("citation_unreadable", "Không đọc được trích dẫn"),
        "Điều 45": ("citation_unreadable", "không nói rõ văn bản nào"),
        "Điều 5 Luật Đất đai": ("citation_unreadable", "không nói rõ văn bản nào"),
        "Điều 5 Luật Đấu giá tài sản": ("law_not_stored", "Thư viện chưa có Luật Đấu giá tài sản"),
        "Điều 3 Nghị định 99/2099/NĐ-CP": ("law_not_stored", "Nghị định số 99/2099/NĐ-CP"),
        "Điều 999 Luật Thi hành án dân sự": ("article_not_found", "không có Điều 999"),
        "khoản 9 Điều 45 Luật THADS": ("provision_not_found", "không có khoản 9"),
        "điểm z khoản 1 Điều 45 Luật THADS": ("provision_not_found", "không có điểm z khoản 1"),
    }
    for ref, (code, words) in cases.items():
        response = cite(thads_app, ref)
        assert response.status_code == 404, (ref, response.text)
        error = response.json()["error"]
        assert error["code"] == code, (ref, error)
        assert words in error["message"], (ref, error)


def test_cite_parameters_are_checked(thads_app):
    assert thads_app.get("/api/cite").status_code == 422
    assert cite(thads_app, "").status_code == 422
    assert cite(thads_app, "Điều 45 Luật THADS " + "x" * 500).status_code == 422
    bad_day = cite(thads_app, "Điều 45 Luật THADS", as_of="31/02/2020")
    assert bad_day.status_code == 422 and "'as_of'" in bad_day.json()["error"]["message"]


def suggest(client, q: str, **params) -> list[dict]:
    response = client.get("/api/suggest", params={"q": q, **params})
    assert response.status_code == 200, response.text
    assert response.json()["q"] == q
    return response.json()["suggestions"]


def test_suggestions_complete_a_title_typed_without_diacritics(thads_app):
    found = suggest(thads_app, "thoi han tu ng")
    article = next(s for s in found if s["kind"] == "article")
    assert article["url"] == f"/documents/{THADS_ID}#{ARTICLE_45}"
    assert article["label"].startswith("Điều 45. Thời hạn tự nguyện thi hành án")
    assert article["text"] == "Điều 45 Luật Thi hành án dân sự số 26/2008/QH12"


def test_suggestions_offer_terms_documents_and_articles(thads_app):
    found = suggest(thads_app, "kê biên", limit=20)
    kinds = [s["kind"] for s in found]
    assert kinds == sorted(kinds, key=["term", "document", "article"].index)
    terms = [s["text"] for s in found if s["kind"] == "term"]
    assert "kê biên tài sản" in terms
    titles = [s["label"] for s in found if s["kind"] == "article"]
    assert titles and all("kê biên" in t.lower() for t in titles), titles
    thads = suggest(thads_app, "thads")
    assert thads[0]["kind"] == "term" and thads[0]["text"] == "thi hành án dân sự"
    documents = suggest(thads_app, "thi hanh an dan")
    assert any(s["kind"] == "document" and s["url"] == f"/documents/{THADS_ID}" for s in documents)


def test_a_typed_citation_is_suggested_first_with_its_provision(thads_app):
    found = suggest(thads_app, "khoan 1 dieu 45 luat thads")
    assert found[0]["kind"] == "citation"
    assert found[0]["text"] == CITATION_45_1
    assert found[0]["url"] == f"/documents/{THADS_ID}#{ARTICLE_45}.k1"
    assert "Thời hạn tự nguyện thi hành án" in found[0]["label"]


def test_suggestion_limits_and_empty_input(thads_app):
    assert suggest(thads_app, "") == [] and suggest(thads_app, "   ") == []
    assert len(suggest(thads_app, "thi", limit=3)) == 3
    assert thads_app.get("/api/suggest?q=thi&limit=0").status_code == 422
    assert thads_app.get("/api/suggest?q=thi&limit=21").status_code == 422
    assert thads_app.get("/api/suggest", params={"q": "x" * 201}).status_code == 422
    assert suggest(thads_app, "zzzqqq") == []


def test_suggestions_follow_the_store(thads_app, thads_data):
    cache = thads_app.app.state.camnang.suggestions
    assert not any(s["kind"] == "document" for s in suggest(thads_app, "ket luan kiem tra mau"))
    add_citing_document(thads_data)
    time.sleep(cache.recheck + 0.05)
    found = suggest(thads_app, "ket luan kiem tra mau")
    assert any(s["kind"] == "document" and s["url"] == "/documents/ket-luan-mau" for s in found)
