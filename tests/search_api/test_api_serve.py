"""`camnang serve` and `camnang keygen` from the command line."""

from __future__ import annotations

import subprocess

import httpx

from ingest.pipeline import SUFFIXES
from search_api.http.keys import key_digest
from tests.conftest import SAMPLES
from tests.search_api.live_server import CAMNANG, live_server


def _samples() -> int:
    return sum(
        1
        for p in SAMPLES.rglob("*")
        if p.is_file() and p.suffix.lower() in SUFFIXES and p.name.lower() != "readme.md"
    )


def test_serve_on_an_empty_folder_ingests_the_samples_and_prints_the_url(tmp_path):
    data = tmp_path / "data"
    with live_server(data, env={"CAMNANG_API_KEYS": "served-trainer-key=trainer"}) as server:
        health = httpx.get(server.url + "/healthz").json()
        assert health["documents"] == _samples()
        home = httpx.get(server.url + "/")
        assert home.status_code == 200 and "Cẩm nang" in home.text
        assert f"at {server.url}/" in server.output()
        assert "1 API key(s)" in server.output()
        assert "served-trainer-key" not in server.output()
    assert server.process.returncode is not None


def test_serve_with_a_missing_config_file_fails_in_one_line(tmp_path):
    result = subprocess.run(
        [str(CAMNANG), "serve", "--data", str(tmp_path), "--config", str(tmp_path / "x.toml")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0
    assert "does not exist" in result.stderr and "Traceback" not in result.stderr


def test_keygen_prints_a_key_and_its_hashed_config_line():
    result = subprocess.run(
        [str(CAMNANG), "keygen", "trainer"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0
    lines = dict(line.split(":", 1) for line in result.stdout.splitlines())
    key = lines["key"].strip()
    assert len(key) >= 24
    assert f'"sha256:{key_digest(key)}" = "trainer"' in result.stdout
    assert f"CAMNANG_API_KEYS={key}=trainer" in result.stdout
    bad = subprocess.run([str(CAMNANG), "keygen", "god"], capture_output=True, text=True)
    assert bad.returncode == 2 and "reader, trainer or admin" in bad.stderr
