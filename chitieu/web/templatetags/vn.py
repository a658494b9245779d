"""Template filters that write numbers and targets the Vietnamese way."""

import re
from decimal import Decimal

from django import template

from chitieu.core.numbers import format_number, trim_zeros
from chitieu.core.periods import Period, PeriodError

register = template.Library()


@register.filter
def vnnum(value: object) -> str:
    """1234.5 -> "1.234,5"; trailing zeros of a stored decimal are dropped."""
    if value is None or value == "":
        return ""
    d = Decimal(str(value))
    return format_number(trim_zeros(d))


@register.filter
def lowerfirst(text: object) -> str:
    """A label in the middle of a sentence: "Quý III/2026" -> "quý III/2026" (``|lower`` would
    give "quý iii/2026")."""
    s = str(text)
    return s[:1].lower() + s[1:]


@register.filter
def describe(target: object) -> str:
    typed = getattr(target, "typed", None)
    return typed.describe() if typed else ""


def _fixed(value: object, places: int) -> str:
    if value is None or value == "":
        return ""
    try:
        d = Decimal(str(value))
    except ArithmeticError:
        return str(value)
    return format_number(d, places)


@register.filter
def vnnum1(value: object) -> str:
    return _fixed(value, 1)


@register.filter
def vnnum2(value: object) -> str:
    """A growth rate or a contribution as published: two decimals, Vietnamese style."""
    return _fixed(value, 2)


@register.filter
def vnnum4(value: object) -> str:
    return _fixed(value, 4)


@register.filter
def get(mapping: object, key: str) -> object:
    return mapping.get(key, "") if isinstance(mapping, dict) else ""


@register.filter
def json_script_value(value: object) -> str:
    """JSON for a data-* attribute (the template escapes it for HTML)."""
    import json

    return json.dumps(value, ensure_ascii=False)


@register.filter
def ky(code: object, case: str = "") -> str:
    """A period code as people write it: "2026-10" -> "Tháng 10/2026", "2026-Q3" -> "Quý III/2026",
    "2026-H1" -> "6 tháng đầu năm 2026", "2021-2025" -> "Giai đoạn 2021 - 2025"; ``ky:"thường"``
    starts it lower-case for the middle of a sentence. A code that cannot be read is shown as is."""
    try:
        label = Period.parse(str(code)).label
    except PeriodError:
        return str(code)
    return label[0].lower() + label[1:] if case == "thường" else label


# Names a file gets from a machine, not a person (the demo's seeds: "000_2572cdf0c591401d.txt"):
# they tell a reader nothing, so the document's reference is shown instead.
_MACHINE_NAME = re.compile(r"[0-9]{1,4}_[0-9a-f]{12,}\.[a-z0-9]{1,5}", re.IGNORECASE)


@register.filter
def source_of(plan: object) -> str:
    """Where a plan's rows came from, as a reader knows it: the original file name when it says
    something, else the plan's reference (or title)."""
    name = str(getattr(plan, "source_name", "") or "")
    if name and not _MACHINE_NAME.fullmatch(name):
        return name
    return str(getattr(plan, "reference", "") or getattr(plan, "title", "") or name)


@register.filter
def printed_target(target: object) -> str:
    """A target as printed with its unit, the unit left out when the cell already says it
    ("32 - 33%" is not followed by another "%")."""
    text = str(getattr(target, "printed_text", "") or "")
    unit = str(getattr(target, "printed_unit", "") or "")
    if not text:
        return "—"
    if unit and unit.casefold() not in text.casefold():
        return f"{text} {unit}"
    return text
