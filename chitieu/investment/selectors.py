"""Reads for public investment: the same rows serve the pages, the API and the command."""

from __future__ import annotations

import calendar
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch, Q, QuerySet, Sum

from chitieu.actions.choices import ActionStatus
from chitieu.core import investment as calc
from chitieu.core.numbers import format_number, trim_zeros
from chitieu.scenarios.drivers import PUBLIC_INVESTMENT
from chitieu.scenarios.models import Driver, ScenarioVersion

from .choices import CapitalSource, DisbursementStatus, MilestoneKind, ProjectGroup
from .models import (
    CapitalTransfer,
    Commitment,
    Disbursement,
    GrowthCoefficient,
    Milestone,
    Obstacle,
    PrintedGroup,
    Project,
)

ZERO = Decimal(0)
# defaults of the list of projects holding growth back (both editable on the page)
BEHIND_POINTS = Decimal(10)
LATE_DAYS = 30


@dataclass(frozen=True)
class Filters:
    """What the lists can be narrowed to: agency, commune, capital source, group."""

    agency: int | None = None
    commune: int | None = None
    source: str = ""
    group: str = ""


def projects(*, year: int, filters: Filters | None = None) -> QuerySet[Project]:
    """The year's projects, narrowed by the filters, with what their rows show."""
    f = filters or Filters()
    qs = Project.objects.filter(year=year).select_related("agency", "printed_group")
    if f.agency:
        qs = qs.filter(agency_id=f.agency)
    if f.commune:
        qs = qs.filter(communes__id=f.commune)
    if f.source:
        qs = qs.filter(source=f.source)
    if f.group:
        qs = qs.filter(group=f.group)
    return qs.prefetch_related(
        "communes", Prefetch("milestones", queryset=Milestone.objects.order_by("id"))
    ).distinct()


def latest_month(year: int) -> int:
    """The last month with approved disbursement: the month the lists measure at (1 when none)."""
    last = (
        Disbursement.objects.filter(year=year, status=DisbursementStatus.APPROVED)
        .order_by("-month")
        .values_list("month", flat=True)
        .first()
    )
    return last or 1


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _of_projects(project_ids: list[int] | None, year: int) -> Q:
    # None: every project of the year (no list of ids to send)
    return Q(project__year=year) if project_ids is None else Q(project_id__in=project_ids)


def _approved_by_month(project_ids: list[int] | None, year: int) -> dict[int, dict[int, Decimal]]:
    out: dict[int, dict[int, Decimal]] = defaultdict(dict)
    rows = (
        Disbursement.objects.filter(
            _of_projects(project_ids, year), year=year, status=DisbursementStatus.APPROVED
        )
        .values_list("project_id", "month")
        .annotate(s=Sum("amount"))
    )
    for pid, month, amount in rows:
        out[pid][month] = amount
    return out


def _commitments(project_ids: list[int] | None, year: int) -> dict[int, dict[int, Decimal]]:
    out: dict[int, dict[int, Decimal]] = defaultdict(dict)
    rows = Commitment.objects.filter(_of_projects(project_ids, year), year=year)
    for pid, month, amount in rows.values_list("project_id", "month", "amount"):
        out[pid][month] = amount
    return out


@dataclass
class YearInputs:
    """A year's projects with their approved disbursement and commitments by month, read once and
    shared by the sections of a page."""

    projects: list[Project]
    actual: dict[int, dict[int, Decimal]]
    promised: dict[int, dict[int, Decimal]]
    milestones: dict[int, list[Milestone]]


def _inputs(
    year: int, items: list[Project], milestones: dict[int, list[Milestone]] | None = None
) -> YearInputs:
    ids = [p.pk for p in items]
    if milestones is None:
        milestones = defaultdict(list)
        for m in Milestone.objects.filter(project_id__in=ids).order_by("id"):
            milestones[m.project_id].append(m)
    return YearInputs(items, _approved_by_month(ids, year), _commitments(ids, year), milestones)


def year_inputs(*, year: int, filters: Filters | None = None) -> YearInputs:
    """The projects a list shows (narrowed by the filters) and their amounts by month."""
    items = list(projects(year=year, filters=filters))
    return _inputs(year, items, {p.pk: list(p.milestones.all()) for p in items})


def overview_inputs(*, year: int) -> YearInputs:
    """Every project of the year, read by year rather than by a list of ids."""
    milestones: dict[int, list[Milestone]] = defaultdict(list)
    for m in Milestone.objects.filter(project__year=year).order_by("id"):
        milestones[m.project_id].append(m)
    return YearInputs(
        list(Project.objects.filter(year=year)),
        _approved_by_month(None, year),
        _commitments(None, year),
        milestones,
    )


@dataclass
class ProjectRow:
    """A project measured at a month: its progress, its worst milestone and why it is listed."""

    project: Project
    progress: calc.Progress
    worst_milestone: str = ""
    worst_days: int = 0
    reasons: list[str] = field(default_factory=list)


def project_rows(
    *,
    year: int,
    as_of_month: int,
    filters: Filters | None = None,
    inputs: YearInputs | None = None,
) -> list[ProjectRow]:
    """Every project of the year with its progress at the end of ``as_of_month`` (from
    ``inputs`` when the caller read them already, for the same filters)."""
    data = inputs or year_inputs(year=year, filters=filters)
    items, actual, promised = data.projects, data.actual, data.promised
    as_of = month_end(year, as_of_month)
    labels = dict(MilestoneKind.choices)
    rows: list[ProjectRow] = []
    for p in items:
        worst = ("", 0)
        for m in data.milestones.get(p.pk, []):
            late = calc.days_late(m.planned_on, m.actual_on, as_of)
            if late > worst[1]:
                worst = (labels[m.kind], late)
        rows.append(
            ProjectRow(
                project=p,
                progress=calc.progress(
                    p.capital_plan, promised.get(p.pk, {}), actual.get(p.pk, {}), as_of_month
                ),
                worst_milestone=worst[0],
                worst_days=worst[1],
            )
        )
    return rows


def project_row(project: Project, *, as_of_month: int) -> ProjectRow:
    """One project's row, as the lists show it, without reading the others."""
    [row] = project_rows(
        year=project.year, as_of_month=as_of_month, inputs=_inputs(project.year, [project])
    )
    return row


def holding_back(
    *,
    year: int,
    as_of_month: int,
    filters: Filters | None = None,
    behind_points: Decimal = BEHIND_POINTS,
    late_days: int = LATE_DAYS,
    rows: list[ProjectRow] | None = None,
) -> list[ProjectRow]:
    """Projects behind on disbursement or on a milestone beyond the thresholds, most stuck first
    (among ``rows`` when the caller computed them already, for the same filters)."""
    if rows is None:
        rows = project_rows(year=year, as_of_month=as_of_month, filters=filters)
    by_pk = {r.project.pk: r for r in rows}
    ranked = calc.holding_back(
        (
            calc.Lateness(
                key=pk,
                progress=r.progress,
                worst_milestone=r.worst_milestone,
                worst_days=r.worst_days,
            )
            for pk, r in by_pk.items()
        ),
        behind_points=behind_points,
        late_days=late_days,
    )
    out = []
    for item in ranked:
        row = by_pk[item.key]
        row.reasons = item.reasons
        out.append(row)
    return out


def project_curve(project: Project, *, as_of_month: int) -> dict[str, Any]:
    """The disbursement curve against plan, as the chart script reads it (cumulative, tỷ đồng)."""
    actual = _approved_by_month([project.pk], project.year).get(project.pk, {})
    promised = _commitments([project.pk], project.year).get(project.pk, {})
    expected = calc.expected_path(project.capital_plan, promised)
    done = calc.cumulative(actual)
    return {
        "months": [f"T{m}" for m in calc.MONTHS],
        "plan": [float(round(v, 3)) for v in expected],
        "actual": [
            float(round(v, 3)) if m <= as_of_month else None
            for m, v in zip(calc.MONTHS, done, strict=True)
        ],
        "monthly": [float(actual.get(m, ZERO)) if m <= as_of_month else None for m in calc.MONTHS],
        "capital_plan": float(project.capital_plan),
    }


def overall_curve(
    *, year: int, as_of_month: int, inputs: YearInputs | None = None
) -> dict[str, Any]:
    """Every project of the year summed: the province's disbursement curve against its plans."""
    data = inputs or _inputs(year, list(Project.objects.filter(year=year)))
    items, actual, promised = data.projects, data.actual, data.promised
    plan = [ZERO] * 12
    monthly: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for p in items:
        for i, v in enumerate(calc.expected_path(p.capital_plan, promised.get(p.pk, {}))):
            plan[i] += v
        for m, v in actual.get(p.pk, {}).items():
            monthly[m] += v
    done = calc.cumulative(monthly)
    return {
        "months": [f"T{m}" for m in calc.MONTHS],
        "plan": [float(round(v, 1)) for v in plan],
        "actual": [
            float(round(v, 1)) if m <= as_of_month else None
            for m, v in zip(calc.MONTHS, done, strict=True)
        ],
        "monthly": [
            float(round(monthly.get(m, ZERO), 1)) if m <= as_of_month else None for m in calc.MONTHS
        ],
        "capital_plan": float(sum((p.capital_plan for p in items), ZERO)),
    }


def project_disbursements(project: Project) -> list[Disbursement]:
    return list(project.disbursements.filter(year=project.year).order_by("month"))


def project_obstacles(project: Project) -> list[Obstacle]:
    return list(project.obstacles.select_related("action", "action__lead"))


def transfers(*, year: int) -> QuerySet[CapitalTransfer]:
    return CapitalTransfer.objects.filter(from_project__year=year).select_related(
        "from_project", "to_project"
    )


@dataclass
class MeetingRow:
    """One project at the monthly meeting: what the investor promised, what happened."""

    project: Project
    promised: Decimal | None
    approved: Decimal | None
    entered: Decimal | None
    status: str
    next_promise: Decimal | None
    open_obstacles: list[Obstacle]

    @property
    def gap(self) -> Decimal | None:
        if self.promised is None:
            return None
        return (self.approved or ZERO) - self.promised


def meeting_rows(*, year: int, month: int, filters: Filters | None = None) -> list[MeetingRow]:
    """The monthly meeting's list: projects with a promise or a disbursement in ``month``, the
    largest shortfall against the promise first."""
    items = {p.pk: p for p in projects(year=year, filters=filters)}
    promises = {
        (c.project_id, c.month): c.amount
        for c in Commitment.objects.filter(
            project_id__in=items, year=year, month__in=[month, month + 1]
        )
    }
    entries = {
        d.project_id: d
        for d in Disbursement.objects.filter(project_id__in=items, year=year, month=month)
    }
    obstacles: dict[int, list[Obstacle]] = defaultdict(list)
    for o in Obstacle.objects.filter(
        project_id__in=items, action__status=ActionStatus.OPEN
    ).select_related("action", "action__lead"):
        obstacles[o.project_id].append(o)
    rows = []
    for pk, p in items.items():
        promised = promises.get((pk, month))
        entry = entries.get(pk)
        if promised is None and entry is None:
            continue
        rows.append(
            MeetingRow(
                project=p,
                promised=promised,
                approved=entry.amount
                if entry and entry.status == DisbursementStatus.APPROVED
                else None,
                entered=entry.amount if entry else None,
                status=entry.get_status_display() if entry else "Chưa nhập",
                next_promise=promises.get((pk, month + 1)),
                open_obstacles=obstacles.get(pk, []),
            )
        )
    rows.sort(key=lambda r: (r.gap if r.gap is not None else ZERO, r.project.code))
    return rows


# Seed 004's own ratio for construction in the second half of 2026 (4.436,1 / 17.967,3), the value
# every source starts at (migration 0002); a source without a row of its own uses it too, so the
# page never stops on a missing coefficient.
DEFAULT_COEFFICIENT = Decimal("0.2469")


def coefficients() -> dict[str, Decimal]:
    stored = {c.source: c.coefficient for c in GrowthCoefficient.objects.all()}
    return {source: stored.get(source, DEFAULT_COEFFICIENT) for source in CapitalSource.values}


def growth_base(year: int) -> calc.GrowthBase | None:
    """Construction and GRDP bases from the latest version of the year's growth scenario."""
    # the adopted version only: a trial never sets what disbursement must support
    version = (
        ScenarioVersion.objects.filter(scenario__year=year, status=ScenarioVersion.Status.ADOPTED)
        .order_by("-adopted_at", "-number")
        .first()
    )
    if version is None:
        return None
    data = version.data
    bases = {k: [Decimal(str(x)) for x in v] for k, v in data.get("base", {}).items()}
    if "C" not in bases or any(len(v) != 4 for v in bases.values()):
        return None
    published = (version.published or {}).get("growth", {})
    growth_h2 = published.get("C", {}).get("H2")
    if growth_h2 is None:
        quarterly = data.get("growth", {}).get("C", [])
        if len(quarterly) != 4 or None in quarterly[2:]:
            return None
        b3, b4 = bases["C"][2], bases["C"][3]
        g3, g4 = Decimal(str(quarterly[2])), Decimal(str(quarterly[3]))
        growth_h2 = ((b3 * (100 + g3) + b4 * (100 + g4)) / (b3 + b4)) - 100
    return calc.GrowthBase(
        construction_base_h2=bases["C"][2] + bases["C"][3],
        construction_growth_h2=Decimal(str(growth_h2)),
        grdp_base_h2=sum((v[2] + v[3] for v in bases.values()), ZERO),
        grdp_base_year=sum((sum(v, ZERO) for v in bases.values()), ZERO),
    )


@dataclass
class GrowthLink:
    """The overview's growth link: what the plan's second half supports, what a month's gap costs."""

    base: calc.GrowthBase
    coefficients: dict[str, Decimal]
    h2_plan: dict[str, Decimal]
    support: calc.Support
    month: int
    month_shortfall: dict[str, Decimal]
    month_cost: calc.ShortfallCost
    stuck: dict[str, Decimal]
    stuck_cost: calc.ShortfallCost


def growth_link(
    *,
    year: int,
    as_of_month: int,
    inputs: YearInputs | None = None,
    rows: list[ProjectRow] | None = None,
) -> GrowthLink | None:
    """How far the expected disbursement of July-December supports construction's required value
    added, and what the shortfall of ``as_of_month`` (and all the capital stuck) costs in points."""
    base = growth_base(year)
    if base is None:
        return None
    coef = coefficients()
    data = inputs or _inputs(year, list(Project.objects.filter(year=year)))
    items, actual, promised = data.projects, data.actual, data.promised
    h2: dict[str, Decimal] = defaultdict(lambda: ZERO)
    month_gap: dict[str, Decimal] = defaultdict(lambda: ZERO)
    stuck: dict[str, Decimal] = defaultdict(lambda: ZERO)
    # each project's progress, when the caller measured it already at this month
    measured = {r.project.pk: r.progress for r in rows or []}
    for p in items:
        path = calc.expected_path(p.capital_plan, promised.get(p.pk, {}))
        h2[p.source] += path[11] - path[5]
        due = path[as_of_month - 1] - (path[as_of_month - 2] if as_of_month > 1 else ZERO)
        done = actual.get(p.pk, {}).get(as_of_month, ZERO)
        month_gap[p.source] += max(due - done, ZERO)
        done_by_now = measured.get(p.pk) or calc.progress(
            p.capital_plan, promised.get(p.pk, {}), actual.get(p.pk, {}), as_of_month
        )
        stuck[p.source] += done_by_now.stuck
    return GrowthLink(
        base=base,
        coefficients=coef,
        h2_plan=dict(h2),
        support=calc.support(h2, coef, base),
        month=as_of_month,
        month_shortfall=dict(month_gap),
        month_cost=calc.shortfall_cost(month_gap, coef, base),
        stuck=dict(stuck),
        stuck_cost=calc.shortfall_cost(stuck, coef, base),
    )


# The sources paid from the state budget (ODA loans are borrowed by the budget).
STATE_BUDGET = (
    CapitalSource.CENTRAL,
    CapitalSource.PROVINCIAL,
    CapitalSource.NATIONAL_PROGRAMME,
    CapitalSource.ODA,
)


def budget_scope(*, year: int, as_of_month: int, rows: list[ProjectRow]) -> str:
    """What this page counts, said beside the growth scenario's disbursement figure, which
    counts something close to it (the whole province's state budget) in another scope."""
    plan = sum((r.progress.plan for r in rows), ZERO)
    budget = [r for r in rows if r.project.source in STATE_BUDGET]
    budget_plan = sum((r.progress.plan for r in budget), ZERO)
    budget_done = sum((r.progress.actual for r in budget), ZERO)
    names = ", ".join(
        (label := CapitalSource(s).label)[:1].lower() + label[1:] for s in STATE_BUDGET
    )
    text = (
        f"Trang này cộng {len(rows)} dự án trong danh mục theo dõi, mọi nguồn vốn: kế hoạch vốn "
        f"cả năm {format_number(trim_zeros(plan))} tỷ đồng. Riêng nguồn ngân sách nhà nước "
        f"({names}) của các dự án này: kế hoạch {format_number(trim_zeros(budget_plan))} tỷ "
        f"đồng, đã giải ngân (đã duyệt) đến hết tháng {as_of_month}/{year} "
        f"là {format_number(budget_done, 1)} tỷ đồng."
    )
    target = (
        Driver.objects.filter(scenario__year=year, indicator__name=PUBLIC_INVESTMENT)
        .values_list("target", flat=True)
        .first()
    )
    if target is not None:
        text += (
            f" Chỉ tiêu “{PUBLIC_INVESTMENT}” của kịch bản tăng trưởng (kế hoạch "
            f"{format_number(trim_zeros(target))} tỷ đồng) là số Sở Tài chính báo cáo cho toàn bộ "
            "vốn ngân sách nhà nước của tỉnh, gồm cả các dự án không có trong danh mục này, nên "
            "khác số trên."
        )
    return text


def totals_by(
    *, year: int, as_of_month: int, key: str, rows: list[ProjectRow] | None = None
) -> list[dict[str, Any]]:
    """Plan, expected, approved and stuck capital summed by group or by source (over ``rows``
    when the caller computed every project's row already)."""
    labels = dict(ProjectGroup.choices if key == "group" else CapitalSource.choices)
    sums: dict[str, dict[str, Decimal]] = {}
    if rows is None:
        rows = project_rows(year=year, as_of_month=as_of_month)
    for r in rows:
        k = getattr(r.project, key)
        s = sums.setdefault(
            k, {"plan": ZERO, "expected": ZERO, "actual": ZERO, "stuck": ZERO, "count": ZERO}
        )
        s["plan"] += r.progress.plan
        s["expected"] += r.progress.expected
        s["actual"] += r.progress.actual
        s["stuck"] += r.progress.stuck
        s["count"] += 1
    return [
        {"key": k, "label": labels.get(k, k), **v, "rate": calc.rate(v["actual"], v["plan"])}
        for k, v in sorted(
            sums.items(), key=lambda kv: list(labels).index(kv[0]) if kv[0] in labels else 99
        )
    ]


def plan_findings(year: int) -> list[calc.Finding]:
    """The plan's own sums: each printed group against its sub-groups and against the amounts
    printed beside its projects, and its printed count against the projects it names."""
    findings: list[calc.Finding] = []
    # the year's groups and their sub-groups, in the groups' order; of a project, only the amount
    # printed beside it counts here (its group's projects in their own order)
    every = list(PrintedGroup.objects.filter(Q(year=year) | Q(parent__year=year)))
    children: dict[int, list[PrintedGroup]] = defaultdict(list)
    for g in every:
        if g.parent_id is not None:
            children[g.parent_id].append(g)
    amounts: dict[int, list[Decimal | None]] = defaultdict(list)
    for gid, amount in Project.objects.filter(printed_group__in=[g.pk for g in every]).values_list(
        "printed_group_id", "printed_amount"
    ):
        amounts[gid].append(amount)
    for g in (g for g in every if g.year == year):
        if g.printed_total is not None and children[g.pk]:
            # a sub-group printed without a total counts by the amounts beside its projects
            parts = [
                c.printed_total
                if c.printed_total is not None
                else sum((a or ZERO for a in amounts[c.pk]), ZERO)
                for c in children[g.pk]
            ]
            findings.append(
                calc.check_total(
                    code=f"{g.code}-groups",
                    label=f"{g.name} so với các nhóm",
                    printed=g.printed_total,
                    parts=[x for x in parts if x],
                    open_ended=g.open_ended,
                )
            )
        named = amounts[g.pk]
        if g.printed_count is not None and named:
            findings.append(
                calc.check_count(
                    code=f"{g.code}-count", label=g.name, printed=g.printed_count, listed=len(named)
                )
            )
        listed = [a for a in named if a is not None]
        if g.printed_total is not None and listed:
            findings.append(
                calc.check_total(
                    code=f"{g.code}-projects",
                    label=f"{g.name}: số tiền ghi bên cạnh từng dự án",
                    printed=g.printed_total,
                    parts=listed,
                    open_ended=g.open_ended,
                )
            )
    return findings


def projects_report(year: int) -> dict[str, Any]:
    """What ``manage.py projects --json`` prints: each printed group with its projects, and the
    findings of the plan's own arithmetic."""
    out_groups = []
    for g in PrintedGroup.objects.filter(year=year).prefetch_related("projects"):
        named = list(g.projects.all().order_by("code"))
        listed = [p.printed_amount for p in named if p.printed_amount is not None]
        out_groups.append(
            {
                "group": g.name,
                "code": g.code,
                "printed_total": _num(g.printed_total),
                "printed_count": g.printed_count,
                "listed_total": _num(sum(listed, ZERO)) if listed else None,
                "projects": [
                    {
                        "code": p.code,
                        "name": p.name,
                        "printed_amount": _num(p.printed_amount),
                        "capital_plan": _num(p.capital_plan),
                        "source": p.source,
                        "group": p.group,
                    }
                    for p in named
                ],
            }
        )
    return {
        "groups": out_groups,
        "findings": [
            {
                "code": f.code,
                "ok": f.ok,
                "printed": _num(f.printed),
                "computed": _num(f.computed),
                "message": f.message,
            }
            for f in plan_findings(year)
        ],
    }


def _num(value: Decimal | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)
