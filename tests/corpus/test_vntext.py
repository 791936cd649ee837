"""Vietnamese text primitives: NFC, space cleaning, tone placement, folding."""

import itertools
import re
import unicodedata

from corpus.vntext import canonical_tones, clean, clean_line, fold, match_form, nfc
from index.evaluation.alqac import iter_laws
from tests.conftest import shared_path

PHAPDIEN = ("bench", "phapdien", "all_law.json.gz")


def test_nfd_input_becomes_nfc():
    decomposed = unicodedata.normalize("NFD", "Điều khoản thi hành án")
    assert decomposed != "Điều khoản thi hành án"
    assert nfc(decomposed) == "Điều khoản thi hành án"
    assert clean(decomposed) == "Điều khoản thi hành án"


def test_zero_width_and_odd_spaces_are_cleaned():
    assert clean_line("thi\u200b hành\u00a0\u00a0án\t dân  sự\ufeff") == "thi hành án dân sự"


def test_old_tone_placement_is_canonicalized():
    assert canonical_tones("hoà giải") == "hòa giải"
    assert canonical_tones("thuỷ lợi") == "thủy lợi"
    assert canonical_tones("Uỷ ban nhân dân") == "Ủy ban nhân dân"
    assert canonical_tones("khoẻ") == "khỏe"


def test_tone_placement_leaves_closed_and_shaped_syllables_alone():
    for word in ("hoàng", "quyết", "người", "khuỷu", "hoài", "giá", "gì", "quý", "mướn"):
        assert canonical_tones(word) == word


def test_fold_removes_marks_and_maps_d_bar():
    assert fold("Điều 45 Luật Thi hành án dân sự") == "Dieu 45 Luat Thi hanh an dan su"
    assert fold("đ Đ ư ơ") == "d D u o"


def test_match_form_is_lower_canonical():
    assert match_form("HOÀ GIẢI") == "hòa giải"


def _clean_in_plain_steps(text: str) -> str:
    """`clean` as its docstring states it, every step run (the reference for its fast paths)."""
    text = unicodedata.normalize("NFC", re.sub("[\u200b\u200c\u200d\u2060\ufeff\u00ad]", "", text))
    text = re.sub(r"[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]", " ", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return re.sub(r" {2,}", " ", text)


def test_clean_gives_what_every_step_gives_on_real_articles():
    laws = itertools.islice(iter_laws(shared_path(*PHAPDIEN)), 60)
    texts = [str(a.get("text", "")) for law in laws for a in law["articles"]]
    soiled = [
        "Điều\u200b 1.\r\nKhoản\u00a0\u00a0một;\t  hai\u2009ba\ufeff",
        unicodedata.normalize("NFD", "thi\u00ad hành  án\r"),
        "",
        "   ",
    ]
    for i, text in enumerate(texts[:200]):  # real text with each kind of dirt put in
        dirt = soiled[0][i % len(soiled[0])]
        soiled.append(text[:40] + dirt + text[40:] + dirt + "  ")
    for text in texts + soiled:
        assert clean(text) == _clean_in_plain_steps(text)
