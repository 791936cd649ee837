"""Ranking: the weights that turn a parsed query into scored engine clauses.

The clause weights are tuned on the dev sets by `bench/tune_weights.py` (coordinate ascent on
MRR@10 + R@10/2 over half of each set, checked on the other half), BM25 `k1` and `b` by
`bench/grid_bm25.py`; the result is `index/data/weights.json`. The defaults here are the
untuned starting point.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields
from functools import cache
from pathlib import Path

WEIGHTS_PATH = Path(__file__).resolve().parent / "data" / "weights.json"


@dataclass(frozen=True, slots=True)
class Weights:
    """Boosts of each field's BM25 and of the query's derived clauses."""

    title: float = 0.3
    head: float = 1.0
    body: float = 1.0
    bi: float = 1.0
    """Adjacent pairs (folded): rewards the query's words used together."""
    folded: float = 0.3
    """In a query with diacritics, the folded twins' weight relative to the exact fields."""
    expansion: float = 0.5
    """An abbreviation's or synonym's terms, relative to the words typed."""
    phrase: float = 2.0
    """A quoted phrase (required) adds this boost × its BM25."""
    proximity: float = 0.0
    """The head of a result re-ranked by how close together a unit uses the query's words
    (`index.rerank`): this × the top score × the best window's share of the query."""
    k1: float = 1.2
    b_body: float = 0.75
    b_head: float = 0.5
    b_title: float = 0.3
    b_bi: float = 0.75

    def length_norms(self) -> dict[str, float]:
        return {"title": self.b_title, "head": self.b_head, "body": self.b_body, "bi": self.b_bi}

    def replace(self, **changes: float) -> Weights:
        return Weights(**{**asdict(self), **changes})

    def to_dict(self) -> dict[str, float]:
        return asdict(self)


def load_weights(path: Path | None = None) -> Weights:
    path = path or WEIGHTS_PATH
    if not path.exists():
        return Weights()
    data = json.loads(path.read_text(encoding="utf-8"))
    known = {f.name for f in fields(Weights)}
    return Weights(**{k: float(v) for k, v in data.items() if k in known})


@cache
def default_weights() -> Weights:
    return load_weights()
