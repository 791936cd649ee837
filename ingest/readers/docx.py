"""DOCX reader: paragraphs and (nested) tables in document order → Blocks.

python-docx opens the package (its XML parser resolves no entities; a part that declares a DTD
is refused before that); the body is then walked directly on its XML elements, with styles and
numbering resolved once per document (`docx_styles`, `docx_numbering`), so reading is linear in
the size of the document whatever the number of styles it carries.

- Offices put the header (issuer, số hiệu, date) and the signature block in borderless tables:
  table cells are read in place, row by row, each paragraph of a cell a Block marked `in_table`;
  nested tables and content controls are walked the same way.
- A paragraph's line breaks (`w:br`, `w:cr`) split it into one Block per line, as it is drawn
  (`NGHỊ ĐỊNH⏎Về đăng ký …`, `Chương I⏎QUY ĐỊNH CHUNG`).
- Heading styles and outline levels give `heading`; paragraphs whose runs are all bold give
  `bold`; centred alignment `center`; Word's automatic numbering is rendered into `numbering`
  and in front of the text. Text formatted as capitals (`w:caps`) is upper-cased; hidden text
  and deleted revisions are left out; text boxes are read after their paragraph.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import docx

from corpus.vntext import clean_line
from ingest.blocks import Block, ReadResult
from ingest.detect import check_zip_bomb
from ingest.errors import IngestError
from ingest.readers.docx_numbering import Numbering
from ingest.readers.docx_styles import StyleProps, Styles, W, merge, para_props, run_props

MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_HEADING = re.compile(r"(?:heading|tiêu đề|title)\s*#?\s*(\d)", re.IGNORECASE)
_DTD = tuple(
    marker.encode(encoding)
    for marker in ("<!DOCTYPE", "<!ENTITY")
    for encoding in ("utf-8", "utf-16-le", "utf-16-be")
)
_TRANSPARENT = {
    W + name
    for name in ("hyperlink", "ins", "smartTag", "customXml", "fldSimple", "moveTo", "dir", "bdo")
}
"""Paragraph-level wrappers whose runs are shown as they are."""
_TEXT_BOX = W + "txbxContent"


def read_docx(path: Path) -> ReadResult:
    """Read a DOCX file into Blocks, or raise IngestError with the reason."""
    try:
        with zipfile.ZipFile(path) as zf:
            check_zip_bomb(zf.infolist())
            refuse_dtd(zf)
        document = docx.Document(str(path))
        styles = Styles(_part_element(document, "styles"))
        numbering = Numbering(_part_element(document, "numbering"), styles)
        body = document.element.body
    except IngestError:
        raise
    except Exception as err:  # zipfile, lxml and python-docx errors alike: a damaged file
        raise IngestError(f"damaged DOCX: {_short(err)}") from None
    blocks = [b for b in _Walker(styles, numbering).body(body, False) if b.text]
    if not blocks:
        raise IngestError("DOCX has no text")
    return ReadResult(blocks=blocks, pages=1, format="docx")


def refuse_dtd(zf: zipfile.ZipFile) -> None:
    """Refuse a package whose XML declares a DTD: DOCX never needs one, entity bombs do.

    Every XML part is scanned (in chunks, so memory stays flat) for a DTD or entity declaration,
    in UTF-8 and UTF-16: parts named `.xml`/`.rels`, then any other part `[Content_Types].xml`
    declares as XML (a main document can be given any name), images aside (an SVG may carry a
    DOCTYPE and is never parsed). python-docx's parser would not expand entities anyway; this
    makes the refusal explicit and cheap.
    """
    infos = zf.infolist()
    named = [i for i in infos if i.filename.endswith((".xml", ".rels"))]
    for info in named:
        _scan_for_dtd(zf, info)
    defaults, overrides = _content_types(zf)
    for info in infos:
        name = info.filename
        kind = overrides.get("/" + name) or defaults.get(name.rpartition(".")[2].lower(), "")
        if info not in named and kind.endswith("xml") and not kind.startswith("image/"):
            _scan_for_dtd(zf, info)


def _scan_for_dtd(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    tail = b""
    with zf.open(info) as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            window = tail + chunk
            if any(marker in window for marker in _DTD):
                raise IngestError(
                    f"refused: DOCX part '{info.filename}' declares a DTD "
                    "(XML entities are not allowed)"
                )
            tail = window[-32:]


def _content_types(zf: zipfile.ZipFile) -> tuple[dict[str, str], dict[str, str]]:
    """`[Content_Types].xml` (already scanned: no DTD) → content type by extension, by part."""
    try:
        root = ElementTree.fromstring(zf.read("[Content_Types].xml"))
    except (KeyError, ElementTree.ParseError):
        return {}, {}
    defaults, overrides = {}, {}
    for el in root:
        tag = el.tag.rpartition("}")[2]
        if tag == "Default":
            defaults[el.get("Extension", "").lower()] = el.get("ContentType", "")
        elif tag == "Override":
            overrides[el.get("PartName", "")] = el.get("ContentType", "")
    return defaults, overrides


def _part_element(document: Any, which: str) -> Any | None:
    part = document.part
    try:
        if which == "styles":
            return part.styles.element
        return part.numbering_part.element
    except (KeyError, NotImplementedError, AttributeError):
        return None


@dataclass(slots=True)
class _Line:
    """One drawn line of a paragraph: its text and the formatting of its visible runs."""

    parts: list[str] = field(default_factory=list)
    bold: list[bool] = field(default_factory=list)
    italic: list[bool] = field(default_factory=list)
    size: float = 0.0


class _Walker:
    def __init__(self, styles: Styles, numbering: Numbering) -> None:
        self.styles = styles
        self.numbering = numbering

    def body(self, parent: Any, in_table: bool) -> Iterator[Block]:
        for child in parent:
            tag = child.tag
            if tag == W + "p":
                yield from self.paragraph(child, in_table)
            elif tag == W + "tbl":
                for row in _unwrapped(child, W + "tr"):
                    for cell in _unwrapped(row, W + "tc"):
                        yield from self.body(cell, True)
            elif tag == W + "sdt":
                content = child.find(W + "sdtContent")
                if content is not None:
                    yield from self.body(content, in_table)
            elif tag == W + "customXml":
                yield from self.body(child, in_table)

    def paragraph(self, p: Any, in_table: bool) -> Iterator[Block]:
        ppr = p.find(W + "pPr")
        style_el = ppr.find(W + "pStyle") if ppr is not None else None
        style_props = self.styles.paragraph(
            style_el.get(W + "val") if style_el is not None else None
        )
        props = merge(style_props, para_props(ppr))
        lines = [_Line()]
        boxes: list[Any] = []
        self._collect(p, style_props, lines, boxes)
        label = self.numbering.label(props.num_id, props.ilvl)
        heading = _heading_level(props)
        center = props.align == "center"
        for index, line in enumerate(lines):
            text = clean_line("".join(line.parts))
            if index == 0 and label and text and not text.startswith(label):
                text = f"{label} {text}"
            if not text:
                continue
            yield Block(
                text=text,
                bold=bool(line.bold) and all(line.bold),
                italic=bool(line.italic) and all(line.italic),
                size=line.size,
                heading=heading,
                in_table=in_table,
                center=center,
                style=props.name,
                numbering=label if index == 0 else "",
            )
        for box in boxes:
            yield from self.body(box, in_table)

    def _collect(self, parent: Any, style: StyleProps, lines: list[_Line], boxes: list) -> None:
        for child in parent:
            tag = child.tag
            if tag == W + "r":
                self._run(child, style, lines, boxes)
            elif tag in _TRANSPARENT:
                self._collect(child, style, lines, boxes)
            elif tag == W + "sdt":
                content = child.find(W + "sdtContent")
                if content is not None:
                    self._collect(content, style, lines, boxes)
            elif tag == MC + "AlternateContent":
                choice = child.find(MC + "Choice")
                if choice is not None:
                    self._collect(choice, style, lines, boxes)

    def _run(self, run: Any, style: StyleProps, lines: list[_Line], boxes: list) -> None:
        rpr = run.find(W + "rPr")
        props = style
        if rpr is not None:
            direct = run_props(rpr)
            if direct.name:  # the run's character style, under its direct formatting
                props = merge(props, self.styles.own(direct.name))
            props = merge(props, replace(direct, name=""))
        if props.hidden:
            return
        for child in run:
            tag = child.tag
            if tag == W + "t":
                text = child.text or ""
                if props.caps:
                    text = text.upper()
                line = lines[-1]
                line.parts.append(text)
                if text.strip():
                    line.bold.append(bool(props.bold))
                    line.italic.append(bool(props.italic))
                    if not line.size and props.size:
                        line.size = props.size
            elif tag == W + "tab":
                lines[-1].parts.append("\t")
            elif tag in (W + "br", W + "cr"):
                lines.append(_Line())
            elif tag == W + "noBreakHyphen":
                lines[-1].parts.append("-")
            elif tag in (W + "drawing", W + "pict", MC + "AlternateContent"):
                boxes.extend(_text_boxes(child))


def _text_boxes(element: Any) -> list[Any]:
    """Text box contents inside a drawing, once (the `mc:Fallback` copy is skipped)."""
    found = []
    for box in element.iter(_TEXT_BOX):
        ancestor = box.getparent()
        nested = False
        while ancestor is not None and ancestor is not element:
            if ancestor.tag in (MC + "Fallback", _TEXT_BOX):
                nested = True
                break
            ancestor = ancestor.getparent()
        if not nested:
            found.append(box)
    return found


def _unwrapped(parent: Any, tag: str) -> Iterator[Any]:
    """Children with `tag`, looking through content controls and custom XML wrappers."""
    for child in parent:
        if child.tag == tag:
            yield child
        elif child.tag == W + "sdt":
            content = child.find(W + "sdtContent")
            if content is not None:
                yield from _unwrapped(content, tag)
        elif child.tag == W + "customXml":
            yield from _unwrapped(child, tag)


def _heading_level(props: StyleProps) -> int:
    match = _HEADING.search(props.name)
    if match:
        return int(match.group(1))
    if props.outline is not None and 0 <= props.outline < 9:
        return props.outline + 1
    return 0


def _short(err: Exception) -> str:
    return (" ".join(str(err).split()) or type(err).__name__)[:160]
