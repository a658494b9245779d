"""Vietnamese text: NFC storage and one comparison key that ignores how tones were typed."""

from __future__ import annotations

import re
import unicodedata

__all__ = ["nfc", "clean", "fold", "same"]

# The five tone marks as combining characters: grave, acute, hook above, tilde, dot below.
_TONES = {"\u0300", "\u0301", "\u0309", "\u0303", "\u0323"}
_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def nfc(text: str) -> str:
    """The stored form of any text: Unicode NFC."""
    return unicodedata.normalize("NFC", text)


def clean(text: str) -> str:
    """NFC with runs of white space (including no-break spaces) collapsed and ends trimmed."""
    return _SPACE.sub(" ", nfc(text).replace("\u00a0", " ")).strip()


def _fold_syllable(word: str) -> str:
    # A syllable carries at most one tone; where it was placed ("hoá" or "hóa") does not
    # change the word, so the key keeps the letters and appends the tone at the end.
    letters: list[str] = []
    tone = ""
    for ch in unicodedata.normalize("NFD", word):
        if ch in _TONES:
            tone = ch
        else:
            letters.append(ch)
    return unicodedata.normalize("NFC", "".join(letters)) + (f"#{ord(tone):x}" if tone else "")


def fold(text: str) -> str:
    """The comparison key: case, spacing, punctuation and tone placement folded.

    "Sở Văn hoá, Thể thao" and "sở văn hóa , thể  thao" give the same key; letters with
    different vowel marks or tones (a/ă/â, hóa/hoa) stay different.
    """
    words = _WORD.findall(clean(text).lower().replace("đ", "đ"))
    return " ".join(_fold_syllable(w) for w in words)


def same(a: str, b: str) -> bool:
    """Whether two texts name the same thing under :func:`fold`."""
    return fold(a) == fold(b)
