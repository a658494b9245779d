"""Index and rate, geometric averages, and the average growth a level target requires."""

from __future__ import annotations

from decimal import Decimal, localcontext

from .model import HUNDRED, GrowthError


def index_to_rate(index: Decimal) -> Decimal:
    """106,9 (same period last year = 100) -> 6,9 %."""
    return index - HUNDRED


def rate_to_index(rate: Decimal) -> Decimal:
    """6,9 % -> 106,9."""
    return rate + HUNDRED


def geometric_mean(rates: list[Decimal]) -> Decimal:
    """Average annual growth of several years' rates (%): ((Π(1+g))^(1/n) - 1) × 100."""
    if not rates:
        raise GrowthError("rates", "cần ít nhất một năm")
    with localcontext() as ctx:
        ctx.prec = 34
        product = Decimal(1)
        for i, r in enumerate(rates):
            if r <= -HUNDRED:
                raise GrowthError(f"rates[{i}]", f"tăng {r} % nghĩa là giá trị âm")
            product *= (HUNDRED + r) / HUNDRED
        root = (product.ln() / len(rates)).exp()
        return +((root - 1) * HUNDRED)


def required_average_growth(start_level: Decimal, target_level: Decimal, years: int) -> Decimal:
    """The average annual growth (%) that takes a level to the target in ``years`` years.

    Levels at current prices give a nominal rate, at constant prices a real one: the caller keeps
    them apart, since the two are not comparable.
    """
    if start_level <= 0:
        raise GrowthError("start_level", "mức xuất phát phải lớn hơn 0")
    if target_level <= 0:
        raise GrowthError("target_level", "mức mục tiêu phải lớn hơn 0")
    if years <= 0:
        raise GrowthError("years", "số năm phải lớn hơn 0")
    with localcontext() as ctx:
        ctx.prec = 34
        ratio = target_level / start_level
        return +(((ratio.ln() / years).exp() - 1) * HUNDRED)
