"""The flat stream of blocks between format readers and structure parsers."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Block:
    """One paragraph-like piece of text with the hints a structure parser may use.

    `page` is 1-based (DOCX and text have page 1 throughout unless the format says otherwise);
    `bold` means the whole block is bold; `size` is the font size in points where known;
    `heading` is a heading level (1 = highest) from a style or Markdown `#`, else 0;
    `in_table` marks text from a table cell (headers and signature blocks live there in DOCX);
    `center` marks centred text; `ocr` marks text that came from OCR.
    """

    text: str
    page: int = 1
    bold: bool = False
    italic: bool = False
    size: float = 0.0
    heading: int = 0
    in_table: bool = False
    center: bool = False
    ocr: bool = False
    style: str = ""
    numbering: str = ""
    """The label Word's automatic numbering would draw before the text (`1.`, `a)`), if any."""
    page_end: int = 0
    """The page a block that runs over a page break ends on (0: the page it starts on)."""

    @property
    def last_page(self) -> int:
        return max(self.page, self.page_end)


@dataclass(slots=True)
class ReadResult:
    """What a reader hands on: the blocks, the page count and what it did to get them."""

    blocks: list[Block]
    pages: int = 1
    ocr_pages: int = 0
    format: str = ""
    meta: dict[str, str] = field(default_factory=dict)
    """Metadata the format itself carries (Markdown front matter, a Pháp điển info table)."""
