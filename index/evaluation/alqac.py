"""Bench files in the ALQAC layout (DESIGN.md, "Contracts"): corpora and query sets.

A corpus is `[{"id", "title"?, "articles": [{"id", "title"?, "text"}]}]` (optionally gzipped);
queries are `[{"question_id"|"id", "text", "relevant_articles": [{"law_id", "article_id"}]}]`.
Each corpus article becomes an article unit whose law and article are the corpus ids, so hits
map straight back to `(law_id, article_id)`.
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from corpus.numbers import NUMBER_PATTERN, normalize_number, slug
from corpus.vntext import clean, fold
from index.units import Unit


class BenchFileError(ValueError):
    """A bench file that is missing or not in the ALQAC layout."""


@dataclass(frozen=True, slots=True)
class BenchQuery:
    id: str
    text: str
    relevant: frozenset[tuple[str, str]]


def _open_text(path: Path) -> TextIO:
    """A bench file as UTF-8 text, gunzipped when its first bytes say it is gzipped."""
    with path.open("rb") as raw:
        gzipped = raw.read(2) == b"\x1f\x8b"
    return gzip.open(path, "rt", encoding="utf-8") if gzipped else path.open(encoding="utf-8")


def read_json(path: Path | str) -> Any:
    path = Path(path)
    try:
        with _open_text(path) as stream:
            return json.load(stream)
    except FileNotFoundError:
        raise BenchFileError(f"{path}: no such file") from None
    except (OSError, ValueError, EOFError) as err:
        raise BenchFileError(f"{path}: not readable JSON ({type(err).__name__})") from None


READ_CHUNK = 1 << 20
"""Characters read at a time from a corpus file."""
LONGEST_LAW = 1 << 28
"""Characters one law may span before the file is called unreadable (no law comes close)."""
_SPACE = re.compile(r"[ \t\n\r]*")


def iter_laws(path: Path | str) -> Iterator[Any]:
    """The laws of a corpus file (a JSON list, optionally gzipped), one at a time: a
    million-article corpus is never held whole."""
    path = Path(path)
    try:
        with _open_text(path) as stream:
            yield from _list_items(stream, path)
    except FileNotFoundError:
        raise BenchFileError(f"{path}: no such file") from None
    except (OSError, EOFError, UnicodeDecodeError) as err:
        raise BenchFileError(f"{path}: not readable JSON ({type(err).__name__})") from None


def _list_items(stream: Any, path: Path) -> Iterator[Any]:
    """The items of the JSON list `stream` holds, decoded one by one from a sliding buffer."""
    decoder = json.JSONDecoder()
    buf, pos, eof = "", 0, False

    def fill() -> bool:
        nonlocal buf, pos, eof
        more = "" if eof else stream.read(max(READ_CHUNK, len(buf) - pos))
        eof = not more
        buf, pos = buf[pos:] + more, 0
        return bool(more)

    def next_char() -> str:
        nonlocal pos
        while True:
            pos = _SPACE.match(buf, pos).end()
            if pos < len(buf):
                return buf[pos]
            if not fill():
                raise BenchFileError(f"{path}: not readable JSON (the list is not closed)")

    if next_char() != "[":
        raise BenchFileError(f"{path}: a corpus is a JSON list of laws")
    pos += 1
    first = True
    while (c := next_char()) != "]":
        if not first:
            if c != ",":
                raise BenchFileError(f"{path}: not readable JSON (expected , between laws)")
            pos += 1
            next_char()
        while True:
            try:
                item, pos = decoder.raw_decode(buf, pos)
                break
            except json.JSONDecodeError:  # cut by the buffer's end, or malformed
                if len(buf) - pos > LONGEST_LAW or not fill():
                    raise BenchFileError(f"{path}: not readable JSON (a law)") from None
        yield item
        first = False


_TITLE_LINE = re.compile(r"^([^\n]{1,200})\n\s*\n")


def corpus_units(path: Path | str) -> Iterator[Unit]:
    """Every article of a corpus file as a unit (title split from text when the text leads it)."""
    for law in iter_laws(path):
        try:
            law_id = str(law["id"])
            articles = law["articles"]
        except (KeyError, TypeError):
            raise BenchFileError(f"{path}: each law needs `id` and `articles`") from None
        is_number = bool(NUMBER_PATTERN.fullmatch(law_id))
        title = clean(str(law.get("title") or ("" if is_number else law_id)))
        doc_id = slug(law_id)
        number = normalize_number(law_id) if is_number else None
        for a in articles:
            article_id = str(a["id"])
            text = clean(str(a.get("text", "")))
            heading = str(a.get("title") or "")
            if not heading:
                m = _TITLE_LINE.match(text)
                if m:
                    heading, text = m.group(1).strip(), text[m.end() :]
            yield Unit(
                doc_id=doc_id,
                prov_id=f"d{article_id}",
                kind="article",
                label=f"Điều {article_id}",
                text=text,
                heading=clean(heading),
                law=law_id,
                article=article_id,
                number=number,
                title=title,
            )


def read_queries(path: Path | str, strip_marks: bool = False) -> list[BenchQuery]:
    data = read_json(path)
    if not isinstance(data, list):
        raise BenchFileError(f"{path}: a query file is a JSON list")
    out = []
    for i, q in enumerate(data):
        try:
            text = str(q["text"])
            gold = frozenset(
                (str(r["law_id"]), str(r["article_id"])) for r in q["relevant_articles"]
            )
        except (KeyError, TypeError):
            raise BenchFileError(
                f"{path}: query {i} needs `text` and `relevant_articles` [{{law_id, article_id}}]"
            ) from None
        qid = str(q.get("question_id") or q.get("id") or i)
        out.append(BenchQuery(qid, fold(text) if strip_marks else text, gold))
    return out
