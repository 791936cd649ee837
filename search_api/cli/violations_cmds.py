"""`camnang violations` (the violations catalogue) and `camnang cited-by` (who cites a document)."""

from __future__ import annotations

from typing import Annotated

import typer

from handbook.categories import CATEGORIES, match_category
from handbook.violations import catalogue
from search_api.cli.app import DataOption, JsonOption, app, data_dir, emit_json, fail
from search_api.library import Library


@app.command()
def violations(
    data: DataOption = None,
    category: Annotated[
        str | None,
        typer.Option(help="Only this category (or words of it, e.g. 'xac minh', 'thong bao')."),
    ] = None,
    unit: Annotated[
        str | None, typer.Option(help="Only findings about this unit (words of it).")
    ] = None,
    year: Annotated[int | None, typer.Option(help="Only conclusions issued in this year.")] = None,
    text: Annotated[str | None, typer.Option(help="Only findings containing these words.")] = None,
    json_out: JsonOption = False,
) -> None:
    """The violations found in inspection conclusions, grouped into kinds, most frequent first."""
    if category and match_category(category) is None:
        raise fail(f"unknown category {category!r}; categories: {', '.join(CATEGORIES)}", 2)
    with Library(data_dir(data)) as library:
        groups = catalogue(
            library.store,
            category=match_category(category) if category else None,
            unit=unit,
            year=year,
            text=text,
        )
        for group in groups:
            if json_out:
                emit_json(group.to_dict())
                continue
            cites = "; ".join(r["citation"] for r in group.refs[:2])
            typer.echo(
                f"{group.count:3} × {group.documents:2} KL  {group.group_id}  "
                f"[{group.category}] {group.label}" + (f"  — {cites}" if cites else "")
            )


@app.command("cited-by")
def cited_by(
    doc_id: Annotated[str, typer.Argument(help="A stored document id (see `camnang list`).")],
    data: DataOption = None,
    json_out: JsonOption = False,
) -> None:
    """Which stored documents cite the provisions of a document, provision by provision."""
    with Library(data_dir(data)) as library:
        if library.get(doc_id) is None:
            raise fail(f"no document with id {doc_id!r} (see `camnang list`)")
        for provision, citing in library.store.cited_by(doc_id).items():
            if json_out:
                emit_json({"provision": provision, "cited_by": citing})
                continue
            for c in citing:
                where = c["source"].replace("finding:", "finding ")
                typer.echo(f"{provision:24} ← {c['doc_id']} ({where}): {c['text']}")
