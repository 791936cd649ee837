"""Vietnamese text primitives: NFC, space cleaning, tone placement, folding."""

import unicodedata

from corpus.vntext import canonical_tones, clean, clean_line, fold, match_form, nfc


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
