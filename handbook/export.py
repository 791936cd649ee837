"""The export formats: `docx`, `pdf`, `html` → bytes, media type, file suffix."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from corpus.numbers import slug
from handbook.compiled import CompiledHandbook
from handbook.export_docx import export_docx
from handbook.export_html import export_html
from handbook.export_pdf import export_pdf


@dataclass(frozen=True, slots=True)
class Format:
    name: str
    media_type: str
    render: Callable[[CompiledHandbook], bytes]


FORMATS = {
    "docx": Format(
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        export_docx,
    ),
    "pdf": Format("pdf", "application/pdf", export_pdf),
    "html": Format("html", "text/html; charset=utf-8", lambda b: export_html(b).encode("utf-8")),
}


def export(book: CompiledHandbook, fmt: str) -> bytes:
    """The handbook in `fmt` (one of FORMATS)."""
    return FORMATS[fmt].render(book)


def file_name(title: str, fmt: str) -> str:
    """An ASCII download name from the title: `cam-nang-xac-minh.pdf`."""
    return f"{slug(title)[:80].strip('-') or 'cam-nang'}.{fmt}"
