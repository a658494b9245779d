"""The reporter's list ("Số liệu của tôi"): a selector, kept apart from the evaluation reads.

An organisation reports the indicators it leads or coordinates by name, grouped by plan and by
indicator group, with what is still to do first. The indicators handed to a whole group ("Các
sở, ban, ngành") are listed apart, folded, never dropped: the organisation may still report them.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import F

from chitieu.access.permissions import reportable_indicators
from chitieu.catalog.choices import IndicatorGroup
from chitieu.catalog.choices import Role as RespRole
from chitieu.catalog.models import Indicator, Plan, Responsibility
from chitieu.organizations.models import Organization

from .choices import FigureStatus
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

    @property
    def rows(self) -> list[DueRow]:
        return [r for s in self.sections for _, rows in s.groups for r in rows] + self.shared

    @property
    def todo_count(self) -> int:
        """What the organisation is named for and has still to enter or send (not the shared)."""
        return sum(s.todo_count for s in self.sections)


def _sorted(rows: list[DueRow]) -> list[DueRow]:
    # what is still to do first, then in the appendix's order, so the page reads as a to-do list
    return sorted(rows, key=lambda r: (not r.todo, r.position))


def my_figures(org: Organization, period_code: str) -> Worklist:
    """What the organisation reports for a period, grouped by plan and indicator group."""
    named = list(
        Responsibility.objects.filter(organization=org)
        .exclude(target__kind="")
        .select_related("target__plan", "target__indicator")
        .order_by(F("target__plan__issued_on").desc(nulls_last=True), "target__plan_id", "role")
    )
    every = reportable_indicators(org)
    ids = [i.pk for i in every]
    figs: dict[int, list[Figure]] = defaultdict(list)
    for f in Figure.objects.filter(
        organization=org, period_code=period_code, indicator_id__in=ids
    ).order_by("vintage"):
        figs[f.indicator_id].append(f)
    rules: dict[int, list[str]] = defaultdict(list)
    for rule in ValidationRule.objects.filter(indicator_id__in=ids, active=True):
        rules[rule.indicator_id].append(describe(rule))

    # each indicator once, under the first (most recent) plan that names the organisation
    placed: dict[int, DueRow] = {}
    by_plan: dict[int, list[DueRow]] = defaultdict(list)
    plans: dict[int, Plan] = {}
    for r in named:
        t = r.target
        row = placed.get(t.indicator_id)
        if row is not None:
            known = {p.pk for p in row.also_in} | {row.plan.pk if row.plan else None}
            if t.plan_id not in known:
                row.also_in.append(t.plan)
            continue
        row = DueRow(
            t.indicator,
            figs[t.indicator_id],
            rules[t.indicator_id],
            role=RespRole(r.role).label,
            plan=t.plan,
            position=t.position,
        )
        placed[t.indicator_id] = row
        plans.setdefault(t.plan_id, t.plan)
        by_plan[t.plan_id].append(row)

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
    shared = _sorted(
        [
            DueRow(i, figs[i.pk], rules[i.pk], position=n)
            for n, i in enumerate(every)
            if i.pk not in placed
        ]
    )
    return Worklist(sections, shared)


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
