"""`camnang violations`, `camnang cited-by` and the findings part of `camnang show --json`."""

import json

from typer.testing import CliRunner

from search_api.cli import app
from tests.samples_store import samples_data_dir

runner = CliRunner()


def run(*args):
    return runner.invoke(app, [*args, "--data", str(samples_data_dir())])


def lines(result):
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_violations_json_is_one_group_per_line_most_frequent_first():
    result = run("violations", "--json")
    assert result.exit_code == 0
    groups = lines(result)
    assert [g["count"] for g in groups] == sorted((g["count"] for g in groups), reverse=True)
    top = groups[0]
    assert {"group_id", "label", "category", "count", "documents", "findings", "refs"} <= top.keys()
    assert top["count"] == len(top["findings"]) == 3 and top["documents"] == 3
    assert top["refs"][0]["citation"].endswith("Luật Thi hành án dân sự số 26/2008/QH12")


def test_violations_filters():
    by_category = lines(run("violations", "--json", "--category", "khieu nai"))
    assert {g["category"] for g in by_category} == {"khiếu nại và tố cáo"}
    by_year = lines(run("violations", "--json", "--year", "2021"))
    assert {f["doc_id"] for g in by_year for f in g["findings"]} == {"09-kl-cthads-2021"}
    by_unit = lines(run("violations", "--json", "--unit", "Vĩnh Lạc"))
    assert {f["doc_id"] for g in by_unit for f in g["findings"]} == {"33-kl-ttr-2025"}
    by_text = lines(run("violations", "--json", "--text", "vat chung"))
    assert [g["category"] for g in by_text] == ["vật chứng và tài sản tạm giữ"]


def test_violations_plain_output_and_a_bad_category():
    result = run("violations")
    assert (
        result.exit_code == 0
        and "[xác minh điều kiện thi hành án]" in result.stdout.splitlines()[0]
    )
    bad = run("violations", "--category", "nope")
    assert bad.exit_code == 2
    assert bad.stderr.count("\n") == 1 and "unknown category" in bad.stderr


def test_show_json_has_findings_with_refs_case_files_and_the_inspected_unit():
    result = run("show", "12-kl-cthads-2023", "--json")
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert doc["inspected_unit"] == "Chi cục Thi hành án dân sự huyện Yên Hòa"
    first = doc["findings"][0]
    assert first["n"] == "1" and first["case_files"] == ["215/QĐ-CCTHADS", "233/QĐ-CCTHADS"]
    ref = first["refs"][0]
    assert {k: ref[k] for k in ("law", "article", "clause", "point")} == {
        "law": "26/2008/QH12",
        "article": "36",
        "clause": "1",
        "point": None,
    }
    assert ref["text"] == "khoản 1 Điều 36 Luật Thi hành án dân sự"
    assert ref["status"] == "external"  # the law itself is not in this data folder


def test_cited_by_of_a_document_nobody_cites_and_of_a_missing_one():
    assert run("cited-by", "12-kl-cthads-2023").stdout == ""
    missing = run("cited-by", "nope")
    assert missing.exit_code == 1 and "no document" in missing.stderr
