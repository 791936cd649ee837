"""`camnang check [--repair]`, `camnang backup OUT`, `camnang restore IN`: keeping data safe."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Annotated

import typer

from corpus.backup import BackupError
from corpus.locking import LockTimeout
from corpus.schema import SchemaTooNew
from search_api.cli.app import DataOption, JsonOption, app, data_dir, emit_json, fail
from search_api.library import Library
from search_api.maintenance import CheckReport

FAILURES = (sqlite3.Error, SchemaTooNew, LockTimeout, BackupError, OSError)


@app.command()
def check(
    data: DataOption = None,
    repair: Annotated[
        bool,
        typer.Option(
            "--repair", help="Rebuild the index from the store, remove leftovers, check again."
        ),
    ] = False,
    json_out: JsonOption = False,
) -> None:
    """Check that the store, the original files and the search index agree.

    One line per problem, then a summary; the exit status is 0 only when all is consistent.
    """
    try:
        with Library(data_dir(data)) as library:
            if repair:
                before, report = library.repair()
                _show(before, json_out, "found")
                _show(report, json_out, "after")
            else:
                report = library.check()
                _show(report, json_out, "check")
    except FAILURES as err:
        raise fail(f"check: {err}") from None
    if not report.consistent:
        left = "left after repair" if repair else "found"
        raise fail(f"check: {len(report.problems)} problems {left}")


def _show(report: CheckReport, json_out: bool, stage: str) -> None:
    if json_out:
        for problem in report.problems:
            emit_json({"type": "problem", "stage": stage, **problem.to_dict()})
        emit_json({"type": "summary", "stage": stage, **report.summary()})
        return
    if stage == "found" and not report.problems:
        return
    for problem in report.problems:
        mark = "" if stage == "found" or not problem.repairable else "  [--repair fixes it]"
        typer.echo(f"{'found: ' if stage == 'found' else ''}{problem}{mark}")
    if stage == "found":
        typer.echo("repaired what could be: index rebuilt from the store, leftovers removed")
        return
    counts = (
        f"{report.documents} documents, {report.files} original files, "
        f"{report.index_records if report.index_records is not None else '?'} index records"
    )
    if report.consistent:
        typer.echo(f"consistent: {counts}")
    else:
        typer.echo(f"{len(report.problems)} problems: {counts}")


@app.command()
def backup(
    out: Annotated[Path, typer.Argument(help="The archive to write (.tar, or .tar.gz).")],
    data: DataOption = None,
    json_out: JsonOption = False,
) -> None:
    """Back up the data folder (store, original files, settings) into one archive file.

    Safe while the service runs: readers go on, writers wait until the backup is written.
    """
    try:
        with Library(data_dir(data)) as library:
            report = library.backup(out)
    except FAILURES as err:
        raise fail(f"backup: {err}") from None
    facts = {
        "path": str(report.path),
        "documents": report.documents,
        "files": report.files,
        "extras": report.extras,
        "bytes": report.bytes,
    }
    if json_out:
        emit_json(facts)
    else:
        typer.echo(
            f"backed up {report.documents} documents and {report.files} original files "
            f"({report.bytes / 2**20:.1f} MB) to {report.path}"
        )


@app.command()
def restore(
    archive: Annotated[Path, typer.Argument(help="A file written by `camnang backup`.")],
    data: DataOption = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace the data folder if it is not empty.")
    ] = False,
    json_out: JsonOption = False,
) -> None:
    """Restore a backup into a new (or empty) data folder and rebuild its search index.

    A data folder that is not empty is replaced only with --force, and only once the backup
    has been read and checked in full. Stop a service that uses the folder first.
    """
    try:
        report, units = Library.restore(archive, data_dir(data), force=force)
    except FAILURES as err:
        raise fail(f"restore: {err}") from None
    facts = {
        "data": str(report.data_dir),
        "documents": report.documents,
        "files": report.files,
        "extras": report.extras,
        "created": report.created,
        "index_records": units,
    }
    if json_out:
        emit_json(facts)
    else:
        typer.echo(
            f"restored {report.documents} documents and {report.files} original files "
            f"(backup of {report.created}) into {report.data_dir}; index rebuilt: {units} records"
        )
