"""The registry of engines: a name → a class implementing `index.engine.Engine`.

To add an engine: implement `Engine` in its own module (terms arrive pre-analyzed; honour
`FieldSpec` kinds, `Term`/`Phrase` scoring with BM25 `k1` and each text field's `length_norm`,
`AnyOf`/`Range`/`AllOf` filters and facet counts over all matches), then add it to `ENGINES`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from index.engine import Engine, FieldSpec


def _whoosh(path: Path, specs: list[FieldSpec], k1: float, **options: int) -> Engine:
    from index.whoosh_engine import WhooshEngine

    return WhooshEngine(path, specs, k1=k1, **options)


def _tantivy(path: Path, specs: list[FieldSpec], k1: float, **options: int) -> Engine:
    from index.tantivy_engine import TantivyEngine

    return TantivyEngine(path, specs, k1=k1, **options)


ENGINES: dict[str, Callable[..., Engine]] = {"whoosh": _whoosh, "tantivy": _tantivy}
DEFAULT_ENGINE = "whoosh"


class UnknownEngine(ValueError):
    pass


def make_engine(
    name: str, path: Path | str, specs: list[FieldSpec], k1: float = 1.2, **options: int
) -> Engine:
    """Open (or create) the named engine's index in `path`; raises IndexCorrupt if unreadable."""
    try:
        factory = ENGINES[name]
    except KeyError:
        raise UnknownEngine(
            f"unknown search engine {name!r}; known: {', '.join(sorted(ENGINES))}"
        ) from None
    return factory(Path(path), specs, k1, **options)
