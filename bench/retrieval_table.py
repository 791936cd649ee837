"""Every retrieval set in ../shared/bench (and our THADS dev set), with and without diacritics.

Each corpus is indexed once, through the product's analysis and engine (as `camnang bench
retrieval` does), and its queries run twice: as written and with marks stripped (đ→d). The
figures are printed as a Markdown table, whole set and the held-out half (odd positions, which
`bench/tune_weights.py` never tuned on).

    .venv/bin/python bench/retrieval_table.py [--sets alqac2024,thads] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from index.evaluation.alqac import read_queries  # noqa: E402
from index.evaluation.retrieval import build_index, run_queries, score  # noqa: E402
from index.evaluation.sets import SETS  # noqa: E402

BENCH = ROOT.parent / "shared" / "bench"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", default=",".join(SETS))
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    print("| set | queries | diacritics | R@1 | R@5 | R@10 | MRR@10 | held-out R@10 / MRR@10 |")
    print("|---|---|---|---|---|---|---|---|")
    for name in args.sets.split(","):
        corpus, queries = SETS[name]
        with tempfile.TemporaryDirectory(prefix="camnang-table-") as tmp:
            index, n, seconds = build_index(BENCH / corpus, Path(tmp))
            print(f"{name}: {n} articles indexed in {seconds:.0f} s", file=sys.stderr)
            for strip in (False, True):
                path = queries if queries.startswith("/") else BENCH / queries
                qs = read_queries(path, strip_marks=strip)
                started = time.perf_counter()
                runs = run_queries(index, qs)
                took = (time.perf_counter() - started) / max(1, len(qs)) * 1000
                whole = score(runs).to_dict()
                held = score(runs[1::2]).to_dict()
                label = "without" if strip else "with"
                if args.json:
                    print(
                        json.dumps(
                            {
                                "set": name,
                                "diacritics": not strip,
                                **whole,
                                "heldout": held,
                                "ms_per_query": round(took),
                            }
                        )
                    )
                print(
                    f"| {name} | {whole['queries']} | {label} | {whole['recall@1']:.3f} | "
                    f"{whole['recall@5']:.3f} | {whole['recall@10']:.3f} | {whole['mrr@10']:.3f} | "
                    f"{held['recall@10']:.3f} / {held['mrr@10']:.3f} |",
                    flush=True,
                )
            index.close()


if __name__ == "__main__":
    main()
