"""Hostile files and kills: how each hostile file ended, and how many `kill -9`s were survived.

    .venv/bin/python bench/hostile.py                  # the table, then 50 kills (~10 minutes)
    .venv/bin/python bench/hostile.py --kills 0        # only the table
    .venv/bin/python bench/hostile.py --no-extra       # without the two long cases below

The hostile batch is the test suite's (`tests/fixtures/hostile.py`), built from the real
documents in ../shared/corpus, mixed with real good files, and ingested in one run of
`camnang ingest --json --jobs 1`; a file's time is the time since the previous file's line, its
memory the peak resident memory of camnang and its worker together while it was read (polled
every 20 ms). Two cases the tests leave out run here: a PDF of 5,000 full real pages, and a
text file right at the 8 MB limit (both ingested). The kill rounds are the crash test's
(`tests/reliability/crashes.py`), repeated: each kill is followed by the checks the test makes,
and the same ingest is then run to the end and `camnang check` must pass.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ingest.detect import MAX_TEXT_BYTES  # noqa: E402
from ingest.pipeline import path_text  # noqa: E402
from tests.fixtures import documents as fx  # noqa: E402
from tests.fixtures import hostile  # noqa: E402
from tests.reliability.crashes import crash_batch, file_shas, kill_rounds, stored_shas  # noqa: E402
from tests.reliability.runner import camnang, ingest_measured  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
SOURCES = hostile.real_sources(CORPUS, ROOT / "corpus" / "samples")


def machine() -> str:
    ram = psutil.virtual_memory().total / 2**30
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return (
        f"{os.cpu_count()} cores, {ram:.1f} GiB RAM, Python {platform.python_version()}, "
        f"load average {load} at start"
    )


def extra_cases(folder: Path) -> list[hostile.Case]:
    full = folder / "pages5000-full.pdf"
    fx.repeated_pdf(sorted((CORPUS / "pdf").glob("*.pdf")), full, 5000)
    at_limit = folder / "text-at-limit.txt"
    hostile.big_text(SOURCES.text, at_limit, MAX_TEXT_BYTES)
    return [
        hostile.Case("PDF with 5,000 full pages (real án lệ pages)", full, "ingested"),
        hostile.Case(f"text file at the {hostile.TEXT_LIMIT_MB} MB limit", at_limit, "ingested"),
    ]


def hostile_table(work: Path, extra: bool) -> bool:
    src = SOURCES
    cases = hostile.hostile_batch(work / "in", src.pdf, src.docx, src.text, src.named)
    if extra:
        cases += extra_cases(work / "in")
    good = src.good
    order = [*good[:2], *(c.path for c in cases), *good[2:]]
    run = ingest_measured(order, work / "data", jobs=1, timeout=3600)
    by_path = {path_text(c.path): c for c in cases}
    print("| file | expected | ended | reason or document | s | peak MB |")
    print("|---|---|---|---|---:|---:|")
    ok = len(run.files) == len(order)
    for f in run.files:
        line = f.line
        case = by_path.get(line["path"])
        name = case.name if case else f"good: {Path(line['path']).name}"
        expected = case.expect if case else "ingested"
        ended = line["status"]
        what = line["error"] if ended == "failed" else f"`{line['doc_id']}`"
        if case and case.expect == "failed":
            ok &= ended == "failed" and case.reason in (line["error"] or "")
        elif case is None or case.expect == "ingested":
            ok &= ended == "ingested"
        print(
            f"| {name} | {expected} | {ended} | {what} | {f.seconds:.1f} | "
            f"{f.peak_rss / 2**20:.0f} |"
        )
    print(
        f"\nwhole run: {run.seconds:.1f} s, peak {run.peak_rss / 2**20:.0f} MB, exit status "
        f"{run.returncode}; stderr lines: {len(run.stderr.splitlines())}"
    )
    check = camnang("check", "--data", str(work / "data"))
    print(f"camnang check afterwards: exit {check.returncode}: {check.stdout.strip()}")
    return ok and check.returncode == 0


def kills_summary(work: Path, kills: int) -> bool:
    files = crash_batch(CORPUS, ROOT / "corpus" / "samples", work / "crash-in")
    started = time.monotonic()
    rounds = kill_rounds(files, work / "crash", kills=kills, seed=11)
    data = rounds[-1].data
    killed = [k for k in rounds if not k.finished]
    mid_index = [k for k in killed if k.problems]
    bad = [
        k
        for k in rounds
        if k.store_problems or not all(p.repairable for p in k.problems) or k.complete is False
    ]
    codes: dict[str, int] = {}
    for k in killed:
        for p in k.problems:
            codes[p.code] = codes.get(p.code, 0) + 1
    again = camnang("ingest", *map(str, files), "--data", str(data), "--jobs", "2")
    complete = stored_shas(data) == file_shas(files)
    check = camnang("check", "--data", str(data))
    print(
        f"\n{len(killed)} kills ({len(rounds)} rounds, {len(files)} files, --jobs 1 and 2 in "
        f"turn, delays 0.5–8 s) in {time.monotonic() - started:.0f} s; runs that got to the "
        f"end first: {len(rounds) - len(killed)} (each then held every file)"
    )
    print(f"- kills that left the store damaged: {len(bad)}")
    print(
        f"- kills that left something for check --repair: {len(mid_index)} "
        f"({', '.join(f'{c} {n}' for c, n in sorted(codes.items())) or 'none'})"
    )
    print(
        f"- documents stored when killed: "
        f"{', '.join(str(k.stored) for k in killed)} (of {len(files)})"
    )
    print(
        f"- the same ingest run again: exit {again.returncode}, every file stored: {complete}; "
        f"camnang check: exit {check.returncode}"
    )
    return not bad and complete and again.returncode == 0 and check.returncode == 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--kills", type=int, default=50)
    parser.add_argument("--no-extra", action="store_true", help="leave out the two long cases")
    args = parser.parse_args()
    print(f"machine: {machine()}\n")
    with tempfile.TemporaryDirectory(prefix="camnang-hostile-") as tmp:
        ok = hostile_table(Path(tmp), extra=not args.no_extra)
        if args.kills:
            ok &= kills_summary(Path(tmp), args.kills)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
