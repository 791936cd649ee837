"""Uploading (trainer), ingest jobs and deleting (admin): real documents in, safe names, size
and type checked by content, failures with a reason."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from search_api.http.uploads import safe_file_name
from tests.conftest import shared_path
from tests.search_api.service_fixtures import (
    ADMIN_KEY,
    READER_KEY,
    THADS_ID,
    TRAINER_KEY,
    corrupt_docx,
    make_client,
    wait_job,
)

TRAINER = {"X-API-Key": TRAINER_KEY}
ADMIN = {"X-API-Key": ADMIN_KEY}


def _docx() -> Path:
    return shared_path("corpus", "docx", "nghi_dinh_21_2021_ND_CP.docx")


def _upload(client, name: str, content: bytes, headers=TRAINER):
    return client.post("/api/documents", files={"file": (name, content)}, headers=headers)


def test_upload_of_a_real_docx_is_ingested_and_then_readable(thads_app):
    response = _upload(thads_app, _docx().name, _docx().read_bytes())
    assert response.status_code == 202, response.text
    job = response.json()
    assert job["status"] in ("queued", "running", "done")
    assert job["format"] == "docx" and job["file_name"] == _docx().name
    assert response.headers["location"] == f"/api/jobs/{job['id']}"
    done = wait_job(thads_app, job["id"])
    assert done["status"] == "done", done
    doc_id = done["doc_id"]
    assert doc_id == "21-2021-nd-cp"
    doc = thads_app.get(f"/api/documents/{doc_id}").json()
    assert doc["number"] == "21/2021/NĐ-CP"
    articles = [n for n in doc["provisions"] if n["kind"] in ("dieu", "chuong")]
    assert articles, "the uploaded regulation has a provision tree"
    listed = [d["id"] for d in thads_app.get("/api/documents").json()["items"]]
    assert sorted(listed) == sorted([THADS_ID, doc_id])
    original = thads_app.get(f"/api/documents/{doc_id}/file")
    assert original.content == _docx().read_bytes()
    assert original.headers["content-type"].startswith(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )


def test_same_file_uploaded_twice_is_unchanged(thads_app):
    content = shared_path("corpus", "phapdien", "thi-hanh-an-dan-su.md").read_bytes()
    job = wait_job(thads_app, _upload(thads_app, "thads.md", content).json()["id"])
    assert job["status"] == "done"
    assert job["result"]["status"] == "unchanged" and job["doc_id"] == THADS_ID


def test_upload_needs_a_trainer_key(thads_app):
    content = _docx().read_bytes()
    missing = _upload(thads_app, "a.docx", content, headers={})
    assert missing.status_code == 401
    assert missing.json()["error"]["code"] == "missing_key"
    assert "X-API-Key" in missing.json()["error"]["message"]
    wrong = _upload(thads_app, "a.docx", content, headers={"X-API-Key": "not-a-real-key"})
    assert wrong.status_code == 401 and wrong.json()["error"]["code"] == "invalid_key"
    reader = _upload(thads_app, "a.docx", content, headers={"X-API-Key": READER_KEY})
    assert reader.status_code == 403 and reader.json()["error"]["code"] == "forbidden"
    admin = _upload(thads_app, "a.docx", content, headers=ADMIN)
    assert admin.status_code == 202


@pytest.mark.parametrize(
    "client_name",
    [
        "../../../../evil.md",
        "..\\..\\..\\evil.md",
        "/tmp/evil.md",
        "....//....//evil.md",
        "evil.md\x00.pdf",
    ],
)
def test_upload_names_cannot_leave_the_data_folder(thads_data, tmp_path, client_name):
    content = shared_path("corpus", "phapdien", "to-cao.md").read_bytes()
    with make_client(thads_data) as client:
        response = _upload(client, client_name, content)
        assert response.status_code == 202, response.text
        job = wait_job(client, response.json()["id"])
    assert job["status"] == "done", job
    assert "/" not in job["file_name"] and "\\" not in job["file_name"]
    assert job["file_name"].endswith(".md")
    assert not list(tmp_path.parent.rglob("evil*")), "nothing escaped the data folder"
    assert not Path("/tmp/evil.md").exists()


def test_safe_file_names_keep_vietnamese_and_lose_folders():
    assert safe_file_name("../../etc/passwd", "txt") == "passwd.txt"
    assert safe_file_name("C:\\Users\\a\\Nghị định 62.docx", "docx") == "Nghị định 62.docx"
    assert safe_file_name("..", "pdf") == "tai-lieu.pdf"
    assert safe_file_name("", "md") == "tai-lieu.md"
    assert safe_file_name("a\nb\x00c<>|:*?.docx", "docx") == "a b c.docx"
    assert safe_file_name("report.exe", "pdf") == "report.pdf"
    assert len(safe_file_name("x" * 500 + ".md", "md")) <= 124


def test_type_is_checked_by_content_not_by_name(thads_app):
    content = shared_path("corpus", "phapdien", "to-cao.md").read_bytes()
    job = wait_job(thads_app, _upload(thads_app, "to-cao.pdf", content).json()["id"])
    assert job["format"] == "md" and job["file_name"] == "to-cao.md"
    assert job["status"] == "done"
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8
    refused = _upload(thads_app, "scan.docx", png)
    assert refused.status_code == 415
    assert refused.json()["error"]["code"] == "unsupported_type"
    legacy = _upload(thads_app, "old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    assert legacy.status_code == 415 and ".docx" in legacy.json()["error"]["message"]
    empty = _upload(thads_app, "empty.pdf", b"")
    assert empty.status_code == 400 and empty.json()["error"]["code"] == "empty_file"


def test_corrupt_documents_fail_their_job_with_a_readable_reason(thads_app):
    for name, content in (
        ("hong.docx", corrupt_docx()),
        ("hong.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\n" + b"\x00garbage" * 50),
    ):
        response = _upload(thads_app, name, content)
        assert response.status_code == 202, response.text
        job = wait_job(thads_app, response.json()["id"])
        assert job["status"] == "failed", job
        assert job["error"] and "\n" not in job["error"] and "Traceback" not in job["error"]
        assert job["doc_id"] is None
    assert thads_app.get("/api/documents").json()["total"] == 1


def test_upload_over_the_limit_is_413(thads_data):
    with make_client(thads_data, max_upload_bytes=64 * 1024) as client:
        big = _docx().read_bytes()  # 74 KB
        response = _upload(client, "big.docx", big)
        assert response.status_code == 413
        assert response.json()["error"]["code"] == "too_large"
        assert (
            "MB" in response.json()["error"]["message"]
            or "KB" in response.json()["error"]["message"]
        )
        assert not any((thads_data / "uploads").rglob("*.*"))


def test_request_body_far_over_the_limit_is_cut_off(thads_data):
    with make_client(thads_data, max_upload_bytes=1024) as client:
        response = client.post(
            "/api/documents",
            content=b"x" * (2 * 1024 * 1024),
            headers={**TRAINER, "content-type": "multipart/form-data; boundary=zz"},
        )
        assert response.status_code == 413
        chunked = client.post(  # no Content-Length: counted as it arrives
            "/api/documents",
            content=iter([b"--zz\r\n" + b"x" * 4096] * 512),
            headers={**TRAINER, "content-type": "multipart/form-data; boundary=zz"},
        )
        assert chunked.status_code == 413
        assert "content-length" not in chunked.request.headers


def test_upload_without_a_file_field_says_so(thads_app):
    response = thads_app.post("/api/documents", files={"other": (None, "x")}, headers=TRAINER)
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "missing_file"
    not_form = thads_app.post("/api/documents", json={"file": "x"}, headers=TRAINER)
    assert not_form.status_code == 415


def test_jobs_unknown_or_malformed(thads_app):
    unknown = thads_app.get("/api/jobs/" + "0" * 32)
    assert unknown.status_code == 404 and unknown.json()["error"]["code"] == "job_not_found"
    assert thads_app.get("/api/jobs/../../etc").status_code == 404
    assert thads_app.get("/api/jobs/xyz").status_code == 422


def test_delete_needs_admin_and_removes_document_and_file(thads_app, thads_data):
    url = f"/api/documents/{THADS_ID}"
    assert thads_app.delete(url).status_code == 401
    assert thads_app.delete(url, headers=TRAINER).status_code == 403
    stored = list((thads_data / "files").rglob("*.md"))
    assert len(stored) == 1
    response = thads_app.delete(url, headers=ADMIN)
    assert response.status_code == 200
    assert response.json() == {"id": THADS_ID, "deleted": True}
    assert thads_app.get(url).status_code == 404
    assert not stored[0].exists()
    again = thads_app.delete(url, headers=ADMIN)
    assert again.status_code == 404 and again.json()["error"]["code"] == "document_not_found"


def test_uploads_left_by_an_earlier_run_are_swept_at_start(thads_data):
    old = thads_data / "uploads" / ("a" * 32)
    old.mkdir(parents=True)
    (old / "x.md").write_text("# x", encoding="utf-8")
    os.utime(old, (time.time() - 3 * 86400, time.time() - 3 * 86400))
    fresh = thads_data / "uploads" / ("b" * 32)
    fresh.mkdir()
    with make_client(thads_data):
        assert not old.exists() and fresh.exists()
