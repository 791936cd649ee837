"""Real documents from ../shared, parsed once per test session, and an independent reading of
DOCX paragraphs (python-docx's own `paragraphs`, not camnang's reader) to check the parser by."""

from __future__ import annotations

import functools
import re
from pathlib import Path

import docx

from corpus.model import Document
from ingest.pipeline import parse_file
from tests.conftest import shared_path

ARTICLE_LINE = re.compile(r"^(?:Điều|ĐIỀU)\s+(\d+)([a-zđ]?)\s*\.")


def corpus_file(*parts: str) -> Path:
    return shared_path("corpus", *parts)


@functools.lru_cache(maxsize=64)
def _parse(path: str) -> Document:
    return parse_file(Path(path)).document


def parsed(*parts: str) -> Document:
    """The Document camnang makes of a file under ../shared/corpus (cached)."""
    return _parse(str(corpus_file(*parts)))


@functools.lru_cache(maxsize=16)
def body_paragraphs(path: str) -> tuple[str, ...]:
    """The texts of a DOCX's top-level paragraphs (tables left out), by python-docx alone."""
    return tuple(p.text.strip() for p in docx.Document(path).paragraphs)


def own_article_run(path: str) -> list[tuple[int, int]]:
    """(article number, paragraph index) of the document's own articles, counted by hand's rule:
    the run `Điều 1.`, `Điều 2.`, … from the first article while each number follows the one
    before; the run ends where numbering starts again (a model charter or a form in an
    appendix has its own `Điều 1.`)."""
    run: list[tuple[int, int]] = []
    for index, text in enumerate(body_paragraphs(path)):
        m = ARTICLE_LINE.match(text)
        if not m or m.group(2):
            continue
        number = int(m.group(1))
        if run and number != run[-1][0] + 1:
            break
        if not run and number != 1:
            continue
        run.append((number, index))
    return run
