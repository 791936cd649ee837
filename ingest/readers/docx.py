"""DOCX reader (python-docx): paragraphs and tables in document order → Blocks.

Offices put the header (issuer, số hiệu, date) and the signature block in borderless tables, so
table cells are read in place, each paragraph of a cell a Block marked `in_table`. Heading styles
give `heading`, all-bold paragraphs `bold`, and Word's automatic numbering is rendered into
`numbering` (and in front of the text) so `1.` and `a)` survive even when they are not typed.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from corpus.vntext import clean
from ingest.blocks import Block, ReadResult
from ingest.detect import check_zip_bomb
from ingest.errors import IngestError

_HEADING = re.compile(r"(?:heading|tiêu đề|title)\s*#?\s*(\d)", re.IGNORECASE)
_ROMAN = [
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
]
_LETTERS = "abcdđeghiklmnopqrstuvxy"


def read_docx(path: Path) -> ReadResult:
    """Read a DOCX file into Blocks, or raise IngestError with the reason."""
    try:
        with zipfile.ZipFile(path) as zf:
            check_zip_bomb(zf.infolist())
        document = docx.Document(str(path))
    except IngestError:
        raise
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as err:
        raise IngestError(f"damaged DOCX: {_short(err)}") from None
    except Exception as err:  # lxml syntax errors and python-docx's own
        raise IngestError(f"damaged DOCX: {_short(err)}") from None
    numbering = _Numbering(document)
    blocks = [b for b in _walk(document, document.element.body, numbering, False) if b.text]
    if not blocks:
        raise IngestError("DOCX has no text")
    return ReadResult(blocks=blocks, pages=1, format="docx")


def _walk(
    document: DocxDocument, parent: Any, numbering: _Numbering, in_table: bool
) -> Iterator[Block]:
    for child in parent.iterchildren():
        if child.tag == qn("w:p"):
            yield _block(Paragraph(child, document), numbering, in_table)
        elif child.tag == qn("w:tbl"):
            table = Table(child, document)
            for row in table.rows:
                seen: set[int] = set()
                for cell in row.cells:
                    if id(cell._tc) in seen:  # merged cells repeat
                        continue
                    seen.add(id(cell._tc))
                    yield from _walk(document, cell._tc, numbering, True)
        elif child.tag == qn("w:sdt"):
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                yield from _walk(document, content, numbering, in_table)


def _block(paragraph: Paragraph, numbering: _Numbering, in_table: bool) -> Block:
    text = clean(paragraph.text).replace("\n", " ").strip()
    style = paragraph.style.name if paragraph.style is not None else ""
    label = numbering.label(paragraph) if text else ""
    if label and not text.startswith(label):
        text = f"{label} {text}"
    return Block(
        text=text,
        bold=_is_bold(paragraph),
        italic=_all_runs(paragraph, "italic"),
        heading=_heading_level(paragraph, style),
        in_table=in_table,
        center=paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER
        or _style_alignment(paragraph) == WD_ALIGN_PARAGRAPH.CENTER,
        style=style,
        numbering=label,
        size=_size(paragraph),
    )


def _heading_level(paragraph: Paragraph, style: str) -> int:
    match = _HEADING.search(style)
    if match:
        return int(match.group(1))
    ppr = paragraph._p.pPr
    outline = ppr.find(qn("w:outlineLvl")) if ppr is not None else None
    if outline is not None:
        return int(outline.get(qn("w:val"), "9")) + 1 if outline.get(qn("w:val")) != "9" else 0
    return 0


def _is_bold(paragraph: Paragraph) -> bool:
    runs = [r for r in paragraph.runs if r.text.strip()]
    if not runs:
        return False
    style_bold = bool(paragraph.style is not None and paragraph.style.font.bold)
    return all(r.bold or (r.bold is None and (style_bold or _char_style_bold(r))) for r in runs)


def _char_style_bold(run: Any) -> bool:
    style = run.style
    return bool(style is not None and style.font is not None and style.font.bold)


def _all_runs(paragraph: Paragraph, attr: str) -> bool:
    runs = [r for r in paragraph.runs if r.text.strip()]
    return bool(runs) and all(getattr(r, attr) for r in runs)


def _style_alignment(paragraph: Paragraph) -> Any:
    style = paragraph.style
    while style is not None:
        fmt = style.paragraph_format
        if fmt is not None and fmt.alignment is not None:
            return fmt.alignment
        style = style.base_style
    return None


def _size(paragraph: Paragraph) -> float:
    for run in paragraph.runs:
        if run.text.strip() and run.font.size is not None:
            return run.font.size.pt
    return 0.0


class _Numbering:
    """Renders Word's automatic numbering labels (`1.`, `a)`, `II.`) paragraph by paragraph."""

    def __init__(self, document: DocxDocument) -> None:
        self.formats: dict[tuple[str, int], tuple[str, str, int]] = {}
        self.abstract_of: dict[str, str] = {}
        self.counters: dict[str, list[int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstracts: dict[str, dict[int, tuple[str, str, int]]] = {}
        for abstract in root.findall(qn("w:abstractNum")):
            levels: dict[int, tuple[str, str, int]] = {}
            for lvl in abstract.findall(qn("w:lvl")):
                ilvl = int(lvl.get(qn("w:ilvl"), "0"))
                fmt = _val(lvl, "w:numFmt") or "decimal"
                text = _val(lvl, "w:lvlText") or ""
                start = int(_val(lvl, "w:start") or "1")
                levels[ilvl] = (fmt, text, start)
            abstracts[abstract.get(qn("w:abstractNumId"), "")] = levels
        for num in root.findall(qn("w:num")):
            num_id = num.get(qn("w:numId"), "")
            abstract_id = _val(num, "w:abstractNumId") or ""
            self.abstract_of[num_id] = abstract_id
            for ilvl, spec in abstracts.get(abstract_id, {}).items():
                self.formats[(num_id, ilvl)] = spec

    def label(self, paragraph: Paragraph) -> str:
        num_id, ilvl = self._num_pr(paragraph)
        if num_id is None or (num_id, ilvl) not in self.formats:
            return ""
        fmt, text, _ = self.formats[(num_id, ilvl)]
        if fmt in ("bullet", "none"):
            return ""
        key = self.abstract_of.get(num_id, num_id)
        counters = self.counters.setdefault(key, [])
        while len(counters) <= ilvl:
            level = len(counters)
            counters.append(self.formats.get((num_id, level), ("decimal", "", 1))[2] - 1)
        counters[ilvl] += 1
        for deeper in range(ilvl + 1, len(counters)):
            counters[deeper] = self.formats.get((num_id, deeper), ("decimal", "", 1))[2] - 1
        label = text
        for level in range(ilvl + 1):
            level_fmt = self.formats.get((num_id, level), ("decimal", "", 1))[0]
            label = label.replace(f"%{level + 1}", _render(counters[level], level_fmt))
        return label.strip()

    def _num_pr(self, paragraph: Paragraph) -> tuple[str | None, int]:
        ppr = paragraph._p.pPr
        num_pr = ppr.find(qn("w:numPr")) if ppr is not None else None
        if num_pr is None and paragraph.style is not None:
            style_ppr = paragraph.style.element.find(qn("w:pPr"))
            num_pr = style_ppr.find(qn("w:numPr")) if style_ppr is not None else None
        if num_pr is None:
            return None, 0
        num_id = _val(num_pr, "w:numId")
        ilvl = int(_val(num_pr, "w:ilvl") or "0")
        if num_id in (None, "0"):
            return None, 0
        return num_id, ilvl


def _val(element: Any, tag: str) -> str | None:
    found = element.find(qn(tag))
    return found.get(qn("w:val")) if found is not None else None


def _render(value: int, fmt: str) -> str:
    if fmt == "lowerLetter":
        return _LETTERS[(value - 1) % len(_LETTERS)]
    if fmt == "upperLetter":
        return _LETTERS[(value - 1) % len(_LETTERS)].upper()
    if fmt in ("upperRoman", "lowerRoman"):
        roman, n = "", value
        for arabic, numeral in _ROMAN:
            while n >= arabic:
                roman, n = roman + numeral, n - arabic
        return roman if fmt == "upperRoman" else roman.lower()
    return str(value)


def _short(err: Exception) -> str:
    return (" ".join(str(err).split()) or type(err).__name__)[:160]
