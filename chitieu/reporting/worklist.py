"""The reporter's list ("Số liệu của tôi"): a selector, kept apart from the evaluation reads.

An organisation reports the indicators it leads or coordinates by name, grouped by plan and by
indicator group, with what is still to do first. The indicators handed to a whole group ("Các
sở, ban, ngành") are listed apart, folded, never dropped: the organisation may still report them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import connection
from django.db.models import Q

from chitieu.catalog.choices import IndicatorGroup, PlanStatus
from chitieu.catalog.choices import Role as RespRole
from chitieu.catalog.models import Indicator, Plan, Responsibility
from chitieu.core.periods import Period, PeriodError
from chitieu.organizations.choices import OrgKind
from chitieu.organizations.models import Organization

from .choices import FigureStatus, Frequency
from .figure_sql import frequencies
from .frequency import own_period, reported_for, where_due
from .models import Figure, ValidationRule
from .validation import describe

# a figure in these states still needs the reporter: entered but not sent, or sent back
OPEN = {FigureStatus.DRAFT, FigureStatus.RETURNED}


@dataclass
class DueRow:
    """One indicator on the reporter's list: its figures for the period and what is left to do."""

    indicator: Indicator
    figures: list[Figure]
    rules: list[str]
    role: str = ""  # "Chủ trì" / "Phối hợp" / "" (through a group)
    plan: Plan | None = None
    position: int = 0  # the row's place in the plan's appendix
    also_in: list[Plan] = field(default_factory=list)
    notice: dict | None = None  # the answer to the last save or step on this row, if any
    last: bool = False  # the last row of its list: the phone's Enter key says "done", not "next"

    @property
    def todo(self) -> str:
        """What the reporter still has to do, in a word; empty when nothing is left."""
        if not self.figures:
            return "Chưa nhập"
        if any(f.status == FigureStatus.RETURNED for f in self.figures):
            return "Bị trả lại"
        if any(f.status == FigureStatus.DRAFT for f in self.figures):
            return "Chưa gửi"
        return ""


@dataclass
class PlanSection:
    plan: Plan
    groups: list[tuple[str, list[DueRow]]]

    @property
    def todo_count(self) -> int:
        return sum(1 for _, rows in self.groups for r in rows if r.todo)


@dataclass
class Worklist:
    sections: list[PlanSection]
    shared: list[DueRow]  # reported through a group only: folded at the end
    # indicators of the organisation not reported for this kind of period, by frequency, and the
    # periods near it for which they are (2026-11: sixteen yearly ones, due for 2026)
    left_out: dict[str, int] = field(default_factory=dict)
    due_for: list[Period] = field(default_factory=list)

    @property
    def left_out_text(self) -> str:
        """“16 chỉ tiêu báo cáo hằng năm, 2 chỉ tiêu báo cáo hằng quý”, or empty."""
        return ", ".join(
            f"{n} chỉ tiêu báo cáo {Frequency(f).label.lower()}"
            for f, n in sorted(self.left_out.items(), key=lambda fn: -fn[1])
        )

    @property
    def rows(self) -> list[DueRow]:
        return [r for s in self.sections for _, rows in s.groups for r in rows] + self.shared

    @property
    def shared_todo(self) -> int:
        """Shared rows with a figure of the organisation's still to send (a draft, or returned):
        never asked of it, but entered by it, so its work wherever the row sits."""
        return sum(1 for r in self.shared if r.figures and r.todo)

    @property
    def todo_count(self) -> int:
        """What the organisation is named for and has still to enter or send, and the shared
        rows where it saved a figure it has not sent."""
        return sum(s.todo_count for s in self.sections) + self.shared_todo


@dataclass
class _Named:
    """A target of the organisation's, named: under which plan, at which row, in which role."""

    indicator: Indicator
    plan_id: int
    position: int
    role: str
    plan: Plan = field(init=False)


# Every responsibility of the organisation or of a group (the rows of groups it is not of are
# dropped after), for targets that are not headings, by indicator group and name as
# ``reportable_indicators`` orders them.
_RESPONSIBILITIES_SQL = (
    "SELECT r.organization_id, o.kind, o.member_kinds, t.plan_id, t.position, r.role, {columns} "
    "FROM catalog_responsibility r "
    "JOIN catalog_target t ON t.id = r.target_id "
    "JOIN catalog_indicator i ON i.id = t.indicator_id "
    "JOIN organizations_organization o ON o.id = r.organization_id "
    "WHERE t.kind <> '' AND (r.organization_id = %s OR o.kind = %s) "
    'ORDER BY i."group", i.name, i.id, r.id'
)


def _sorted(rows: list[DueRow]) -> list[DueRow]:
    # what is still to do first, then in the appendix's order, so the page reads as a to-do list
    return sorted(rows, key=lambda r: (not r.todo, r.position))


def _responsibilities(org: Organization) -> tuple[list[_Named], list[Indicator]]:
    """The organisation's named responsibilities, most recent plan first, and every indicator it
    may report (``reportable_indicators``: named, or through a group of its kind), by group and
    name, from one query. The ORM built the same from three queries and spent five times their
    SQL doing it, on the most requested page (decision 0046)."""
    fields = Indicator._meta.concrete_fields
    columns = ", ".join(f"i.{connection.ops.quote_name(f.column)}" for f in fields)
    names = [f.attname for f in fields]
    # what the ORM would do to each column read (SQLite gives a boolean as 0 or 1)
    converters = [
        (n, col, convert)
        for n, f in enumerate(fields)
        for col in [f.get_col("i")]
        for convert in [*connection.ops.get_db_converters(col), *f.get_db_converters(connection)]
    ]
    decode = Organization._meta.get_field("member_kinds").from_db_value
    with connection.cursor() as cursor:
        cursor.execute(_RESPONSIBILITIES_SQL.format(columns=columns), [org.pk, OrgKind.GROUP])
        found = cursor.fetchall()
    db = connection.alias
    indicators: dict[int, Indicator] = {}
    named: list[_Named] = []
    of_group: dict[int, bool] = {}  # whether the organisation is of this group's kinds
    for org_id, _kind, member_kinds, plan_id, position, role, *values in found:
        if org_id != org.pk:
            if org_id not in of_group:
                of_group[org_id] = org.kind in (decode(member_kinds, None, connection) or ())
            if not of_group[org_id]:
                continue
        indicator = indicators.get(values[0])
        if indicator is None:
            for n, col, convert in converters:
                values[n] = convert(values[n], col, connection)
            indicator = indicators[values[0]] = Indicator.from_db(db, names, values)
        if org_id == org.pk:
            named.append(_Named(indicator, plan_id, position, role))
    plans = Plan.objects.in_bulk({n.plan_id for n in named})
    for n in named:
        n.plan = plans[n.plan_id]
    # stable: rows of one plan and role keep the order of the query
    named.sort(key=lambda n: (n.plan.issued_on is None, _newest_first(n.plan), n.plan_id, n.role))
    return named, list(indicators.values())


def _newest_first(plan: Plan) -> int:
    return -plan.issued_on.toordinal() if plan.issued_on else 0


@dataclass(frozen=True)
class Known:
    """What the organisation reports, read once for a page: its named responsibilities, every
    indicator it may report, and how often each is reported."""

    named: list[_Named]
    every: list[Indicator]
    frequencies: dict[int, str]

    @classmethod
    def of(cls, org: Organization) -> Known:
        named, every = _responsibilities(org)
        return cls(named, every, frequencies(i.pk for i in every))


def my_figures(org: Organization, period_code: str, known: Known | None = None) -> Worklist:
    """What the organisation reports for a period, grouped by plan and indicator group: only the
    indicators reported for this kind of period (as the save decides), and any with a figure.
    ``known``: what the organisation reports, when the page has read it already."""
    known = known or Known.of(org)
    named, every = known.named, known.every
    figs: dict[int, list[Figure]] = defaultdict(list)
    # the organisation's figures of the period: those of an indicator not listed are never read
    for f in Figure.objects.filter(organization=org, period_code=period_code).order_by("vintage"):
        figs[f.indicator_id].append(f)
    period = Period.parse(period_code)
    freq = known.frequencies
    due = {pk for pk, f in freq.items() if reported_for(f, period.kind) or figs.get(pk)}
    left_out: dict[str, int] = defaultdict(int)
    for pk in freq.keys() - due:
        left_out[freq[pk]] += 1
    named = [n for n in named if n.indicator.pk in due]
    every = [i for i in every if i.pk in due]
    rules: dict[int, list[str]] = defaultdict(list)
    for rule in ValidationRule.objects.filter(indicator_id__in=[i.pk for i in every], active=True):
        rules[rule.indicator_id].append(describe(rule))

    # each indicator once, under the first (most recent) plan that names the organisation
    placed: dict[int, DueRow] = {}
    by_plan: dict[int, list[DueRow]] = defaultdict(list)
    plans: dict[int, Plan] = {}
    for r in named:
        pk = r.indicator.pk
        row = placed.get(pk)
        if row is not None:
            known = {p.pk for p in row.also_in} | {row.plan.pk if row.plan else None}
            if r.plan_id not in known:
                row.also_in.append(r.plan)
            continue
        row = DueRow(
            r.indicator,
            figs[pk],
            rules[pk],
            role=RespRole(r.role).label,
            plan=r.plan,
            position=r.position,
        )
        placed[pk] = row
        plans.setdefault(r.plan_id, r.plan)
        by_plan[r.plan_id].append(row)

    labels = dict(IndicatorGroup.choices)
    sections = []
    for plan_id, rows in by_plan.items():
        grouped: dict[str, list[DueRow]] = defaultdict(list)
        for row in rows:
            grouped[row.indicator.group].append(row)
        groups = [
            (labels.get(g, g), _sorted(grouped[g]))
            for g in [*IndicatorGroup.values, *sorted(set(grouped) - set(IndicatorGroup.values))]
            if g in grouped
        ]
        sections.append(PlanSection(plans[plan_id], groups))
    # reportable_indicators() comes ordered by group and name: that order is kept
    # a figure the organisation saved and has not sent first: that is its work; the rest, never
    # asked of it, keep the appendix's order
    shared = sorted(
        [
            DueRow(i, figs[i.pk], rules[i.pk], position=n)
            for n, i in enumerate(every)
            if i.pk not in placed
        ],
        key=lambda r: (not (r.figures and r.todo), r.position),
    )
    for rows in ([r for s in sections for _, g in s.groups for r in g][-1:], shared[-1:]):
        for row in rows:
            row.last = True
    return Worklist(
        sections,
        shared,
        dict(left_out),
        where_due((freq[pk] for pk in freq.keys() - due), period),
    )


def due_row(org: Organization, period_code: str, indicator: Indicator) -> DueRow:
    """One row of the list, re-read after a save or a step so the page shows what is stored."""
    lead = (
        Responsibility.objects.filter(organization=org, target__indicator=indicator)
        .exclude(target__kind="")
        .order_by("role")
        .values_list("role", flat=True)
        .first()
    )
    return DueRow(
        indicator,
        list(
            Figure.objects.filter(
                organization=org, period_code=period_code, indicator=indicator
            ).order_by("vintage")
        ),
        [describe(r) for r in ValidationRule.objects.filter(indicator=indicator, active=True)],
        role=RespRole(lead).label if lead else "",
    )


# A deadline passed by more than this is "long past": the page no longer opens on its period by
# itself (it can still be chosen), so a forgotten year does not hide this month's work.
LONG_PAST = timedelta(days=60)


def _periods_near(frequency: str, today: date, due: Callable[[str], date]) -> list[Period]:
    """The periods of the frequency's own kind from the current one back to the first whose
    deadline is long past (that one excluded)."""
    found = []
    period = own_period(frequency, Period.month(today.year, today.month))
    while len(found) < 24:
        if due(period.code) < today - LONG_PAST:
            break
        found.append(period)
        before = period.start - timedelta(days=1)
        period = own_period(frequency, Period.month(before.year, before.month))
    return found


@dataclass(frozen=True)
class PeriodLeft:
    """A period with work left: how many indicators, its deadline and by how many days it is
    missed (0 while it is not)."""

    period: Period
    todo: int
    due: date
    overdue: int


@dataclass
class WorkLeft:
    """Every period with work left in the range looked at, by deadline, and the one the entry page
    opens on."""

    periods: list[PeriodLeft]
    default: str
    known: Known  # what the organisation reports: the page's list reuses it

    def others(self, shown: str) -> list[PeriodLeft]:
        return [p for p in self.periods if p.period.code != shown]


# How far back the list of periods with work left looks when no plan in force names the
# organisation, and at most: a five-year plan's span.
YEARS_BACK = 5


def _own_periods(frequency: str, today: date, first: date) -> list[Period]:
    """The periods of the frequency's own kind begun by ``today``, back to the one holding
    ``first``."""
    found = []
    period = own_period(frequency, Period.month(today.year, today.month))
    while period.end >= first:
        found.append(period)
        before = period.start - timedelta(days=1)
        period = own_period(frequency, Period.month(before.year, before.month))
    return found


def work_left(
    org: Organization, today: date, due: Callable[[str], date], known: Known | None = None
) -> WorkLeft:
    """The periods with work left (an indicator named for the organisation and reported for the
    period without a figure, or a figure of the organisation's not sent, named or shared), from
    the base year of the plans in force that name it (the year before the first begins) to the
    period in course; and the period the entry page opens on (``default_period``). Four queries
    however many periods: the responsibilities, their plans, the frequencies, the organisation's
    figures of the range (the first two not again when ``known`` is given)."""
    known = known or Known.of(org)
    named, every, freq = known.named, known.every, known.frequencies
    mine = {n.indicator.pk for n in named}
    starts = [
        Period.parse(n.plan.period_code).start.year
        for n in named
        if n.plan.status == PlanStatus.ACTIVE and _readable(n.plan.period_code)
    ]
    # a plan's targets are measured from the year before it begins (its base year, "so với năm
    # 2025"): that year's figures are work of the plan too
    first_year = max(min(starts, default=today.year) - 1, today.year - YEARS_BACK)
    first = date(first_year, 1, 1)
    kinds = {freq[pk] for pk in mine} or {Frequency.YEAR}
    ranged = {p for f in kinds for p in _own_periods(f, today, first)}
    near = {p for f in kinds for p in _periods_near(f, today, due)}
    codes = [p.code for p in ranged | near]
    done: dict[str, set[int]] = defaultdict(set)  # per period, indicators with a figure
    open_: dict[str, set[int]] = defaultdict(set)  # per period, indicators with one to send
    shared_open: dict[str, set[int]] = defaultdict(set)
    shared = {i.pk for i in every} - mine
    for pk, code, status in Figure.objects.filter(
        Q(period_code__in=codes) | Q(status__in=OPEN), organization=org
    ).values_list("indicator_id", "period_code", "status"):
        done[code].add(pk)
        if status in OPEN and pk in mine:
            open_[code].add(pk)
        elif status in OPEN and pk in shared:
            shared_open[code].add(pk)
    # a shared draft counts in the range too, whatever kind of period it was saved for
    for code in shared_open:
        period = Period.parse(code) if _readable(code) else None
        if period is not None and first <= period.start <= today:
            ranged.add(period)

    def todo(p: Period) -> int:
        due_here = {pk for pk in mine if reported_for(freq[pk], p.kind)}
        return len((due_here - done[p.code]) | open_[p.code]) + len(shared_open[p.code])

    def left(p: Period) -> PeriodLeft:
        deadline = due(p.code)
        return PeriodLeft(p, todo(p), deadline, max((today - deadline).days, 0))

    periods = [
        pl
        for pl in sorted((left(p) for p in ranged), key=lambda pl: (pl.due, pl.period.start))
        if pl.todo
    ]
    candidates = sorted(near, key=lambda p: (due(p.code), p.start))
    return WorkLeft(periods, _default(candidates, todo, today, due), known)


def _readable(code: str) -> bool:
    try:
        Period.parse(code)
    except PeriodError:
        return False
    return True


def _default(
    candidates: list[Period], todo: Callable[[Period], int], today: date, due: Callable[[str], date]
) -> str:
    if not candidates:  # unreachable: the current period's deadline is never long past
        return str(today.year - 1)
    for p in candidates:
        if todo(p):
            return p.code
    upcoming = [p for p in candidates if due(p.code) >= today]
    return (upcoming or candidates)[-1 if not upcoming else 0].code


def default_period(
    org: Organization, today: date, due: Callable[[str], date], known: Known | None = None
) -> str:
    """The period the entry page opens on: the earliest with work still to do (an indicator named
    for the organisation without a figure, or a figure of its not yet sent) whose deadline is not
    long past; else the one due next (the open period). ``due`` gives a period's deadline."""
    return work_left(org, today, due, known).default
