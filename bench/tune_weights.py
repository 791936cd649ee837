"""Tune the ranking weights (`index/data/weights.json`) on the dev halves of the bench sets.

How: every set is indexed once with the product's analysis and engine. For each query, the
free-text terms fall into groups (field group × typed-with-marks/folded twin × typed/expanded);
each group is searched alone with unit boosts (top 100), which gives per-candidate BM25 sums
S_g. The engine's score is linear in the boosts (Σ_g coef_g(weights) · S_g), so any weight
vector can be re-ranked offline in numpy. Coordinate ascent over a grid of values maximises
mean(MRR@10 + r · R@10) over the sets' dev halves (even positions; queries with and without
diacritics; r = `--recall-weight`, 0.5 for the weights in the file; 2 was tried, bench/README.md),
and the held-out halves (odd positions) are reported next to them.
BM25 k1 and the fields' b stay at the values in the file (they change the features); they
were chosen afterwards by `bench/grid_bm25.py`.

    .venv/bin/python bench/tune_weights.py --work /tmp/camnang-tune --write
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from index.engine import AnyOf, Request, Term  # noqa: E402
from index.evaluation.alqac import read_queries  # noqa: E402
from index.evaluation.retrieval import build_index  # noqa: E402
from index.query import parse_query, phrase_clauses, query_terms  # noqa: E402
from index.ranking import WEIGHTS_PATH, Weights, load_weights  # noqa: E402
from index.service import SearchIndex  # noqa: E402

BENCH = ROOT.parent / "shared" / "bench"
SETS = {
    "alqac2022": ("alqac2022/law.json", "alqac2022/questions.json", None),
    "alqac2023": ("alqac2023/law.json", "alqac2023/train.json", None),
    "alqac2024": ("alqac2024/law.json", "alqac2024/train.json", None),
    "zalo": ("phapdien/all_law.json.gz", "phapdien/zalo_questions.json", 300),
    "thads": ("phapdien/thads_law.json", str(ROOT / "bench/queries/thads_dev.json"), None),
}
GROUPS = [
    (g, twin, exp)
    for g in ("title", "head", "body", "bi")
    for twin in (False, True)
    for exp in (False, True)
    if not (g == "bi" and twin)
]
PARAMS = ("title", "head", "body", "bi", "folded", "expansion")
GRID = (0.0, 0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1.0, 1.5, 2.0, 2.5, 3.0)
DEPTH = 100


def coefficients(w: dict[str, float]) -> np.ndarray:
    return np.array(
        [
            w[g] * (w["folded"] if twin else 1.0) * (w["expansion"] if exp else 1.0)
            for g, twin, exp in GROUPS
        ]
    )


def features(index: SearchIndex, text: str) -> tuple[list[str], np.ndarray, list[str]]:
    """Candidates (keys), their per-group scores, and the cited keys that come first."""
    q = parse_query(text)
    filters = [AnyOf("numbers", tuple(q.numbers))] if q.numbers else []
    cited = [h.key for h, _ in index._cited(q, list(filters))] if q.refs else []
    by_group: dict[int, list[Term]] = defaultdict(list)
    for t in query_terms(q):
        by_group[GROUPS.index((t.group, t.twin, t.expanded))].append(Term(t.field, t.text, 1.0))
    scores: dict[str, np.ndarray] = {}
    must = phrase_clauses(q, index.weights)
    for g, clauses in by_group.items():
        found = index.engine.search(Request(clauses, list(must), filters, limit=DEPTH))
        for h in found.hits:
            scores.setdefault(h.key, np.zeros(len(GROUPS)))[g] = h.score
    keys = list(scores)
    matrix = np.array([scores[k] for k in keys]) if keys else np.zeros((0, len(GROUPS)))
    return keys, matrix, cited


def collect(name: str, work: Path) -> list[dict]:
    corpus, queries, cap = SETS[name]
    folder = work / name
    cache = work / f"{name}.features.npz.json"
    if cache.exists():
        return json.loads(cache.read_text(encoding="utf-8"))
    started = time.perf_counter()
    if (folder / "manifest.json").exists():
        index = SearchIndex(folder)
    else:
        index, n, seconds = build_index(BENCH / corpus, folder)
        print(f"{name}: indexed {n} articles in {seconds:.0f} s", file=sys.stderr)
    rows = []
    for strip in (False, True):
        qs = read_queries(queries if queries.startswith("/") else BENCH / queries, strip)
        if cap:
            qs = qs[:cap]
        for i, q in enumerate(qs):
            keys, matrix, cited = features(index, q.text)
            stored = {k: index.engine.get(k) for k in set(keys) | set(cited)}
            label = {k: [s.get("law"), s.get("article")] for k, s in stored.items() if s}
            rows.append(
                {
                    "split": "dev" if i % 2 == 0 else "heldout",
                    "strip": strip,
                    "keys": keys,
                    "matrix": matrix.tolist(),
                    "cited": cited,
                    "label": label,
                    "gold": [list(g) for g in q.relevant],
                }
            )
    index.close()
    cache.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    print(f"{name}: features in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return rows


def evaluate(rows: list[dict], coef: np.ndarray, split: str, strip: bool | None = None) -> dict:
    mrr = r1 = r10 = 0.0
    n = 0
    for row in rows:
        if row["split"] != split or (strip is not None and row["strip"] != strip):
            continue
        n += 1
        gold = {tuple(g) for g in row["gold"]}
        order = []
        if row["keys"]:
            s = np.array(row["matrix"]) @ coef
            order = [row["keys"][i] for i in np.argsort(-s, kind="stable") if s[i] > 0]
        ranked = list(dict.fromkeys(row["cited"] + order))[:10]
        labels = [tuple(row["label"].get(k) or ()) for k in ranked]
        r1 += len(gold & set(labels[:1])) / len(gold)
        r10 += len(gold & set(labels)) / len(gold)
        mrr += next((1 / i for i, x in enumerate(labels, 1) if x in gold), 0.0)
    return {"n": n, "r1": r1 / max(n, 1), "r10": r10 / max(n, 1), "mrr": mrr / max(n, 1)}


def objective(
    data: dict[str, list[dict]], w: dict[str, float], recall: float, split: str = "dev"
) -> float:
    coef = coefficients(w)
    values = []
    for rows in data.values():
        e = evaluate(rows, coef, split)
        values.append(e["mrr"] + recall * e["r10"])
    return float(np.mean(values))


def tune(data: dict[str, list[dict]], start: Weights, recall: float) -> dict[str, float]:
    w = {p: getattr(start, p) for p in PARAMS}
    best = objective(data, w, recall)
    for _ in range(4):
        improved = False
        for p, value in itertools.product(PARAMS, GRID):
            trial = {**w, p: value}
            if p == "body" and value == 0:
                continue
            score = objective(data, trial, recall)
            if score > best + 1e-6:
                best, w, improved = score, trial, True
        print(f"round: {best:.4f} {w}", file=sys.stderr)
        if not improved:
            break
    return w


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, default=Path("/tmp/camnang-tune"))
    parser.add_argument("--sets", default=",".join(SETS))
    parser.add_argument(
        "--recall-weight", type=float, default=0.5, help="objective: MRR@10 + this × R@10"
    )
    parser.add_argument("--write", action="store_true", help="write index/data/weights.json")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    data = {name: collect(name, args.work) for name in args.sets.split(",")}
    start = load_weights()
    tuned = tune(data, start, args.recall_weight)
    for label, w in (("start", {p: getattr(start, p) for p in PARAMS}), ("tuned", tuned)):
        coef = coefficients(w)
        for name, rows in data.items():
            for split in ("dev", "heldout"):
                for strip in (False, True):
                    e = evaluate(rows, coef, split, strip)
                    print(
                        f"{label:5} {name:9} {split:7} {'no-diac' if strip else 'diac':7} "
                        f"n={e['n']:4} R@1 {e['r1']:.3f} R@10 {e['r10']:.3f} MRR@10 {e['mrr']:.3f}"
                    )
    if args.write:
        out = {**start.to_dict(), **tuned}
        WEIGHTS_PATH.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {WEIGHTS_PATH}", file=sys.stderr)


if __name__ == "__main__":
    main()
