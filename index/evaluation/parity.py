"""Engine parity: the same corpus and queries through two engines, compared hit by hit.

For each query both engines return their top 10 (through the whole product path: query reading,
citations, ranking weights); the overlap is the share of one engine's top 10 that the other also
returns, and each engine's R@10 and MRR@10 are scored against the gold articles.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from index.evaluation.alqac import BenchQuery
from index.evaluation.retrieval import Ranked, Scores, run_queries, score
from index.service import SearchIndex


@dataclass(slots=True)
class Parity:
    queries: int
    overlap_at_10: float
    """Mean over queries of |top10(a) ∩ top10(b)| / max(|top10(a)|, |top10(b)|) (1 when both
    are empty)."""
    same_top1: float
    a: Scores
    b: Scores

    def to_dict(self) -> dict[str, object]:
        return {
            "queries": self.queries,
            "overlap@10": round(self.overlap_at_10, 4),
            "same_top1": round(self.same_top1, 4),
            "a": self.a.to_dict(),
            "b": self.b.to_dict(),
        }


def overlap(a: Ranked, b: Ranked, k: int = 10) -> float:
    top_a, top_b = set(a[:k]), set(b[:k])
    if not top_a and not top_b:
        return 1.0
    return len(top_a & top_b) / max(len(top_a), len(top_b))


def compare(a: SearchIndex, b: SearchIndex, queries: Sequence[BenchQuery]) -> Parity:
    """Run `queries` on both indexes (built from the same corpus) and compare."""
    runs_a = run_queries(a, queries)
    runs_b = run_queries(b, queries)
    n = len(queries)
    overlaps = [overlap(ra, rb) for (_, ra), (_, rb) in zip(runs_a, runs_b, strict=True)]
    same = [ra[:1] == rb[:1] for (_, ra), (_, rb) in zip(runs_a, runs_b, strict=True)]
    return Parity(
        queries=n,
        overlap_at_10=sum(overlaps) / n if n else 1.0,
        same_top1=sum(same) / n if n else 1.0,
        a=score(runs_a),
        b=score(runs_b),
    )
