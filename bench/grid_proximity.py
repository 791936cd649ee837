"""The proximity re-ranking's weight (`index.rerank`) over a grid, on every retrieval set.

Each corpus is indexed once (the product's analysis and engine); the queries then run with
each weight, as typed and without diacritics. The tuned weight is in `index/data/weights.json`;
bench/README.md "Proximity re-ranking" holds the table this prints.

    .venv/bin/python bench/grid_proximity.py [--sets alqac2024,thads] [--weights 0,0.2,0.3]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from index.engines import DEFAULT_ENGINE  # noqa: E402
from index.evaluation.alqac import read_queries  # noqa: E402
from index.evaluation.retrieval import build_index, run_queries, score  # noqa: E402
from index.evaluation.sets import SETS  # noqa: E402
from index.ranking import default_weights  # noqa: E402
from index.service import SearchIndex  # noqa: E402

BENCH = ROOT.parent / "shared" / "bench"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", default=",".join(SETS))
    parser.add_argument("--weights", default="0,0.1,0.2,0.3,0.4,0.5")
    parser.add_argument("--engine", default=DEFAULT_ENGINE)
    args = parser.parse_args()
    weights = [float(x) for x in args.weights.split(",")]
    print("| set | diacritics | " + " | ".join(f"{w:g}" for w in weights) + " |")
    print("|---|---|" + "---|" * len(weights))
    for name in args.sets.split(","):
        corpus, queries = SETS[name]
        path = queries if queries.startswith("/") else BENCH / queries
        with tempfile.TemporaryDirectory(prefix="camnang-grid-") as tmp:
            index, n, seconds = build_index(BENCH / corpus, Path(tmp), engine=args.engine)
            index.close()
            print(f"{name}: {n} articles indexed in {seconds:.0f} s", file=sys.stderr)
            for strip in (False, True):
                qs = read_queries(path, strip_marks=strip)
                cells = []
                for w in weights:
                    tuned = default_weights().replace(proximity=w)
                    index = SearchIndex(Path(tmp), engine=args.engine, weights=tuned)
                    s = score(run_queries(index, qs)).to_dict()
                    index.close()
                    cells.append(f"{s['recall@10']:.3f} / {s['mrr@10']:.3f}")
                label = "without" if strip else "with"
                print(f"| {name} | {label} | " + " | ".join(cells) + " |", flush=True)


if __name__ == "__main__":
    main()
