"""Searches keep working while uploads are ingested: a real server over the samples and the
THADS topic, client threads searching and reading documents without a pause while a trainer
uploads real regulations and án lệ one after another; no 5xx, no reader locked out, every job
done, and the new documents found afterwards by their số hiệu."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

from tests.conftest import shared_path
from tests.search_api.live_server import live_server
from tests.search_api.search_fixtures import samples_template  # noqa: F401
from tests.search_api.service_fixtures import ARTICLE_45, THADS_ID, TRAINER_KEY, copy_data

UPLOADS = (
    ("docx", "bo_luat_91_2015_QH13.docx"),
    ("docx", "nghi_dinh_99_2022_ND_CP.docx"),
    ("pdf", "an_le_so_432021AL.pdf"),
    ("docx", "nghi_quyet_01_2019_NQ_HDTP.docx"),
)
SEARCHES = (
    "thoi han tu nguyen thi hanh an",
    "khoản 1 Điều 45 Luật Thi hành án dân sự",
    "kê biên tài sản",
    "xác minh điều kiện thi hành án",
)
READS = (
    "/api/documents",
    f"/api/documents/{THADS_ID}?text=false",
    f"/api/documents/{THADS_ID}/provisions/{ARTICLE_45}",
)
STALL = 30.0
"""Seconds within which every request must answer (a generous bound on a shared machine)."""


@dataclass
class Traffic:
    """What the client threads saw: (path, status or error, seconds, when it ended)."""

    answers: list[tuple[str, str, float, float]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def loop(self, url: str, paths: list[str], stop: threading.Event) -> None:
        with httpx.Client(base_url=url, timeout=2 * STALL) as client:
            i = 0
            while not stop.is_set():
                path = paths[i % len(paths)]
                i += 1
                began = time.perf_counter()
                try:
                    outcome = str(client.get(path).status_code)
                except httpx.HTTPError as err:
                    outcome = type(err).__name__
                ended = time.perf_counter()
                with self.lock:
                    self.answers.append((path, outcome, ended - began, ended))


def _upload(client: httpx.Client, path: Path) -> dict:
    response = client.post(
        "/api/documents",
        files={"file": (path.name, path.read_bytes())},
        headers={"X-API-Key": TRAINER_KEY},
    )
    assert response.status_code == 202, response.text
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        job = client.get(response.headers["location"]).json()
        if job["status"] in ("done", "failed"):
            return job
        time.sleep(0.2)
    raise AssertionError(f"the job of {path.name} did not end within 300 s")


@pytest.mark.slow
def test_searches_and_reads_answer_while_a_trainer_uploads(
    samples_template: Path,  # noqa: F811
    tmp_path: Path,
) -> None:
    files = [shared_path("corpus", folder, name) for folder, name in UPLOADS]
    data = copy_data(samples_template, tmp_path / "data")
    traffic, stop = Traffic(), threading.Event()
    searches = [f"/api/search?q={q}" for q in SEARCHES]
    with live_server(data, env={"CAMNANG_API_KEYS": f"{TRAINER_KEY}=trainer"}) as server:
        clients = [
            threading.Thread(target=traffic.loop, args=(server.url, paths, stop))
            for paths in (searches, searches[1:] + searches[:1], searches[2:], list(READS))
        ]
        for thread in clients:
            thread.start()
        try:
            with httpx.Client(base_url=server.url, timeout=2 * STALL) as trainer:
                began = time.perf_counter()
                jobs = [_upload(trainer, path) for path in files]
                ended = time.perf_counter()
        finally:
            stop.set()
            for thread in clients:
                thread.join()
        ended_as = [(j["status"], (j["result"] or {}).get("status")) for j in jobs]
        assert ended_as == [("done", "ingested")] * len(files), jobs
        with httpx.Client(base_url=server.url, timeout=STALL) as client:
            for job in jobs:
                number = job["result"]["number"]
                hits = client.get("/api/search", params={"q": number}).raise_for_status().json()
                assert hits["hits"][0]["doc_id"] == job["doc_id"], (number, hits["hits"][:1])
        log = server.output()

    failed = [a for a in traffic.answers if a[1] != "200"]
    assert not failed, (failed[:5], log[-2000:])
    slowest = max(traffic.answers, key=lambda a: a[2])
    assert slowest[2] < STALL, slowest
    during = [a for a in traffic.answers if began < a[3] < ended]
    searched = {a[0] for a in during if a[0].startswith("/api/search")}
    read = {a[0] for a in during if a[0].startswith("/api/documents")}
    assert searched == set(searches) and read == set(READS), "every reader went on meanwhile"
