"""The figures an agency owed under a plan, and whether each came in on time (decision 0060).

What is owed: every indicator the plan names the agency for (lead or coordinating, as the entry
page lists them), for each period of its reporting frequency in the plan's years and for the year
before them (the baseline the targets start from). Each period's deadline is the statutory one
(the 12th of the next month, moved by the working calendar) or, when later, thirty days after the
plan's adoption (moved the same way): a plan cannot ask for a figure before it exists.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta

from django.utils import timezone

from chitieu.catalog.models import Plan, Responsibility
from chitieu.core.calendar import Shift, WorkCalendar, working_day
from chitieu.core.periods import Period
from chitieu.core.timeliness import ADOPTION_GRACE, Owed, owed, scoring_deadline
from chitieu.organizations.models import Organization

from .choices import FigureStatus
from .figure_sql import frequencies
from .frequency import own_period
from .models import Figure

# a figure in these states without a send was put in from a document, not owed by sending
TAKEN_IN = {FigureStatus.VERIFIED, FigureStatus.APPROVED}


def adoption_deadline(plan: Plan, shift: Shift, holidays: WorkCalendar) -> date | None:
    """Thirty days after the plan was adopted (or, with no date of issue, put into the system),
    moved off a day off; the earliest day the plan can score a figure against."""
    adopted = plan.issued_on or (timezone.localdate(plan.imported_at) if plan.imported_at else None)
    if adopted is None:
        return None
    return working_day(adopted + ADOPTION_GRACE, shift, holidays)


def periods_owed(plan: Plan, frequency: str) -> list[Period]:
    """The periods a figure is owed for: the frequency's own periods in the plan's years, and
    the year before them."""
    first, last = plan.period.start.year, plan.period.end.year
    found = {Period.whole_year(first - 1)}
    for year in range(first, last + 1):
        for month in range(1, 13):
            found.add(own_period(frequency, Period.month(year, month)))
    return sorted(found, key=lambda p: (p.end, p.start))


def figures_owed(
    org: Organization,
    plan: Plan,
    now: datetime,
    due: Callable[[str], date],
    calendar: tuple[Shift, WorkCalendar],
) -> tuple[int, list[Owed]]:
    """How many figures the organisation owed under the plan by ``now`` and those not sent on
    time (late or missing), in the plan's order then by period; three queries."""
    places: dict[int, int] = {}
    for indicator_id, position in (
        Responsibility.objects.filter(organization=org, target__plan=plan)
        .exclude(target__kind="")
        .values_list("target__indicator_id", "target__position")
    ):
        places[indicator_id] = min(position, places.get(indicator_id, position))
    if not places:
        return 0, []
    today = timezone.localdate(now)
    adopted = adoption_deadline(plan, *calendar)
    deadlines: dict[tuple[int, str], date] = {}
    for indicator_id, frequency in frequencies(places).items():
        for period in periods_owed(plan, frequency):
            deadline = scoring_deadline(due(period.code), adopted)
            if deadline < today:
                deadlines[(indicator_id, period.code)] = deadline
    sent: dict[tuple[int, str], datetime] = {}
    taken_in: set[tuple[int, str]] = set()
    for indicator_id, code, submitted_at, status in Figure.objects.filter(
        organization=org,
        indicator_id__in=list(places),
        period_code__in={code for _, code in deadlines},
    ).values_list("indicator_id", "period_code", "submitted_at", "status"):
        key = (indicator_id, code)
        if submitted_at is not None:
            # the first vintage sent answers for the period
            sent[key] = min(submitted_at, sent.get(key, submitted_at))
        elif status in TAKEN_IN:
            taken_in.add(key)
    counted = []
    for key, deadline in deadlines.items():
        at = sent.get(key)
        if at is None and key in taken_in:
            continue  # in the system from a document: nothing was the agency's to send
        item = owed(key, deadline, timezone.localtime(at).date() if at else None, today)
        if item is not None:
            counted.append(item)
    missed = [o for o in counted if not o.on_time]
    missed.sort(key=lambda o: (places[o.indicator_id], _period_order(o)))
    return len(counted), missed


def _period_order(item: Owed) -> tuple[date, timedelta]:
    period = Period.parse(item.period_code)
    return period.end, period.end - period.start
