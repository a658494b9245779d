"""Template filters that write numbers and targets the Vietnamese way."""

from decimal import Decimal

from django import template

from chitieu.core.numbers import format_number

register = template.Library()


@register.filter
def vnnum(value: object) -> str:
    """1234.5 -> "1.234,5"; trailing zeros of a stored decimal are dropped."""
    if value is None or value == "":
        return ""
    d = Decimal(str(value))
    return format_number(d.quantize(Decimal(1)) if d == d.to_integral_value() else d.normalize())


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
