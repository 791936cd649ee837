"""A page's text as positioned lines: what the PDF reader and OCR hand to the layout logic."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Line:
    """One line of text on a page, with its box in points and its style."""

    text: str
    page: int
    x0: float
    top: float
    x1: float
    bottom: float
    size: float = 0.0
    bold: bool = False
    italic: bool = False
    ocr: bool = False
    sups: tuple[str, ...] = ()
    """Superscript numbers in the line (footnote references, or the 2 of m2)."""
    bare: str = ""
    """The text without its superscript numbers (used when they are footnote references)."""
    reach: float = 0.0
    """Where lines can reach on the right: the column's margin, or a table cell's edge."""
    center: bool = False
    wide: bool = False
    """The line fills (nearly) the whole column, so whether it is centred cannot be seen."""
    footnote: bool = False

    @property
    def height(self) -> float:
        return max(self.bottom - self.top, 1.0)

    @property
    def char_width(self) -> float:
        return max(self.x1 - self.x0, 1.0) / max(len(self.text), 1)


@dataclass(slots=True)
class Page:
    """A page's size and its lines in reading order."""

    number: int
    width: float
    height: float
    lines: list[Line] = field(default_factory=list)
