"""Shared fixtures: where the real documents are, and fresh data folders."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
BENCH = SHARED / "bench"
SAMPLES = ROOT / "corpus" / "samples"


def shared_path(*parts: str) -> Path:
    """A path under ../shared, skipping the test with a clear message where it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"../shared is not here ({path} missing); CI always has it")
    return path


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """An empty camnang data folder."""
    path = tmp_path / "data"
    path.mkdir()
    return path
