"""How two rows from different plans are recognised as the same indicator."""

from __future__ import annotations

import re

from chitieu.core.text import clean, fold

# The period belongs to the target, not to the indicator: "… đến năm 2030" names the same thing.
_PERIOD_SUFFIX = re.compile(r"\s*(?:đến|tới|vào)?\s*(?:hết\s+)?năm\s+\d{4}\s*$", re.I)
_STRUCTURE_WORDS = ("cơ cấu", "tỷ trọng", "tỉ trọng")


def base_name(name: str) -> str:
    """The indicator's name without a trailing "đến năm 2030"."""
    return clean(_PERIOD_SUFFIX.sub("", clean(name)))


def is_structure_name(name: str) -> bool:
    key = fold(name)
    return any(key.startswith(fold(w)) for w in _STRUCTURE_WORDS)


def indicator_key(name: str, unit: str, parent_name: str | None = None) -> str:
    """The catalog key: folded name and unit, and for a share of a structure, its parent.

    Sector rows such as "Dịch vụ" stand under several structures (GRDP, employment); the
    parent keeps them apart. Other sub-rows are indicators of their own and match by name.
    """
    key = f"{fold(base_name(name))}|{fold(unit)}"
    if parent_name is not None:
        key = f"{fold(base_name(parent_name))}>{key}"
    return key
