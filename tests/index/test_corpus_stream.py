"""Corpus files read law by law: the same laws as reading the whole file, gzipped or not, at any
buffer size, and a clear one-line error for a file that is not a JSON list of laws."""

from __future__ import annotations

import gzip
import json

import pytest

import index.evaluation.alqac as alqac
from index.evaluation.alqac import BenchFileError, corpus_units, iter_laws, read_json
from tests.conftest import shared_path


def test_the_laws_are_those_of_the_whole_file_plain_or_gzipped():
    for name in ("thads_law.json", "all_law.json.gz"):
        path = shared_path("bench", "phapdien", name)
        assert list(iter_laws(path)) == read_json(path), name


def test_laws_cut_by_the_buffer_anywhere_are_read_whole(monkeypatch, tmp_path):
    path = shared_path("bench", "phapdien", "thads_law.json")
    laws = read_json(path)
    spaced = tmp_path / "spaced.json.gz"
    with gzip.open(spaced, "wt", encoding="utf-8") as out:  # whitespace between the laws too
        out.write(
            " [\n" + " ,\n\t".join(json.dumps(law, ensure_ascii=False) for law in laws) + "\n]\n"
        )
    for chunk in (1, 7, 4096):
        monkeypatch.setattr(alqac, "READ_CHUNK", chunk)
        assert list(iter_laws(path)) == laws, chunk
        assert list(iter_laws(spaced)) == laws, chunk


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ('{"id": "x"}', "a corpus is a JSON list of laws"),
        ("", "the list is not closed"),
        ('[{"id": "a", "articles": []}', "the list is not closed"),
        ('[{"id": "a", "articles": []} {"id": "b"}]', "expected , between laws"),
        ('[{"id": "a", "articles": [}]', "not readable JSON (a law)"),
    ],
)
def test_a_file_that_is_not_a_list_of_laws_fails_with_one_line(tmp_path, content, reason):
    path = tmp_path / "bad.json"
    path.write_text(content, "utf-8")
    with pytest.raises(BenchFileError) as err:
        list(corpus_units(path))
    assert reason in str(err.value) and "\n" not in str(err.value)


def test_a_truncated_gzip_and_a_missing_file_fail_with_one_line(tmp_path):
    path = shared_path("bench", "phapdien", "all_law.json.gz")
    cut = tmp_path / "cut.json.gz"
    cut.write_bytes(path.read_bytes()[:200_000])
    with pytest.raises(BenchFileError, match="not readable JSON"):
        list(iter_laws(cut))
    with pytest.raises(BenchFileError, match="no such file"):
        list(iter_laws(tmp_path / "absent.json"))
