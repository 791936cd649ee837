"""The `camnang` command: one Typer app, one module per group of subcommands."""

from __future__ import annotations

import importlib

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
    app()


__all__ = ["app", "main"]
