"""Retrieval quality: index a bench corpus with the product's analysis and engine, run queries.

Recall@k is the share of a query's relevant articles in its top k, averaged over queries;
MRR@10 the reciprocal rank of the first relevant article within the top 10.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from index.engines import DEFAULT_ENGINE
from index.evaluation.alqac import BenchQuery, corpus_units
from index.ranking import Weights
from index.service import SearchIndex

Ranked = list[tuple[str, str]]


@dataclass(slots=True)
class Scores:
    queries: int
    recall_at_1: float
    recall_at_5: float
    recall_at_10: float
    mrr_at_10: float

    def to_dict(self) -> dict[str, float | int]:
        return {
            "queries": self.queries,
            "recall@1": round(self.recall_at_1, 4),
            "recall@5": round(self.recall_at_5, 4),
            "recall@10": round(self.recall_at_10, 4),
            "mrr@10": round(self.mrr_at_10, 4),
        }


def score(runs: Sequence[tuple[BenchQuery, Ranked]]) -> Scores:
    n = len(runs)
    if n == 0:
        return Scores(0, 0.0, 0.0, 0.0, 0.0)
    r1 = r5 = r10 = mrr = 0.0
    for q, ranked in runs:
        gold = q.relevant
        for k, acc in ((1, "r1"), (5, "r5"), (10, "r10")):
            share = len(gold & set(ranked[:k])) / len(gold) if gold else 0.0
            if acc == "r1":
                r1 += share
            elif acc == "r5":
                r5 += share
            else:
                r10 += share
        for rank, item in enumerate(ranked[:10], start=1):
            if item in gold:
                mrr += 1.0 / rank
                break
    return Scores(n, r1 / n, r5 / n, r10 / n, mrr / n)


def build_index(
    corpus: Path | str,
    folder: Path,
    engine: str = DEFAULT_ENGINE,
    weights: Weights | None = None,
    **engine_options: int,
) -> tuple[SearchIndex, int, float]:
    """Index a corpus file in `folder`; return the index, its unit count and seconds taken."""
    started = time.perf_counter()
    index = SearchIndex(folder, engine=engine, weights=weights, **engine_options)
    n = index.add_units(corpus_units(corpus))
    index.commit()
    return index, n, time.perf_counter() - started


def run_queries(
    index: SearchIndex, queries: Sequence[BenchQuery], limit: int = 10
) -> list[tuple[BenchQuery, Ranked]]:
    runs = []
    for q in queries:
        result = index.search(q.text, limit=limit, facets=(), snippets=False)
        runs.append((q, [(h.law or "", h.article or "") for h in result.hits]))
    return runs


def evaluate(
    corpus: Path | str,
    queries: Sequence[BenchQuery],
    engine: str = DEFAULT_ENGINE,
    weights: Weights | None = None,
    progress: Callable[[str], None] | None = None,
) -> Scores:
    """Index `corpus` in a temporary folder and score `queries` against it."""
    with tempfile.TemporaryDirectory(prefix="camnang-bench-") as tmp:
        index, n, seconds = build_index(corpus, Path(tmp), engine=engine, weights=weights)
        if progress:
            progress(f"indexed {n} articles in {seconds:.1f} s")
        try:
            return score(run_queries(index, queries))
        finally:
            index.close()
