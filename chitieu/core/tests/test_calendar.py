from datetime import date, datetime, timedelta

import pytest

from chitieu.core.calendar import (
    VN,
    DeadlineError,
    DueRule,
    Shift,
    WorkCalendar,
    default_holidays,
    due_at,
    due_date,
    on_time,
    working_days_before,
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
    # 2027: Tết is 6 February; the days off run 4-10 February (29 Tết to mùng 5); 11 February
    # is a Thursday
    period = Period.parse("2026-12")
    for holidays in (HOLIDAYS_2027, WorkCalendar()):
        assert due_date(period, DueRule(5, months_after=2), Shift.NEXT, holidays) == date(
            2027, 2, 11
        )
        assert due_date(period, DueRule(5, months_after=2), Shift.PREVIOUS, holidays) == date(
            2027, 2, 3
        )


def test_default_holidays():
    assert default_holidays(2026)[date(2026, 2, 17)] == "Tết Nguyên Đán"
    assert date(2026, 2, 16) in HOLIDAYS_2026 and date(2026, 2, 21) not in HOLIDAYS_2026
    assert default_holidays(2026)[date(2026, 9, 2)] == "Quốc khánh"


@pytest.mark.parametrize(
    "year, tet, hung_kings",
    [
        (2031, date(2031, 1, 23), date(2031, 4, 1)),
        (2035, date(2035, 2, 8), date(2035, 4, 17)),
        (2045, date(2045, 2, 17), date(2045, 4, 26)),
    ],
)
def test_lunar_holidays_come_for_any_year(year, tet, hung_kings):
    days = default_holidays(year)
    assert days[tet] == "Tết Nguyên Đán"
    assert days[hung_kings] == "Ngày Giỗ Tổ Hùng Vương"
    assert not WorkCalendar().is_working_day(tet)


def test_the_administrators_decisions_sit_on_top_of_the_statutory_list():
    # a Saturday the government makes a working day to swap a bridge Monday off
    saturday, monday = date(2027, 4, 24), date(2027, 5, 3)
    cal = WorkCalendar(days_off=frozenset({date(2027, 4, 29)}), working=frozenset({saturday}))
    assert cal.is_working_day(saturday) and not WorkCalendar().is_working_day(saturday)
    assert not cal.is_working_day(date(2027, 4, 29))  # added
    assert not cal.is_working_day(date(2027, 4, 30))  # statutory
    assert not cal.is_working_day(monday)  # the package's own day in lieu of 1 May (a Saturday)
    assert cal.is_working_day(date(2027, 4, 28))


@pytest.mark.parametrize(
    "due, count, expected",
    [
        (date(2027, 9, 13), 1, date(2027, 9, 10)),  # Monday: the Friday before, not Sunday
        (date(2027, 9, 13), 2, date(2027, 9, 9)),
        (date(2027, 9, 15), 2, date(2027, 9, 13)),
        (date(2027, 2, 11), 1, date(2027, 2, 3)),  # after Tết: the last day before the break
        (date(2027, 9, 15), 0, date(2027, 9, 15)),
    ],
)
def test_working_days_before(due, count, expected):
    assert working_days_before(due, count, WorkCalendar()) == expected


def test_a_year_outside_the_calendar_is_refused():
    with pytest.raises(DeadlineError, match="năm 0 nằm ngoài lịch"):
        default_holidays(0)


@pytest.mark.parametrize("day, months", [(0, 1), (32, 1), (12, 13)])
def test_rules_that_never_fire_are_refused(day, months):
    with pytest.raises(DeadlineError):
        DueRule(day, months)


def test_a_deadline_before_a_day_never_moves_past_it():
    # "trước ngày 30" of November 2026: the 29th is a Sunday; moving forward would pass the 30th
    period = Period.parse("2026-10")
    assert due_date(period, DueRule(30, before=True), Shift.NEXT) == date(2026, 11, 27)
    assert due_date(period, DueRule(30, before=True), Shift.NONE) == date(2026, 11, 29)
