"""Schemathesis against a running `camnang serve` on real documents: cases run per operation,
failures. Usage: .venv/bin/python bench/schemathesis_run.py [--examples N]"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.conftest import CORPUS, SAMPLES  # noqa: E402
from tests.search_api.live_server import live_server  # noqa: E402
from tests.search_api.schema_fuzz import build_folder, fuzz  # noqa: E402

ADMIN_KEY = "admin-key-for-bench"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--examples", type=int, default=20, help="cases per operation and mode")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = build_folder(Path(tmp) / "data", SAMPLES, CORPUS)
        env = {"CAMNANG_API_KEYS": f"{ADMIN_KEY}=admin"}
        with live_server(folder, env=env) as server:
            start = time.perf_counter()
            report = fuzz(server.url, {"X-API-Key": ADMIN_KEY}, max_examples=args.examples)
            took = time.perf_counter() - start
    for label, n in report.cases.items():
        print(f"{n:5d}  {label}")
    print(f"schemathesis cases run: {report.total} over {len(report.cases)} operation×mode")
    print(f"failures: {len(report.failures)}; {took:.0f} s")
    for line in report.failures:
        print("  " + line)
    return 1 if report.failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
