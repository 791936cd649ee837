"""Where the CPU of a Tantivy build goes: each thread of the parent, and the analysis processes.

Builds a fresh Tantivy index of a corpus with `SearchIndex.add_units` (analysis in `--jobs`
processes) and prints the wall time, articles/s, and CPU milliseconds an article: of the
parent's main thread (reading the corpus, the workers' results, making Tantivy documents), of
its other threads by name (Tantivy's indexing, merging and store compression; the process
pool's helpers), and of the analysis processes. Threads are read from `/proc/self/task` every
50 ms (Linux), so a thread's last 50 ms may be missed; the process total is exact.

    .venv/bin/python bench/build_cpu.py --corpus ../shared/bench/phapdien/all_law.json.gz
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from index.evaluation.alqac import corpus_units  # noqa: E402
from index.service import SearchIndex  # noqa: E402

TICKS = os.sysconf("SC_CLK_TCK")
SAMPLE_S = 0.05


class ThreadClock:
    """CPU seconds of each thread of this process, by name, read from `/proc` as it runs."""

    def __init__(self) -> None:
        self.seen: dict[tuple[str, str], float] = {}
        self.names: dict[str, str] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="build_cpu clock", daemon=True)

    def __enter__(self) -> ThreadClock:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self._sample()

    def _run(self) -> None:
        while not self._stop.is_set():
            self.names.update({str(t.native_id): t.name for t in threading.enumerate()})
            self._sample()
            self._stop.wait(SAMPLE_S)

    def _sample(self) -> None:
        for tid in os.listdir("/proc/self/task"):
            try:
                stat = Path(f"/proc/self/task/{tid}/stat").read_text()
            except OSError:
                continue
            comm = stat[stat.index("(") + 1 : stat.rindex(")")]
            fields = stat[stat.rindex(")") + 2 :].split()
            self.seen[(tid, comm)] = (int(fields[11]) + int(fields[12])) / TICKS

    def by_name(self) -> dict[str, float]:
        """CPU seconds by thread name (Python's name where Python knows the thread)."""
        out: dict[str, float] = defaultdict(float)
        for (tid, comm), seconds in self.seen.items():
            name = self.names.get(tid, comm)
            if name.startswith("Thread-") and " (" in name:  # Thread-3 (_handle_results)
                name = name[name.index("(") + 1 : -1]
            out[name.rstrip("0123456789_")] += seconds
        return dict(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--heap-mb", type=int, default=256, help="Tantivy writer heap")
    parser.add_argument("--threads", type=int, default=0, help="writer threads (0: one a core)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="camnang-build-cpu-") as folder, ThreadClock() as clock:
        started = time.perf_counter()
        index = SearchIndex(
            Path(folder), engine="tantivy", heap_mb=args.heap_mb, threads=args.threads
        )
        n = index.add_units(corpus_units(args.corpus), jobs=args.jobs)
        index.commit()
        index.close()
        wall = time.perf_counter() - started
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    workers = children.ru_utime + children.ru_stime
    threads = {k: v for k, v in clock.by_name().items() if k != "build_cpu clock"}
    total = sum(threads.values()) + workers
    print(f"{n} articles in {wall:.1f} s: {n / wall:,.0f} articles/s")
    busy = total / wall / 2
    print(f"CPU ms an article: {1000 * total / n:.3f} in all; {busy:.0%} of 2 cores busy")
    print(f"  {'analysis processes':28s} {1000 * workers / n:.3f}")
    for name, seconds in sorted(threads.items(), key=lambda kv: -kv[1]):
        if seconds >= 0.005 * total:
            print(f"  {name:28s} {1000 * seconds / n:.3f}")


if __name__ == "__main__":
    main()
