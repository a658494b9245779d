from datetime import date, datetime, timedelta

import pytest

from chitieu.core.calendar import (
    VN,
    DeadlineError,
    DueRule,
    Shift,
    default_holidays,
    due_at,
    due_date,
    on_time,
)
from chitieu.core.periods import Period

HOLIDAYS_2027 = frozenset(default_holidays(2027))
HOLIDAYS_2026 = frozenset(default_holidays(2026))


@pytest.mark.parametrize(
    "period, rule, expected",
    [
        ("2026-11", DueRule(12), date(2026, 12, 12)),
        ("2026-12", DueRule(12), date(2027, 1, 12)),  # across the year end
        ("2026-12", DueRule(16), date(2027, 1, 16)),
        ("2026-12", DueRule(18), date(2027, 1, 18)),
        (
            "2027-01",
            DueRule(30, before=True),
            date(2027, 2, 27),
        ),  # February has no 30th: last day, before it
        ("2028-01", DueRule(30), date(2028, 2, 29)),  # 29 February of a leap year
        ("2027-01", DueRule(31), date(2027, 2, 28)),
        ("2026-Q3", DueRule(12), date(2026, 10, 12)),
        ("2026-H1", DueRule(18), date(2026, 7, 18)),
        ("2026", DueRule(12), date(2027, 1, 12)),
        ("2026-10", DueRule(30, months_after=0, before=True), date(2026, 10, 29)),
    ],
)
def test_due_dates(period, rule, expected):
    assert due_date(Period.parse(period), rule) == expected


def test_end_of_day_in_vietnam():
    deadline = due_at(Period.parse("2026-11"), DueRule(12))
    assert deadline == datetime(2026, 12, 12, 23, 59, 59, 999999, tzinfo=VN)
    assert on_time(datetime(2026, 12, 12, 23, 59, tzinfo=VN), deadline) is True
    assert on_time(datetime(2026, 12, 12, 17, 0, tzinfo=VN) + timedelta(hours=7), deadline) is False
    # 16:59 UTC is 23:59 in Hanoi: still on time; 17:00 UTC is already the 13th there
    from datetime import UTC

    assert on_time(datetime(2026, 12, 12, 16, 59, tzinfo=UTC), deadline) is True
    assert on_time(datetime(2026, 12, 12, 17, 0, tzinfo=UTC), deadline) is False
    assert on_time(None, deadline) is None


def test_a_deadline_on_a_sunday_moves_by_the_chosen_rule():
    period = Period.parse("2027-08")  # 12 September 2027 is a Sunday
    assert due_date(period, DueRule(12)).weekday() == 6
    assert due_date(period, DueRule(12), Shift.NEXT) == date(2027, 9, 13)
    assert due_date(period, DueRule(12), Shift.PREVIOUS) == date(2027, 9, 10)
    assert due_date(period, DueRule(12), Shift.NONE) == date(2027, 9, 12)


def test_tet_pushes_a_deadline_past_the_holiday():
    # 2027: Tết is 6 February; the days off run 5-9 February; 10 February is a Wednesday
    period = Period.parse("2026-12")
    assert due_date(period, DueRule(5, months_after=2), Shift.NEXT, HOLIDAYS_2027) == date(
        2027, 2, 10
    )
    assert due_date(period, DueRule(5, months_after=2), Shift.PREVIOUS, HOLIDAYS_2027) == date(
        2027, 2, 4
    )


def test_default_holidays():
    assert default_holidays(2026)[date(2026, 2, 17)] == "Tết Nguyên đán"
    assert date(2026, 2, 16) in HOLIDAYS_2026 and date(2026, 2, 21) not in HOLIDAYS_2026
    assert default_holidays(2026)[date(2026, 9, 2)] == "Quốc khánh"


@pytest.mark.parametrize("day, months", [(0, 1), (32, 1), (12, 13)])
def test_rules_that_never_fire_are_refused(day, months):
    with pytest.raises(DeadlineError):
        DueRule(day, months)


def test_a_deadline_before_a_day_never_moves_past_it():
    # "trước ngày 30" of November 2026: the 29th is a Sunday; moving forward would pass the 30th
    period = Period.parse("2026-10")
    assert due_date(period, DueRule(30, before=True), Shift.NEXT) == date(2026, 11, 27)
    assert due_date(period, DueRule(30, before=True), Shift.NONE) == date(2026, 11, 29)
