"""The bars of issue 3, measured on the held-out conclusions (hand labels in labels.json) with
the evaluation of bench/findings.py."""

import importlib.util
import sys
from functools import cache
from pathlib import Path

import pytest

from ingest.pipeline import parse_file
from tests.conftest import ROOT


@cache
def bench():
    spec = importlib.util.spec_from_file_location("bench_findings", ROOT / "bench" / "findings.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_findings"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return bench().build_all(tmp_path_factory.mktemp("heldout"))


@pytest.fixture(scope="module")
def results(built):
    labels = bench().labels()
    return {
        name: bench().evaluate_document(parse_file(path).document, labels[name])
        for name, path in built.items()
    }


def test_every_held_out_conclusion_has_exactly_its_findings_with_exact_boundaries(results):
    assert len(results) >= 6
    for name, result in results.items():
        assert result["kind_ok"], name
        assert (result["found"], result["boundaries_ok"]) == (result["expected"],) * 2, name


def test_header_facts_of_held_out_conclusions(results):
    for name, result in results.items():
        assert all(result["facts"].values()), (name, result["facts"])


def test_citation_precision_and_recall_in_findings(results):
    summary = bench().summarize(results)["citations_in_findings"]
    assert summary["precision"] >= 0.95 and summary["recall"] >= 0.95, summary


def test_citation_precision_and_recall_on_held_out_sentences():
    result = bench().evaluate_sentences()
    assert result["precision"] >= 0.95 and result["recall"] >= 0.95, result
    kept, total = result["unresolved_kept"].split("/")
    assert kept == total


def test_grouping_pairwise_f1(built):
    result = bench().evaluate_grouping(built, bench().labels())
    assert result["f1"] >= 0.8, result


@pytest.mark.slow
def test_scanned_conclusion_findings_f1(built, tmp_path):
    name = bench().SCANNED
    scanned = bench().scan(built[name], tmp_path / f"{name}-scan.pdf")
    doc = parse_file(scanned, ocr="always").document
    assert doc.extra.get("ocr_pages") == doc.source.pages
    result = bench().evaluate_document(doc, bench().labels()[name], fuzzy=True)
    ok, found, expected = result["boundaries_ok"], result["found"], result["expected"]
    precision, recall = ok / found, ok / expected
    assert 2 * precision * recall / (precision + recall) >= 0.9, result


def test_scan_is_an_image_only_pdf(built, tmp_path):
    import pymupdf

    scanned = bench().scan(built[bench().SCANNED], tmp_path / "scan.pdf")
    with pymupdf.open(scanned) as doc:
        assert all(not page.get_text().strip() for page in doc)


def test_labels_cover_what_the_issue_asks(results):
    labels = bench().labels()
    kinds = [f["kind"] for doc in labels.values() for f in doc["findings"]]
    assert len(kinds) >= 30 and len(set(kinds)) >= 10
    assert Path(bench().HELDOUT / "README.md").exists()
