"""docs/examples: the example handbook is reproducible from its spec over the bundled samples
(the same content in each format; the bytes may differ)."""

from __future__ import annotations

import datetime as dt

import pymupdf
import pytest

from handbook.compile import compile_handbook
from handbook.export import export
from handbook.spec import load_spec
from search_api.library import Library
from tests.conftest import ROOT
from tests.handbook.exports import docx_document, html_text, norm

EXAMPLES = ROOT / "docs" / "examples"
NAME = "cam-nang-xac-minh"
DATE = dt.date(2025, 6, 30)
"""The `--date` the example was built with (docs/examples/README.md)."""


@pytest.fixture(scope="module")
def rebuilt(samples_data):
    spec = load_spec((EXAMPLES / f"{NAME}.yaml").read_bytes())
    with Library(samples_data) as library:
        book = compile_handbook(spec, library.store, library, today=DATE)
    assert not book.problems, book.problems
    return book


def docx_content(data: bytes) -> list[str]:
    doc = docx_document(data)
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return [f"{p.style.name}: {p.text}" for p in doc.paragraphs] + cells


def pdf_content(data: bytes) -> list[str]:
    return [norm(page.get_text()) for page in pymupdf.open(stream=data, filetype="pdf")]


def test_the_example_quotes_violations_findings_and_the_topic(rebuilt):
    kinds = [q.kind for q in rebuilt.quotes()]
    assert kinds.count("finding") == 3 and kinds.count("section") == 2
    (table,) = rebuilt.tables()
    assert table.rows[0].label == "Xác minh điều kiện thi hành án" and table.rows[0].count == 3


@pytest.mark.parametrize("fmt", ["docx", "pdf", "html"])
def test_the_committed_files_are_what_the_spec_builds(rebuilt, fmt):
    committed = (EXAMPLES / f"{NAME}.{fmt}").read_bytes()
    fresh = export(rebuilt, fmt)
    if fmt == "docx":
        assert docx_content(committed) == docx_content(fresh)
    elif fmt == "pdf":
        assert pdf_content(committed) == pdf_content(fresh)
    else:
        assert html_text(committed.decode("utf-8"))[0] == html_text(fresh.decode("utf-8"))[0]
