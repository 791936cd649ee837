"""The `camnang` command: one Typer app, one module per group of subcommands."""

from __future__ import annotations

from search_api.cli import (
    bench_cmds,  # noqa: F401  (registers its commands)
    documents_cmds,  # noqa: F401  (registers its commands)
    search_cmds,  # noqa: F401  (registers its commands)
)
from search_api.cli.app import app


def main() -> None:
    """Entry point of the `camnang` console script."""
    app()


__all__ = ["app", "main"]
