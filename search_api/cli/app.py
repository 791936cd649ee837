"""The root Typer app and the options every subcommand shares."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

app = typer.Typer(
    name="camnang",
    help="camnang: a searchable handbook of Vietnamese civil judgment enforcement (THADS) law.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

DataOption = Annotated[
    Path | None,
    typer.Option(
        "--data",
        envvar="CAMNANG_DATA",
        help="Data folder (default: $CAMNANG_DATA, else ./data).",
        show_default=False,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="One JSON object per line on stdout.")]


def data_dir(value: Path | None) -> Path:
    return value if value is not None else Path("data")


def emit_json(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print a one-line reason on stderr and return the Exit to raise."""
    sys.stderr.write(f"camnang: {' '.join(message.split())}\n")
    return typer.Exit(code)
