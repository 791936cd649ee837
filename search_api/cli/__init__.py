"""The `camnang` command: one Typer app, one module per group of subcommands."""

from __future__ import annotations

import importlib
import sys

from index.engine_setting import EngineSettingError
from search_api.cli.app import app

COMMAND_MODULES = (
    "documents_cmds",
    "search_cmds",
    "violations_cmds",
    "handbook_cmds",
    "serve_cmds",
    "bench_cmds",
    "maintenance_cmds",
)
"""Modules under search_api/cli/ whose commands register themselves on the app."""

for _name in COMMAND_MODULES:
    importlib.import_module(f"search_api.cli.{_name}")


def main() -> None:
    """Entry point of the `camnang` console script."""
    try:
        app()
    except EngineSettingError as err:  # a bad DATA/search.toml or $CAMNANG_ENGINE
        sys.stderr.write(f"camnang: {err}\n")
        raise SystemExit(2) from None


__all__ = ["app", "main"]
