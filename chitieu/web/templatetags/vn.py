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
