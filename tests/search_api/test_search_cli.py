"""`camnang search`, `reindex`, `similar` and `bench retrieval` from the command line."""

import json

from typer.testing import CliRunner

from search_api.cli import app
from tests.conftest import shared_path

runner = CliRunner()


def _lines(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def test_search_prints_one_json_line_per_hit(data_dir):
    source = shared_path("corpus", "docx", "nghi_quyet_01_2019_NQ_HDTP.docx")
    assert runner.invoke(app, ["ingest", str(source), "--data", str(data_dir)]).exit_code == 0
    result = runner.invoke(
        app,
        ["search", "lai suat no goc qua han", "--data", str(data_dir), "--json", "--limit", "3"],
    )
    assert result.exit_code == 0, result.output
    hits = _lines(result.stdout)
    assert len(hits) == 3
    for hit in hits:
        assert {"doc_id", "number", "title", "label", "law", "article", "snippet", "score"} <= set(
            hit
        )
        assert hit["number"] == "01/2019/NQ-HĐTP"
    assert "<mark>lãi</mark>" in hits[0]["snippet"].lower()

    similar = runner.invoke(app, ["similar", hits[0]["key"], "--data", str(data_dir), "--json"])
    assert similar.exit_code == 0 and _lines(similar.stdout)

    again = runner.invoke(app, ["reindex", "--data", str(data_dir), "--json"])
    assert again.exit_code == 0
    assert _lines(again.stdout)[-1]["documents"] == 1


def test_search_refuses_bad_options_with_one_line(data_dir):
    result = runner.invoke(app, ["search", "x", "--data", str(data_dir), "--kind", "nope"])
    assert result.exit_code == 2 and "--kind must be one of" in result.stderr
    result = runner.invoke(app, ["search", "x", "--data", str(data_dir), "--in-force", "hôm qua"])
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.stderr


def test_bench_retrieval_scores_a_real_subset(tmp_path):
    laws = json.loads(shared_path("bench", "phapdien", "thads_law.json").read_text("utf-8"))
    corpus = [law for law in laws if law["id"] in ("26/2008/QH12", "64/2014/QH13")]
    queries = [
        {
            "id": "1",
            "text": "khoản 1 Điều 45 Luật THADS",
            "relevant_articles": [{"law_id": "26/2008/QH12", "article_id": "45"}],
        },
        {
            "id": "2",
            "text": "Điều 7a Luật Thi hành án dân sự",
            "relevant_articles": [{"law_id": "64/2014/QH13", "article_id": "7a"}],
        },
        {
            "id": "3",
            "text": "thoi hieu yeu cau thi hanh an",
            "relevant_articles": [{"law_id": "26/2008/QH12", "article_id": "30"}],
        },
    ]
    (tmp_path / "law.json").write_text(json.dumps(corpus, ensure_ascii=False), "utf-8")
    (tmp_path / "q.json").write_text(json.dumps(queries, ensure_ascii=False), "utf-8")
    args = [
        "bench",
        "retrieval",
        "--corpus",
        str(tmp_path / "law.json"),
        "--queries",
        str(tmp_path / "q.json"),
        "--json",
    ]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    figures = _lines(result.stdout)[-1]
    assert figures["queries"] == 3 and figures["recall@1"] >= 2 / 3
    assert set(figures) == {"queries", "recall@1", "recall@5", "recall@10", "mrr@10"}


def test_bench_retrieval_explains_a_bad_file(tmp_path):
    (tmp_path / "bad.json").write_text("{not json", "utf-8")
    args = [
        "bench",
        "retrieval",
        "--corpus",
        str(tmp_path / "bad.json"),
        "--queries",
        str(tmp_path / "bad.json"),
    ]
    result = runner.invoke(app, args)
    assert result.exit_code == 1 and "not readable JSON" in result.stderr


def test_bench_perf_reports_engine_and_baseline_figures(tmp_path):
    laws = json.loads(shared_path("bench", "phapdien", "thads_law.json").read_text("utf-8"))
    small = [law for law in laws if law["id"] == "03/2012/TTLT-BTP-BCA"]
    (tmp_path / "law.json").write_text(json.dumps(small, ensure_ascii=False), "utf-8")
    result = runner.invoke(app, ["bench", "perf", "--corpus", str(tmp_path / "law.json"), "--json"])
    assert result.exit_code == 0, result.output
    figures = _lines(result.stdout)[-1]
    keys = {
        "engine",
        "articles",
        "index_seconds",
        "index_per_s",
        "query_p50_ms",
        "query_p95_ms",
        "index_mb",
        "peak_rss_mb",
    }
    assert keys <= set(figures) and figures["engine"] == "whoosh" and figures["articles"] == 13
    assert {"query_p99_ms", "search_rss_mb"} <= set(figures)
    timing = {"query_p99_ms", "query_cpu_p50_ms", "query_cpu_p95_ms"}
    assert keys | timing == set(figures["baseline"]["sqlite_fts5"])
