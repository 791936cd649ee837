"""A synthetic corpus of N articles made from a real one, for speed at scale (never committed).

The first copy is the source corpus as it is; every further copy of each law gets a new số hiệu
(the year moved back by the copy's number), and each of its articles is varied: numbers in the
text changed, its numbered clauses put in another order, and sometimes a clause of another
article mixed in. The result keeps the vocabulary, lengths and structure of real Vietnamese law
text while every article differs. Deterministic for a given seed.

    .venv/bin/python bench/synth_corpus.py ../shared/bench/phapdien/all_law.json.gz \\
        --articles 1000000 -o bench/out/synth_1m.json.gz

Write it to a temporary or ignored folder (`bench/out/` is in .gitignore).
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from index.evaluation.alqac import read_json  # noqa: E402

_NUMBER = re.compile(r"\d+")
_CLAUSE = re.compile(r"^\d+\.\s")
_LAW_ID = re.compile(r"^(\d+[a-zA-Z]?)/(\d{4})(/.*)?$")
MIX_SHARE = 0.3
"""Share of varied articles that take a clause from another article."""


def _law_id(law_id: str, copy: int) -> str:
    m = _LAW_ID.match(law_id)
    if m:
        return f"{m.group(1)}/{int(m.group(2)) - copy}{m.group(3) or ''}"
    return f"{law_id} ({copy})"


def _clauses(text: str) -> tuple[list[str], list[str]]:
    """The lines before the first numbered clause, and the clauses (each with its lines)."""
    head: list[str] = []
    clauses: list[list[str]] = []
    for line in text.split("\n"):
        if _CLAUSE.match(line):
            clauses.append([line])
        elif clauses:
            clauses[-1].append(line)
        else:
            head.append(line)
    return head, ["\n".join(c) for c in clauses]


def _vary_numbers(text: str, rng: random.Random) -> str:
    def swap(m: re.Match[str]) -> str:
        digits = m.group(0)
        if len(digits) > 6 or rng.random() < 0.5:
            return digits
        return str(rng.randint(1, 10 ** len(digits) - 1))

    return _NUMBER.sub(swap, text)


def varied(text: str, donor: str, rng: random.Random) -> str:
    """One article's text, varied: clause order, numbers, maybe a clause of `donor`."""
    head, clauses = _clauses(text)
    rng.shuffle(clauses)
    if rng.random() < MIX_SHARE:
        _, others = _clauses(donor)
        if others:
            clauses.insert(rng.randint(0, len(clauses)), rng.choice(others))
        else:
            clauses.append(donor[:400])
    return _vary_numbers("\n".join([*head, *clauses]), rng)


def synthesize(laws: list[dict[str, Any]], articles: int, seed: int) -> Iterator[dict[str, Any]]:
    """Laws until `articles` articles: the source first, then varied copies."""
    rng = random.Random(seed)
    pool = [a["text"] for law in laws for a in law["articles"]]
    made = 0
    copy = 0
    while made < articles:
        for law in laws:
            if made >= articles:
                return
            items = law["articles"][: articles - made]
            if copy:
                items = [{**a, "text": varied(a["text"], rng.choice(pool), rng)} for a in items]
            made += len(items)
            out = {"id": _law_id(str(law["id"]), copy), "articles": items}
            if law.get("title"):
                out["title"] = law["title"]
            yield out
        copy += 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="A corpus in the ALQAC layout (.json[.gz]).")
    parser.add_argument("--articles", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("-o", "--output", type=Path, required=True, help="OUT.json.gz")
    args = parser.parse_args()
    started = time.perf_counter()
    laws = read_json(args.source)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    n = 0
    with gzip.open(args.output, "wt", encoding="utf-8", compresslevel=1) as out:
        out.write("[")
        for i, law in enumerate(synthesize(laws, args.articles, args.seed)):
            out.write(("," if i else "") + json.dumps(law, ensure_ascii=False))
            n += len(law["articles"])
        out.write("]")
    took = time.perf_counter() - started
    print(f"{n} articles written to {args.output} in {took:.0f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
