"""Which search engine a data folder uses: `DATA/search.toml`, else `$CAMNANG_ENGINE`, else Whoosh.

The file is written by `camnang reindex --engine NAME` (and may be written by hand):

    # camnang: the search engine of this data folder
    engine = "tantivy"

An explicit choice (`--engine` on a command, which sets `$CAMNANG_ENGINE` for `serve`) wins
over the file for that run; the index of each engine lives in `DATA/index/<engine>/`.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

from index.engines import DEFAULT_ENGINE, ENGINES, UnknownEngine

SETTING_FILE = "search.toml"
ENGINE_ENV = "CAMNANG_ENGINE"


class EngineSettingError(UnknownEngine):
    """The setting names no known engine or the file cannot be read; the message says which."""


def check_engine(name: str, where: str = "engine") -> str:
    if name not in ENGINES:
        known = ", ".join(sorted(ENGINES))
        raise EngineSettingError(f"{where}: unknown search engine {name!r}; known: {known}")
    return name


def folder_engine(data_dir: Path | str) -> str | None:
    """The engine `DATA/search.toml` names, None when there is no such file."""
    path = Path(data_dir) / SETTING_FILE
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except OSError as err:
        raise EngineSettingError(f"{path}: cannot be read ({type(err).__name__})") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise EngineSettingError(f"{path}: not valid TOML ({err})") from None
    unknown = set(data) - {"engine"}
    if unknown:
        raise EngineSettingError(f"{path}: unknown setting(s) {', '.join(sorted(unknown))}")
    name = data.get("engine")
    if name is None:
        return None
    if not isinstance(name, str):
        raise EngineSettingError(f'{path}: engine must be a name such as "tantivy"')
    return check_engine(name, str(path))


def chosen_engine(data_dir: Path | str, explicit: str | None = None) -> str:
    """The engine to use: `explicit`, else `$CAMNANG_ENGINE`, else the folder's, else Whoosh."""
    if explicit:
        return check_engine(explicit)
    env = os.environ.get(ENGINE_ENV)
    if env:
        return check_engine(env, f"${ENGINE_ENV}")
    return folder_engine(data_dir) or DEFAULT_ENGINE


def write_folder_engine(data_dir: Path | str, name: str) -> None:
    """Make `name` the data folder's engine (the file is replaced atomically)."""
    check_engine(name)
    path = Path(data_dir) / SETTING_FILE
    tmp = path.with_suffix(".toml.tmp")
    tmp.write_text(
        f'# camnang: the search engine of this data folder\nengine = "{name}"\n', encoding="utf-8"
    )
    tmp.replace(path)
