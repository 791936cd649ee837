"""Whoosh against Tantivy on every retrieval set: top-10 overlap, R@10 and MRR@10 of each.

Each corpus is indexed once per engine (through the product's analysis, as `camnang bench
retrieval` does), every query runs on both, as written and with marks stripped; the table shows
the mean top-10 overlap, the share of queries with the same first hit, each engine's R@10 and
MRR@10 and the differences, and the indexing time of each engine.

    .venv/bin/python bench/engine_parity.py [--sets alqac2024,zalo] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from index.evaluation.alqac import read_queries  # noqa: E402
from index.evaluation.parity import compare  # noqa: E402
from index.evaluation.retrieval import build_index  # noqa: E402
from index.evaluation.sets import SETS  # noqa: E402

BENCH = ROOT.parent / "shared" / "bench"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", default=",".join(SETS))
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    print(
        "| set | queries | diacritics | overlap@10 | same top 1 | R@10 whoosh / tantivy | "
        "MRR@10 whoosh / tantivy | ΔR@10 | ΔMRR@10 |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for name in args.sets.split(","):
        corpus, queries = SETS[name]
        with (
            tempfile.TemporaryDirectory(prefix="camnang-parity-") as tmp_a,
            tempfile.TemporaryDirectory(prefix="camnang-parity-") as tmp_b,
        ):
            whoosh, n, secs_a = build_index(BENCH / corpus, Path(tmp_a), engine="whoosh")
            tantivy, _, secs_b = build_index(BENCH / corpus, Path(tmp_b), engine="tantivy")
            print(
                f"{name}: {n} articles indexed, whoosh {secs_a:.0f} s, tantivy {secs_b:.0f} s",
                file=sys.stderr,
            )
            for strip in (False, True):
                path = queries if queries.startswith("/") else BENCH / queries
                parity = compare(whoosh, tantivy, read_queries(path, strip_marks=strip))
                a, b = parity.a, parity.b
                if args.json:
                    print(json.dumps({"set": name, "diacritics": not strip, **parity.to_dict()}))
                print(
                    f"| {name} | {parity.queries} | {'without' if strip else 'with'} | "
                    f"{parity.overlap_at_10:.3f} | {parity.same_top1:.3f} | "
                    f"{a.recall_at_10:.3f} / {b.recall_at_10:.3f} | "
                    f"{a.mrr_at_10:.3f} / {b.mrr_at_10:.3f} | "
                    f"{b.recall_at_10 - a.recall_at_10:+.3f} | {b.mrr_at_10 - a.mrr_at_10:+.3f} |",
                    flush=True,
                )
            whoosh.close()
            tantivy.close()


if __name__ == "__main__":
    main()
