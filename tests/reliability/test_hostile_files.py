"""Hostile files, built from real ones, each fail alone in one line (or are read where they are
legitimately readable), in bounded time and memory, and the rest of the batch is ingested.

The cases already in tests/ingest/test_bad_input.py (empty, truncated, encrypted, lying
extension, random bytes, zip bombs by ratio and total) are only run here as part of the whole
batch through `camnang ingest --json`; the new ones also get a focused test.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ingest import detect, workers
from ingest.errors import IngestError
from ingest.pipeline import parse_file, path_text, sha256_of
from ingest.workers import parse_many
from search_api.library import Library
from tests.conftest import SAMPLES, shared_path
from tests.fixtures import hostile
from tests.reliability.runner import camnang, ingest_measured

SECONDS_PER_FILE = 120.0
PEAK_BYTES = 1536 * 2**20
"""Generous bounds for one file: camnang and its worker together, shared pages counted twice."""


def _sources() -> hostile.Sources:
    return hostile.real_sources(shared_path("corpus"), SAMPLES)


def _pdf() -> Path:
    return _sources().pdf


def _docx() -> Path:
    return _sources().docx


def _text() -> Path:
    return _sources().text


def _reason(path: Path) -> str:
    with pytest.raises(IngestError) as caught:
        parse_file(path)
    reason = str(caught.value)
    assert "\n" not in reason and 0 < len(reason) < 300 and "Traceback" not in reason
    return reason


@pytest.mark.parametrize("part", ["word/document.xml", "word/main.bin"])
def test_an_entity_bomb_is_refused_whatever_its_part_is_called(tmp_path: Path, part: str) -> None:
    bomb = tmp_path / "laughs.docx"
    hostile.entity_bomb_docx(_docx(), bomb, part=part)
    assert _reason(bomb) == (
        f"refused: DOCX part '{part}' declares a DTD (XML entities are not allowed)"
    )


def test_an_svg_image_with_a_doctype_does_not_refuse_a_docx(tmp_path: Path) -> None:
    import zipfile

    with_svg = tmp_path / "svg.docx"
    with zipfile.ZipFile(_docx()) as zin, zipfile.ZipFile(with_svg, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "[Content_Types].xml":
                data = data.replace(
                    b"</Types>", b'<Default Extension="svg" ContentType="image/svg+xml"/></Types>'
                )
            zout.writestr(info, data)
        zout.writestr(
            "word/media/logo.svg", b'<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN"><svg/>'
        )
    assert parse_file(with_svg).document.number == parse_file(_docx()).document.number


def test_bit_flipped_files_are_read_or_refused_in_one_line(tmp_path: Path) -> None:
    files = []
    for seed in range(1, 7):
        for src in (_pdf(), _docx()):
            path = tmp_path / f"flipped{seed}{src.suffix}"
            hostile.bit_flipped(src, path, flips=16 * seed, seed=seed)
            files.append(path)
    outcomes = list(parse_many(files, jobs=2))  # in workers: a crash in MuPDF fails one file
    assert sorted(o.path for o in outcomes) == sorted(files)
    for o in outcomes:
        if o.error is not None:
            assert "\n" not in o.error and 0 < len(o.error) < 300, o.error
        else:
            assert o.parsed.document.source.sha256 == sha256_of(o.path)


def test_text_past_the_bound_is_refused_unread_and_below_it_accepted(tmp_path: Path) -> None:
    over = tmp_path / "over.txt"
    hostile.big_text(_text(), over, detect.MAX_TEXT_BYTES + 1)
    assert _reason(over) == (
        "text file is 8 MB, over the 8 MB limit for text, Markdown and HTML files: "
        "split it into parts"
    )
    under = tmp_path / "under.md"
    hostile.big_text(_text(), under, detect.MAX_TEXT_BYTES)
    assert detect.detect_format(under) == "md"


def test_paths_are_shown_as_one_line_of_valid_text() -> None:
    assert path_text("/a/Quyết định.pdf") == "/a/Quyết định.pdf"
    assert path_text("dòng một\ndòng hai.pdf") == "dòng một\\ndòng hai.pdf"
    raw = os.fsdecode(hostile.CP1258_NAME)
    assert path_text(raw) == "Quy\\xea\\xect \\xf0i\\xf2nh s\\xf4\\xec 12.docx"
    assert path_text(raw).encode("utf-8")


def test_odd_file_names_are_ingested_and_reported_in_one_line(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    cases = list(hostile.odd_named(_sources().named, folder))
    run = ingest_measured([c.path for c in cases], tmp_path / "data")
    assert run.returncode == 0, run.stderr
    assert [f.line["path"] for f in run.files] == [path_text(c.path) for c in cases]
    assert {f.line["status"] for f in run.files} == {"ingested"}
    with Library(tmp_path / "data") as library:
        paths = {library.get(f.line["doc_id"]).source.path for f in run.files}
    assert paths == {path_text(c.path) for c in cases}


@pytest.mark.slow
def test_the_hostile_batch_fails_file_by_file_and_the_rest_is_ingested(tmp_path: Path) -> None:
    src = _sources()
    cases = hostile.hostile_batch(tmp_path / "in", src.pdf, src.docx, src.text, src.named)
    good = src.good
    order = [*good[:2], *(c.path for c in cases), *good[2:]]
    data = tmp_path / "data"
    run = ingest_measured(order, data, jobs=1)

    assert run.returncode == 1
    assert len(run.files) == len(order)
    expect = {path_text(c.path): c for c in cases}
    failures = []
    for f in run.files:
        line = f.line
        assert f.seconds < SECONDS_PER_FILE, (line["path"], f.seconds)
        assert f.peak_rss < PEAK_BYTES, (line["path"], f.peak_rss)
        case = expect.get(line["path"])
        if case is None:
            assert line["status"] == "ingested", line
            continue
        if case.expect == "ingested" or (case.expect == "either" and line["error"] is None):
            assert line["status"] == "ingested" and line["doc_id"], (case.name, line)
        else:
            assert line["status"] == "failed" and line["doc_id"] is None, (case.name, line)
            error = line["error"]
            assert "\n" not in error and 0 < len(error) < 300, (case.name, error)
            assert case.reason in error, (case.name, error)
            failures.append(f"camnang: {line['path']}: {error}")
    assert run.stderr.splitlines() == failures
    assert run.peak_rss < workers.MEMORY_LIMIT

    ingested = {f.line["doc_id"] for f in run.files if f.line["status"] == "ingested"}
    with Library(data) as library:
        assert set(library.store.ids()) == ingested
    check = camnang("check", "--data", str(data))
    assert check.returncode == 0, check.stdout + check.stderr
