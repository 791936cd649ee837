"""Số hiệu (document numbers) as identifiers: recognise, normalize, compare, slug.

`62/2015/NĐ-CP`, `62/2015/ND-CP` and `62/2015/nđ-cp` are one document: they share a key.
"""

from __future__ import annotations

import re

from corpus.vntext import fold, nfc

NUMBER_PATTERN = re.compile(
    r"(?<![\w/])(\d{1,4}[a-zA-Z]?)/(?:(\d{4})/)?"
    r"([A-ZĐa-zđ][A-ZĐa-zđ0-9]{0,11}(?:[-–/][A-ZĐa-zđ0-9]{1,12}){0,7})(?![\w/])"
)
"""A số hiệu: `91/2015/QH13`, `62/2015/NĐ-CP`, `12/KL-CTHADS`, `215/QĐ-CCTHADS`,
`05/2016/TTLT/BTP-BCA-BTC-TANDTC-VKSNDTC`."""


def normalize_number(text: str) -> str:
    """Canonical display form: upper case, `Đ` kept, no spaces, en dashes made hyphens."""
    value = nfc(text).strip().replace("–", "-").replace(" ", "")
    return value.upper().replace("Ð", "Đ")


def number_key(text: str) -> str:
    """The comparison key: folded, lower case (`62/2015/nd-cp`)."""
    return fold(normalize_number(text)).lower()


def find_numbers(text: str) -> list[str]:
    """Every số hiệu in a text, normalized, in order of appearance."""
    return [normalize_number(m.group(0)) for m in NUMBER_PATTERN.finditer(nfc(text))]


def slug(text: str) -> str:
    """A file- and URL-safe id made of ASCII letters, digits and hyphens."""
    value = fold(nfc(text)).lower()
    value = re.sub(r"[^a-z0-9]+", "-", value)
    return value.strip("-") or "document"
