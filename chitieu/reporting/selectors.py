"""Reads for reporting and evaluation pages; each page's data comes from one function here."""

from __future__ import annotations

import functools
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import connection
from django.db.models import F, Prefetch, Q
from django.utils import timezone

from chitieu.catalog.choices import IndicatorGroup, PlanKind, PlanStatus
from chitieu.catalog.choices import Role as RespRole
from chitieu.catalog.models import Indicator, Plan, Responsibility, Target
from chitieu.catalog.selectors import indicator_labels  # noqa: F401 - for the pages' lists
from chitieu.core.calendar import Shift, WorkCalendar
from chitieu.core.calendar import due_date as calendar_due_date
from chitieu.core.periods import Period, PeriodKind
from chitieu.core.timeliness import scoring_deadline
from chitieu.organizations.choices import OrgKind
from chitieu.organizations.models import Organization

from . import stored
from .charts import axis_years, target_marks, value_range
from .choices import Aggregation, FigureStatus, Status
from .counting import Basis, Counted, RollupSpec, Selection, select
from .evaluation import (
    AGENCY_DEADLINE,
    Evaluation,
    Scorecard,
    active_communes,
    counting_figures,
    rollup_specs,
    score_rules,
    scorecard,
)

# whether a figure counts, and what a checker compares it with (decision 0053)
from .figure_use import FigureUse, earlier_figures, figure_uses  # noqa: F401
from .models import Figure, ReportingSpec
from .timeliness import adoption_deadline, figures_owed

# the reporter's list lives in its own module and is read through here like every page's data
from .worklist import (  # noqa: F401
    DueRow,
    Known,
    PeriodLeft,
    WorkLeft,
    Worklist,
    default_period,
    due_row,
    my_figures,
    work_left,
)


def review_queue(status: str) -> list[Figure]:
    return list(
        Figure.objects.filter(status=status)
        # the parent tells two indicators of one name apart ("Dịch vụ" of GRDP, of employment)
        .select_related("indicator__parent", "organization", "entered_by")
        .order_by("submitted_at", "pk")
    )


def next_in_queue(status: str, figure: Figure) -> Figure | None:
    """The figure after this one in the queue of ``status`` (the queue's order), or else its
    first: where a checker goes once this one is done."""
    rest = (
        Figure.objects.filter(status=status)
        .exclude(pk=figure.pk)
        .select_related("indicator", "organization")
        .order_by("submitted_at", "pk")
    )
    if figure.submitted_at is not None:
        after = rest.filter(
            Q(submitted_at__gt=figure.submitted_at)
            | Q(submitted_at=figure.submitted_at, pk__gt=figure.pk)
        ).first()
        if after is not None:
            return after
    return rest.first()


def default_plan() -> Plan | None:
    return (
        Plan.objects.filter(kind=PlanKind.FIVE_YEAR)
        .order_by(F("issued_on").desc(nulls_last=True), "pk")
        .first()
        or Plan.objects.order_by("pk").first()
    )


def plan_targets(plan: Plan, *, led_by: Organization | None = None) -> list[Target]:
    """The plan's targets that set something (heading rows left out), with their lead agencies;
    with ``led_by``, only those that organisation leads."""
    leads = Prefetch(
        "responsibilities",
        queryset=Responsibility.objects.filter(role=RespRole.LEAD).select_related("organization"),
        to_attr="leads",
    )
    qs = plan.targets.exclude(kind="")
    if led_by is not None:
        # one responsibility per target, organisation and role: no duplicate rows
        qs = qs.filter(responsibilities__organization=led_by, responsibilities__role=RespRole.LEAD)
    # each target's plan is the one asked for: the related manager sets it, no join needed
    return list(qs.select_related("indicator").prefetch_related(leads).order_by("position"))


@dataclass
class OverviewRow:
    """One target of the overview page as its stored evaluation tells it (``result``, which
    ``stored.load`` turns into an Evaluation): no model objects, so a plan of hundreds of targets
    is read in a few milliseconds."""

    target_id: int
    indicator_id: int
    name: str  # as the plan printed it
    group: str  # the indicator's group
    result: dict[str, Any]
    amended: bool = False  # a later document replaced this target (judged by the one in force)

    @property
    def status(self) -> str:
        return str(self.result["s"])

    @property
    def status_label(self) -> str:
        return Status(self.result["s"]).label

    @property
    def sentence(self) -> str:
        return str(self.result["t"])

    @property
    def provisional(self) -> dict[str, Any] | None:
        """The tạm tính evaluation (status "s", sentence "t"), where verified figures change it."""
        p: dict[str, Any] | None = self.result["p"]
        return p

    @property
    def provisional_label(self) -> str:
        p = self.provisional
        return Status(p["s"]).label if p else ""


@dataclass
class Overview:
    plan: Plan
    rows: list[OverviewRow]
    by_group: list[tuple[str, Counter[str]]] = field(default_factory=list)
    by_agency: list[tuple[Organization, Counter[str]]] = field(default_factory=list)
    totals: Counter[str] = field(default_factory=Counter)
    # tạm tính, kept apart: the statuses that verified, not yet approved, figures would give
    provisional_totals: Counter[str] = field(default_factory=Counter)

    @functools.cached_property
    def evaluations(self) -> list[Evaluation]:
        """The rows as Evaluations of their targets (with lead agencies), for the exports and the
        API: the same stored results as the rows, not read again."""
        targets = {t.pk: t for t in plan_targets(self.plan)}
        return [
            stored.load(r.result, targets[r.target_id]) for r in self.rows if r.target_id in targets
        ]


_LEADS_SQL = (
    "SELECT r.target_id, r.organization_id, o.name FROM catalog_responsibility r "
    "JOIN catalog_target t ON t.id = r.target_id "
    "JOIN organizations_organization o ON o.id = r.organization_id "
    "WHERE t.plan_id = %s AND r.role = %s ORDER BY r.target_id, r.position"
)


@dataclass
class OverviewInputs:
    """Everything the overview's tables are made of, as the database gives it: the targets with
    their stored results and versions, and the lead agencies with their names. The same inputs
    always make the same tables."""

    plan_id: int
    rows: list[tuple[Any, ...]]
    leads: list[tuple[Any, ...]]

    @functools.cached_property
    def fresh(self) -> bool:
        """Whether every stored result is fresh (else the overview recomputes some)."""
        return stored.all_fresh(self.rows)


def overview_inputs(plan: Plan) -> OverviewInputs:
    with connection.cursor() as cursor:  # plain SQL: the ORM costs more than the query here
        cursor.execute(_LEADS_SQL, [plan.pk, RespRole.LEAD])
        leads = cursor.fetchall()
    return OverviewInputs(plan.pk, stored.plan_rows(plan.pk), leads)


def overview(plan: Plan, inputs: OverviewInputs | None = None) -> Overview:
    """Statuses of a plan's targets, by indicator group and by lead agency (signed: approved
    figures only), and beside them the provisional statuses where verified figures differ; read
    from the stored evaluations (those stale or missing recomputed first)."""
    inputs = inputs or overview_inputs(plan)
    rows = [
        OverviewRow(t.target_id, t.indicator_id, t.name, t.group, t.result, amended=t.amended)
        for t in stored.plan_results(plan.pk, inputs.rows)
    ]
    statuses = [r.result["s"] for r in rows]
    ov = Overview(plan, rows, totals=Counter(statuses))
    if any(r.result["p"] for r in rows):
        ov.provisional_totals = Counter((r.result["p"] or r.result)["s"] for r in rows)
    leads: dict[int, list[int]] = defaultdict(list)
    for target_id, org_id, _name in inputs.leads:
        leads[target_id].append(org_id)
    groups: dict[str, Counter[str]] = defaultdict(Counter)
    agencies: dict[int, Counter[str]] = defaultdict(Counter)
    for r, status in zip(rows, statuses, strict=True):
        groups[r.group][status] += 1
        for org_id in leads.get(r.target_id, ()):
            agencies[org_id][status] += 1
    orgs = Organization.objects.in_bulk(list(agencies))
    labels = dict(IndicatorGroup.choices)
    ov.by_group = [(labels[g], groups[g]) for g in IndicatorGroup.values if g in groups]
    ov.by_agency = sorted(((orgs[i], c) for i, c in agencies.items()), key=lambda x: x[0].name)
    return ov


# Apps above reporting add their own measures to an agency's scorecard (the reporting obligations
# live in `actions`, which imports this module): each contributor gets (card, organisation, now).
ScorecardContributor = Callable[[Scorecard, Organization, datetime], None]
SCORECARD_CONTRIBUTORS: list[ScorecardContributor] = []


# The working calendar (statutory holidays, the administrator's decisions, the shift rule) lives
# with the reporting obligations in `actions`, above reporting; it registers how to read it here,
# so the figures' own "12th of the month" deadline moves off a holiday like an obligation's does.
CalendarProvider = Callable[[], tuple[Shift, WorkCalendar]]
CALENDAR_PROVIDERS: list[CalendarProvider] = []


def calendar_rules() -> tuple[Shift, WorkCalendar]:
    """The shift rule and working calendar the administrator set (``actions`` provides them)."""
    return CALENDAR_PROVIDERS[-1]() if CALENDAR_PROVIDERS else (Shift.NEXT, WorkCalendar())


def figures_deadline(
    calendar: tuple[Shift, WorkCalendar] | None = None,
) -> Callable[[str], date]:
    """The day a period's figures are due: the 12th of the next month, moved by the holiday rule
    (of ``calendar``, read when not given)."""
    shift, holidays = calendar if calendar is not None else calendar_rules()
    seen: dict[str, date] = {}

    def due(period_code: str) -> date:
        if period_code not in seen:
            seen[period_code] = calendar_due_date(
                Period.parse(period_code), AGENCY_DEADLINE, shift, holidays
            )
        return seen[period_code]

    return due


def figures_deadline_for(plans: Iterable[Plan]) -> Callable[[str], date]:
    """:func:`figures_deadline` as the scorecard reads it for an organisation named in
    ``plans``: never before thirty days after the adoption of the earliest of them in force
    (decision 0060), so the entry page's "quá hạn N ngày" and the scorecard's agree."""
    calendar = calendar_rules()
    due = figures_deadline(calendar)
    adopted = min(
        (
            d
            for p in {p.pk: p for p in plans if p.status == PlanStatus.ACTIVE}.values()
            if (d := adoption_deadline(p, *calendar)) is not None
        ),
        default=None,
    )
    if adopted is None:
        return due
    return lambda code: scoring_deadline(due(code), adopted)


def scorecard_rules() -> list[str]:
    """The scorecard's rules, the figures' deadline said as the working calendar applies it."""
    shift = CALENDAR_PROVIDERS[-1]()[0] if CALENDAR_PROVIDERS else Shift.NEXT
    return score_rules(shift)


def agency_scorecard(org: Organization, plan: Plan, now: datetime | None = None) -> Scorecard:
    """The agency's scorecard for a plan; `now` (default: the current time) is the moment from
    which deadlines are judged: the figures the plan asked of it whose deadline had passed, sent
    on time, late or not at all (decision 0060), and its reporting obligations."""
    targets = plan_targets(plan, led_by=org)
    card = scorecard(targets, evaluations=stored.evaluations(targets, provisional=False))
    at = now if now is not None else timezone.now()
    calendar = calendar_rules()
    card.figures_due, card.late = figures_owed(org, plan, at, figures_deadline(calendar), calendar)
    card.due, card.on_time = card.figures_due, card.figures_due - len(card.late)
    for contribute in SCORECARD_CONTRIBUTORS:
        contribute(card, org, at)
    return card


FIGURES_SHOWN = 120


@dataclass(frozen=True, slots=True)
class FigureLine:
    """One row of the indicator page's table of figures: only what the row prints."""

    pk: int
    period_code: str
    value: Decimal
    vintage: str
    organization_name: str
    entered_by: str | None  # the user name, None when nobody is recorded
    updated_at: datetime | None
    status: str
    source: str


def indicator_figures(indicator: Indicator) -> tuple[list[FigureLine], int]:
    """The most recent figures of an indicator (all vintages, who entered them) and how many exist.
    Plain rows, not models: building a hundred and twenty figures with their organisation and
    user as model instances cost several times the query (decision 0050)."""
    qs = indicator.figures.all()
    rows = qs.order_by("-period_code", "organization__name", "vintage").values_list(
        "pk",
        "period_code",
        "value",
        "vintage",
        "organization__name",
        "entered_by__username",
        "updated_at",
        "status",
        "source",
    )[:FIGURES_SHOWN]
    return [FigureLine(*row) for row in rows], qs.count()


def indicator_yearly(indicator: Indicator) -> list[Figure]:
    """Yearly and multi-year figures that may count for the indicator (approved or verified, with
    the commune figures and weights its roll-up needs)."""
    specs = rollup_specs([indicator.pk])
    return counting_figures([indicator.pk], specs, Basis.PROVISIONAL)[indicator.pk]


def _indicator_responsible(indicator: Indicator) -> set[int]:
    # the chart is per indicator, not per target: every lead of any of its targets counts
    return set(
        Responsibility.objects.filter(target__indicator=indicator, role=RespRole.LEAD)
        .exclude(organization__kind=OrgKind.GROUP)
        .values_list("organization_id", flat=True)
    )


def _yearly_path(selection: Selection) -> dict[int, Counted]:
    years: dict[int, Counted] = {}
    spans: dict[int, Counted] = {}
    for c in selection.values.values():
        p = c.period
        if p.kind is PeriodKind.YEAR:
            years[p.year] = c
        elif p.kind is PeriodKind.MULTI_YEAR:
            spans[p.end_year] = c
    for year, c in spans.items():  # a multi-year figure stands for its last year
        years.setdefault(year, c)
    return years


def _chart(
    indicator: Indicator,
    figures: list[Figure],
    targets: list[Target],
    responsible: set[int],
    spec: RollupSpec | None,
) -> dict[str, Any]:
    def path(basis: Basis) -> dict[int, Counted]:
        chosen = select(
            figures, indicator_id=indicator.pk, responsible=responsible, rollup=spec, basis=basis
        )
        return _yearly_path(chosen)

    signed, provisional = path(Basis.SIGNED), path(Basis.PROVISIONAL)
    marks = target_marks(targets)
    years = axis_years({*signed, *provisional}, marks)
    differs = {y for y in years if y in provisional and provisional[y].unapproved}
    values = [float(signed[y].value) if y in signed else None for y in years]
    # tạm tính: drawn apart, only where a verified figure is not yet approved
    tentative = [float(provisional[y].value) if y in differs else None for y in years]
    return {
        "years": [str(y) for y in years] if signed or provisional else [],
        "values": values,
        "provisional": tentative,
        "targets": marks,
        "range": value_range([*values, *tentative], marks),
        "unit": indicator.unit,
    }


def indicator_chart(indicator: Indicator, figures: list[Figure]) -> dict[str, Any]:
    """Yearly path of the figures that count (approved, best vintage), the provisional path where
    verified figures differ, and the target bands of each plan, for ECharts."""
    targets = list(indicator.targets.select_related("plan").exclude(kind=""))
    spec = rollup_specs([indicator.pk]).get(indicator.pk)
    return _chart(indicator, figures, targets, _indicator_responsible(indicator), spec)


@dataclass
class IndicatorStatus:
    """The indicator page's statuses: each target's signed and provisional evaluation, the
    communes' roll-up by period with its coverage, and the chart drawn from the same figures."""

    evaluations: list[Evaluation]
    chart: dict[str, Any]
    rollups: list[Counted] = field(default_factory=list)
    rule: str = ""
    problems: list[str] = field(default_factory=list)


def _rollup_spec(indicator: Indicator) -> RollupSpec | None:
    """The indicator's roll-up rule, as ``rollup_specs`` gives it, from its reporting spec (no
    query when the caller read the indicator with ``select_related("reporting")``)."""
    try:
        spec = indicator.reporting  # type: ignore[attr-defined]
    except ReportingSpec.DoesNotExist:
        return None
    if spec.aggregation == Aggregation.NONE:
        return None
    return RollupSpec(Aggregation(spec.aggregation), active_communes(), spec.aggregation_weight_id)


def indicator_status(indicator: Indicator) -> IndicatorStatus:
    """Statuses of every target of the indicator, with the tạm tính beside the signed one, and
    its chart: one query for the figures serves both."""
    leads = Prefetch(
        "responsibilities",
        queryset=Responsibility.objects.filter(role=RespRole.LEAD).select_related("organization"),
        to_attr="leads",
    )
    targets = list(
        indicator.targets.exclude(kind="")
        .select_related("indicator", "plan")
        .prefetch_related(leads)
        .order_by("-plan__issued_on", "period_code")
    )
    evaluations = stored.evaluations(targets)
    spec = _rollup_spec(indicator)
    specs = {indicator.pk: spec} if spec is not None else {}
    figures = counting_figures([indicator.pk], specs, Basis.PROVISIONAL)
    responsible = {
        r.organization_id for t in targets for r in t.leads if not r.organization.is_group
    }
    figs = figures.get(indicator.pk, [])
    status = IndicatorStatus(evaluations, _chart(indicator, figs, targets, responsible, spec))
    if spec is not None:
        chosen = select(figs, indicator_id=indicator.pk, responsible=responsible, rollup=spec)
        status.rollups = sorted(chosen.rollups.values(), key=lambda c: c.period_code, reverse=True)
        status.rule = Aggregation(spec.rule).label
        status.problems = chosen.problems
    return status


STATUS_ORDER = [
    Status.EXCEEDED,
    Status.ACHIEVED,
    Status.ON_TRACK,
    Status.AT_RISK,
    Status.MISSED,
    Status.BASELINE,
    Status.NO_DATA,
]
WORKFLOW = [
    FigureStatus.DRAFT,
    FigureStatus.SUBMITTED,
    FigureStatus.VERIFIED,
    FigureStatus.APPROVED,
]


def figure_list(
    *,
    indicator_id: int | None = None,
    organization_id: int | None = None,
    period_code: str | None = None,
) -> Any:
    """Figures for the API, filtered by indicator, organisation and period."""
    qs = Figure.objects.order_by("indicator_id", "organization_id", "period_code", "vintage")
    if indicator_id is not None:
        qs = qs.filter(indicator_id=indicator_id)
    if organization_id is not None:
        qs = qs.filter(organization_id=organization_id)
    if period_code:
        qs = qs.filter(period_code=period_code)
    return qs
