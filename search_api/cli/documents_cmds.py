"""`camnang ingest`, `camnang show`, `camnang list`: getting documents in and looking at them."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from ingest.pipeline import OCR_MODES
from search_api.cli.app import DataOption, JsonOption, app, data_dir, emit_json, fail
from search_api.library import IngestOutcome, Library


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files and folders (walked recursively).")],
    data: DataOption = None,
    ocr: Annotated[
        str, typer.Option(help="OCR for pages without a text layer: auto, always or never.")
    ] = "auto",
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="Files parsed in parallel.")] = 1,
    json_out: JsonOption = False,
) -> None:
    """Ingest PDF, DOCX, Markdown/text/HTML files and scans into the data folder."""
    if ocr not in OCR_MODES:
        raise fail(f"--ocr must be one of {', '.join(OCR_MODES)}", 2)
    failures = 0
    with Library(data_dir(data)) as library:
        files, missing = library.plan(paths)
        outcomes: list[IngestOutcome] = list(missing)
        show_bar = sys.stderr.isatty() and not json_out
        with _progress(show_bar) as progress:
            t_files = progress.add_task("files", total=len(files))
            t_pages = progress.add_task("pages", total=None)
            t_ocr = progress.add_task("OCR pages", total=None)
            for outcome in library.ingest_files(files, ocr=ocr, jobs=jobs):
                progress.advance(t_files)
                progress.advance(t_pages, outcome.pages)
                progress.advance(t_ocr, outcome.ocr_pages)
                outcomes.append(outcome)
                if json_out:
                    emit_json(outcome.to_dict())
        for outcome in outcomes:
            if outcome.status == "failed":
                failures += 1
                sys.stderr.write(f"camnang: {outcome.path}: {outcome.error}\n")
            elif not json_out:
                typer.echo(
                    f"{outcome.status:9} {outcome.doc_id:28} {outcome.kind or '':22} "
                    f"{outcome.articles or 0:5} art.  {outcome.path}"
                )
        if json_out:
            for outcome in missing:
                emit_json(outcome.to_dict())
    if failures:
        raise typer.Exit(1)


def _progress(enabled: bool) -> Progress:
    return Progress(
        TextColumn("{task.description:>10}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        disable=not enabled,
        transient=False,
    )


@app.command()
def show(
    doc_id: Annotated[str, typer.Argument(help="A document id, as `camnang list` shows it.")],
    data: DataOption = None,
    json_out: JsonOption = False,
) -> None:
    """Show one stored document: its facts and its provision tree."""
    with Library(data_dir(data)) as library:
        doc = library.get(doc_id)
        if doc is None:
            raise fail(f"no document with id {doc_id!r} (see `camnang list`)")
        if json_out:
            emit_json(doc.to_dict())
            return
        typer.echo(f"{doc.id}  [{doc.kind}]  {doc.number or ''}")
        typer.echo(doc.title)
        for key in ("doc_type", "issuer", "place", "issued", "effective_from"):
            value = getattr(doc, key)
            if value:
                typer.echo(f"  {key}: {value}")
        for p in doc.walk():
            if p.kind in ("phan", "chuong", "muc", "tieu_muc", "dieu", "phu_luc", "section"):
                indent = "    " if p.kind in ("dieu", "section") else "  "
                typer.echo(f"{indent}{p.id:14} {p.title[:90]}")


@app.command("list")
def list_documents(
    data: DataOption = None,
    kind: Annotated[str | None, typer.Option(help="Only documents of this kind.")] = None,
    json_out: JsonOption = False,
) -> None:
    """List the stored documents."""
    with Library(data_dir(data)) as library:
        for row in library.list(kind=kind):
            if json_out:
                emit_json(row.to_dict())
            else:
                typer.echo(
                    f"{row.id:28} {row.kind:22} {row.number or '':18} {row.issued or '':10} "
                    f"{row.articles:5} art.  {row.title[:60]}"
                )
