"""Reads of the catalog that pages, the API and exports share."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet

from chitieu.core.names import Named, distinct_labels
from chitieu.core.text import fold
from chitieu.organizations.models import Organization

from .choices import PlanStatus, Role
from .keys import base_name
from .models import Indicator, Plan, Responsibility, Target


def plan_list() -> QuerySet[Plan]:
    return Plan.objects.annotate(target_count=Count("targets"))


@dataclass
class AppendixLine:
    """One line of an appendix as printed: a section heading or a target row."""

    section: str | None = None
    target: Target | None = None
    leads: list[Organization] | None = None
    coordinating: list[Organization] | None = None
    lead_rows: int = 1  # how many lines the agency cell spans (0: merged into the line above)
    coord_rows: int = 1


def _responsibilities() -> Prefetch[Responsibility]:
    return Prefetch(
        "responsibilities",
        queryset=Responsibility.objects.select_related("organization").order_by("role", "position"),
    )


def plan_appendix(plan: Plan) -> list[AppendixLine]:
    """The plan's table in printed order, with section headings and merged agency cells."""
    targets = plan.targets.select_related("superseded_by__plan").order_by("position")
    # who is responsible as (target, role, organisation) triples and each organisation built
    # once: a responsibility and its organisation as models per cell were half the page's time
    # on a plan of a hundred rows
    cells = (
        Responsibility.objects.filter(target__plan=plan)
        .order_by("role", "position")
        .values_list("target_id", "role", "organization_id")
    )
    orgs = Organization.objects.in_bulk({org_id for _, _, org_id in cells})
    by_target: dict[int, list[tuple[str, Organization]]] = {}
    for target_id, role, org_id in cells:
        by_target.setdefault(target_id, []).append((role, orgs[org_id]))
    lines: list[AppendixLine] = []
    section = None
    prev: Target | None = None
    for t in targets:
        if t.section and t.section != section:
            section = t.section
            lines.append(AppendixLine(section=section))
            prev = None
        resp = by_target.get(t.pk, [])
        lines.append(
            AppendixLine(
                target=t,
                leads=[o for role, o in resp if role == Role.LEAD],
                coordinating=[o for role, o in resp if role == Role.COORDINATING],
            )
        )
        _merge_down(lines, prev, t)
        prev = t
    return lines


def _merge_down(lines: list[AppendixLine], prev: Target | None, t: Target) -> None:
    """Give a line's agency cells to the cell above when the text is the same, as paper merges them."""
    if prev is None:
        return
    for text_attr, rows_attr in (("lead_text", "lead_rows"), ("coordinating_text", "coord_rows")):
        if getattr(prev, text_attr) != getattr(t, text_attr):
            continue
        setattr(lines[-1], rows_attr, 0)
        for line in reversed(lines[:-1]):
            if getattr(line, rows_attr):
                setattr(line, rows_attr, getattr(line, rows_attr) + 1)
                break


def indicator_list() -> QuerySet[Indicator]:
    return Indicator.objects.select_related("parent").annotate(
        plan_count=Count("targets__plan", distinct=True)
    )


def indicator_labels(indicators: Iterable[Indicator]) -> dict[int, str]:
    """Each indicator's name as a page shows it: qualified by its parent (or unit, or code) where
    another indicator of the catalogue has the same name, whether or not that one is shown too:
    a "Dịch vụ" alone on a screen is still one of several (``core.names``). One query, for every
    indicator of the catalogue bearing one of these names (with its parent's name), whatever the
    number of rows."""
    items = {i.pk: i for i in indicators}
    if not items:
        return {}
    shown = {fold(i.name) for i in items.values()}
    # the catalogue key holds the folded name after the parent's ("parent>name|unit") or first
    # ("name|unit"): found by the key, the name is compared as core.names compares it
    wanted = {fold(base_name(i.name)) for i in items.values()}
    match = Q()
    for name in wanted:
        match |= Q(key__startswith=f"{name}|") | Q(key__contains=f">{name}|")
    peers = {
        pk: Named(pk, name, parent_name or "", unit)
        for pk, name, parent_name, unit in Indicator.objects.filter(match).values_list(
            "pk", "name", "parent__name", "unit"
        )
        if fold(name) in shown
    }
    for pk, i in items.items():  # one not stored (a preview) is told apart by what it carries
        peers.setdefault(pk, Named(pk, i.name, "", i.unit))
    same = Counter(fold(n.name) for n in peers.values())
    labels = distinct_labels(n for n in peers.values() if same[fold(n.name)] > 1)
    return {pk: labels.get(pk, i.name) for pk, i in items.items()}


def indicator_targets(indicator: Indicator) -> QuerySet[Target]:
    """Every target set for an indicator, newest plan first, with who is responsible."""
    return (
        indicator.targets.select_related("plan")
        .prefetch_related(_responsibilities())
        .order_by("-plan__issued_on", "plan_id")
    )


def organization_work(org: Organization) -> dict[str, list[Target]]:
    """The targets an organisation leads and those it coordinates."""
    resp = (
        Responsibility.objects.filter(organization=org)
        .select_related("target__plan", "target__indicator")
        .order_by("target__plan_id", "target__position")
    )
    out: dict[str, list[Target]] = {Role.LEAD: [], Role.COORDINATING: []}
    for r in resp:
        out[r.role].append(r.target)
    return out


def organization_list() -> QuerySet[Organization]:
    return Organization.objects.select_related("successor").annotate(
        responsibility_count=Count("responsibilities")
    )


# -- the target in force (decision 0039) ------------------------------------------------------


def target_in_force(target: Target) -> Target:
    """The target a period is judged against: the target itself, or the one the recorded
    amendments put in its place, followed to the last (a later amendment of the amending plan)."""
    seen = {target.pk}
    current = target
    while current.superseded_by_id is not None and current.superseded_by_id not in seen:
        seen.add(current.superseded_by_id)
        replacement = current.superseded_by
        assert replacement is not None
        current = replacement
    return current


def is_in_force(target: Target) -> bool:
    """Whether a target is in force: no amendment replaced it and its plan is being carried out."""
    return target.superseded_by_id is None and target.plan.status == PlanStatus.ACTIVE


def targets_judged_by(target_ids: set[int]) -> set[int]:
    """The targets judged against any of these (directly or through a chain of amendments),
    which must be recomputed when these change or go."""
    found: set[int] = set()
    frontier = set(target_ids)
    while frontier:
        above = set(
            Target.objects.filter(superseded_by_id__in=frontier).values_list("pk", flat=True)
        )
        frontier = above - found - target_ids
        found |= frontier
    return found
