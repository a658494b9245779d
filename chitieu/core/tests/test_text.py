import unicodedata

import pytest

from chitieu.core.text import clean, fold, nfc, same


@pytest.mark.parametrize(
    "a, b",
    [
        ("hoá", "hóa"),
        ("Sở Văn hoá, Thể thao và Du lịch", "Sở Văn hóa, Thể thao và Du lịch"),
        ("thuỷ sản", "thủy sản"),
        ("khoẻ", "khỏe"),
        ("UBND các xã,  phường", "ubnd các xã, phường"),
        ("Sở Y tế", unicodedata.normalize("NFD", "Sở Y tế")),
        ("Đồng Đăng  -\nLạng Sơn", "Đồng Đăng - Lạng Sơn"),
    ],
)
def test_same_folds_tone_placement_case_spacing_and_normal_form(a, b):
    assert same(a, b)
    assert fold(a) == fold(b)


@pytest.mark.parametrize(
    "a, b", [("hóa", "hoa"), ("Sở Tài chính", "Sở Tài chinh"), ("ăn", "ân"), ("đi", "di")]
)
def test_different_words_stay_different(a, b):
    assert not same(a, b)


def test_nfc_and_clean():
    decomposed = unicodedata.normalize("NFD", "Thuế tỉnh")
    assert nfc(decomposed) == "Thuế tỉnh"
    assert clean(" Thuế\u00a0 tỉnh \n") == "Thuế tỉnh"
