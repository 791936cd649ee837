"""The strings the Tantivy engine indexes: derived fields made natively are the ones the Python
analysis makes, on real articles and on the characters the native loops leave to Python."""

from __future__ import annotations

import itertools
import unicodedata

import pytest

from index.engine import full_text
from index.evaluation.alqac import corpus_units
from index.records import field_specs, record_of
from index.tantivy_text import _natively, field_strings, fold_table, joined
from tests.conftest import shared_path

SPECS = field_specs()
DERIVED = [s for s in SPECS if s.folded_of or s.pairs_of]


def _in_python(text: dict[str, list[str]]) -> dict[str, str]:
    return {name: joined(terms) for name, terms in full_text(text, SPECS).items()}


@pytest.mark.parametrize(
    "corpus",
    [("bench", "phapdien", "all_law.json.gz"), ("bench", "alqac2024", "law.json")],
    ids=["phapdien", "alqac2024"],
)
def test_native_fields_are_the_python_analysis_on_real_articles(corpus):
    units = itertools.islice(corpus_units(shared_path(*corpus)), 4000)
    checked = 0
    for unit in units:
        text = record_of(unit).text
        native = _natively(text, DERIVED)
        assert native is not None, unit.key
        assert native == _in_python(text), unit.key
        checked += 1
    assert checked >= 1000


def test_every_derived_field_is_made():
    unit = next(corpus_units(shared_path("bench", "alqac2024", "law.json")))
    names = dict(field_strings(record_of(unit).text, SPECS))
    assert {"title_f", "head_f", "body_f", "bi_f"} <= names.keys()
    assert "_" in names["bi_f"] and "|" not in names["bi_f"]


@pytest.mark.parametrize(
    "odd",
    [
        "\u0301",  # a stray combining mark: its term folds to nothing
        "한국",  # Hangul: a syllable folds to several jamo
        "𝐀",  # beyond the fold table
    ],
    ids=["mark", "hangul", "astral"],
)
def test_characters_the_native_loops_leave_are_analyzed_in_python(odd):
    text = {"title": ["luật"], "body": ["điều", "1", "", odd, "thi", "hành", "án"]}
    assert _natively(text, DERIVED) is None
    assert dict(field_strings(text, SPECS)) == _in_python(text)


def test_the_fold_table_folds_each_character_as_the_analysis_does():
    table = fold_table()
    for ch in "ĐđƯưƠơÂâĂăÊêÔô" + "ạảãàáấầẩẫậắằẳẵặẹẻẽèéếềểễệịỉĩìíọỏõòóốồổỗộớờởỡợụủũùúứừửữựỵỷỹỳý":
        folded = unicodedata.normalize("NFD", ch)[0].replace("đ", "d").replace("Đ", "D")
        assert chr(table[ord(ch)]) == folded, ch
    assert table[ord(" ")] == ord(" ") and table[ord("|")] == ord("|")
    assert table[0x0301] == -1 and table[ord("한")] == -1
