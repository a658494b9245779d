"""Reporting deadlines: a day relative to a period, end of day in Vietnam, weekends and holidays.

Pure (no Django): the holidays come in as a set of dates or a :class:`WorkCalendar` — Vietnam's
statutory holidays for any year from the `holidays` package (Tết and Giỗ Tổ follow the lunar
calendar), with the administrator's yearly decisions (days added, days swapped) on top.
"""

from __future__ import annotations

import calendar as _cal
import functools
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

import holidays as _holidays

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


def default_holidays(year: int) -> dict[date, str]:
    """Vietnam's public holidays for a year, lunar days included, from the `holidays` package.

    The package follows the Labour Code (art. 112) and the government's yearly notices it knows
    of; the administrator's own decisions are layered on top by :class:`WorkCalendar`.
    """
    return dict(_statutory(year))


@functools.lru_cache(maxsize=64)
def _statutory(year: int) -> tuple[tuple[date, str], ...]:
    if not 1 <= year <= 9999:
        raise DeadlineError(f"năm {year} nằm ngoài lịch")
    days = _holidays.country_holidays("VN", years=year, language="vi")
    return tuple(sorted(days.items()))


@functools.lru_cache(maxsize=64)
def _statutory_days(year: int) -> frozenset[date]:
    return frozenset(day for day, _ in _statutory(year))


@dataclass(frozen=True)
class WorkCalendar:
    """Working days in Vietnam: weekends and the statutory holidays of any year off, with the
    administrator's decisions on top — days the government adds (``days_off``) and weekend or
    holiday days it turns into working days to swap a bridge day (``working``)."""

    days_off: frozenset[date] = frozenset()
    working: frozenset[date] = frozenset()

    def is_working_day(self, d: date) -> bool:
        if d in self.working:
            return True
        if d in self.days_off or d.weekday() >= 5:
            return False
        return d not in _statutory_days(d.year)


# Days off: a plain set of holidays (weekends added), or a full working calendar.
Holidays = frozenset[date] | set[date] | WorkCalendar


def is_working_day(d: date, holidays: Holidays) -> bool:
    if isinstance(holidays, WorkCalendar):
        return holidays.is_working_day(d)
    return d.weekday() < 5 and d not in holidays


def working_days_before(d: date, count: int, holidays: Holidays) -> date:
    """The working day ``count`` working days before ``d`` (``count`` 0: ``d`` itself)."""
    for _ in range(count):
        d -= timedelta(days=1)
        for _ in range(60):
            if is_working_day(d, holidays):
                break
            d -= timedelta(days=1)
        else:
            raise DeadlineError("không tìm được ngày làm việc trong 60 ngày")
    return d


def _shift(d: date, shift: Shift, holidays: Holidays) -> date:
    step = {Shift.NEXT: 1, Shift.PREVIOUS: -1}.get(shift)
    if step is None:
        return d
    for _ in range(60):
        if is_working_day(d, holidays):
            return d
        d += timedelta(days=step)
    raise DeadlineError("không tìm được ngày làm việc trong 60 ngày")


def working_day(d: date, shift: Shift = Shift.NONE, holidays: Holidays = frozenset()) -> date:
    """A deadline computed as a plain day (say "30 days after the plan"), moved off a day off
    as ``shift`` moves a period's deadline."""
    return _shift(d, shift, holidays)


def due_date(
    period: Period,
    rule: DueRule,
    shift: Shift = Shift.NONE,
    holidays: Holidays = frozenset(),
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
    holidays: Holidays = frozenset(),
) -> datetime:
    """The deadline as an instant: the end of the due day in Asia/Ho_Chi_Minh."""
    return datetime.combine(due_date(period, rule, shift, holidays), END_OF_DAY, tzinfo=VN)


def on_time(submitted: datetime | None, deadline: datetime) -> bool | None:
    """True on time, False late, None missing."""
    if submitted is None:
        return None
    return submitted <= deadline
