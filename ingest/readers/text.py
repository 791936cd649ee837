"""Text, Markdown and HTML readers → Blocks.

Markdown: YAML front matter and a `| **Key** | value |` information table (as in the Pháp điển
files) become `meta`; `#` headings set `heading`; paragraphs are separated by blank lines and
hard-wrapped lines are rejoined. HTML: text of block-level elements, scripts and styles dropped.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar

import yaml

from corpus.vntext import clean_line
from ingest.blocks import Block, ReadResult
from ingest.errors import IngestError
from ingest.linejoin import glue, starts_paragraph

_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.DOTALL)
_INFO_ROW = re.compile(r"^\|\s*\*\*(?P<key>[^*|]+)\*\*\s*\|\s*(?P<value>[^|]*?)\s*\|?\s*$")
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_MD_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")
_TABLE_RULE = re.compile(r"^\|?\s*:?-{3,}")


def decode(raw: bytes) -> str:
    """Bytes of a text file → str: UTF-8 (with or without BOM), UTF-16 with BOM, else cp1258."""
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return raw.decode("utf-16")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1258", errors="replace")


def read_text(path: Path, fmt: str) -> ReadResult:
    """Read a `md`, `txt` or `html` file."""
    raw = path.read_bytes()
    text = decode(raw)
    if fmt == "html":
        blocks = _html_blocks(text)
        meta: dict[str, str] = {}
    else:
        meta, body = _split_front_matter(text)
        blocks = list(_markdown_blocks(body, meta))
    if not any(b.text for b in blocks):
        raise IngestError("text file has no text")
    return ReadResult(blocks=blocks, pages=1, format=fmt, meta=meta)


def _split_front_matter(text: str) -> tuple[dict[str, str], str]:
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    try:
        data = yaml.safe_load(match.group(1))
    except yaml.YAMLError:
        return {}, text[match.end() :]
    meta = {str(k): _meta_value(v) for k, v in data.items()} if isinstance(data, dict) else {}
    return meta, text[match.end() :]


def _meta_value(value: object) -> str:
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return "" if value is None else str(value)


def _markdown_blocks(body: str, meta: dict[str, str]):
    current: Block | None = None
    for raw in body.splitlines():
        line = raw.rstrip()
        info = _INFO_ROW.match(line)
        if info:
            meta[clean_line(info.group("key"))] = clean_line(info.group("value"))
            continue
        if _TABLE_RULE.match(line.strip()) or line.strip() in ("---", "***"):
            if current:
                yield current
            current = None
            continue
        heading = _MD_HEADING.match(line)
        if heading:
            if current:
                yield current
            current = None
            yield Block(text=clean_line(heading.group(2)), heading=len(heading.group(1)), bold=True)
            continue
        text = clean_line(_MD_EMPHASIS.sub(r"\2", line))
        bold = bool(re.fullmatch(r"\s*(\*\*|__).+\1\s*", line))
        if not text:
            if current:
                yield current
            current = None
            continue
        if current is not None and not starts_paragraph(current.text, text) and not bold:
            current.text = glue(current.text, text)
        else:
            if current:
                yield current
            current = Block(text=text, bold=bold)
    if current:
        yield current


class _HtmlText(HTMLParser):
    BLOCK: ClassVar[set[str]] = {
        "p",
        "div",
        "br",
        "li",
        "tr",
        "td",
        "th",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "section",
        "article",
        "table",
        "ul",
        "ol",
        "title",
        "blockquote",
        "pre",
    }
    SKIP: ClassVar[set[str]] = {"script", "style", "head", "noscript", "template"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.parts: list[str] = []
        self.skip = 0
        self.heading = 0
        self.bold = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIP:
            self.skip += 1
        elif tag in self.BLOCK:
            self.flush()
            if tag[0] == "h" and tag[1:].isdigit():
                self.heading = int(tag[1:])
        if tag in ("b", "strong"):
            self.bold += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in self.BLOCK:
            self.flush()
            self.heading = 0
        if tag in ("b", "strong"):
            self.bold = max(0, self.bold - 1)

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)

    def flush(self) -> None:
        text = clean_line(" ".join(self.parts))
        self.parts = []
        if text:
            self.blocks.append(Block(text=text, heading=self.heading, bold=self.heading > 0))


def _html_blocks(text: str) -> list[Block]:
    parser = _HtmlText()
    parser.feed(text)
    parser.close()
    parser.flush()
    return parser.blocks
