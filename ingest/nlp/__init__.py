"""Citations and entities in Vietnamese text: a spaCy pipeline over the one citation grammar.

`analyse` loads spaCy on its first call, not on import, so commands that never parse a
conclusion or a topic (`camnang --help`, `search`, `serve`) start without it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from corpus.citations import CitingContext
    from ingest.nlp.pipeline import Analysis


def analyse(text: str, context: CitingContext | None = None) -> Analysis:
    """`pipeline.analyse`: run the pipeline over one text with the citing document's context."""
    from ingest.nlp.pipeline import analyse as run

    return run(text, context)
