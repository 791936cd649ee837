"""Records of real articles: what each text field holds."""

from __future__ import annotations

from index.analysis.chain import GAP
from index.engine import full_text
from index.evaluation.alqac import corpus_units
from index.records import field_specs, record_of
from tests.conftest import shared_path


def _article(law: str, article: str):
    corpus = shared_path("bench", "alqac2024", "law.json")
    return next(u for u in corpus_units(corpus) if (u.law, u.article) == (law, article))


def test_the_body_field_holds_the_heading_then_a_break_then_the_text():
    unit = _article("Luật Tiếp cận thông tin", "6")
    assert unit.heading and unit.text
    text = full_text(record_of(unit).text, field_specs())
    head, body = text["head"], text["body"]
    assert body[: len(head)] == head and body[len(head)] == GAP
    assert text["body_f"][: len(head)] == text["head_f"]
    assert len([t for t in body if t != GAP]) > len(head)


def test_pairs_do_not_join_the_heading_to_the_text():
    unit = _article("Luật Tiếp cận thông tin", "6")
    text = full_text(record_of(unit).text, field_specs())
    last_of_heading = text["head_f"][-1]
    first_of_text = next(t for t in text["body_f"][len(text["head_f"]) + 1 :] if t)
    assert f"{last_of_heading} {first_of_text}" not in text["bi_f"]
    assert f"{text['body_f'][0]} {text['body_f'][1]}" in text["bi_f"]


def test_a_record_holds_exact_terms_and_the_engine_derives_the_rest():
    unit = _article("Luật Tiếp cận thông tin", "6")
    given = record_of(unit).text
    assert set(given) == {"title", "head", "body"}
    derived = {s.name for s in field_specs() if s.folded_of or s.pairs_of}
    assert set(full_text(given, field_specs())) == set(given) | derived
