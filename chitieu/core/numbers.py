"""Vietnamese number parsing and formatting: "." groups thousands, "," marks decimals."""

from __future__ import annotations

import re
from decimal import (
    ROUND_HALF_UP,
    Decimal,
    Inexact,
    InvalidOperation,
    Rounded,
    getcontext,
    localcontext,
)

__all__ = [
    "NumberError",
    "check_magnitude",
    "parse_number",
    "parse_comparison",
    "format_number",
    "format_year",
    "is_year",
]

# Spaces that appear inside printed numbers: ordinary, no-break and thin spaces.
_SPACES = re.compile(r"[ \u00a0\u202f\u2009]")
_VI_GROUPED = re.compile(r"^\d{1,3}(\.\d{3})+(,\d+)?$")
_VI_PLAIN = re.compile(r"^\d+(,\d+)?$")
_EN_DECIMAL = re.compile(r"^\d+\.\d+$")
_EN_GROUPED = re.compile(r"^\d{1,3}(,\d{3})+\.\d+$")
_MINUS = "-\u2212\u2013"

_COMPARATORS = {
    "≥": ">=",
    ">=": ">=",
    "=>": ">=",
    "≤": "<=",
    "<=": "<=",
    "=<": "<=",
    ">": ">",
    "<": "<",
}


class NumberError(ValueError):
    """A text that is not a number in Vietnamese or plain format."""


def parse_number(text: str) -> Decimal:
    """Read "111.100", "0,7", "1.234,5", "75.5" or "-2,3" as an exact decimal.

    Dots grouped by three are thousands separators (the Vietnamese reading), so "1.234"
    is 1234; a single dot followed by other than three digits is a decimal point
    ("75.5"), the plain format a spreadsheet or a machine writes.
    """
    if not isinstance(text, str):
        raise NumberError(f"không phải chuỗi số: {text!r}")
    raw = text
    s = _SPACES.sub("", text.strip())
    sign = ""
    if s and s[0] in _MINUS:
        sign, s = "-", s[1:]
    elif s.startswith("+"):
        s = s[1:]
    if not s:
        raise NumberError(f"“{raw}” không phải là số")
    if _VI_GROUPED.match(s) or _VI_PLAIN.match(s):
        normal = s.replace(".", "").replace(",", ".")
    elif _EN_DECIMAL.match(s):
        normal = s
    elif _EN_GROUPED.match(s):
        normal = s.replace(",", "")
    else:
        raise NumberError(f"“{raw}” không phải là số (viết như 1.234,5 hoặc 1234.5)")
    try:
        value = Decimal(sign + normal)
    except InvalidOperation as exc:  # pragma: no cover - the patterns above exclude it
        raise NumberError(f"“{raw}” không phải là số") from exc
    check_magnitude(value, f"“{raw if len(raw) <= 24 else raw[:20] + '…'}”")
    return value


# No figure a province reports comes near 10^15 (the GRDP in đồng is about 10^14); beyond it a
# value is a typing error, and past 28 digits Decimal arithmetic would round it silently.
MAX_DIGITS = 15


def check_magnitude(value: Decimal, what: str) -> None:
    """Refuse a number whose whole part has more than MAX_DIGITS digits."""
    if value.is_finite() and value != 0 and value.adjusted() >= MAX_DIGITS:
        raise NumberError(f"{what} quá lớn: chỉ nhận số có phần nguyên tối đa {MAX_DIGITS} chữ số")


def parse_comparison(text: str) -> tuple[str, Decimal]:
    """Read "≥ 76", ">30", "<= 3,5" or "76" into an operator ("=", ">", ">=", "<", "<=")."""
    s = text.strip()
    for symbol in sorted(_COMPARATORS, key=len, reverse=True):
        if s.startswith(symbol):
            return _COMPARATORS[symbol], parse_number(s[len(symbol) :])
    return "=", parse_number(s)


def is_year(value: Decimal | int | str) -> bool:
    """True for a whole number that reads as a calendar year (1900..2100)."""
    try:
        d = Decimal(str(value)) if not isinstance(value, Decimal) else value
    except InvalidOperation:
        return False
    return d == d.to_integral_value() and 1900 <= d <= 2100


# the unit of the last place for the usual numbers of decimals
_STEPS = {n: Decimal(1).scaleb(-n) for n in range(7)}


def format_number(value: Decimal | int | float, decimals: int | None = None) -> str:
    """Write a number the Vietnamese way: 1234.5 -> "1.234,5".

    With ``decimals`` the value is rounded half-up to that many places; without, a
    Decimal keeps exactly the places it has (so 97.20 prints "97,20").
    """
    d = value if isinstance(value, Decimal) else Decimal(str(value))
    if not d.is_finite():
        raise NumberError(f"{value} không phải là số hữu hạn")
    if decimals is not None:
        # enough precision for every digit, so a large value is rounded, never refused or changed;
        # the context is left as it is when it already has that precision (quantize's digits do
        # not depend on it), since a new context costs more than the rounding
        prec = max(28, d.adjusted() + decimals + 2)
        ctx = getcontext()
        if ctx.prec >= prec and not ctx.traps[Inexact] and not ctx.traps[Rounded]:
            d = d.quantize(_STEPS.get(decimals) or Decimal(1).scaleb(-decimals), ROUND_HALF_UP)
        else:
            with localcontext() as local:
                local.prec = prec
                d = d.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    sign = "-" if d < 0 else ""
    text = f"{d.copy_abs():f}"  # copy_abs never rounds; abs() would, past 28 digits
    whole, _, frac = text.partition(".")
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    out = ".".join(groups)
    if frac:
        out += "," + frac
    if out in ("0", "0,0") or set(out) <= {"0", ",", "."}:
        sign = ""
    return sign + out


def format_year(value: int | Decimal) -> str:
    """A year is written without grouping: 2030, never 2.030."""
    return str(int(value))


def trim_zeros(value: Decimal) -> Decimal:
    """A stored decimal as a person wrote it: 64.500000 -> 64.5, 70.000000 -> 70 (never 7E+1)."""
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()
