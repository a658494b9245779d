"""An Excel cell as the sheet shows it: its number format applied, a float's noise removed.

Excel stores 76 % as 0.76 and a computed 3.3 × 3 as 9.899999999999999; a person reading the
sheet sees "76%" and "9,9". The importer reads what is shown, never the binary float: a percent
format multiplies by 100, a format with a fixed number of decimals rounds to them, and the
"General" format keeps 15 significant digits, the precision Excel itself computes with.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from chitieu.core.numbers import format_number

SIGNIFICANT = 15  # Excel's own precision: more digits of a float are noise of the binary form
_SECTION = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')  # quoted text, escapes, [colour]/[locale]


def _decimals(fmt: str) -> int | None:
    """How many decimals a number format shows ("0.00" → 2, "#,##0" → 0), None for "General"."""
    body = _SECTION.sub("", fmt.split(";")[0])
    if not body or body.lower() == "general" or not re.search(r"[0#?]", body):
        return None
    m = re.search(r"\.([0#?]+)", body)
    return len(m.group(1)) if m else 0


def is_percent(fmt: str) -> bool:
    return "%" in _SECTION.sub("", fmt.split(";")[0])


def _shown(value: Decimal) -> str:
    return format_number(value.normalize() if value == value.to_integral_value() else value)


def number_text(value: int | float | Decimal, fmt: str = "General") -> str:
    """The number as the cell shows it, written the Vietnamese way ("111.100", "9,9", "76%")."""
    d = Decimal(format(value, f".{SIGNIFICANT}g")) if isinstance(value, float) else Decimal(value)
    percent = is_percent(fmt or "")
    if percent:
        d *= 100
    places = _decimals(fmt or "")
    if places is not None:
        d = d.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
        if places == 0:
            d = d.to_integral_value()
    text = _shown(d) if places is None else format_number(d)
    return f"{text}%" if percent else text


def cell_text(value: Any, fmt: str = "General") -> str:
    """Any cell value as the sheet shows it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float | Decimal):
        return number_text(value, fmt)
    if isinstance(value, datetime | date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, time):
        return value.strftime("%H:%M")
    return str(value)
