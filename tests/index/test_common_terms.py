"""Free-text terms found in most records are left out of a search: on real law articles, a
record holding only such a word of a question no longer matches it, and a query made of common
words still finds articles (through the fields and pairs where they are not common)."""

from __future__ import annotations

import itertools

import pytest

import index.query
from index.engine import Phrase, Term
from index.evaluation.alqac import corpus_units
from index.query import COMMON_MIN_RECORDS, without_common
from index.service import SearchIndex
from tests.conftest import shared_path

ARTICLES = 1500


def _frequency(table: dict[str, int]):
    return lambda field, term: table.get(term, 0)


def test_a_term_in_more_than_half_the_records_is_left_out():
    clauses = [
        Term("body", "của"),
        Term("body", "thừa"),
        Term("body_f", "nua"),
        Phrase("body", ("có", "thể")),
    ]
    frequency = _frequency({"của": 15_001, "thừa": 40, "nua": 15_000, "có": 29_999})
    assert without_common(clauses, frequency, 30_000) == clauses[1:]


def test_nothing_is_left_out_of_a_small_index_or_when_every_term_is_common():
    clauses = [Term("body", "của"), Term("body", "và")]
    small = COMMON_MIN_RECORDS - 1
    assert without_common(clauses, _frequency({"của": small}), small) == clauses
    everywhere = _frequency({"của": 20_000, "và": 20_000})
    assert without_common(clauses, everywhere, 20_000) == clauses


@pytest.fixture(scope="module", params=["whoosh", "tantivy"])
def laws(request, tmp_path_factory):
    """The first articles of the Pháp điển corpus (many laws), indexed by each engine."""
    corpus = shared_path("bench", "phapdien", "all_law.json.gz")
    index = SearchIndex(tmp_path_factory.mktemp(request.param), engine=request.param)
    index.add_units(itertools.islice(corpus_units(corpus), ARTICLES))
    index.commit()
    yield index
    index.close()


def _share(index: SearchIndex, term: str) -> float:
    return index.engine.doc_frequency("body", term) / index.engine.doc_count()


@pytest.fixture
def fewer_records(monkeypatch):
    """The rule from 1,000 records, so that both engines index few enough articles quickly."""
    monkeypatch.setattr(index.query, "COMMON_MIN_RECORDS", 1000)


def test_a_record_with_only_the_common_word_of_a_question_is_not_found(laws, fewer_records):
    assert laws.engine.doc_count() == ARTICLES >= index.query.COMMON_MIN_RECORDS
    assert _share(laws, "của") > 0.5 and _share(laws, "phát") < 0.5
    holding = laws.engine.doc_frequency("body", "của")
    found = laws.search("thừa phát lại của tống đạt", limit=20)
    assert 0 < found.total < holding


def test_with_the_rule_off_every_record_with_the_common_word_is_found(laws, monkeypatch):
    monkeypatch.setattr(index.query, "COMMON_MIN_RECORDS", ARTICLES + 1)
    found = laws.search("thừa phát lại của tống đạt", limit=20)
    assert found.total >= laws.engine.doc_frequency("body", "của")


def test_a_query_of_common_words_only_still_finds_articles(laws, fewer_records):
    assert _share(laws, "của") > 0.5 and _share(laws, "và") > 0.5
    found = laws.search("của và", limit=5)
    assert found.total > 0 and found.hits
