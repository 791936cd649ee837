"""`camnang handbook build|draft`: compile a spec into DOCX/PDF/HTML; draft a spec for a topic."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Annotated

import typer

from corpus.locking import LockTimeout
from handbook.compile import compile_handbook
from handbook.draft import NothingFound, draft_spec, draft_yaml
from handbook.export import FORMATS, export
from handbook.spec import SpecError, load_spec
from search_api.cli.app import DataOption, app, data_dir, fail
from search_api.library import Library

handbook_app = typer.Typer(
    help="Handbooks (cẩm nang): build one from a spec, or draft a spec for a topic.",
    no_args_is_help=True,
)
app.add_typer(handbook_app, name="handbook")


def _date(value: str | None, option: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise fail(f"{option} needs a date as YYYY-MM-DD, not {value!r}", 2) from None


@handbook_app.command()
def build(
    spec: Annotated[Path, typer.Argument(help="The spec, YAML or JSON.")],
    output: Annotated[
        Path, typer.Option("-o", "--output", help="The file to write: .docx, .pdf or .html.")
    ],
    data: DataOption = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Fail (write nothing) if any item is unresolved.")
    ] = False,
    date: Annotated[
        str | None,
        typer.Option("--date", help="The compile date printed on the cover (default: today)."),
    ] = None,
) -> None:
    """Compile a handbook spec and write it as DOCX, PDF or HTML (by the output's suffix)."""
    fmt = output.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise fail(f"{output}: the output must end in .docx, .pdf or .html", 2)
    today = _date(date, "--date")
    try:
        text = spec.read_bytes()
    except OSError as err:
        raise fail(f"{spec}: cannot read: {err.strerror or err}") from None
    try:
        parsed = load_spec(text)
    except SpecError as err:
        for problem in err.problems:
            sys.stderr.write(f"camnang: {spec}: {problem}\n")
        raise typer.Exit(1) from None
    try:
        with Library(data_dir(data)) as library:
            book = compile_handbook(parsed, library.store, library, today=today)
    except LockTimeout as err:
        raise fail(str(err)) from None
    for problem in book.problems:
        sys.stderr.write(f"camnang: {' '.join(str(problem).split())}\n")
    if strict and book.problems:
        raise fail(f"{len(book.problems)} item(s) unresolved; nothing written (--strict)")
    content = export(book, fmt)
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        tmp = output.with_name(output.name + ".part")
        tmp.write_bytes(content)
        tmp.replace(output)
    except OSError as err:
        raise fail(f"{output}: cannot write: {err.strerror or err}") from None
    quotes = sum(1 for _ in book.quotes())
    rows = sum(len(t.rows) for t in book.tables())
    typer.echo(
        f"{output}: {len(book.sections)} sections, {quotes} quotes, {rows} kinds of violation, "
        f"{len(book.sources)} sources"
        + (f"; {len(book.problems)} item(s) unresolved" if book.problems else "")
    )


@handbook_app.command()
def draft(
    topic: Annotated[str, typer.Argument(help="The topic, e.g. 'xác minh điều kiện thi hành án'.")],
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Write the spec here (default: stdout).")
    ] = None,
    data: DataOption = None,
) -> None:
    """A first spec for a topic: provisions, violation groups and conference-topic parts."""
    try:
        with Library(data_dir(data)) as library:
            found = draft_spec(topic, library.store, library)
    except NothingFound as err:
        raise fail(str(err)) from None
    except LockTimeout as err:
        raise fail(str(err)) from None
    text = draft_yaml(found)
    if output is None:
        sys.stdout.write(text)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as err:
        raise fail(f"{output}: cannot write: {err.strerror or err}") from None
    typer.echo(f"{output}: {sum(len(s.items) for s in found.spec.sections)} items")
