"""Vietnamese text primitives shared by every layer: NFC, clean spaces, tone placement, folding.

Display text keeps what the document wrote (after NFC and space cleaning); matching uses the
canonical tone placement (`hoà` → `hòa`, `thuỷ` → `thủy`) and, for accent-free search, the folded
form (marks removed, `đ` → `d`).
"""

from __future__ import annotations

import re
import unicodedata

_ZERO_WIDTH_CHARS = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_ODD_SPACE_CHARS = "\t\u00a0\u1680\u202f\u205f\u3000" + "".join(map(chr, range(0x2000, 0x200B)))
_ZERO_WIDTH = re.compile(f"[{_ZERO_WIDTH_CHARS}]")
"""Removed by a regex: `str.translate` with a table is ~20× slower on long Vietnamese text."""
_ODD_SPACES = re.compile(f"[{_ODD_SPACE_CHARS}]")
_MULTI_SPACE = re.compile(r" {2,}")

# Tone marks as combining characters, in the order Vietnamese names them.
_TONES = {"\u0300": "huyền", "\u0301": "sắc", "\u0303": "ngã", "\u0309": "hỏi", "\u0323": "nặng"}
_VOWELS = set("aăâeêioôơuưy")
_SHAPED = set("ăâêôơư")


def nfc(text: str) -> str:
    """Unicode NFC: the one form every stored and queried string is in."""
    return unicodedata.normalize("NFC", text)


def clean(text: str) -> str:
    """NFC, zero-width characters removed, odd spaces made plain, runs of spaces collapsed.

    Newlines are kept: line structure matters to the structure parsers. Each step first asks
    whether it has anything to do (`in` is a fast scan; a regex over Vietnamese text is not,
    and most texts need no step but NFC).
    """
    if _has_any(text, _ZERO_WIDTH_CHARS):
        text = _ZERO_WIDTH.sub("", text)  # before NFC: a mark after a removed one composes
    text = nfc(text)
    if _has_any(text, _ODD_SPACE_CHARS):
        text = _ODD_SPACES.sub(" ", text)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "  " in text:
        text = _MULTI_SPACE.sub(" ", text)
    return text


def _has_any(text: str, chars: str) -> bool:
    return any(c in text for c in chars)


def clean_line(text: str) -> str:
    """`clean` for one line: newlines become spaces and the ends are stripped."""
    return _MULTI_SPACE.sub(" ", clean(text).replace("\n", " ")).strip()


def fold(text: str) -> str:
    """Remove tone and vowel marks and map đ→d: `Điều khoản` → `Dieu khoan`."""
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.replace("đ", "d").replace("Đ", "D")


def _split_letter(ch: str) -> tuple[str, str]:
    """A precomposed letter → (letter with its vowel shape but no tone, tone mark or '')."""
    parts = unicodedata.normalize("NFD", ch)
    tone = "".join(c for c in parts if c in _TONES)
    base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONES))
    return base, tone


def _canonical_syllable(word: str) -> str:
    letters = [_split_letter(ch) for ch in word]
    tones = [t for _, t in letters if t]
    if len(tones) != 1:
        return word
    bases = [b for b, _ in letters]
    lower = [b.lower() for b in bases]
    # Find the vowel nucleus; `qu` and `gi` before another vowel belong to the onset.
    start = 0
    while start < len(lower) and lower[start] not in _VOWELS:
        start += 1
    if start >= len(lower):
        return word
    if (
        start > 0
        and (
            (lower[start - 1] == "q" and lower[start] == "u")
            or (lower[start - 1] == "g" and lower[start] == "i")
        )
        and start + 1 < len(lower)
        and lower[start + 1] in _VOWELS
    ):
        start += 1
    end = start
    while end < len(lower) and lower[end] in _VOWELS:
        end += 1
    if any(c in _VOWELS for c in lower[end:]):
        return word  # not a single Vietnamese syllable
    nucleus = list(range(start, end))
    shaped = [i for i in nucleus if lower[i] in _SHAPED]
    if shaped:
        target = shaped[-1]
    elif end < len(lower):
        target = nucleus[-1]
    elif len(nucleus) == 3:
        target = nucleus[1]
    else:
        target = nucleus[0]
    out = []
    for i, base in enumerate(bases):
        out.append(unicodedata.normalize("NFC", base + tones[0]) if i == target else base)
    return "".join(out)


_WORD = re.compile(r"[^\W\d_]+")


def canonical_tones(text: str) -> str:
    """Put every syllable's tone mark where the dominant (old) style puts it.

    `hoà` → `hòa`, `thuỷ` → `thủy`, `uỷ ban` → `ủy ban`, `khoẻ` → `khỏe`; syllables already in
    that style, and non-Vietnamese words, are left as they are. Input and output are NFC (a
    stray combining mark after a syllable whose tone moved composes anew).
    """
    return nfc(_WORD.sub(lambda m: _canonical_syllable(m.group(0)), nfc(text)))


def match_form(text: str) -> str:
    """The form used for matching: NFC, canonical tones, lower case."""
    return canonical_tones(text).lower()
