"""Rolling commune and ward figures up to the province: sum, weighted mean, min, max, or none."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, localcontext
from enum import StrEnum

from .numbers import format_number
from .text import fold

__all__ = [
    "AggregationError",
    "Part",
    "Rollup",
    "Averaging",
    "Rule",
    "aggregate",
    "average_of_years",
    "yearly_average",
    "required_remaining_average",
]


class Rule(StrEnum):
    NONE = "none"  # not aggregable: a share of communes, a rank, a yes/no
    SUM = "sum"
    WEIGHTED_MEAN = "weighted_mean"  # weighted by a named denominator indicator
    MIN = "min"
    MAX = "max"


RULE_LABELS = {
    Rule.NONE: "không tổng hợp từ xã, phường",
    Rule.SUM: "cộng số liệu các xã, phường",
    Rule.WEIGHTED_MEAN: "bình quân các xã, phường có trọng số",
    Rule.MIN: "giá trị nhỏ nhất của các xã, phường",
    Rule.MAX: "giá trị lớn nhất của các xã, phường",
}


class AggregationError(ValueError):
    """Parts that cannot be rolled up under the rule asked for."""


@dataclass(frozen=True)
class Part:
    """One commune's or ward's figure; ``weight`` is its denominator (only for a weighted mean)."""

    name: str
    value: Decimal
    weight: Decimal | None = None


@dataclass(frozen=True)
class Rollup:
    """The province-level value and how much of the province it covers."""

    value: Decimal
    rule: Rule
    covered: int
    expected: int
    # communes with a value but no weight: left out of a weighted mean, named so a person sees it
    unweighted: tuple[str, ...] = ()

    @property
    def complete(self) -> bool:
        return self.covered >= self.expected

    @property
    def coverage(self) -> str:
        """ "63/65 xã, phường"."""
        return f"{self.covered}/{self.expected} xã, phường"


def aggregate(rule: Rule, parts: Sequence[Part], *, expected: int) -> Rollup | None:
    """The province's value from its communes' parts; None when no commune has reported.

    ``expected`` is how many communes and wards the province has, so coverage can be shown.
    A part listed twice is an error, not a double count.
    """
    if rule is Rule.NONE:
        raise AggregationError("chỉ tiêu này không tổng hợp được từ số liệu xã, phường")
    if expected < 0:
        raise AggregationError("số xã, phường phải từ 0 trở lên")
    seen: set[str] = set()
    for p in parts:
        if p.name in seen:
            raise AggregationError(f"{p.name} có hai số liệu cho cùng một kỳ")
        seen.add(p.name)
    if not parts:
        return None
    expected = max(expected, len(parts))
    values = [p.value for p in parts]
    match rule:
        case Rule.SUM:
            return Rollup(sum(values, Decimal(0)), rule, len(parts), expected)
        case Rule.MIN:
            return Rollup(min(values), rule, len(parts), expected)
        case Rule.MAX:
            return Rollup(max(values), rule, len(parts), expected)
    weighted = [p for p in parts if p.weight is not None]
    missing = tuple(sorted(p.name for p in parts if p.weight is None))
    for p in weighted:
        assert p.weight is not None
        if p.weight < 0:
            raise AggregationError(f"{p.name}: trọng số {format_number(p.weight)} âm")
    if not weighted:
        raise AggregationError(
            "không xã, phường nào có số liệu mẫu số để tính bình quân: " + ", ".join(missing)
        )
    total = sum((p.weight for p in weighted if p.weight is not None), Decimal(0))
    if total == 0:
        raise AggregationError("tổng trọng số của các xã, phường bằng 0")
    with localcontext() as ctx:
        ctx.prec = 34
        value = sum((p.value * p.weight for p in weighted if p.weight is not None), Decimal(0))
        return Rollup(+(value / total), rule, len(weighted), expected, missing)


def average_of_years(values: Sequence[Decimal], *, geometric: bool) -> Decimal:
    """The yearly average of several years: geometric for growth rates (%), arithmetic otherwise."""
    if not values:
        raise AggregationError("cần số liệu ít nhất một năm")
    with localcontext() as ctx:
        ctx.prec = 34
        if not geometric:
            return +(sum(values, Decimal(0)) / len(values))
        product = Decimal(1)
        for v in values:
            if v <= -100:
                raise AggregationError(f"tăng {format_number(v)} % nghĩa là giá trị âm")
            product *= 1 + v / 100
        return +(((product.ln() / len(values)).exp() - 1) * 100)


def required_remaining_average(
    known: Sequence[Decimal], goal: Decimal, years: int, *, geometric: bool
) -> Decimal | None:
    """The average the remaining years need so the whole period's average reaches ``goal``.

    ``years`` is the length of the period; None when no year remains. A growth rate may need
    more than is possible (e.g. below -100 %); the caller words that, the number is returned.
    """
    remaining = years - len(known)
    if remaining <= 0:
        return None
    with localcontext() as ctx:
        ctx.prec = 34
        if not geometric:
            return +((goal * years - sum(known, Decimal(0))) / remaining)
        done = Decimal(1)
        for v in known:
            done *= 1 + v / 100
        need = (1 + goal / 100) ** years / done
        if need <= 0:
            return None
        return +(((need.ln() / remaining).exp() - 1) * 100)


class Averaging(StrEnum):
    ARITHMETIC = "arithmetic"
    GEOMETRIC = "geometric"  # growth rates compound: the mean of (1 + g), not of g


# "bình quân hằng năm", "bình quân hàng năm", "bình quân mỗi năm", "bình quân/năm": an average over
# the period's years. "bình quân đầu người" or "bình quân trên 10.000 dân" is a ratio, not this.
_YEARLY_AVERAGE = tuple(
    fold(w)
    for w in ("bình quân hằng năm", "bình quân hàng năm", "bình quân mỗi năm", "bình quân/năm")
)
_GROWTH = tuple(fold(w) for w in ("tốc độ tăng", "tăng trưởng"))


def yearly_average(name: str) -> Averaging | None:
    """How a target over several years named like this is averaged, or None if it is a level."""
    key = fold(name).replace(" / ", "/")
    if not any(w in key for w in _YEARLY_AVERAGE):
        return None
    return Averaging.GEOMETRIC if any(w in key for w in _GROWTH) else Averaging.ARITHMETIC
