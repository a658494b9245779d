"""Which periods an indicator is reported for, from how often it is reported (its ReportingSpec).

One rule for the save (``services.parse_period`` refuses any other period), the reporter's list,
its counts and the Excel template, so the page never asks for a figure the save would refuse.
"""

from __future__ import annotations

from collections.abc import Iterable

from chitieu.core.periods import Period, PeriodKind

from .choices import Frequency

# Periods each frequency may be reported for: its own and every longer one.
ALLOWED = {
    Frequency.MONTH: set(PeriodKind) - {PeriodKind.MULTI_YEAR},
    Frequency.QUARTER: {
        PeriodKind.QUARTER,
        PeriodKind.H1,
        PeriodKind.H2,
        PeriodKind.M9,
        PeriodKind.YEAR,
    },
    Frequency.H1: {PeriodKind.H1, PeriodKind.H2, PeriodKind.YEAR},
    Frequency.M9: {PeriodKind.M9, PeriodKind.YEAR},
    Frequency.YEAR: {PeriodKind.YEAR, PeriodKind.MULTI_YEAR},
}

# The shortest period each frequency is reported for: where its figures are due first.
OWN_KIND = {
    Frequency.MONTH: PeriodKind.MONTH,
    Frequency.QUARTER: PeriodKind.QUARTER,
    Frequency.H1: PeriodKind.H1,
    Frequency.M9: PeriodKind.M9,
    Frequency.YEAR: PeriodKind.YEAR,
}


def reported_for(frequency: str, kind: PeriodKind) -> bool:
    """Whether an indicator reported at ``frequency`` has a figure for a period of ``kind``."""
    return kind in ALLOWED[Frequency(frequency)]


def own_period(frequency: str, within: Period) -> Period:
    """The period of the frequency's own kind that a figure for ``within`` would go under: the
    one that ends with it or, for a shorter period, the one holding it (2026-11, yearly: 2026;
    2026-11, quarterly: 2026-Q4; 2026-Q2, half-yearly: 2026-H1)."""
    kind = OWN_KIND[Frequency(frequency)]
    month = within.months[1] if within.kind is not PeriodKind.MULTI_YEAR else 12
    year = within.end_year if within.kind is PeriodKind.MULTI_YEAR else within.year
    match kind:
        case PeriodKind.MONTH:
            return Period.month(year, month)
        case PeriodKind.QUARTER:
            return Period.quarter(year, (month + 2) // 3)
        case PeriodKind.H1:
            return Period.h1(year) if month <= 6 else Period.h2(year)
        case PeriodKind.M9:
            return Period.nine_months(year) if month <= 9 else Period.whole_year(year)
        case _:
            return Period.whole_year(year)


def where_due(frequencies: Iterable[str], period: Period) -> list[Period]:
    """The periods near ``period`` for which indicators of these frequencies are reported, when
    they are not reported for ``period`` itself (shortest first)."""
    found = {own_period(f, period) for f in set(frequencies) if not reported_for(f, period.kind)}
    return sorted(found, key=lambda p: (p.end, p.end - p.start))
