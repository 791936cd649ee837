"""`camnang ingest --json` and `camnang show DOC_ID --json` keep the contract of issue 2 for the
structures the parsers build (a regulation with appendices, a precedent from a PDF)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from typer.testing import CliRunner

from search_api.cli import app
from tests.ingest.realdocs import corpus_file

DOC_KEYS = {
    "id",
    "kind",
    "doc_type",
    "number",
    "title",
    "issuer",
    "place",
    "issued",
    "effective_from",
    "legal_bases",
    "source",
    "provisions",
}
NODE_KEYS = {"id", "kind", "number", "title", "text", "page", "children"}
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _nodes(nodes: list[dict]) -> list[dict]:
    return [n for node in nodes for n in (node, *_nodes(node["children"]))]


def test_ingest_and_show_json(data_dir: Path) -> None:
    runner = CliRunner()
    files = [
        corpus_file("docx", "nghi_dinh_356_2025_ND_CP.docx"),
        corpus_file("pdf", "an_le_so_432021AL.pdf"),
    ]
    result = runner.invoke(app, ["ingest", *map(str, files), "--data", str(data_dir), "--json"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    by_number = {line["number"]: line for line in lines}
    assert by_number["356/2025/NĐ-CP"]["articles"] == 42
    assert by_number["356/2025/NĐ-CP"]["issued"] == "2025-12-31"
    assert by_number["43/2021/AL"]["kind"] == "court_document"

    shown = runner.invoke(
        app, ["show", by_number["356/2025/NĐ-CP"]["doc_id"], "--data", str(data_dir), "--json"]
    )
    assert shown.exit_code == 0, shown.output
    doc = json.loads(shown.stdout)
    assert set(doc) >= DOC_KEYS
    assert DATE.match(doc["issued"]) and DATE.match(doc["effective_from"])
    assert set(doc["source"]) >= {"path", "sha256", "format", "pages"}
    nodes = _nodes(doc["provisions"])
    assert all(set(n) >= NODE_KEYS for n in nodes)
    kinds = {n["kind"] for n in nodes}
    assert {"chuong", "dieu", "khoan", "diem", "phu_luc"} <= kinds
    assert len({n["id"] for n in nodes}) == len(nodes)

    precedent = runner.invoke(
        app, ["show", by_number["43/2021/AL"]["doc_id"], "--data", str(data_dir), "--json"]
    )
    data = json.loads(precedent.stdout)
    assert data["issued"] == "2021-02-24" and data["published"] == "2021-03-12"
    assert all(n["kind"] == "section" and n["page"] >= 1 for n in _nodes(data["provisions"]))
