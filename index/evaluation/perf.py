"""Speed: index build time and rate, query latency with snippets and facets, size, memory.

Each measurement (our engine, then the SQLite FTS5 baseline) runs in its own fresh process so
that its peak memory is its own. Queries run once to warm up, then once timed.
"""

from __future__ import annotations

import multiprocessing
import resource
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from index.engines import DEFAULT_ENGINE
from index.evaluation.alqac import corpus_units

QUERIES_PATH = Path(__file__).resolve().parent.parent / "data" / "perf_queries.txt"


def perf_queries(path: Path = QUERIES_PATH) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [x.strip() for x in lines if x.strip() and not x.startswith("#")]


def _folder_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1e6


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _latencies(run: Any, queries: list[str]) -> tuple[float, float]:
    for q in queries:
        run(q)
    times = []
    for q in queries:
        started = time.perf_counter()
        run(q)
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    return statistics.median(times), p95


def _figures(engine: str, n: int, seconds: float, p50: float, p95: float, folder: Path) -> dict:
    return {
        "engine": engine,
        "articles": n,
        "index_seconds": round(seconds, 2),
        "index_per_s": round(n / seconds, 1) if seconds else 0.0,
        "query_p50_ms": round(p50, 2),
        "query_p95_ms": round(p95, 2),
        "index_mb": round(_folder_mb(folder), 1),
        "peak_rss_mb": round(_peak_rss_mb(), 1),
    }


def measure_engine(corpus: str, engine: str, procs: int, limitmb: int) -> dict[str, Any]:
    from index.service import SearchIndex

    queries = perf_queries()
    with tempfile.TemporaryDirectory(prefix="camnang-perf-") as tmp:
        folder = Path(tmp)
        units = corpus_units(corpus)
        started = time.perf_counter()
        options = {"procs": procs, "limitmb": limitmb} if engine == "whoosh" else {}
        index = SearchIndex(folder, engine=engine, **options)
        n = index.add_units(units)
        index.commit()
        seconds = time.perf_counter() - started
        p50, p95 = _latencies(lambda q: index.search(q, limit=10), queries)
        figures = _figures(engine, n, seconds, p50, p95, folder)
        index.close()
    return figures


def measure_fts5(corpus: str) -> dict[str, Any]:
    from index.evaluation.fts5 import timed_build

    queries = perf_queries()
    with tempfile.TemporaryDirectory(prefix="camnang-perf-") as tmp:
        folder = Path(tmp)
        units = list(corpus_units(corpus))
        index, seconds = timed_build(units, folder / "fts5.sqlite")
        n = len(units)
        del units
        p50, p95 = _latencies(lambda q: index.search(q, limit=10), queries)
        figures = _figures("sqlite_fts5", n, seconds, p50, p95, folder)
        index.close()
    return figures


class PerfError(RuntimeError):
    """A measurement failed in its process; the message says why in one line."""


def _child(conn: Any, fn: Any, args: tuple[Any, ...]) -> None:
    try:
        conn.send(("ok", fn(*args)))
    except Exception as err:  # reported to the parent as one line
        conn.send(("error", f"{type(err).__name__}: {err}"))
    finally:
        conn.close()


def _in_fresh_process(fn: Any, *args: Any) -> dict[str, Any]:
    """Run a measurement in a new (non-daemon) process, so its peak memory is its own and a
    multiprocessing writer may start its own workers."""
    ctx = multiprocessing.get_context("spawn")
    parent, child = ctx.Pipe(duplex=False)
    process = ctx.Process(target=_child, args=(child, fn, args))
    process.start()
    child.close()
    try:
        status, value = parent.recv()
    except EOFError:
        status, value = "error", f"the measuring process died (exit code {process.exitcode})"
    process.join()
    if status != "ok":
        raise PerfError(" ".join(str(value).split())[:300])
    return value


def run_perf(
    corpus: Path | str,
    engine: str = DEFAULT_ENGINE,
    procs: int = 1,
    limitmb: int = 512,
    baseline: bool = True,
) -> dict[str, Any]:
    """Our engine's figures, with `baseline: {sqlite_fts5: …}` measured in the same run."""
    corpus = str(corpus)
    figures = _in_fresh_process(measure_engine, corpus, engine, procs, limitmb)
    figures["baseline"] = (
        {"sqlite_fts5": _in_fresh_process(measure_fts5, corpus)} if baseline else {}
    )
    return figures
