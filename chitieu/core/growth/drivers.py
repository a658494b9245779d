"""The pace a driver (retail sales, tourist arrivals, public investment disbursed, …) must keep for
its sector's scenario: the year's target spread over the months as the sector's planned output is.

A sector whose scenario puts most of its growth in the last quarters (industry: 21,8 % and 24,7 %
in seed 004) needs its drivers to deliver most of their year late too; a flat twelfth a month would
call it behind in spring and on track when it is too late.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .model import HUNDRED, QUARTERS, GrowthError, Scenario


def quarter_levels(s: Scenario, series: str) -> list[Decimal]:
    """The series' planned value in each quarter at constant prices (base × (1 + growth))."""
    return [s.level_sum(series, q) for q in QUARTERS]


def pace_share(levels: list[Decimal], months: int) -> Decimal:
    """The share of the year's planned output made by the end of month ``months`` (1–12); within a
    quarter the months count equally."""
    if not 0 <= months <= 12:
        raise GrowthError("months", f"tháng phải từ 0 đến 12, nhận được {months}")
    if len(levels) != 4 or any(v <= 0 for v in levels):
        raise GrowthError("levels", "cần giá trị dương của 4 quý")
    full, part = divmod(months, 3)
    done = sum(levels[:full], Decimal(0))
    if part:
        done += levels[full] * part / 3
    return done / sum(levels, Decimal(0))


@dataclass(frozen=True)
class Pace:
    """A driver's cumulative figure against what the scenario's pace needs by then."""

    target: Decimal  # the year's target
    share: Decimal  # of the year, by the end of the month
    actual: Decimal  # cumulative since January

    @property
    def expected(self) -> Decimal:
        return self.target * self.share

    @property
    def percent_of_pace(self) -> Decimal:
        """The cumulative figure as a percentage of what the pace needs."""
        return self.actual / self.expected * HUNDRED if self.expected else Decimal(0)

    @property
    def percent_of_year(self) -> Decimal:
        return self.actual / self.target * HUNDRED

    @property
    def behind(self) -> bool:
        return self.actual < self.expected

    def shortfall_percent(self) -> Decimal:
        """How far short of the pace, in % of the pace (0 when on or ahead of it)."""
        return max(HUNDRED - self.percent_of_pace, Decimal(0))
