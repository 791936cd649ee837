"""Records of real articles: what each text field holds."""

from __future__ import annotations

from index.analysis.chain import GAP
from index.evaluation.alqac import corpus_units
from index.records import record_of
from tests.conftest import shared_path


def _article(law: str, article: str):
    corpus = shared_path("bench", "alqac2024", "law.json")
    return next(u for u in corpus_units(corpus) if (u.law, u.article) == (law, article))


def test_the_body_field_holds_the_heading_then_a_break_then_the_text():
    unit = _article("Luật Tiếp cận thông tin", "6")
    assert unit.heading and unit.text
    rec = record_of(unit)
    head, body = rec.text["head"], rec.text["body"]
    assert body[: len(head)] == head and body[len(head)] == GAP
    assert rec.text["body_f"][: len(head)] == rec.text["head_f"]
    assert len([t for t in body if t != GAP]) > len(head)


def test_pairs_do_not_join_the_heading_to_the_text():
    unit = _article("Luật Tiếp cận thông tin", "6")
    rec = record_of(unit)
    last_of_heading = rec.text["head_f"][-1]
    first_of_text = next(t for t in rec.text["body_f"][len(rec.text["head_f"]) + 1 :] if t)
    assert f"{last_of_heading} {first_of_text}" not in rec.text["bi_f"]
