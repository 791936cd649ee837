"""Speed: index build time and rate, query latency with snippets and facets, size, memory.

Each measurement runs in its own fresh process so that its peak memory is its own: our engine's
build, then its searches (a new process that opens the built index: `search_rss_mb` is the
memory of searching alone), then the SQLite FTS5 baseline. Queries run once to warm up, then
once timed; `query_cpu_*` is the CPU time of this process per query (less sensitive than the
wall time to other programs on the machine; Whoosh and Tantivy both search in the calling thread).
A build may be given a time bound: it is stopped there and reports how far it got.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psutil

from index.engines import DEFAULT_ENGINE
from index.evaluation.alqac import corpus_units
from index.units import Unit

QUERIES_PATH = Path(__file__).resolve().parent.parent / "data" / "perf_queries.txt"
PROGRESS_EVERY = 50_000
ROUNDS = 5
"""Timed passes over the query set: 40 queries once gave a p95 that was the second-slowest
query; five passes give 200 samples (the FTS5 baseline is timed once: it is slow)."""


def perf_queries(path: Path = QUERIES_PATH) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [x.strip() for x in lines if x.strip() and not x.startswith("#")]


def _folder_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1e6


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _percentile(times: list[float], q: float) -> float:
    return times[min(len(times) - 1, round(q * (len(times) - 1)))]


def _latencies(run: Any, queries: list[str], rounds: int = ROUNDS) -> dict[str, float]:
    """Percentiles over `rounds` passes of the queries, after one pass to warm up."""
    for q in queries:
        run(q)
    times, cpu = [], []
    for q in queries * rounds:
        started, started_cpu = time.perf_counter(), time.process_time()
        run(q)
        times.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    times.sort()
    cpu.sort()
    return {
        "query_p50_ms": round(statistics.median(times), 2),
        "query_p95_ms": round(_percentile(times, 0.95), 2),
        "query_p99_ms": round(_percentile(times, 0.99), 2),
        "query_cpu_p50_ms": round(statistics.median(cpu), 2),
        "query_cpu_p95_ms": round(_percentile(cpu, 0.95), 2),
    }


def engine_options(engine: str, procs: int, limitmb: int) -> dict[str, int]:
    if engine == "whoosh":
        return {"procs": procs, "limitmb": limitmb}
    if engine == "tantivy":
        return {"heap_mb": limitmb}
    return {}


def _counted(units: Iterator[Unit], counter: Any) -> Iterator[Unit]:
    for i, u in enumerate(units, start=1):
        if i % 1000 == 0:
            counter.value = i
            if i % PROGRESS_EVERY == 0:
                print(f"  {i} articles read into the build", file=sys.stderr, flush=True)
        yield u


def build_engine(
    corpus: str, engine: str, folder: str, procs: int, limitmb: int, jobs: int, counter: Any
) -> dict[str, Any]:
    from index.service import SearchIndex

    started = time.perf_counter()
    index = SearchIndex(Path(folder), engine=engine, **engine_options(engine, procs, limitmb))
    n = index.add_units(_counted(corpus_units(corpus), counter), jobs=jobs)
    index.commit()
    seconds = time.perf_counter() - started
    index.close()
    return {
        "engine": engine,
        "articles": n,
        "index_seconds": round(seconds, 2),
        "index_per_s": round(n / seconds, 1) if seconds else 0.0,
        "index_mb": round(_folder_mb(Path(folder)), 1),
        "peak_rss_mb": round(_peak_rss_mb(), 1),
        "jobs": jobs,
    }


def search_engine(folder: str, engine: str) -> dict[str, Any]:
    from index.service import SearchIndex

    started = time.perf_counter()
    index = SearchIndex(Path(folder), engine=engine)
    index.search("thi hành án", limit=10)
    first = time.perf_counter() - started
    figures = _latencies(lambda q: index.search(q, limit=10), perf_queries())
    index.close()
    figures["open_first_query_s"] = round(first, 2)
    figures["search_rss_mb"] = round(_peak_rss_mb(), 1)
    return figures


def measure_fts5(corpus: str) -> dict[str, Any]:
    from index.evaluation.fts5 import timed_build

    queries = perf_queries()
    with tempfile.TemporaryDirectory(prefix="camnang-perf-") as tmp:
        folder = Path(tmp)
        index, n, seconds = timed_build(corpus_units(corpus), folder / "fts5.sqlite")
        figures = {
            "engine": "sqlite_fts5",
            "articles": n,
            "index_seconds": round(seconds, 2),
            "index_per_s": round(n / seconds, 1) if seconds else 0.0,
            "index_mb": round(_folder_mb(folder), 1),
        }
        figures.update(_latencies(lambda q: index.search(q, limit=10), queries, rounds=1))
        figures["peak_rss_mb"] = round(_peak_rss_mb(), 1)
        index.close()
    return figures


class PerfError(RuntimeError):
    """A measurement failed in its process; the message says why in one line."""


class PerfTimeout(PerfError):
    """A build did not finish within its time bound."""


def _child(conn: Any, fn: Any, args: tuple[Any, ...]) -> None:
    try:
        conn.send(("ok", fn(*args)))
    except Exception as err:  # reported to the parent as one line
        conn.send(("error", f"{type(err).__name__}: {err}"))
    finally:
        conn.close()


def _in_fresh_process(fn: Any, *args: Any, timeout: float | None = None) -> dict[str, Any]:
    """Run a measurement in a new (non-daemon) process, so its peak memory is its own and a
    multiprocessing writer may start its own workers. Past `timeout` seconds it is killed."""
    ctx = multiprocessing.get_context("spawn")
    parent, child = ctx.Pipe(duplex=False)
    process = ctx.Process(target=_child, args=(child, fn, args))
    process.start()
    child.close()
    if timeout is not None and not parent.poll(timeout):
        _stop(process)
        raise PerfTimeout(f"stopped after {timeout:.0f} s")
    try:
        status, value = parent.recv()
    except EOFError:
        status, value = "error", f"the measuring process died (exit code {process.exitcode})"
    process.join()
    if status != "ok":
        raise PerfError(" ".join(str(value).split())[:300])
    return value


def _stop(process: Any) -> None:
    """Stop a measuring process and the workers it started (its process group is its own
    only when it made one, so children are found through /proc)."""
    children = _children(process.pid)
    process.kill()
    process.join()
    for pid in children:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, 9)


def _children(pid: int) -> list[int]:
    try:
        return [c.pid for c in psutil.Process(pid).children(recursive=True)]
    except psutil.Error:  # the process is gone: nothing to stop
        return []


def run_perf(
    corpus: Path | str,
    engine: str = DEFAULT_ENGINE,
    procs: int = 1,
    limitmb: int = 512,
    baseline: bool = True,
    jobs: int = 1,
    timeout: float | None = None,
) -> dict[str, Any]:
    """Our engine's figures, with `baseline: {sqlite_fts5: …}` measured in the same run.

    With `timeout`, a build that does not finish in time gives `{engine, timed_out: true,
    articles_read, index_seconds, index_per_s}` (articles read into the build so far)."""
    corpus = str(corpus)
    counter = multiprocessing.get_context("spawn").Value("q", 0)
    with tempfile.TemporaryDirectory(prefix="camnang-perf-") as tmp:
        started = time.perf_counter()
        try:
            figures = _in_fresh_process(
                build_engine, corpus, engine, tmp, procs, limitmb, jobs, counter, timeout=timeout
            )
            figures.update(_in_fresh_process(search_engine, tmp, engine))
        except PerfTimeout:
            seconds = time.perf_counter() - started
            figures = {
                "engine": engine,
                "timed_out": True,
                "articles_read": counter.value,
                "index_seconds": round(seconds, 1),
                "index_per_s": round(counter.value / seconds, 1),
            }
    figures["baseline"] = (
        {"sqlite_fts5": _in_fresh_process(measure_fts5, corpus)} if baseline else {}
    )
    return figures
