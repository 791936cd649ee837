"""`camnang ingest`, `camnang show`, `camnang list`: getting documents in and looking at them."""

from __future__ import annotations

import sys
import time
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
    """Ingest PDF, DOCX, Markdown/text/HTML files and scans into the data folder.

    A file that cannot be ingested fails alone, with a one-line reason on stderr; the exit
    status is then 1.
    """
    if ocr not in OCR_MODES:
        raise fail(f"--ocr must be one of {', '.join(OCR_MODES)}", 2)
    failures = 0
    with Library(data_dir(data)) as library:
        files, missing = library.plan(paths)
        with _IngestProgress(len(files), enabled=sys.stderr.isatty()) as bar:

            def report(outcome: IngestOutcome) -> None:
                nonlocal failures
                if outcome.status == "failed":
                    failures += 1
                    bar.say(f"camnang: {outcome.path}: {outcome.error}")
                if json_out:
                    emit_json(outcome.to_dict())
                elif outcome.status != "failed":
                    typer.echo(
                        f"{outcome.status:9} {outcome.doc_id:28} {outcome.kind or '':22} "
                        f"{outcome.articles or 0:5} art.  {outcome.path}"
                    )

            for outcome in missing:
                report(outcome)
            try:
                for outcome in library.ingest_files(files, ocr, jobs, bar.event):
                    bar.file_done()
                    report(outcome)
            except KeyboardInterrupt:
                done = f"{bar.progress.tasks[bar.files].completed:.0f} of {len(files)}"
                raise fail(f"interrupted: {done} files done and kept", 130) from None
    if failures:
        raise typer.Exit(1)


class _IngestProgress:
    """The progress bar on stderr (files, pages, OCR pages), when stderr is a terminal.

    It is refreshed from the events the workers send, not by a thread of its own: workers are
    forked while it runs, and a fork should not copy a thread that may hold a lock.
    """

    def __init__(self, files: int, enabled: bool) -> None:
        self.enabled = enabled
        self.console = Console(stderr=True)
        self.progress = Progress(
            TextColumn("{task.description:>10}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=self.console,
            disable=not enabled,
            auto_refresh=False,
        )
        self.files = self.progress.add_task("files", total=files)
        self.pages = self.progress.add_task("pages", total=None)
        self.ocr = self.progress.add_task("OCR pages", total=None)
        self.shown = 0.0

    def __enter__(self) -> _IngestProgress:
        self.progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.progress.refresh()
        self.progress.stop()

    def event(self, kind: str, n: int) -> None:
        """A worker read (`page`) or OCR'd (`ocr_page`) `n` pages."""
        self.progress.advance(self.ocr if kind == "ocr_page" else self.pages, n)
        self._refresh()

    def file_done(self) -> None:
        self.progress.advance(self.files)
        self._refresh(force=True)

    def say(self, line: str) -> None:
        """One line on stderr (above the bar when there is one)."""
        if self.enabled:
            self.console.print(line, markup=False, highlight=False, soft_wrap=True)
        else:
            sys.stderr.write(line + "\n")
            sys.stderr.flush()

    def _refresh(self, force: bool = False) -> None:
        now = time.monotonic()
        if self.enabled and (force or now - self.shown > 0.1):
            self.shown = now
            self.progress.refresh()


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
