"""A small grid over BM25 `k1` and the fields' `b` on the dev halves (even positions).

k1 and b act at query time in the Whoosh engine's scorer, so each corpus is indexed once and
re-scored per setting. Sets: Zalo (first 300 questions on the Pháp điển, needs a prebuilt
index from `bench/tune_weights.py` in --work), ALQAC 2024, THADS dev.

    .venv/bin/python bench/grid_bm25.py --work /tmp/camnang-tune
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from index.evaluation.alqac import read_queries  # noqa: E402
from index.evaluation.retrieval import build_index, run_queries, score  # noqa: E402
from index.service import SearchIndex  # noqa: E402

BENCH = ROOT.parent / "shared" / "bench"
SETTINGS = [
    (1.2, {}),
    (0.8, {}),
    (0.65, {}),
    (0.5, {}),
    (1.6, {}),
    (0.8, {"head": 0.75, "head_f": 0.75}),
    (0.8, {"head": 0.9, "head_f": 0.9}),
    (0.8, {"bi_f": 0.5}),
    (0.8, {"head": 0.75, "head_f": 0.75, "bi_f": 0.5}),
    (0.8, {"body": 0.5, "body_f": 0.5}),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, default=Path("/tmp/camnang-tune"))
    args = parser.parse_args()
    zalo = read_queries(BENCH / "phapdien/zalo_questions.json")[:300:2]
    sets = {"zalo": (SearchIndex(args.work / "zalo"), zalo)}
    for name, corpus, queries in (
        ("alqac2024", BENCH / "alqac2024/law.json", BENCH / "alqac2024/train.json"),
        ("thads", BENCH / "phapdien/thads_law.json", ROOT / "bench/queries/thads_dev.json"),
    ):
        index, _, _ = build_index(corpus, Path(tempfile.mkdtemp(prefix="camnang-grid-")))
        sets[name] = (index, read_queries(queries)[::2])
    base = {name: dict(index.engine.length_norms) for name, (index, _) in sets.items()}
    for k1, norms in SETTINGS:
        row = []
        for name, (index, queries) in sets.items():
            engine = index.engine
            engine.k1 = k1
            engine.length_norms = {**base[name], **norms}
            engine._scorer = None
            s = score(run_queries(index, queries)).to_dict()
            row.append(f"{name} R@10 {s['recall@10']:.3f} MRR@10 {s['mrr@10']:.3f}")
        print(f"k1={k1} b={norms or 'as specified'}: " + " | ".join(row), flush=True)


if __name__ == "__main__":
    main()
