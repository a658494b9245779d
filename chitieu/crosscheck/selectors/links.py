"""Indicators confirmed as one across plans, and the links proposed by meaning."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.apps import apps as django_apps
from django.apps.registry import Apps

from chitieu.catalog.models import Indicator, Target
from chitieu.core.matching import LinkProposal, NamedIndicator, propose_links

from .. import memo
from ..choices import LinkStatus
from ..models import IndicatorLink
from .facts import plan_label


def indicator_groups(apps: Apps = django_apps) -> dict[int, int]:
    """Each indicator's group (the smallest id among the indicators confirmed as one);
    ``apps`` lets a data migration read its own models."""
    parent: dict[int, int] = {}

    def root(i: int) -> int:
        while parent.get(i, i) != i:
            i = parent[i]
        return i

    links = apps.get_model("crosscheck", "IndicatorLink")
    for low, high in links.objects.filter(status=LinkStatus.CONFIRMED).values_list(
        "low_id", "high_id"
    ):
        a, b = root(low), root(high)
        if a != b:
            parent[max(a, b)] = min(a, b)
    return {i: root(i) for i in list(parent)}


def _heading_names() -> dict[str, str]:
    # a share's key starts with its structure's folded name: "cơ cấu …>dịch vụ|"
    return {i.key.split("|")[0]: i.name for i in Indicator.objects.filter(key__endswith="|")}


def named_indicators() -> list[NamedIndicator]:
    """Every indicator that has a target, with its structure's name and the plans that set it."""
    plans: dict[int, set[int]] = defaultdict(set)
    # heading rows ("Cơ cấu …") set no target: only their shares are compared
    for ind, plan in Target.objects.exclude(kind="").values_list("indicator_id", "plan_id"):
        plans[ind].add(plan)
    headings = _heading_names()
    out = []
    for ind in Indicator.objects.filter(pk__in=plans.keys()).order_by("pk"):
        parent = headings.get(ind.key.split(">")[0], "") if ">" in ind.key else ""
        out.append(NamedIndicator(ind.pk, ind.name, ind.unit, parent, frozenset(plans[ind.pk])))
    return out


@dataclass
class ProposalRow:
    """A proposed link with both indicators and the plans each comes from."""

    proposal: LinkProposal
    a: Indicator
    b: Indicator
    a_plans: list[str]
    b_plans: list[str]
    a_parent: str = ""
    b_parent: str = ""


def link_proposals() -> list[ProposalRow]:
    """Links a person has not decided on yet, best first; pairs already decided never return.
    Computed once for each state of the targets, plans, indicators and links (decision 0048)."""
    return list(memo.remembered("proposals", _link_proposals))


def _link_proposals() -> tuple[ProposalRow, ...]:
    decided = set(IndicatorLink.objects.values_list("low_id", "high_id"))
    groups = indicator_groups()
    named = named_indicators()
    # two indicators already in one group need no link of their own
    refused = decided | {
        (a.id, b.id)
        for a in named
        for b in named
        if a.id < b.id and groups.get(a.id, a.id) == groups.get(b.id, b.id)
    }
    proposals = propose_links(named, refused=refused)
    parents = {n.id: n.parent_name for n in named}
    ids = {p.a for p in proposals} | {p.b for p in proposals}
    inds = Indicator.objects.in_bulk(ids)
    labels: dict[int, set[str]] = defaultdict(set)
    for t in Target.objects.filter(indicator_id__in=ids).select_related("plan"):
        labels[t.indicator_id].add(plan_label(t.plan))
    return tuple(
        ProposalRow(
            p,
            inds[p.a],
            inds[p.b],
            sorted(labels[p.a]),
            sorted(labels[p.b]),
            parents.get(p.a, ""),
            parents.get(p.b, ""),
        )
        for p in proposals
    )


def decided_links() -> list[IndicatorLink]:
    return list(IndicatorLink.objects.select_related("low", "high", "decided_by"))
