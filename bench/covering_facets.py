"""Counting and faceting over `covering_clauses` against over every clause (Tantivy engine).

Opens (or builds) a Tantivy index of a corpus and, for each query of the perf set, times the
engine's facet aggregation over the whole query and over its covering clauses, checking that
the counts are identical. Prints clause counts and milliseconds per query, then the totals.

    .venv/bin/python bench/covering_facets.py --corpus ../shared/bench/phapdien/all_law.json.gz \
        --index /tmp/camnang-tv41k
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import tantivy  # noqa: E402

from index.evaluation.perf import perf_queries  # noqa: E402
from index.query import covering_clauses, parse_query, scored_clauses  # noqa: E402
from index.records import FACETS  # noqa: E402
from index.service import SearchIndex  # noqa: E402

ROUNDS = 5


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--index", type=Path, required=True)
    args = parser.parse_args()
    index = SearchIndex(args.index, engine="tantivy")
    if index.engine.doc_count() == 0:
        from index.evaluation.alqac import corpus_units

        index.add_units(corpus_units(args.corpus), jobs=2)
        index.commit()
    engine = index.engine
    searcher = engine.ix.searcher()
    aggs = {name: {"terms": {"field": name, "size": 20}} for name in FACETS}
    should_occur = tantivy.Occur.Should
    whole_ms = covered_ms = 0.0
    print(f"{engine.doc_count()} records; ms per aggregation, best of {ROUNDS}")
    for text in perf_queries():
        clauses = scored_clauses(parse_query(text), index.weights)
        if not clauses:
            continue
        whole = tantivy.Query.boolean_query(
            [(should_occur, q) for c in clauses for q in engine._scored(c, searcher)]
        )
        cover = covering_clauses(clauses)
        covered = tantivy.Query.boolean_query([(should_occur, engine._unscored(c)) for c in cover])
        times = []
        for query in (whole, covered):
            best = float("inf")
            for _ in range(ROUNDS):
                started = time.perf_counter()
                found = searcher.aggregate(query, aggs)
                best = min(best, time.perf_counter() - started)
            times.append((best * 1000, found))
        (t_whole, a), (t_cover, b) = times
        if a != b:
            raise SystemExit(f"counts differ for {text!r}")
        whole_ms += t_whole
        covered_ms += t_cover
        print(
            f"{len(clauses):4} → {len(cover):3} clauses  {t_whole:7.2f} → {t_cover:6.2f} ms  {text}"
        )
    print(f"total {whole_ms:.1f} ms → {covered_ms:.1f} ms ({whole_ms / covered_ms:.2f}×)")


if __name__ == "__main__":
    main()
