"""Where the CPU of a Tantivy build goes: the parent's main thread, its other threads, the
analysis processes.

Builds a fresh Tantivy index of a corpus with `SearchIndex.add_units` (analysis in `--jobs`
processes) and prints the wall time, articles/s and the CPU seconds of the parent's main thread
(reading the corpus, unpickling the workers' results, making Tantivy documents), of its other
threads (Tantivy's indexing and merging) and of the analysis processes.

    .venv/bin/python bench/build_cpu.py --corpus ../shared/bench/phapdien/all_law.json.gz
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from index.evaluation.alqac import corpus_units  # noqa: E402
from index.service import SearchIndex  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--heap-mb", type=int, default=256, help="Tantivy writer heap")
    parser.add_argument("--threads", type=int, default=0, help="writer threads (0: one a core)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="camnang-build-cpu-") as folder:
        started, cpu, main_cpu = time.perf_counter(), time.process_time(), time.thread_time()
        index = SearchIndex(
            Path(folder), engine="tantivy", heap_mb=args.heap_mb, threads=args.threads
        )
        n = index.add_units(corpus_units(args.corpus), jobs=args.jobs)
        index.commit()
        index.close()
        wall = time.perf_counter() - started
        main_cpu = time.thread_time() - main_cpu
        other = time.process_time() - cpu - main_cpu
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    workers = children.ru_utime + children.ru_stime
    total = main_cpu + other + workers
    print(f"{n} articles in {wall:.1f} s: {n / wall:,.0f} articles/s")
    print(f"CPU s: main thread {main_cpu:.1f}, other threads {other:.1f}, analysis {workers:.1f}")
    busy = total / wall / 2
    print(f"CPU ms an article: {1000 * total / n:.2f} in all; {busy:.0%} of 2 cores busy")


if __name__ == "__main__":
    main()
