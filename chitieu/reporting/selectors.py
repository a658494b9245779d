"""Reads for reporting and evaluation pages; each page's data comes from one function here."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db.models import Prefetch
from django.utils import timezone

from chitieu.access.permissions import reportable_indicators
from chitieu.catalog.choices import IndicatorGroup, PlanKind
from chitieu.catalog.choices import Role as RespRole
from chitieu.catalog.models import Indicator, Plan, Responsibility, Target
from chitieu.organizations.models import Organization

from .choices import FigureStatus, Status
from .evaluation import Evaluation, Scorecard, evaluate_targets, scorecard
from .models import Figure
from .validation import describe, rules_for


@dataclass
class DueRow:
    indicator: Indicator
    figures: list[Figure]
    rules: list[str]


def my_figures(org: Organization, period_code: str) -> list[DueRow]:
    """What the organisation reports for a period: each indicator with the figures entered so far."""
    indicators = reportable_indicators(org)
    figs: dict[int, list[Figure]] = defaultdict(list)
    for f in Figure.objects.filter(
        organization=org, period_code=period_code, indicator__in=indicators
    ):
        figs[f.indicator_id].append(f)
    return [
        DueRow(i, sorted(figs[i.pk], key=lambda f: f.vintage), [describe(r) for r in rules_for(i)])
        for i in indicators
    ]


def review_queue(status: str) -> list[Figure]:
    return list(
        Figure.objects.filter(status=status)
        .select_related("indicator", "organization", "entered_by")
        .order_by("submitted_at")
    )


def default_plan() -> Plan | None:
    return (
        Plan.objects.filter(kind=PlanKind.FIVE_YEAR).order_by("-issued_on").first()
        or Plan.objects.first()
    )


def plan_targets(plan: Plan) -> list[Target]:
    """The plan's targets that set something (heading rows left out), with their lead agencies."""
    leads = Prefetch(
        "responsibilities",
        queryset=Responsibility.objects.filter(role=RespRole.LEAD).select_related("organization"),
        to_attr="leads",
    )
    return list(
        plan.targets.exclude(kind="")
        .select_related("indicator", "plan")
        .prefetch_related(leads)
        .order_by("position")
    )


@dataclass
class Overview:
    plan: Plan
    evaluations: list[Evaluation]
    by_group: list[tuple[str, Counter[str]]] = field(default_factory=list)
    by_agency: list[tuple[Organization, Counter[str]]] = field(default_factory=list)
    totals: Counter[str] = field(default_factory=Counter)


def overview(plan: Plan) -> Overview:
    """Statuses of a plan's targets, by indicator group and by lead agency."""
    targets = plan_targets(plan)
    evaluations = evaluate_targets(targets)
    ov = Overview(plan, evaluations, totals=Counter(e.status for e in evaluations))
    groups: dict[str, Counter[str]] = defaultdict(Counter)
    agencies: dict[int, Counter[str]] = defaultdict(Counter)
    orgs: dict[int, Organization] = {}
    for e in evaluations:
        groups[e.target.indicator.group][e.status] += 1
        for r in getattr(e.target, "leads", []):
            agencies[r.organization_id][e.status] += 1
            orgs[r.organization_id] = r.organization
    labels = dict(IndicatorGroup.choices)
    ov.by_group = [(labels[g], groups[g]) for g in IndicatorGroup.values if g in groups]
    ov.by_agency = sorted(((orgs[i], c) for i, c in agencies.items()), key=lambda x: x[0].name)
    return ov


# Apps above reporting add their own measures to an agency's scorecard (the reporting obligations
# live in `actions`, which imports this module): each contributor gets (card, organisation, now).
ScorecardContributor = Callable[[Scorecard, Organization, datetime], None]
SCORECARD_CONTRIBUTORS: list[ScorecardContributor] = []


def agency_scorecard(org: Organization, plan: Plan, now: datetime | None = None) -> Scorecard:
    """The agency's scorecard for a plan; `now` (default: the current time) is the moment from
    which deadlines are judged."""
    targets = [
        t
        for t in plan_targets(plan)
        if any(r.organization_id == org.pk for r in getattr(t, "leads", []))
    ]
    figures = list(
        Figure.objects.filter(organization=org)
        .exclude(submitted_at=None)
        .select_related("indicator")
        .only("period_code", "submitted_at", "indicator__name")
    )
    card = scorecard(targets, figures)
    at = now if now is not None else timezone.now()
    for contribute in SCORECARD_CONTRIBUTORS:
        contribute(card, org, at)
    return card


FIGURES_SHOWN = 120


def indicator_figures(indicator: Indicator) -> tuple[list[Figure], int]:
    """The most recent figures of an indicator (all vintages, who entered them) and how many exist."""
    qs = indicator.figures.select_related("organization", "entered_by")
    shown = list(qs.order_by("-period_code", "organization__name", "vintage")[:FIGURES_SHOWN])
    return shown, qs.count()


def indicator_yearly(indicator: Indicator) -> list[Figure]:
    return list(indicator.figures.filter(period_kind__in=["year", "multi_year"]))


def indicator_chart(
    indicator: Indicator, figures: list[Figure]
) -> dict[str, Any]:  # yearly figures
    """Yearly path (best vintage) and the target bands of each plan, for ECharts."""
    from .evaluation import yearly_figures

    years = yearly_figures(figures)
    bands = []
    for t in indicator.targets.select_related("plan").exclude(kind=""):
        typed = t.typed
        if typed is None:
            continue
        low = typed.low if typed.low is not None else typed.value
        high = typed.high if typed.high is not None else typed.value
        bands.append(
            {
                "label": str(t.plan),
                "low": float(low) if low is not None else None,
                "high": float(high) if high is not None else None,
                "text": typed.describe(),
                "period": t.period_code,
            }
        )
    return {
        "years": [str(y) for y in sorted(years)],
        "values": [float(years[y].value) for y in sorted(years)],
        "bands": bands,
        "unit": indicator.unit,
    }


STATUS_ORDER = [
    Status.EXCEEDED,
    Status.ACHIEVED,
    Status.ON_TRACK,
    Status.AT_RISK,
    Status.MISSED,
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
