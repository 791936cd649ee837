"""Real search queries for the service benchmarks (`load.py`, `http_overhead.py`).

Drawn from: our THADS questions (`bench/queries/thads_dev.json`: questions, keywords, typed
without diacritics, citations, abbreviations), the fixed query set of `camnang bench perf`
(`index/data/perf_queries.txt`), real user questions of the Zalo AI set
(`../shared/bench/phapdien/zalo_questions.json`, a seeded sample), the same questions with
their diacritics stripped, and citations of the articles our questions are about
(`Điều 45 Luật Thi hành án dân sự số 26/2008/QH12`, also typed without marks).
"""

from __future__ import annotations

import json
import random
from pathlib import Path

from corpus.citing import document_name
from corpus.vntext import fold

ROOT = Path(__file__).resolve().parent.parent
THADS_QUERIES = ROOT / "bench" / "queries" / "thads_dev.json"
PERF_QUERIES = ROOT / "index" / "data" / "perf_queries.txt"
ZALO = ROOT.parent / "shared" / "bench" / "phapdien" / "zalo_questions.json"
KINDS = ("question", "keywords", "no_diacritics", "citation", "abbreviation", "perf", "zalo")


def real_queries(seed: int = 1, zalo: int = 200) -> list[tuple[str, str]]:
    """(kind, query) pairs, de-duplicated, in a seeded order."""
    rng = random.Random(seed)
    out: list[tuple[str, str]] = []
    thads = json.loads(THADS_QUERIES.read_text(encoding="utf-8"))
    for q in thads:
        out.append((q.get("type", "question"), q["text"]))
        if q.get("type") == "question":
            out.append(("no_diacritics", fold(q["text"]).lower()))
        for gold in q.get("relevant_articles", [])[:1]:
            cite = f"Điều {gold['article_id']} {document_name(gold['law_id'])}"
            out += [("citation", cite), ("citation", fold(cite).lower())]
    for line in PERF_QUERIES.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            out.append(("perf", line.strip()))
    if ZALO.is_file():
        questions = [q["text"] for q in json.loads(ZALO.read_text(encoding="utf-8"))]
        sample = rng.sample(questions, min(zalo, len(questions)))
        out += [("zalo", q) for q in sample]
        out += [("no_diacritics", fold(q).lower()) for q in sample[:50]]
    unique = list(dict.fromkeys(out))
    rng.shuffle(unique)
    return unique
