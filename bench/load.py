"""Load on the HTTP service: N concurrent clients for T seconds, then latency and throughput.

Bounded by design: it only talks to this machine (127.0.0.0/8, localhost, ::1), stops after
`--seconds` (and after `--max-requests` in all), and with `--data DIR` it starts its own
`camnang serve` on a free port and stops it at the end.

    python bench/load.py --data ./data --clients 50 --seconds 60
    python bench/load.py --url http://127.0.0.1:8000 --clients 20 --seconds 30 --json
    python bench/load.py --data ./data --clients 50 --seconds 60 --uploads 20

`--mix search` (the default): `GET /api/search` with real queries (`query_mix.py`: THADS
questions, keywords, citations, abbreviations, Zalo user questions; with and without
diacritics), some with a filter, a second page or a date; each request is counted under its
query's kind. `--mix documents`: drawn (seeded) from the stored documents, `list` pages of
`/api/documents` with varied filters, `document` = `/api/documents/{id}` (the whole provision
tree), `provision` = `/api/documents/{id}/provisions/{pid}`. Prints requests/s, error count
and p50/p95/p99 latency, overall and per kind.

`--uploads N` (with `--data`): the server runs over a fresh copy of the folder with a trainer
key, and a trainer uploads N real documents (`--upload-from`, default `../shared/corpus`) one
after another through `POST /api/documents`, waiting on each job (`load_uploads.py`); the
clients search for `--seconds` and on until the last job has ended. Prints the uploads too:
done/failed and the time per job.
"""

from __future__ import annotations

import argparse
import asyncio
import ipaddress
import json
import os
import random
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import httpx
import psutil
from load_uploads import (
    DEFAULT_SOURCE,
    Trainer,
    fresh_copy,
    pick_uploads,
    print_uploads,
    stored_digests,
)
from query_mix import real_queries
from serving import wait_until_up

KINDS = ("list", "document", "provision")


@dataclass
class Results:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    first_errors: list[str] = field(default_factory=list)

    def record(self, kind: str, seconds: float, error: str | None) -> None:
        self.latencies[kind].append(seconds)
        if error:
            self.errors[kind] += 1
            if len(self.first_errors) < 5:
                self.first_errors.append(f"{kind}: {error}")


def local_only(url: str) -> str:
    """Refuse any target that is not this machine."""
    host = urlsplit(url).hostname or ""
    if host == "localhost":
        return url
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        raise SystemExit(f"load.py: {host!r} is not a loopback address; refusing") from None
    if not address.is_loopback:
        raise SystemExit(f"load.py: {host} is not a loopback address; refusing")
    return url


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100) of a non-empty list."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(q / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


def plan_search(seed: int) -> list[tuple[str, str]]:
    """`/api/search` requests with real queries: mostly the first page of 10, some with a
    filter (articles only), the second page, or a date (`as_of`)."""
    rng = random.Random(seed)
    requests = []
    for kind, query in real_queries(seed):
        params: dict[str, str] = {"q": query, "limit": "10"}
        roll = rng.random()
        if roll < 0.1:
            params["offset"] = "10"
        elif roll < 0.2:
            params["kind"] = "article"
        elif roll < 0.25:
            params["as_of"] = "2020-01-01"
        requests.append((kind, "/api/search?" + urlencode(params)))
    return requests


async def plan(client: httpx.AsyncClient, seed: int) -> list[tuple[str, str]]:
    """A varied list of (kind, path) drawn from what the server holds."""
    rng = random.Random(seed)
    listing = (await client.get("/api/documents", params={"limit": 200})).json()
    docs = [d["id"] for d in listing["items"]]
    if not docs:
        raise SystemExit("load.py: the server has no documents; ingest some first")
    provisions: list[tuple[str, str]] = []
    for doc_id in docs:
        tree = (await client.get(f"/api/documents/{doc_id}", params={"text": "false"})).json()
        stack = list(tree["provisions"])
        while stack:
            node = stack.pop()
            if node["kind"] in ("dieu", "khoan"):
                provisions.append((doc_id, node["id"]))
            stack.extend(node["children"])
    facets = listing["facets"]
    requests: list[tuple[str, str]] = []
    for _ in range(2000):
        kind = rng.choice(KINDS)
        if kind == "list":
            params = [f"limit={rng.choice((10, 20, 50))}", f"offset={rng.choice((0, 0, 10))}"]
            if facets["kind"] and rng.random() < 0.5:
                params.append("kind=" + rng.choice(list(facets["kind"])))
            if facets["year"] and rng.random() < 0.3:
                params.append("year=" + rng.choice(list(facets["year"])))
            requests.append((kind, "/api/documents?" + "&".join(params)))
        elif kind == "document":
            requests.append((kind, f"/api/documents/{rng.choice(docs)}"))
        elif provisions:
            doc_id, pid = rng.choice(provisions)
            requests.append((kind, f"/api/documents/{doc_id}/provisions/{pid}"))
    return requests


async def client_loop(
    client: httpx.AsyncClient,
    requests: list[tuple[str, str]],
    start: int,
    going: Callable[[], bool],
    budget: list[int],
    results: Results,
) -> None:
    i = start
    while going() and budget[0] > 0:
        budget[0] -= 1
        kind, path = requests[i % len(requests)]
        i += 7
        began = time.perf_counter()
        error = None
        try:
            response = await client.get(path)
            await response.aread()
            if response.status_code != 200:
                error = f"{response.status_code} {path}"
        except httpx.HTTPError as err:
            error = f"{type(err).__name__} {path}"
        results.record(kind, time.perf_counter() - began, error)


async def run(
    url: str,
    clients: int,
    seconds: float,
    max_requests: int,
    seed: int,
    mix: str = "search",
    trainer: Trainer | None = None,
) -> dict:
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=60.0) as client:
        requests = plan_search(seed) if mix == "search" else await plan(client, seed)
        results = Results()
        budget = [max_requests]
        began = time.monotonic()
        deadline, last = began + seconds, began + seconds + 600
        uploading = asyncio.create_task(_train(url, trainer)) if trainer else None

        def going() -> bool:
            now = time.monotonic()
            return now < deadline or (uploading is not None and not uploading.done() and now < last)

        await asyncio.gather(
            *(client_loop(client, requests, n, going, budget, results) for n in range(clients))
        )
        elapsed = time.monotonic() - began
        if uploading is not None:
            await uploading
    summary = summarize(results, elapsed, clients)
    if trainer is not None:
        summary["uploads"] = trainer.summary(began)
    return summary


async def _train(url: str, trainer: Trainer) -> None:
    """The trainer on a connection of its own (the clients' pool stays theirs)."""
    async with httpx.AsyncClient(base_url=url, timeout=120.0) as client:
        await trainer.run(client)


def summarize(results: Results, elapsed: float, clients: int) -> dict:
    def stats(values: list[float]) -> dict:
        return {
            "requests": len(values),
            "p50_ms": round(percentile(values, 50) * 1000, 1),
            "p95_ms": round(percentile(values, 95) * 1000, 1),
            "p99_ms": round(percentile(values, 99) * 1000, 1),
        }

    everything = [v for values in results.latencies.values() for v in values]
    if not everything:
        raise SystemExit("load.py: no request completed")
    return {
        "clients": clients,
        "seconds": round(elapsed, 1),
        "requests_per_s": round(len(everything) / elapsed, 1),
        "errors": sum(results.errors.values()),
        **stats(everything),
        "by_kind": {
            kind: {**stats(values), "errors": results.errors.get(kind, 0)}
            for kind, values in sorted(results.latencies.items())
        },
        "first_errors": results.first_errors,
    }


def start_server(
    data: Path, keys: str = "", log: Path | None = None
) -> tuple[subprocess.Popen, str]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    camnang = Path(sys.executable).parent / "camnang"
    process = subprocess.Popen(
        [str(camnang), "serve", "--data", str(data), "--port", str(port), "--no-samples"],
        stdout=subprocess.DEVNULL,
        stderr=log.open("ab") if log else subprocess.DEVNULL,
        env={**os.environ, "CAMNANG_API_KEYS": keys},
    )
    url = f"http://127.0.0.1:{port}"
    wait_until_up(process, url, "load.py")
    return process, url


def print_table(summary: dict) -> None:
    print(
        f"{summary['clients']} clients, {summary['seconds']} s: "
        f"{summary['requests']} requests, {summary['requests_per_s']} req/s, "
        f"{summary['errors']} errors"
    )
    print(f"{'kind':14} {'requests':>9} {'errors':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}")
    rows = [("all", {**summary, "errors": summary["errors"]}), *summary["by_kind"].items()]
    for kind, row in rows:
        print(
            f"{kind:14} {row['requests']:9} {row['errors']:7} {row['p50_ms']:8} "
            f"{row['p95_ms']:8} {row['p99_ms']:8}"
        )
    if "server_cpu_cores" in summary:
        print(
            f"server process: {summary['server_cpu_cores']} cores busy on average, "
            f"{summary['server_cpu_ms_per_request']} ms CPU per request"
        )
    print(f"load average (1 min) before/after: {summary['load_average']}")
    for line in summary["first_errors"]:
        print("error:", line)
    if "uploads" in summary:
        print_uploads(summary["uploads"])


def _cpu(process: psutil.Process | None) -> float:
    """CPU seconds used by a process and its threads (0 when there is none)."""
    if process is None:
        return 0.0
    used = process.cpu_times()
    return used.user + used.system


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    target = parser.add_mutually_exclusive_group(required=True)
    target.add_argument("--url", help="A running camnang on this machine.")
    target.add_argument("--data", type=Path, help="Start `camnang serve` over this folder.")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--max-requests", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--mix", choices=("search", "documents"), default="search", help="What to request."
    )
    parser.add_argument(
        "--uploads", type=int, default=0, help="Documents a trainer uploads meanwhile (--data)."
    )
    parser.add_argument(
        "--upload-from", type=Path, default=DEFAULT_SOURCE, help="Where the uploads come from."
    )
    parser.add_argument("--server-log", type=Path, help="Append the server's stderr to this file.")
    parser.add_argument("--json", action="store_true", help="Print one JSON object.")
    args = parser.parse_args()
    if not (1 <= args.clients <= 500 and 0 < args.seconds <= 600):
        raise SystemExit("load.py: --clients must be 1..500 and --seconds 0..600")
    if args.uploads and not (args.data and 0 < args.uploads <= 100):
        raise SystemExit("load.py: --uploads needs --data and is 1..100")
    process, trainer, copy = None, None, None
    if args.uploads:
        files = pick_uploads(args.upload_from, args.uploads, stored_digests(args.data))
        if len(files) < args.uploads:
            raise SystemExit(f"load.py: only {len(files)} new documents in {args.upload_from}")
        trainer = Trainer(files, secrets.token_urlsafe(24))
        copy = fresh_copy(args.data)
        process, url = start_server(copy, f"{trainer.key}=trainer", args.server_log)
    elif args.data:
        process, url = start_server(args.data, log=args.server_log)
    else:
        url = local_only(args.url.rstrip("/"))
    server = psutil.Process(process.pid) if process is not None else None
    load_before = os.getloadavg()[0]
    try:
        cpu_before = _cpu(server)
        began = time.monotonic()
        summary = asyncio.run(
            run(url, args.clients, args.seconds, args.max_requests, args.seed, args.mix, trainer)
        )
        if server is not None:
            used = _cpu(server) - cpu_before
            summary["server_cpu_cores"] = round(used / (time.monotonic() - began), 2)
            summary["server_cpu_ms_per_request"] = round(1000 * used / summary["requests"], 1)
        summary["load_average"] = [round(load_before, 1), round(os.getloadavg()[0], 1)]
    finally:
        if process is not None:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
        if copy is not None:
            shutil.rmtree(copy.parent, ignore_errors=True)
    if args.json:
        print(json.dumps(summary, ensure_ascii=False))
    else:
        print_table(summary)
    failed = summary["errors"] or summary.get("uploads", {}).get("failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
