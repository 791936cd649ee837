"""Tantivy's facet counts by value code: exact, ties broken by value as in the Whoosh engine,
and right when two values share a code or the cache of named codes starts again."""

from __future__ import annotations

import pytest

import index.tantivy_counts as counts_module
import index.tantivy_engine as engine_module
from index.engine import Record, Request, Term
from index.engines import make_engine
from index.records import field_specs


def _engines(tmp_path, batches: list[list[Record]]):
    engines = {
        name: make_engine(name, tmp_path / name, field_specs(), k1=0.8)
        for name in ("whoosh", "tantivy")
    }
    for records in batches:
        for engine in engines.values():
            engine.add(records)
            engine.commit()
    return engines


def _records(prefix: str, values: list[str]) -> list[Record]:
    return [
        Record(f"{prefix}-{i}", f"{prefix}-{i}", {"body": ["án"]}, keywords={"document": [v]})
        for i, v in enumerate(values)
    ]


def _facets(engine, limit: int) -> dict[str, int]:
    request = Request(should=[Term("body", "án")], facets=("document",), facet_limit=limit)
    return engine.search(request).facets["document"]


def test_values_tied_at_the_cut_are_the_first_by_value_as_in_whoosh(tmp_path):
    """Forty values counted once, in three segments: the two shown after the most frequent are
    the first two by value, however Tantivy orders the tied codes it returns."""
    tied = [f"v{i:02d}" for i in range(40)]
    batches = [_records(f"s{s}", ["top", *tied[s::3]]) for s in range(3)]
    engines = _engines(tmp_path, batches)
    for name, engine in engines.items():
        assert _facets(engine, 3) == {"top": 3, "v00": 1, "v01": 1}, name
        assert _facets(engine, 40) == {"top": 3, **{v: 1 for v in tied[:39]}}, name
        engine.close()


def test_two_values_sharing_a_code_are_counted_apart(tmp_path, monkeypatch):
    real = counts_module.value_code

    def colliding(value: str) -> int:
        return 7 if value in ("b", "c") else real(value)

    monkeypatch.setattr(counts_module, "value_code", colliding)
    monkeypatch.setattr(engine_module, "value_code", colliding)
    engines = _engines(tmp_path, [_records("x", ["a", "b", "b", "c", "c", "c"])])
    for name, engine in engines.items():
        assert _facets(engine, 10) == {"c": 3, "b": 2, "a": 1}, name
        engine.close()


def test_codes_are_named_again_after_the_cache_starts_over(tmp_path, monkeypatch):
    """Each search fetches at least ten codes; a cache of twelve fills, starts over and fills
    again, and the counts stay those of the Whoosh engine."""
    monkeypatch.setattr(counts_module, "NAMED_CACHE_LIMIT", 12)
    values = [f"d{i:02d}" for i in range(30) for _ in range(i + 1)]
    engines = _engines(tmp_path, [_records("x", values)])
    tantivy = engines["tantivy"]
    for limit in (2, 5, 6, 8, 2, 30):
        assert _facets(tantivy, limit) == _facets(engines["whoosh"], limit), limit
        assert len(tantivy._facet_counter._named) <= 12
    for engine in engines.values():
        engine.close()


@pytest.mark.parametrize("value", ["", "Nghị định 62/2015/NĐ-CP", "đ" * 300])
def test_a_value_code_is_a_fixed_unsigned_64_bit_number(value):
    code = counts_module.value_code(value)
    assert 0 <= code < 2**64
    assert code == counts_module.value_code(value)
