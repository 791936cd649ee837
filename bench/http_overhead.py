"""What the HTTP search endpoint adds over the library call it wraps.

The same real queries (`query_mix.py`), one at a time, many rounds: `Library.search` in this
process, the same plus the API's JSON body (`search_json`: citations and anchors of the hits),
and `GET /api/search` from a local `camnang serve` (uvicorn over the same data folder; one
keep-alive connection from the standard library's `http.client`, the lightest client at hand,
so that the figure is the server's; the body is read and parsed). Rounds alternate between the
three so that machine noise falls on all alike. Reports p50/p95 of each, and the added cost per
query: the median over rounds of each query's HTTP time minus its library time, as p50/p95
over queries. CPU time per query is measured too (this thread for the library calls, the whole
server process for HTTP): it does not grow when other programs share the machine, wall time
does.

    python bench/http_overhead.py --data /tmp/bench-pd --rounds 5
    python bench/http_overhead.py --data /tmp/bench-pd --engine tantivy --json

`--engine NAME` is passed to `Library(...)` and to `camnang serve` when they take one (the
script says so and stops when they do not). Talks to 127.0.0.1 only; the server it starts is
stopped at the end.
"""

from __future__ import annotations

import argparse
import http.client
import inspect
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import psutil  # noqa: E402
from query_mix import real_queries  # noqa: E402
from serving import wait_until_up  # noqa: E402

from search_api.http.search_view import SearchParams, run_search, search_json  # noqa: E402
from search_api.library import Library  # noqa: E402

CAMNANG = Path(sys.executable).parent / "camnang"


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(q / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


def open_library(data: Path, engine: str | None) -> Library:
    if engine is None:
        return Library(data)
    if "engine" not in inspect.signature(Library).parameters:
        raise SystemExit("http_overhead.py: this Library takes no engine; drop --engine")
    return Library(data, engine=engine)  # type: ignore[call-arg]


def start_server(data: Path, engine: str | None) -> tuple[subprocess.Popen, str]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    command = [str(CAMNANG), "serve", "--data", str(data), "--port", str(port), "--no-samples"]
    if engine is not None:
        usage = subprocess.run(
            [str(CAMNANG), "serve", "--help"], capture_output=True, text=True, check=False
        ).stdout
        if "--engine" not in usage:
            raise SystemExit("http_overhead.py: `camnang serve` takes no --engine; drop it")
        command += ["--engine", engine]
    process = subprocess.Popen(
        command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "CAMNANG_API_KEYS": ""},
    )
    url = f"http://127.0.0.1:{port}"
    wait_until_up(process, url, "http_overhead.py")
    return process, url


def measure(data: Path, engine: str | None, rounds: int, count: int, seed: int) -> dict:
    queries = [q for _, q in real_queries(seed)][:count]
    library = open_library(data, engine)
    process, url = start_server(data, engine)
    times: dict[str, list[list[float]]] = {"library": [], "library_json": [], "http": []}
    cpu: dict[str, list[float]] = {name: [] for name in times}
    server = psutil.Process(process.pid)
    client = http.client.HTTPConnection(urlsplit(url).hostname, urlsplit(url).port, timeout=60)
    try:

        def library_call(q: str) -> None:
            library.search(q, limit=10)

        def library_json(q: str) -> None:
            params = SearchParams(q=q, limit=10)
            json.dumps(search_json(library, params, run_search(library, params)))

        def http_call(q: str) -> None:
            client.request("GET", "/api/search?" + urlencode({"q": q, "limit": 10}))
            response = client.getresponse()
            body = response.read()
            if response.status != 200:
                raise SystemExit(f"http_overhead.py: {response.status} for {q!r}")
            json.loads(body)

        calls = {"library": library_call, "library_json": library_json, "http": http_call}
        for call in calls.values():  # warm every cache on both sides
            for q in queries:
                call(q)
        for _ in range(rounds):
            for name, call in calls.items():
                row = []
                cpu_began = _cpu(server) if name == "http" else time.thread_time()
                for q in queries:
                    began = time.perf_counter()
                    call(q)
                    row.append(time.perf_counter() - began)
                cpu_used = (_cpu(server) if name == "http" else time.thread_time()) - cpu_began
                times[name].append(row)
                cpu[name].append(cpu_used / len(queries))
    finally:
        client.close()
        library.close()
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
    return summarize(times, cpu, queries, rounds, engine)


def _cpu(process: psutil.Process) -> float:
    """CPU seconds a process has used (all its threads), user and system."""
    used = process.cpu_times()
    return used.user + used.system


def summarize(
    times: dict[str, list[list[float]]],
    cpu: dict[str, list[float]],
    queries: list[str],
    rounds: int,
    engine: str | None,
) -> dict:
    def per_query_median(name: str) -> list[float]:
        return [statistics.median(r[i] for r in times[name]) for i in range(len(queries))]

    medians = {name: per_query_median(name) for name in times}
    out: dict = {
        "engine": engine or "default",
        "queries": len(queries),
        "rounds": rounds,
    }
    for name in times:
        everything = [t for row in times[name] for t in row]
        out[name] = {
            "p50_ms": round(percentile(everything, 50) * 1000, 2),
            "p95_ms": round(percentile(everything, 95) * 1000, 2),
            "cpu_ms": round(statistics.median(cpu[name]) * 1000, 2),
        }
    for label, base in (("added_by_http", "library"), ("added_by_framework", "library_json")):
        diffs = [h - b for h, b in zip(medians["http"], medians[base], strict=True)]
        out[label] = {
            "p50_ms": round(percentile(diffs, 50) * 1000, 2),
            "p95_ms": round(percentile(diffs, 95) * 1000, 2),
            "mean_ms": round(statistics.fmean(diffs) * 1000, 2),
            "cpu_ms": round(out["http"]["cpu_ms"] - out[base]["cpu_ms"], 2),
        }
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="A camnang data folder.")
    parser.add_argument("--engine", help="Search engine, when the Library takes one.")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--queries", type=int, default=1000, help="At most this many.")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", action="store_true", help="Print one JSON object.")
    args = parser.parse_args()
    if not (args.data / "camnang.sqlite").is_file():
        raise SystemExit(f"http_overhead.py: {args.data} is not a camnang data folder")
    if not 1 <= args.rounds <= 100:
        raise SystemExit("http_overhead.py: --rounds must be 1..100")
    result = measure(args.data, args.engine, args.rounds, args.queries, args.seed)
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
        return
    print(f"engine {result['engine']}: {result['queries']} queries × {result['rounds']} rounds")
    print(f"{'':22} {'p50 ms':>8} {'p95 ms':>8} {'CPU ms':>8}")
    for name in ("library", "library_json", "http"):
        row = result[name]
        print(f"{name:22} {row['p50_ms']:8} {row['p95_ms']:8} {row['cpu_ms']:8}")
    for name in ("added_by_http", "added_by_framework"):
        row = result[name]
        print(
            f"{name:22} {row['p50_ms']:8} {row['p95_ms']:8} {row['cpu_ms']:8}"
            f"   (mean {row['mean_ms']} ms)"
        )


if __name__ == "__main__":
    main()
