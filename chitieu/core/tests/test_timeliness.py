"""What the on-time part counts (decision 0060): every figure past its deadline, sent or not."""

from datetime import date

import pytest

from chitieu.core.timeliness import Owed, owed, scoring_deadline

DEADLINE = date(2026, 5, 7)
TODAY = date(2026, 12, 6)


@pytest.mark.parametrize(
    ("sent_on", "on_time", "days_late"),
    [
        (date(2026, 5, 7), True, 0),  # on the deadline day
        (date(2026, 4, 1), True, 0),  # early
        (date(2026, 5, 8), False, 1),  # a day late
        (None, False, 213),  # never sent: late until today, and counted
    ],
)
def test_a_figure_past_its_deadline_counts_whether_sent_or_not(sent_on, on_time, days_late):
    item = owed((7, "2025"), DEADLINE, sent_on, TODAY)
    assert item == Owed(7, "2025", DEADLINE, sent_on, days_late)
    assert item.on_time is on_time


def test_a_figure_not_yet_due_is_not_counted_even_if_sent():
    assert owed((7, "2026"), date(2027, 1, 12), date(2026, 12, 1), TODAY) is None
    # the deadline day itself is still within time
    assert owed((7, "2026"), TODAY, None, TODAY) is None


@pytest.mark.parametrize(
    ("statutory", "adoption", "expected"),
    [
        (date(2026, 1, 12), date(2026, 5, 7), date(2026, 5, 7)),  # due before the plan existed
        (date(2026, 7, 13), date(2026, 5, 7), date(2026, 7, 13)),  # due after: unchanged
        (date(2026, 1, 12), None, date(2026, 1, 12)),  # no adoption date known
    ],
)
def test_the_scoring_deadline_is_the_later_of_the_statutory_day_and_the_adoption(
    statutory, adoption, expected
):
    assert scoring_deadline(statutory, adoption) == expected
