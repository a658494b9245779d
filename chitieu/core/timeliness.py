"""Whether an agency sent what it owed on time: every figure due counts, sent or not.

Counting only what was sent rewards not sending: a figure sent a day late lowers the score, one
never sent leaves it untouched. So each figure the agency had to report whose deadline has passed
counts once: on time if sent by its deadline, not on time if sent late or still missing (decision
0060). Pure: the deadlines and the days sent come in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

# A plan cannot ask for a figure before it exists: a deadline that fell before the plan was
# adopted, or within this span after, is moved to the end of the span (decision 0060).
ADOPTION_GRACE = timedelta(days=30)


@dataclass(frozen=True, slots=True)
class Owed:
    """One figure an agency had to report, past its deadline: when it was sent, if it was."""

    indicator_id: int
    period_code: str
    deadline: date
    sent_on: date | None  # the day (local time) it was first sent; None: never sent
    days_late: int = 0  # after the deadline: to the day it was sent, or to today when not sent

    @property
    def on_time(self) -> bool:
        return self.sent_on is not None and self.sent_on <= self.deadline


def scoring_deadline(statutory: date, adoption_deadline: date | None) -> date:
    """The deadline a figure is scored against: its statutory day, or the plan's adoption
    deadline (the adoption day plus the grace, moved off a day off) when that is later."""
    if adoption_deadline is None:
        return statutory
    return max(statutory, adoption_deadline)


def owed(key: tuple[int, str], deadline: date, sent_on: date | None, today: date) -> Owed | None:
    """The figure as the score counts it, or None while its deadline has not passed (the end of
    the deadline day): a figure not yet due is neither on time nor late."""
    if deadline >= today:
        return None
    days = ((sent_on if sent_on is not None else today) - deadline).days
    return Owed(key[0], key[1], deadline, sent_on, max(days, 0))
