"""Fixtures for the HTTP service tests: a data folder holding the real Pháp điển THADS topic,
apps over copies of it, keys for each role, and documents built in code. The fixtures are
registered in `conftest.py`; the helpers are imported by the tests."""

from __future__ import annotations

import io
import shutil
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from corpus.model import Document, Provision, Reference, SourceFile, assign_ids
from corpus.store import Store
from search_api.http.app import create_app
from search_api.http.keys import KeyRing, Role
from search_api.http.settings import Settings
from search_api.library import Library
from tests.conftest import shared_path

READER_KEY = "reader-key-for-tests"
TRAINER_KEY = "trainer-key-for-tests"
ADMIN_KEY = "admin-key-for-tests"
THADS_ID = "thi-hanh-an-dan-su"
ARTICLE_45 = "d30.2.lq.45"
"""Pháp điển article 30.2.LQ.45 = Điều 45 of Luật Thi hành án dân sự 26/2008/QH12."""
CITATION_45_1 = "khoản 1 Điều 45 Luật Thi hành án dân sự số 26/2008/QH12"


def keyring() -> KeyRing:
    keys = KeyRing()
    keys.add(READER_KEY, Role.READER)
    keys.add(TRAINER_KEY, Role.TRAINER)
    keys.add(ADMIN_KEY, Role.ADMIN)
    return keys


def thads_file() -> Path:
    return shared_path("corpus", "phapdien", "thi-hanh-an-dan-su.md")


@pytest.fixture(scope="session")
def thads_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder with the Pháp điển THADS topic ingested (once per session; copy it)."""
    source = thads_file()
    folder = tmp_path_factory.mktemp("thads") / "data"
    with Library(folder) as library:
        outcomes = library.ingest([source])
    assert [o.status for o in outcomes] == ["ingested"], outcomes
    return folder


def copy_data(template: Path, target: Path) -> Path:
    shutil.copytree(template, target)
    return target


@pytest.fixture
def thads_data(thads_template: Path, tmp_path: Path) -> Path:
    """A private copy of the THADS data folder (tests may change it)."""
    return copy_data(thads_template, tmp_path / "data")


def make_client(data_dir: Path, **settings: object) -> TestClient:
    config = Settings(data_dir=data_dir, keys=keyring())
    for key, value in settings.items():
        setattr(config, key, value)
    return TestClient(create_app(config))


@pytest.fixture
def thads_app(thads_data: Path) -> Iterator[TestClient]:
    """A running app (writer thread started) over a copy of the THADS data folder."""
    with make_client(thads_data) as client:
        yield client


def wait_job(client: TestClient, job_id: str, timeout: float = 120.0) -> dict:
    """Poll `/api/jobs/{id}` until the job has ended."""
    deadline = time.monotonic() + timeout
    while True:
        job = client.get(f"/api/jobs/{job_id}").json()
        if job["status"] in ("done", "failed") or time.monotonic() > deadline:
            return job
        time.sleep(0.1)


def citing_document(sha: str = "c1" * 32) -> Document:
    """A small conclusion built in code whose finding cites khoản 1 Điều 45 Luật THADS."""
    article = Provision(kind="dieu", number="1", title="Kết quả", text="Nội dung mẫu.")
    assign_ids([article])
    return Document(
        id="ket-luan-mau",
        kind="inspection_conclusion",
        doc_type="ket_luan",
        number="01/KL-MAU",
        title="Kết luận kiểm tra mẫu",
        source=SourceFile(path="ket-luan-mau.docx", sha256=sha, format="docx"),
        provisions=[article],
        refs=[
            Reference(
                text="khoản 1 Điều 45 Luật Thi hành án dân sự",
                law="26/2008/QH12",
                article="45",
                clause="1",
                status="resolved",
            )
        ],
    )


def add_citing_document(data_dir: Path) -> None:
    with Store(data_dir) as store:
        store.save(citing_document())


def corrupt_docx() -> bytes:
    """A ZIP that looks like a DOCX (has word/document.xml) but whose XML is broken."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("[Content_Types].xml", "<?xml version='1.0'?><Types")
        zf.writestr("word/document.xml", "<w:document><w:body><w:p>broken")
    return buffer.getvalue()
