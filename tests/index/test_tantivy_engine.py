"""The Tantivy engine: terms and breaks as our analysis made them, the same matches, totals and
facets as the Whoosh engine on real law text, and the engine chosen per data folder."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from index.engine import AllOf, AnyOf, Phrase, Range, Record, Request, Term
from index.engine_setting import ENGINE_ENV, SETTING_FILE, chosen_engine
from index.engines import make_engine
from index.evaluation.alqac import corpus_units
from index.evaluation.perf import perf_queries
from index.query import covering_clauses, parse_query, phrase_clauses, scored_clauses
from index.ranking import default_weights
from index.records import FACETS, field_specs
from index.tantivy_text import joined
from search_api.cli import app
from search_api.library import Library
from tests.conftest import shared_path

runner = CliRunner()


def _engines(tmp_path, records):
    out = {}
    for name in ("whoosh", "tantivy"):
        engine = make_engine(name, tmp_path / name, field_specs(), k1=0.8)
        engine.add(records)
        engine.commit()
        out[name] = engine
    return out


def _record(key: str, body: list[str]) -> Record:
    return Record(key=key, doc_id=key, text={"body": body}, keywords={"kind": ["article"]})


def test_joined_terms_keep_breaks_and_pairs():
    assert joined(["thi", "hành", "", "án"]) == "thi hành | án"
    assert joined(["", "a"]) == "| a"
    assert joined(["thi hanh", "hanh an"]) == "thi_hanh hanh_an"


def test_a_phrase_does_not_cross_a_break_and_a_break_adds_no_length(tmp_path):
    engines = _engines(
        tmp_path,
        [
            _record("gap", ["kê", "biên", "", "tài", "sản"]),
            _record("nogap", ["kê", "biên", "tài", "sản"]),
            _record("other", ["bán", "đấu", "giá", "tài"]),
        ],
    )
    for name, engine in engines.items():
        across = engine.search(Request(must=[Phrase("body", ("biên", "tài"))]))
        assert [h.key for h in across.hits] == ["nogap"], name
        within = engine.search(Request(must=[Phrase("body", ("tài", "sản"))]))
        assert {h.key for h in within.hits} == {"gap", "nogap"}, name
        scores = {h.key: h.score for h in engine.search(Request(should=[Term("body", "kê")])).hits}
        assert scores["gap"] == pytest.approx(scores["nogap"]), name
        engine.close()


@pytest.fixture(scope="module")
def law_engines(tmp_path_factory):
    """Both engines over the real THADS law file (the Pháp điển articles in ALQAC layout)."""
    units = list(corpus_units(shared_path("bench", "phapdien", "thads_law.json")))
    from index.records import record_of

    records = [record_of(u) for u in units]
    engines = _engines(tmp_path_factory.mktemp("law"), records)
    yield engines
    for engine in engines.values():
        engine.close()


REQUESTS = [
    Request(should=[Term("body", "xác"), Term("body_f", "minh", 0.3)], facets=FACETS),
    Request(must=[Phrase("body", ("kê", "biên"))], facets=FACETS),
    Request(must=[[Term("head", "hoãn"), Term("head", "đình")]], should=[Term("body", "án")]),
    Request(filters=[AnyOf("law", ("62/2015/nđ-cp",)), AnyOf("article", ("9",))]),
    Request(
        should=[Term("bi_f", "thi hanh")],
        filters=[AllOf((Range("eff_from", None, 20120101), Range("eff_to", 20120102, None)))],
        facets=FACETS,
    ),
    Request(should=[Term("body_f", "cuong")], filters=[Range("issued_year", 2015, 2020)]),
    Request(should=[Term("body", "không-có-từ-này")]),
    Request(filters=[AnyOf("kind", ())]),
]


@pytest.mark.parametrize("request_", REQUESTS, ids=range(len(REQUESTS)))
def test_both_engines_match_the_same_records_with_the_same_totals_and_facets(law_engines, request_):
    request_.limit = 10_000
    whoosh = law_engines["whoosh"].search(request_)
    tantivy = law_engines["tantivy"].search(request_)
    assert tantivy.total == whoosh.total
    assert {h.key for h in tantivy.hits} == {h.key for h in whoosh.hits}
    assert tantivy.facets == whoosh.facets


def test_facets_over_the_covering_clauses_are_those_over_every_clause(law_engines):
    """The Tantivy engine counts and facets over `covering_clauses` (fewer posting lists): on
    the bench's real queries, the totals and every facet count are those of the whole query."""
    engine = law_engines["tantivy"]
    shorter = 0
    for text in perf_queries():
        q = parse_query(text)
        should, must = scored_clauses(q, default_weights()), phrase_clauses(q, default_weights())
        if not should:
            continue
        match = covering_clauses(should)
        shorter += len(match) < len(should)
        for must_ in ([], must):
            whole = Request(should, must_, facets=FACETS, facet_limit=10_000)
            covered = Request(should, must_, facets=FACETS, facet_limit=10_000, match=match)
            expected, found = engine.search(whole), engine.search(covered)
            assert found.total == expected.total > 0, text
            assert found.facets == expected.facets, text
            assert [h.key for h in found.hits] == [h.key for h in expected.hits], text
    assert shorter >= 30


def test_a_single_term_ranks_the_same_and_scores_keep_our_idf(law_engines):
    request = Request(should=[Term("body", "ủy")], limit=10_000)
    whoosh = law_engines["whoosh"].search(request).hits
    tantivy = law_engines["tantivy"].search(request).hits
    assert len(whoosh) == len(tantivy) > 50
    # the idf is ours: scores agree within the k1/b difference (a few percent)
    ours = {h.key: h.score for h in whoosh}
    ratios = sorted(h.score / ours[h.key] for h in tantivy)
    assert 0.8 < ratios[len(ratios) // 2] < 1.25
    top_w = {h.key for h in whoosh[:10]}
    assert len(top_w & {h.key for h in tantivy[:10]}) >= 8


def test_vocabulary_stored_values_and_counts_agree(law_engines):
    whoosh, tantivy = law_engines["whoosh"], law_engines["tantivy"]
    assert tantivy.doc_count() == whoosh.doc_count()
    assert dict(tantivy.vocabulary("body_f")) == dict(whoosh.vocabulary("body_f"))
    assert tantivy.doc_frequency("bi_f", "thi hanh") == whoosh.doc_frequency("bi_f", "thi hanh")
    key = whoosh.search(Request(should=[Term("body", "kê")], limit=1)).hits[0].key
    stored_w, stored_t = whoosh.get(key), tantivy.get(key)
    assert stored_t["text"] == stored_w["text"] and stored_t["label"] == stored_w["label"]
    assert [tuple(p) for p in stored_t["parts"]] == [tuple(p) for p in stored_w["parts"]]


# -- the engine of a data folder ----------------------------------------------------------


@pytest.fixture
def resolution():
    return shared_path("corpus", "docx", "nghi_quyet_01_2019_NQ_HDTP.docx")


def test_reindex_with_engine_switches_the_data_folder(data_dir, resolution, monkeypatch):
    monkeypatch.delenv(ENGINE_ENV, raising=False)
    assert runner.invoke(app, ["ingest", str(resolution), "--data", str(data_dir)]).exit_code == 0
    assert (data_dir / "index" / "whoosh").is_dir()
    result = runner.invoke(
        app, ["reindex", "--engine", "tantivy", "--data", str(data_dir), "--json"]
    )
    assert result.exit_code == 0, result.output
    assert '"engine": "tantivy"' in result.stdout
    assert chosen_engine(data_dir) == "tantivy"
    assert 'engine = "tantivy"' in (data_dir / SETTING_FILE).read_text(encoding="utf-8")
    assert not (data_dir / "index" / "whoosh").exists()
    with Library(data_dir) as library:
        assert library.engine == "tantivy"
        assert library.search("lãi suất nợ gốc quá hạn").hits[0].doc_id == "01-2019-nq-hdtp"
    # one run may ask for the other engine: its index is built for that run
    other = runner.invoke(
        app, ["search", "lãi suất", "--engine", "whoosh", "--data", str(data_dir), "--json"]
    )
    assert other.exit_code == 0 and other.stdout.strip()
    assert chosen_engine(data_dir) == "tantivy"


def test_environment_overrides_the_folder_and_the_default_is_whoosh(data_dir, monkeypatch):
    monkeypatch.delenv(ENGINE_ENV, raising=False)
    assert chosen_engine(data_dir) == "whoosh"
    (data_dir / SETTING_FILE).write_text('engine = "tantivy"\n', encoding="utf-8")
    assert chosen_engine(data_dir) == "tantivy"
    monkeypatch.setenv(ENGINE_ENV, "whoosh")
    assert chosen_engine(data_dir) == "whoosh"
    assert chosen_engine(data_dir, "tantivy") == "tantivy"


@pytest.mark.parametrize(
    "content",
    ['engine = "lucene"\n', "engine = 3\n", "engine = \n", 'engine = "tantivy"\nspeed = 1\n'],
)
def test_a_bad_engine_setting_is_one_line_and_exit_2(data_dir, content, monkeypatch):
    monkeypatch.delenv(ENGINE_ENV, raising=False)
    (data_dir / SETTING_FILE).write_text(content, encoding="utf-8")
    result = runner.invoke(app, ["search", "thi hành án", "--data", str(data_dir)])
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1 and SETTING_FILE in result.stderr
    # through the console script, any command that opens the folder says the same, no traceback
    proc = subprocess.run(
        [sys.executable, "-c", "from search_api.cli import main; main()", "list"],
        env={"CAMNANG_DATA": str(data_dir), "PATH": ""},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1


def test_unknown_engine_on_the_command_line_is_refused(data_dir):
    for args in (["search", "x", "--engine", "lucene"], ["reindex", "--engine", "lucene"]):
        result = runner.invoke(app, [*args, "--data", str(data_dir)])
        assert result.exit_code == 2 and "unknown search engine 'lucene'" in result.stderr
    result = runner.invoke(app, ["serve", "--engine", "lucene", "--data", str(data_dir)])
    assert result.exit_code == 2 and "unknown search engine" in result.stderr


# -- bench perf over several engines ------------------------------------------------------


@pytest.fixture
def small_corpus(tmp_path):
    laws = json.loads(shared_path("bench", "phapdien", "thads_law.json").read_text("utf-8"))
    small = [law for law in laws if law["id"] == "03/2012/TTLT-BTP-BCA"]
    path = tmp_path / "law.json"
    path.write_text(json.dumps(small, ensure_ascii=False), "utf-8")
    return path


OPTIONS = ("--no-baseline", "--jobs", "2", "--json")


def test_bench_perf_measures_each_engine_in_one_run(small_corpus):
    result = runner.invoke(
        app,
        ["bench", "perf", "--corpus", str(small_corpus), "--engine", "whoosh,tantivy", *OPTIONS],
    )
    assert result.exit_code == 0, result.output
    lines = [json.loads(x) for x in result.stdout.splitlines() if x.strip()]
    assert [x["engine"] for x in lines] == ["whoosh", "tantivy"]
    for figures in lines:
        assert figures["articles"] == 13 and figures["jobs"] == 2
        assert 0 < figures["query_p50_ms"] <= figures["query_p95_ms"] <= figures["query_p99_ms"]


def test_bench_perf_reports_how_far_a_timed_out_build_got(small_corpus):
    result = runner.invoke(
        app,
        ["bench", "perf", "--corpus", str(small_corpus), "--timeout", "0.01", *OPTIONS],
    )
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout.splitlines()[-1])
    assert figures["timed_out"] is True and figures["articles_read"] >= 0


def test_facet_counts_are_exact_across_segments_with_many_values(tmp_path):
    """A value that is rare in each segment (one commit each) but the most frequent overall:
    its count is the true one, as in the Whoosh engine, not missing because each segment cut
    its many values down before they were summed (Tantivy's default cut was ten times the
    values asked for)."""
    engines = {
        name: make_engine(name, tmp_path / name, field_specs(), k1=0.8)
        for name in ("whoosh", "tantivy")
    }
    for segment in range(4):
        values = ["everywhere"] + [f"s{segment}-v{i}" for i in range(150) for _ in range(2)]
        records = [
            Record(f"{segment}-{i}", f"{segment}-{i}", {"body": ["án"]}, keywords={"document": [v]})
            for i, v in enumerate(values)
        ]
        for engine in engines.values():
            engine.add(records)
            engine.commit()
    for name, engine in engines.items():
        found = engine.search(
            Request(should=[Term("body", "án")], facets=("document",), facet_limit=3)
        )
        assert found.total == 4 * 301, name
        assert found.facets["document"] == {"everywhere": 4, "s0-v0": 2, "s0-v1": 2}, name
        engine.close()
