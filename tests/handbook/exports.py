"""Helpers to read exported handbooks back: text of DOCX paragraphs, PDF pages, HTML."""

from __future__ import annotations

import io
import re
import unicodedata
from html.parser import HTMLParser

import docx
import pymupdf

from handbook.export_pdf import BODY_RECT


def norm(text: str) -> str:
    """NFC, single spaces (layout breaks lines; the words and letters must be identical)."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def docx_document(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


def pdf_body_text(data: bytes) -> str:
    """The text of every page inside the body area (no running header or page number)."""
    doc = pymupdf.open(stream=data, filetype="pdf")
    return norm(" ".join(page.get_text(clip=BODY_RECT, sort=False) for page in doc))


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag in ("p", "h1", "h2", "li", "td", "th", "tr", "div"):
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def html_text(page: str) -> tuple[str, list[tuple[str, dict[str, str | None]]]]:
    """The page's visible text (normalized) and its tags with attributes."""
    parser = _Text()
    body = re.sub(r"<style>.*?</style>", "", page, flags=re.S)
    parser.feed(body)
    return norm("".join(parser.parts)), parser.tags
