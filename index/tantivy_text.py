"""A record's text fields as the strings the Tantivy engine indexes.

A field's terms are handed to Tantivy as one string, space-separated (the space inside a pair
term becomes `PAIR_JOINER`, which no syllable contains), and split again by Tantivy's whitespace
tokenizer with nothing else: `GAP_TOKEN` marks a break (it takes a position and is then
dropped, so phrases do not cross it and field lengths count only real terms, as in the Whoosh
engine). Tantivy's regex tokenizer did the same three times slower.

The derived fields (`FieldSpec.folded_of`, `pairs_of`) are made from their source's string by
native loops (`kernels.fold_codes`, `pair_codes`): folding is a function of each character, so
the folded string is the source string mapped through a table, and the pairs are read off the
folded string. Making them in Python was about a sixth of a build's CPU. A record with a
character that folds to none or several (a stray combining mark, Hangul), or beyond the table,
takes the Python analysis (`index.engine.full_text`); both give the same strings
(`tests/index/test_tantivy_text.py`).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

import numpy as np

from corpus.vntext import fold
from index import kernels
from index.engine import FieldSpec, full_text

SEPARATOR = " "
PAIR_JOINER = "_"
"""Stands for the space inside a pair term (`thi hanh` is indexed as `thi_hanh`)."""
GAP_TOKEN = "|"
"""Stands for a break (`""` in a term list): a position, then removed by a stop filter."""
TABLE_SIZE = 0x10000
"""Characters the fold table holds (the Basic Multilingual Plane)."""
_SPACE, _GAP, _JOINER = ord(SEPARATOR), ord(GAP_TOKEN), ord(PAIR_JOINER)


def joined(terms: list[str]) -> str:
    """A term list as the text our tokenizer splits back into the same terms and positions."""
    text = "\t".join(terms)
    while "\t\t" in text:
        text = text.replace("\t\t", "\t" + GAP_TOKEN + "\t")
    if text.startswith("\t"):
        text = GAP_TOKEN + text
    return text.replace(SEPARATOR, PAIR_JOINER).replace("\t", SEPARATOR)


def index_term(term: str) -> str:
    """A term as the index holds it."""
    return term.replace(SEPARATOR, PAIR_JOINER)


def field_strings(text: dict[str, list[str]], specs: Iterable[FieldSpec]) -> list[tuple[str, str]]:
    """(field, string) for a record's text fields and the derived ones (`specs` may be only the
    derived fields' specs: the others are skipped)."""
    derived = [s for s in specs if s.folded_of or s.pairs_of]
    strings = _natively(text, derived)
    if strings is None:
        strings = {name: joined(terms) for name, terms in full_text(text, derived).items()}
    return list(strings.items())


def _natively(text: dict[str, list[str]], derived: list[FieldSpec]) -> dict[str, str] | None:
    """The strings, the derived ones made by the native loops; None if one cannot be."""
    strings = {name: joined(terms) for name, terms in text.items()}
    if not derived:
        return strings
    loops, table = kernels.compiled(), fold_table()
    codes: dict[str, np.ndarray] = {}
    for spec in derived:
        source = spec.folded_of or spec.pairs_of
        if source not in strings:
            continue
        if source not in codes:
            codes[source] = np.frombuffer(
                strings[source].encode("utf-32-le", "surrogatepass"), dtype=np.uint32
            )
        if spec.folded_of:
            out, ok = loops.fold_codes(codes[source], table)
            if not ok:
                return None
        else:
            out = loops.pair_codes(codes[source], _SPACE, _GAP, _JOINER)
            if not out.size:
                continue
        codes[spec.name] = out
        strings[spec.name] = out.tobytes().decode("utf-32-le")
    return strings


@cache
def fold_table() -> np.ndarray:
    """Each character's one folded character (`fold`, which `fold_term` is), or -1 where it
    folds to none or several. The string's own separators fold to themselves."""
    table = np.full(TABLE_SIZE, -1, dtype=np.int32)
    for code in range(TABLE_SIZE):
        if 0xD800 <= code < 0xE000:  # surrogates: not characters
            continue
        folded = fold(chr(code))
        if len(folded) == 1:
            table[code] = ord(folded)
    return table


def warm_up() -> None:
    """Build the fold table and compile (or load) the native loops: a build's workers, forked
    after this, share them."""
    field_strings({"body": ["thi", "hành"]}, [FieldSpec("body_f", "text", folded_of="body")])
