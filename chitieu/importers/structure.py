"""When an unnumbered row belongs to the row above (issue 9, point 6).

A row printed without a number under a numbered one is a part of it only when its words say
so: a share under "Cơ cấu …"/"Tỷ trọng …", a "Trong đó …", a breakdown ("chia theo", a name
that narrows the one above, "Thu …" under "Tổng thu …"), a measure of the row above ("Tốc độ
tăng trưởng", "Tỷ lệ so với GRDP"), the same indicator in a second unit, or any row under a
heading that has no target of its own ("Cà Phê" over "Diện tích", "Sản lượng"). Anything
else is an indicator of its own that the layout happened to print unnumbered.
"""

from __future__ import annotations

import re

from chitieu.core.text import fold

__all__ = ["is_part", "measures_the_row_above"]

_HORIZON = re.compile(
    r"\s*\(?(?:đến|tới)\s+(?:hết\s+)?năm\s+\d{4}\)?\s*$", re.I
)  # "… đến năm 2030"
_WHOLES = ("cơ cấu", "tỷ trọng", "trong đó", "chia theo", "bao gồm", "gồm", "phân theo")
_PART_STARTS = ("trong đó", "chia theo", "bao gồm", "phân theo", "tỷ lệ so với", "so với",
                "tốc độ tăng")  # fmt: skip
# Names that say nothing without the row above: the catalog key must carry the parent's name.
_RELATIVE_EXACT = ("tốc độ tăng trưởng", "tốc độ tăng", "tăng trưởng")
_RELATIVE_STARTS = ("tỷ lệ so với", "so với")


def _starts(key: str, phrases: tuple[str, ...]) -> bool:
    return key.startswith(tuple(fold(p) for p in phrases))


def is_part(name: str, parent_name: str, *, parent_has_target: bool, marked: bool = False) -> bool:
    """Whether a row named ``name`` is a part of the row ``parent_name`` printed above it.

    ``marked`` is a row printed with "-", "+" or a letter in place of a number.
    """
    if marked:
        return True
    key, pkey = fold(_HORIZON.sub("", name)), fold(_HORIZON.sub("", parent_name))
    if not key or not pkey:
        return False
    return (
        not parent_has_target  # a heading over its breakdown
        or _starts(pkey, _WHOLES)
        or pkey.endswith(fold("trong đó"))
        or _starts(key, _PART_STARTS)
        or key == pkey  # the same indicator in a second unit
        or (key.startswith(pkey) and len(key) > len(pkey))  # a narrower breakdown
        or (key.split(" ")[:1] == ["thu"] and pkey.startswith(fold("tổng thu")))
        or (key.split(" ")[:1] == ["chi"] and pkey.startswith(fold("tổng chi")))
    )


def measures_the_row_above(name: str) -> bool:
    """Whether a name is only meaningful with the row above ("Tốc độ tăng trưởng")."""
    key = fold(name)
    return key in {fold(n) for n in _RELATIVE_EXACT} or _starts(key, _RELATIVE_STARTS)
