"""`camnang bench retrieval` and `camnang bench perf`: measured quality and speed of search."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from index.engines import DEFAULT_ENGINE, ENGINES
from index.evaluation.alqac import BenchFileError, read_queries
from search_api.cli.app import JsonOption, app, emit_json, fail

bench_app = typer.Typer(help="Benchmarks of search quality and speed.", no_args_is_help=True)
app.add_typer(bench_app, name="bench")

EngineOption = Annotated[
    str, typer.Option("--engine", help=f"Search engine: {', '.join(sorted(ENGINES))}.")
]


def _check_engine(engine: str) -> None:
    if engine not in ENGINES:
        raise fail(f"unknown engine {engine!r}; known: {', '.join(sorted(ENGINES))}", 2)


@bench_app.command("retrieval")
def retrieval(
    corpus: Annotated[Path, typer.Option(help="Corpus in the ALQAC layout (.json or .json.gz).")],
    queries: Annotated[Path, typer.Option(help="Queries with relevant_articles.")],
    engine: EngineOption = DEFAULT_ENGINE,
    no_diacritics: Annotated[
        bool, typer.Option("--no-diacritics", help="Strip marks (and đ→d) from every query.")
    ] = False,
    json_out: JsonOption = False,
) -> None:
    """Index a corpus like the product does and score the queries: Recall@1/5/10, MRR@10."""
    from index.evaluation.retrieval import evaluate

    _check_engine(engine)
    try:
        qs = read_queries(queries, strip_marks=no_diacritics)
        scores = evaluate(
            corpus, qs, engine=engine, progress=None if json_out else lambda m: typer.echo(m)
        )
    except BenchFileError as err:
        raise fail(str(err)) from None
    figures = scores.to_dict()
    if json_out:
        emit_json(figures)
    else:
        typer.echo("  ".join(f"{k} {v}" for k, v in figures.items()))


@bench_app.command("perf")
def perf(
    corpus: Annotated[Path, typer.Option(help="Corpus in the ALQAC layout (.json or .json.gz).")],
    engine: Annotated[
        str,
        typer.Option(
            "--engine",
            help=f"Search engine, or several separated by commas ({', '.join(sorted(ENGINES))}),"
            " measured one after the other in this run.",
        ),
    ] = DEFAULT_ENGINE,
    procs: Annotated[int, typer.Option(min=1, help="Writer processes (Whoosh).")] = 1,
    limitmb: Annotated[int, typer.Option(min=32, help="Writer memory in MB.")] = 512,
    jobs: Annotated[
        int, typer.Option(min=1, help="Processes analyzing the text (default: one per core).")
    ] = max(1, os.cpu_count() or 1),
    timeout: Annotated[
        float | None,
        typer.Option(help="Stop a build after this many seconds and report how far it got."),
    ] = None,
    baseline: Annotated[
        bool, typer.Option("--baseline/--no-baseline", help="Also measure SQLite FTS5.")
    ] = True,
    json_out: JsonOption = False,
) -> None:
    """Index build rate, query p50/p95/p99 (with snippets and facets), size and peak memory.

    With --json, one line per engine; the last one also carries the FTS5 `baseline`."""
    from index.evaluation.perf import PerfError, run_perf

    engines = [e.strip() for e in engine.split(",") if e.strip()]
    for name in engines or [""]:
        _check_engine(name)
    if not corpus.is_file():
        raise fail(f"{corpus}: no such file")
    for i, name in enumerate(engines):
        last = i == len(engines) - 1
        try:
            figures = run_perf(
                corpus,
                engine=name,
                procs=procs,
                limitmb=limitmb,
                baseline=baseline and last,
                jobs=jobs,
                timeout=timeout,
            )
        except (BenchFileError, PerfError) as err:
            raise fail(str(err)) from None
        if json_out:
            emit_json(figures)
        else:
            _print_perf(figures)


def _print_perf(figures: dict) -> None:
    rows = [figures, *figures.get("baseline", {}).values()]
    for row in rows:
        if row.get("timed_out"):
            typer.echo(
                f"{row['engine']:12} stopped after {row['index_seconds']} s: "
                f"{row['articles_read']} articles read ({row['index_per_s']}/s)"
            )
            continue
        searching = f"  searching {row['search_rss_mb']} MB" if "search_rss_mb" in row else ""
        typer.echo(
            f"{row['engine']:12} {row['articles']} articles  index {row['index_seconds']} s "
            f"({row['index_per_s']}/s)  query p50 {row['query_p50_ms']} ms  "
            f"p95 {row['query_p95_ms']} ms  p99 {row['query_p99_ms']} ms  {row['index_mb']} MB  "
            f"peak RSS {row['peak_rss_mb']} MB{searching}"
        )
