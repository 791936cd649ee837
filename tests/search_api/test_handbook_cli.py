"""`camnang handbook build|draft` on the bundled samples: outputs, unresolved items, --strict."""

from __future__ import annotations

import docx
from typer.testing import CliRunner

from handbook.spec import load_spec
from search_api.cli import app
from tests.conftest import ROOT
from tests.samples_store import samples_data_dir

runner = CliRunner()
EXAMPLE = ROOT / "docs" / "examples" / "cam-nang-xac-minh.yaml"


def run(*args: str):
    return runner.invoke(app, ["handbook", *args, "--data", str(samples_data_dir())])


def test_build_writes_each_format_by_its_suffix(tmp_path):
    for fmt in ("docx", "pdf", "html"):
        out = tmp_path / f"cam-nang.{fmt}"
        result = run("build", str(EXAMPLE), "-o", str(out), "--strict")
        assert result.exit_code == 0, result.output
        assert result.stdout.startswith(f"{out}: 4 sections, 5 quotes, 2 kinds of violation")
        assert out.stat().st_size > 5000
    headings = [p.text for p in docx.Document(tmp_path / "cam-nang.docx").paragraphs]
    assert "Những vi phạm thường gặp" in headings
    assert (tmp_path / "cam-nang.pdf").read_bytes().startswith(b"%PDF-")


def test_unresolved_items_are_reported_and_fail_only_with_strict(tmp_path):
    spec = tmp_path / "spec.yaml"
    spec.write_text(
        "title: T\nas_of: 2024-07-01\nsections:\n  - title: S\n    items:\n"
        "      - cite: khoản 1 Điều 44 Luật THADS\n      - violations: xác minh\n",
        encoding="utf-8",
    )
    out = tmp_path / "t.html"
    lenient = run("build", str(spec), "-o", str(out))
    assert lenient.exit_code == 0 and out.exists()
    assert lenient.stderr.strip() == (
        "camnang: section 1, item 1 (cite 'khoản 1 Điều 44 Luật THADS'): khoản 1 Điều 44 Luật "
        "Thi hành án dân sự số 26/2008/QH12: Luật Thi hành án dân sự số 26/2008/QH12 is not in "
        "the data folder"
    )
    out.unlink()
    strict = run("build", str(spec), "-o", str(out), "--strict")
    assert strict.exit_code == 1 and not out.exists()
    assert strict.stderr.splitlines()[-1] == (
        "camnang: 1 item(s) unresolved; nothing written (--strict)"
    )


def test_bad_input_gets_one_line_per_problem(tmp_path):
    spec = tmp_path / "bad.yaml"
    spec.write_text("title: T\nsections:\n - title: S\n   items:\n    - cit: x\n", "utf-8")
    result = run("build", str(spec), "-o", str(tmp_path / "x.pdf"))
    assert result.exit_code == 1
    assert (
        result.stderr == f"camnang: {spec}: section 1, item 1: has cit; an item needs one of "
        "cite, query, violations, topic, text\n"
    )
    wrong = run("build", str(EXAMPLE), "-o", str(tmp_path / "x.odt"))
    assert wrong.exit_code == 2 and "must end in .docx, .pdf or .html" in wrong.stderr
    missing = run("build", str(tmp_path / "nope.yaml"), "-o", str(tmp_path / "x.pdf"))
    assert missing.exit_code == 1 and "cannot read" in missing.stderr
    date = run("build", str(EXAMPLE), "-o", str(tmp_path / "x.pdf"), "--date", "30/6/2025")
    assert date.exit_code == 2 and "YYYY-MM-DD" in date.stderr


def test_draft_prints_a_spec_that_builds(tmp_path):
    result = run("draft", "xác minh điều kiện thi hành án")
    assert result.exit_code == 0
    spec = load_spec(result.stdout)
    assert [s.title for s in spec.sections] == [
        "Những vi phạm thường gặp",
        "Kinh nghiệm từ các chuyên đề",
    ]
    assert "#   khoản 1 Điều 44 Luật Thi hành án dân sự số 26/2008/QH12" in result.stdout
    path = tmp_path / "spec.yaml"
    assert run("draft", "xác minh", "-o", str(path)).exit_code == 0
    built = run("build", str(path), "-o", str(tmp_path / "d.docx"), "--strict")
    assert built.exit_code == 0, built.stderr
    nothing = run("draft", "zzqqxx")
    assert nothing.exit_code == 1 and "nothing in the data folder about 'zzqqxx'" in nothing.stderr
