"""Reporting deadlines: a day relative to a period, end of day in Vietnam, weekends and holidays.

Pure: the holidays come in as a set of dates (the administrator keeps the list; Tết moves with
the lunar calendar and the government fixes the days off each year).
"""

from __future__ import annotations

import calendar as _cal
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from .periods import Period

VN = ZoneInfo("Asia/Ho_Chi_Minh")
END_OF_DAY = time(23, 59, 59, 999999)


class Shift(StrEnum):
    """What happens to a deadline that falls on a weekend or a public holiday."""

    NONE = "none"  # it stays
    NEXT = "next"  # moves to the next working day
    PREVIOUS = "previous"  # moves to the previous working day


class DeadlineError(ValueError):
    """A rule that cannot give a deadline."""


@dataclass(frozen=True)
class DueRule:
    """ "ngày 12 tháng sau" is DueRule(12); "trước ngày 30" is DueRule(30, before=True).

    ``months_after`` counts from the month the period ends in (1 = the following month).
    A day past the month's end (30 in February) is the month's last day.
    """

    day: int
    months_after: int = 1
    before: bool = False

    def __post_init__(self) -> None:
        if not 1 <= self.day <= 31:
            raise DeadlineError(f"ngày {self.day} không có trong tháng")
        if not 0 <= self.months_after <= 12:
            raise DeadlineError("số tháng sau kỳ phải từ 0 đến 12")

    def label(self) -> str:
        when = {0: "trong tháng cuối kỳ", 1: "tháng sau"}.get(
            self.months_after, f"{self.months_after} tháng sau kỳ"
        )
        return f"{'trước ngày' if self.before else 'ngày'} {self.day} {when}"


def is_working_day(d: date, holidays: frozenset[date] | set[date]) -> bool:
    return d.weekday() < 5 and d not in holidays


def _shift(d: date, shift: Shift, holidays: frozenset[date] | set[date]) -> date:
    step = {Shift.NEXT: 1, Shift.PREVIOUS: -1}.get(shift)
    if step is None:
        return d
    for _ in range(60):
        if is_working_day(d, holidays):
            return d
        d += timedelta(days=step)
    raise DeadlineError("không tìm được ngày làm việc trong 60 ngày")


def due_date(
    period: Period,
    rule: DueRule,
    shift: Shift = Shift.NONE,
    holidays: frozenset[date] | set[date] = frozenset(),
) -> date:
    """The calendar day a report for ``period`` is due."""
    end = period.end
    month_index = end.year * 12 + end.month - 1 + rule.months_after
    year, month = divmod(month_index, 12)
    month += 1
    last = _cal.monthrange(year, month)[1]
    d = date(year, month, min(rule.day, last))
    if rule.before:
        d -= timedelta(days=1)
        # "trước ngày 30" never moves past the 30th: on a day off it moves back, whatever the rule
        if shift is Shift.NEXT:
            shift = Shift.PREVIOUS
    return _shift(d, shift, holidays)


def due_at(
    period: Period,
    rule: DueRule,
    shift: Shift = Shift.NONE,
    holidays: frozenset[date] | set[date] = frozenset(),
) -> datetime:
    """The deadline as an instant: the end of the due day in Asia/Ho_Chi_Minh."""
    return datetime.combine(due_date(period, rule, shift, holidays), END_OF_DAY, tzinfo=VN)


def on_time(submitted: datetime | None, deadline: datetime) -> bool | None:
    """True on time, False late, None missing."""
    if submitted is None:
        return None
    return submitted <= deadline


# Tết Nguyên đán (first day of the lunar year) and Giỗ Tổ Hùng Vương (10/3 lunar), 2024-2030.
LUNAR_NEW_YEAR = {
    2024: date(2024, 2, 10),
    2025: date(2025, 1, 29),
    2026: date(2026, 2, 17),
    2027: date(2027, 2, 6),
    2028: date(2028, 1, 26),
    2029: date(2029, 2, 13),
    2030: date(2030, 2, 3),
}
HUNG_KINGS = {
    2024: date(2024, 4, 18),
    2025: date(2025, 4, 7),
    2026: date(2026, 4, 26),
    2027: date(2027, 4, 16),
    2028: date(2028, 4, 4),
    2029: date(2029, 4, 23),
    2030: date(2030, 4, 12),
}


def default_holidays(year: int) -> dict[date, str]:
    """The public holidays of the Labour Code (art. 112) for a year, as a starting list.

    Tết is taken as the lunar new year's eve and the first four days; the government's yearly
    notice may differ, so the administrator edits the list.
    """
    out = {
        date(year, 1, 1): "Tết Dương lịch",
        date(year, 4, 30): "Ngày Chiến thắng",
        date(year, 5, 1): "Ngày Quốc tế Lao động",
        date(year, 9, 1): "Quốc khánh (ngày liền kề)",
        date(year, 9, 2): "Quốc khánh",
    }
    if year in LUNAR_NEW_YEAR:
        first = LUNAR_NEW_YEAR[year]
        for i in range(-1, 4):
            out[first + timedelta(days=i)] = "Tết Nguyên đán"
    if year in HUNG_KINGS:
        out[HUNG_KINGS[year]] = "Giỗ Tổ Hùng Vương"
    return out
