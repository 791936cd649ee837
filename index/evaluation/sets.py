"""The retrieval sets the benches and the parity test run: the four of `../shared/bench`
(paths relative to it) and our own THADS dev set."""

from __future__ import annotations

from pathlib import Path

SHARED_SETS = {
    "alqac2022": ("alqac2022/law.json", "alqac2022/questions.json"),
    "alqac2023": ("alqac2023/law.json", "alqac2023/train.json"),
    "alqac2024": ("alqac2024/law.json", "alqac2024/train.json"),
    "zalo": ("phapdien/all_law.json.gz", "phapdien/zalo_questions.json"),
}
THADS_DEV_QUERIES = Path(__file__).resolve().parents[2] / "bench" / "queries" / "thads_dev.json"
SETS = {**SHARED_SETS, "thads": ("phapdien/thads_law.json", str(THADS_DEV_QUERIES))}
"""Every set by name: (corpus, queries); an absolute path stays as it is when joined."""
