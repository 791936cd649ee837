"""`camnang search`, `camnang similar`, `camnang reindex`: finding provisions."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer

from corpus.locking import LockTimeout
from index.engine_setting import EngineSettingError
from index.engines import ENGINES
from index.highlight import plain
from index.results import SearchFilters, SearchResult
from search_api.cli.app import DataOption, JsonOption, app, data_dir, emit_json, fail
from search_api.library import Library

KINDS = ("article", "finding", "section", "document")
EngineChoice = Annotated[
    str | None,
    typer.Option(
        "--engine",
        help=f"Search engine for this run ({', '.join(sorted(ENGINES))}); "
        "default: the data folder's (DATA/search.toml), else whoosh.",
        show_default=False,
    ),
]


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="Words, a quoted phrase, a số hiệu or a citation.")],
    data: DataOption = None,
    kind: Annotated[
        str | None, typer.Option(help=f"Only units of this kind: {', '.join(KINDS)}.")
    ] = None,
    limit: Annotated[int, typer.Option(min=1, max=1000, help="Hits to show.")] = 10,
    doc_type: Annotated[
        str | None, typer.Option("--doc-type", help="e.g. luat, nghi_dinh.")
    ] = None,
    issuer: Annotated[str | None, typer.Option(help="Issuing body, as stored.")] = None,
    year_from: Annotated[
        int | None, typer.Option("--year-from", help="Issued in or after.")
    ] = None,
    year_to: Annotated[int | None, typer.Option("--year-to", help="Issued in or before.")] = None,
    in_force: Annotated[
        str | None, typer.Option("--in-force", help="In force on this date (YYYY-MM-DD).")
    ] = None,
    document: Annotated[str | None, typer.Option(help="Only this document id.")] = None,
    engine: EngineChoice = None,
    json_out: JsonOption = False,
) -> None:
    """Search the handbook: the cited provision first, then the best matches."""
    if kind is not None and kind not in KINDS:
        raise fail(f"--kind must be one of {', '.join(KINDS)}", 2)
    on = None
    if in_force:
        try:
            on = dt.date.fromisoformat(in_force)
        except ValueError:
            raise fail(f"--in-force needs a date as YYYY-MM-DD, not {in_force!r}", 2) from None
    filters = SearchFilters(
        kind=kind,
        doc_type=doc_type,
        issuer=issuer,
        year_from=year_from,
        year_to=year_to,
        in_force_on=on,
        document=document,
    )
    try:
        with Library(data_dir(data), engine=engine) as library:
            result = library.search(query, filters=filters, limit=limit)
    except LockTimeout as err:
        raise fail(str(err)) from None
    except EngineSettingError as err:
        raise fail(str(err), 2) from None
    _print(result, json_out)


def _print(result: SearchResult, json_out: bool) -> None:
    if json_out:
        for hit in result.hits:
            emit_json(hit.to_dict())
        return
    if not result.hits:
        typer.echo(
            "no results" + (f"; did you mean: {result.did_you_mean}" if result.did_you_mean else "")
        )
        return
    typer.echo(f"{result.total} results")
    for i, hit in enumerate(result.hits, start=1):
        where = " ".join(x for x in (hit.label, hit.number or hit.title) if x)
        typer.echo(f"{i:2}. {where}  [{hit.doc_id}]  {hit.score:.2f}")
        if hit.heading:
            typer.echo(f"    {hit.heading}")
        if hit.snippet:
            typer.echo(f"    {plain(hit.snippet)}")
    shown = {k: v for k, v in result.facets.items() if v}
    for name, counts in shown.items():
        top = ", ".join(f"{k} {n}" for k, n in list(counts.items())[:6])
        typer.echo(f"  {name}: {top}")


@app.command()
def similar(
    key: Annotated[str, typer.Argument(help="A hit's key (`doc_id#provision_id`).")],
    data: DataOption = None,
    limit: Annotated[int, typer.Option(min=1, max=100)] = 10,
    json_out: JsonOption = False,
) -> None:
    """More like this: units similar to one unit."""
    with Library(data_dir(data)) as library:
        hits = library.more_like_this(key, limit=limit)
    if not hits:
        raise fail(f"no unit with key {key!r} (see the `key` of `camnang search --json`)")
    _print(SearchResult(query=key, hits=hits, total=len(hits)), json_out)


@app.command()
def reindex(
    data: DataOption = None,
    engine: Annotated[
        str | None,
        typer.Option(
            "--engine",
            help=f"Switch the data folder to this engine ({', '.join(sorted(ENGINES))}) "
            "and build its index.",
            show_default=False,
        ),
    ] = None,
    json_out: JsonOption = False,
) -> None:
    """Rebuild the search index from the store (with --engine: switch engines)."""
    try:
        with Library(data_dir(data), engine=engine) as library:
            units = library.reindex(engine)
            documents = library.store.count()
            used = library.engine
    except LockTimeout as err:
        raise fail(str(err)) from None
    except EngineSettingError as err:
        raise fail(str(err), 2) from None
    if json_out:
        emit_json({"documents": documents, "units": units, "engine": used})
    else:
        typer.echo(f"reindexed {documents} documents, {units} units ({used})")
