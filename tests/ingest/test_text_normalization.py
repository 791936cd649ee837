"""Text comes out NFC and clean whatever the encoding and the invisible characters it came with."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from corpus.vntext import clean_line
from ingest.pipeline import read_file
from tests.conftest import shared_path

_TONES = "\u0300\u0301\u0303\u0309\u0323"


def _seed() -> Path:
    return next(shared_path("corpus", "seed").glob("*.txt"))


def _cp1258_form(text: str) -> str:
    """How Windows-1258 writes Vietnamese: letters with their shape marks, tones combining."""
    out = []
    for ch in text:
        parts = unicodedata.normalize("NFD", ch)
        tones = "".join(c for c in parts if c in _TONES)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONES))
        out.append(base + tones)
    return "".join(out)


def _texts(path: Path) -> list[str]:
    return [b.text for b in read_file(path).blocks]


@pytest.fixture(scope="module")
def expected() -> list[str]:
    return _texts(_seed())


def test_the_real_text_reads_as_nfc_paragraphs(expected: list[str]) -> None:
    assert len(expected) >= 5
    assert all(unicodedata.is_normalized("NFC", t) and t == clean_line(t) for t in expected)


@pytest.mark.parametrize(
    ("name", "encode"),
    [
        ("utf16.txt", lambda t: t.encode("utf-16")),
        ("utf8-bom.txt", lambda t: t.encode("utf-8-sig")),
        ("nfd.txt", lambda t: unicodedata.normalize("NFD", t).encode("utf-8")),
        ("windows-1258.txt", lambda t: _cp1258_form(t).encode("cp1258")),
    ],
)
def test_other_encodings_and_forms_read_the_same(
    tmp_path: Path, expected: list[str], name: str, encode
) -> None:
    path = tmp_path / name
    path.write_bytes(encode(_seed().read_text(encoding="utf-8")))
    assert _texts(path) == expected


def test_zero_width_and_odd_spaces_are_removed(tmp_path: Path, expected: list[str]) -> None:
    text = _seed().read_text(encoding="utf-8")
    dirty = text.replace(" ", "\u200b ", 40).replace(" ", "\u00a0", 40).replace("đ", "đ\u200d", 9)
    dirty = "\ufeff" + dirty.replace(", ", ",\u2009\u202f", 10)
    path = tmp_path / "dirty.txt"
    path.write_text(dirty, encoding="utf-8")
    assert _texts(path) == expected


def test_display_text_keeps_old_style_tones(expected: list[str]) -> None:
    text = _seed().read_text(encoding="utf-8")
    old_style = text.count("hoà")
    assert old_style > 0
    assert "\n".join(expected).count("hoà") == old_style  # not rewritten to `hòa` for display
