"""`camnang serve` (the web pages and the API) and `camnang keygen` (an API key for a role)."""

from __future__ import annotations

import os
import secrets
import sys
from pathlib import Path
from typing import Annotated

import typer

from index.engine_setting import ENGINE_ENV, EngineSettingError, check_engine, chosen_engine
from search_api.cli.app import DataOption, app, data_dir, fail
from search_api.cli.search_cmds import EngineChoice
from search_api.http.keys import ConfigError, Role, key_digest
from search_api.http.settings import CONFIG_NAME, KEYS_ENV, load_settings
from search_api.library import Library

KEEP_ALIVE_SECONDS = 75
"""Idle keep-alive connections stay open this long (uvicorn's default of 5 s races clients and
proxies that reuse a connection just as the server closes it: a failed request)."""


def _url(host: str, port: int) -> str:
    shown = {"0.0.0.0": "127.0.0.1", "::": "::1", "": "127.0.0.1"}.get(host, host)
    if ":" in shown:
        shown = f"[{shown}]"
    return f"http://{shown}:{port}/"


@app.command()
def serve(
    data: DataOption = None,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    config: Annotated[
        Path | None,
        typer.Option(
            help=f"Settings file (default: $CAMNANG_CONFIG, else DATA/{CONFIG_NAME} if present).",
            show_default=False,
        ),
    ] = None,
    samples: Annotated[
        bool, typer.Option(help="Ingest the bundled samples when the data folder is empty.")
    ] = True,
    engine: EngineChoice = None,
) -> None:
    """Serve the handbook's web pages and JSON API (API docs at /api/docs)."""
    import uvicorn

    from search_api.http.app import create_app

    folder = data_dir(data)
    try:
        if engine is not None:  # every Library of this process uses it
            os.environ[ENGINE_ENV] = check_engine(engine, "--engine")
        chosen_engine(folder)
    except EngineSettingError as err:
        raise fail(str(err), 2) from None
    try:
        settings = load_settings(folder, config)
    except ConfigError as err:
        raise fail(str(err), 2) from None
    if samples:
        with Library(folder) as library:
            outcomes = library.ensure_samples()
        for outcome in outcomes:
            if outcome.status == "failed":
                sys.stderr.write(f"camnang: sample {outcome.path}: {outcome.error}\n")
        if outcomes:
            ok = sum(1 for o in outcomes if o.status != "failed")
            typer.echo(f"camnang: ingested {ok} sample document(s) into {folder}")
    keys = len(settings.keys)
    roles = f"{keys} API key(s)" if keys else f"no API keys (uploads off; see {KEYS_ENV})"
    typer.echo(f"camnang: serving {folder} with {roles} at {_url(host, port)}  (Ctrl+C stops)")
    uvicorn.run(
        create_app(settings),
        host=host,
        port=port,
        log_level="info",
        timeout_keep_alive=KEEP_ALIVE_SECONDS,
    )


@app.command()
def keygen(
    role: Annotated[str, typer.Argument(help="reader, trainer or admin.")],
) -> None:
    """Make a new random API key for a role and print how to configure it."""
    try:
        parsed = Role[role.strip().upper()]
    except KeyError:
        parsed = None
    if parsed is None or parsed is Role.PUBLIC:
        raise fail("role must be reader, trainer or admin", 2)
    key = secrets.token_urlsafe(24)
    name = parsed.name.lower()
    typer.echo(f"key:         {key}")
    typer.echo(f'{CONFIG_NAME}: "sha256:{key_digest(key)}" = "{name}"   # under [api_keys]')
    typer.echo(f"environment: {KEYS_ENV}={key}={name}")
