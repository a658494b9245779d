"""Which target each amendment puts in force, and every indicator's targets side by side."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.apps import apps as django_apps
from django.apps.registry import Apps

from chitieu.catalog.models import Target
from chitieu.catalog.selectors import is_in_force, target_in_force
from chitieu.core.matching import UnitError, convert

from ..choices import AmendmentScope
from .facts import fact_horizon, horizon, issue_order
from .findings import groups
from .links import indicator_groups


def _same_scale(old: Target, new: Target) -> bool:
    # linked indicators may print another scale (nghìn người / lượt người): a figure filed under
    # the old indicator cannot be judged against numbers in the new scale
    if old.indicator_id == new.indicator_id:
        return True
    a, b = old.printed_unit or old.indicator.unit, new.printed_unit or new.indicator.unit
    try:
        return convert(Decimal(1), b, a) == 1
    except UnitError:
        return False


def target_replacements(apps: Apps = django_apps) -> dict[int, int]:
    """Which target each recorded amendment puts in place of which (decision 0039).

    A target of the amended plan (all of them for a whole supersession, the rows named
    otherwise, linked indicators counting as one) is replaced by the amending plan's target for
    the same indicator and horizon; where several amendments name it, the amending plan issued
    last. ``apps`` lets a data migration read its own models.
    """
    amendments_of = apps.get_model("crosscheck", "PlanAmendment")
    targets_of = apps.get_model("catalog", "Target")
    found = list(amendments_of.objects.select_related("plan").prefetch_related("indicators"))
    if not found:
        return {}
    joined = indicator_groups(apps)
    plans = {a.plan_id for a in found} | {a.amends_id for a in found}
    by_plan: dict[int, list[Target]] = defaultdict(list)
    qs = targets_of.objects.filter(plan_id__in=plans).exclude(kind="").select_related("indicator")
    for t in qs.order_by("plan_id", "position"):
        by_plan[t.plan_id].append(t)
    out: dict[int, int] = {}
    # the amending plan issued last is applied last, so it is the one that stays
    for a in sorted(found, key=lambda a: issue_order(a.plan)):
        rows = {joined.get(i.pk, i.pk) for i in a.indicators.all()}
        new = {
            (joined.get(t.indicator_id, t.indicator_id), horizon(t)): t for t in by_plan[a.plan_id]
        }
        for t in by_plan[a.amends_id]:
            group = joined.get(t.indicator_id, t.indicator_id)
            if a.scope != AmendmentScope.WHOLE and group not in rows:
                continue
            replacement = new.get((group, horizon(t)))
            if replacement is not None and _same_scale(t, replacement):
                out[t.pk] = replacement.pk
    return out


@dataclass
class SideRow:
    """One target in the side-by-side table."""

    target: Target
    horizon: str
    in_force: bool
    replaced_by: Target | None = None  # the target in force in its place, after amendments


@dataclass
class SideTable:
    name: str
    rows: list[SideRow]


def side_by_side(only_shared: bool = True) -> list[SideTable]:
    """For each indicator, its targets by document and period, those in force marked.

    In force is the catalog's rule, the one evaluation uses (decision 0039): a target stays in
    force until a recorded amendment replaces it, and its plan is being carried out.
    """
    targets = list(
        Target.objects.select_related("plan", "indicator", "superseded_by__plan").order_by(
            "plan_id", "position"
        )
    )
    by_id = {t.pk: t for t in targets}
    for t in targets:
        # the replacement is one of these targets: no query to follow the chain
        if t.superseded_by_id in by_id:
            t.superseded_by = by_id[t.superseded_by_id]
    out = []
    for g in groups(targets):
        plans = {t.plan_id for t in g.targets}
        if only_shared and len(plans) < 2:
            continue
        rows = [
            SideRow(
                t,
                fact_horizon(f),
                is_in_force(t),
                None if t.superseded_by_id is None else target_in_force(t),
            )
            for t, f in zip(g.targets, g.facts, strict=True)
        ]
        rows.sort(key=lambda r: (r.horizon, issue_order(r.target.plan)))
        out.append(SideTable(g.name, rows))
    return out
