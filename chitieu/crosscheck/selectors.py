"""Reads: proposed links, indicators joined across plans, findings and checks, side by side."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.apps import apps as django_apps
from django.apps.registry import Apps

from chitieu.catalog.models import Indicator, Plan, Target
from chitieu.catalog.selectors import is_in_force, target_in_force
from chitieu.core.crosscheck import (
    KIND_LABELS,
    Check,
    Fact,
    Finding,
    compare_across_plans,
    concept,
    level_growth_check,
    pace_findings,
    per_head_check,
    rate_findings,
    structure_check,
    usd_rate_check,
)
from chitieu.core.matching import LinkProposal, NamedIndicator, UnitError, convert, propose_links
from chitieu.core.periods import PeriodError, PeriodKind
from chitieu.core.text import fold

from .choices import AmendmentScope, LinkStatus
from .models import FindingExplanation, IndicatorLink, PlanAmendment


def plan_label(plan: Plan) -> str:
    """How a finding names a plan: its legal reference, else its title up to "của …"."""
    if plan.reference:
        return plan.reference
    head, sep, _ = plan.title.partition(" của ")
    return head if sep and len(head) >= 30 else plan.title


def _fact(t: Target) -> Fact:
    return Fact(
        id=t.pk,
        plan_id=t.plan_id,
        plan=plan_label(t.plan),
        plan_kind=t.plan.kind,
        period_code=t.period_code,
        name=t.printed_name,
        unit=t.printed_unit or t.indicator.unit,
        text=t.printed_text,
        kind=t.kind,
        low=None if t.low is None else t.low.normalize(),
        high=None if t.high is None else t.high.normalize(),
        value=None if t.value is None else t.value.normalize(),
        strict=t.strict,
        line=t.source_line,
    )


def _targets() -> list[Target]:
    return list(Target.objects.select_related("plan", "indicator").order_by("plan_id", "position"))


# -- links --------------------------------------------------------------------------------


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
    """Links a person has not decided on yet, best first; pairs already decided never return."""
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
    return [
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
    ]


def decided_links() -> list[IndicatorLink]:
    return list(IndicatorLink.objects.select_related("low", "high", "decided_by"))


# -- findings -----------------------------------------------------------------------------


@dataclass
class Group:
    """One indicator across plans (one catalog entry, or several a person confirmed as one)."""

    root: int
    name: str
    facts: list[Fact] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)


def groups(targets: list[Target] | None = None) -> list[Group]:
    """Targets grouped by indicator, linked indicators together, in catalog order."""
    targets = _targets() if targets is None else targets
    joined = indicator_groups()
    by_root: dict[int, Group] = {}
    for t in targets:
        if not t.kind:
            continue
        root = joined.get(t.indicator_id, t.indicator_id)
        g = by_root.setdefault(root, Group(root, ""))
        g.facts.append(_fact(t))
        g.targets.append(t)
        if t.indicator_id == root:
            g.name = t.indicator.name
    for g in by_root.values():
        g.name = g.name or g.targets[0].indicator.name
    return sorted(by_root.values(), key=lambda g: g.root)


@dataclass
class Report:
    """Every finding and check, and what people said about them."""

    findings: list[Finding]
    checks: list[Check]
    explanations: dict[str, FindingExplanation]

    def by_plan(self) -> list[tuple[str, list[Finding]]]:
        out: dict[str, list[Finding]] = defaultdict(list)
        for f in self.findings:
            for plan in dict.fromkeys(x.plan for x in f.facts):
                out[plan].append(f)
        return sorted(out.items())

    def by_indicator(self) -> list[tuple[str, list[Finding]]]:
        out: dict[str, list[Finding]] = defaultdict(list)
        for f in self.findings:
            out[f.indicator].append(f)
        return sorted(out.items())


def _plan_matches(plan: Plan, wanted: str) -> bool:
    wanted = wanted.strip()
    return bool(wanted) and (
        plan.number == wanted
        or plan.number.split("/")[0].strip() == wanted
        or str(plan.pk) == wanted
    )


def _within_plan_checks(targets: list[Target], all_facts: dict[int, list[Fact]]) -> list[Check]:
    checks: list[Check] = []
    by_plan: dict[int, list[Target]] = defaultdict(list)
    for t in targets:
        by_plan[t.plan_id].append(t)
    for plan_targets in by_plan.values():
        plan = plan_targets[0].plan
        label = plan_label(plan)
        checks.extend(_structure_checks(label, plan_targets))
        checks.extend(_arithmetic_checks(label, plan_targets, all_facts))
    return checks


def _structure_checks(label: str, plan_targets: list[Target]) -> list[Check]:
    out = []
    for head in plan_targets:
        if not head.indicator.is_structure:
            continue
        prefix = head.indicator.key.split("|")[0] + ">"
        shares = [t for t in plan_targets if t.indicator.key.startswith(prefix) and t.kind]
        if not shares:
            continue
        last = max(s.position for s in shares)
        after = [t for t in plan_targets if t.position > last][:1]
        extra = [
            _fact(t)
            for t in after
            if t.kind and t.printed_unit.strip() == "%" and ">" not in t.indicator.key
        ]
        out.append(structure_check(head.indicator.name, label, [_fact(s) for s in shares], extra))
    return out


def _end_year(f: Fact) -> int | None:
    try:
        p = f.period
    except PeriodError:
        return None
    return p.end_year if p.kind is PeriodKind.MULTI_YEAR else p.year


def _arithmetic_checks(
    label: str, plan_targets: list[Target], all_facts: dict[int, list[Fact]]
) -> list[Check]:
    found: dict[str, Fact] = {}
    for t in plan_targets:
        if not t.kind:
            continue
        c = concept(t.printed_name, t.printed_unit or t.indicator.unit)
        if c and c not in found:
            found[c] = _fact(t)
    out: list[Check] = []
    total, people, head = found.get("grdp"), found.get("population"), found.get("grdp_per_head")
    if head and total and people and _end_year(total) == _end_year(people) == _end_year(head):
        out.append(per_head_check(label, total, people, head))
    elif head and (total or people):
        out.append(
            Check("per_head", label, None, "Thiếu GRDP hoặc dân số cùng năm, chưa chia được.")
        )
    usd = found.get("grdp_per_head_usd")
    if head and usd and _end_year(head) == _end_year(usd):
        out.append(usd_rate_check(label, head, usd))
    growth = found.get("grdp_growth")
    if total and growth:
        start = growth.period.year if _end_year(growth) != growth.period.year else None
        base = None
        if start is not None:
            for f in all_facts.get(total.id, []):
                if f.period_code == str(start - 1) and f.kind:
                    base = f
        out.append(level_growth_check(label, base, total, growth))
    return out


def _rate_findings(targets: list[Target]) -> list[Finding]:
    pairs: dict[int, dict[str, Fact]] = defaultdict(dict)
    name = ""
    for t in targets:
        c = concept(t.printed_name, t.printed_unit or t.indicator.unit) if t.kind else ""
        if c in ("grdp_per_head", "grdp_per_head_usd"):
            pairs[t.plan_id].setdefault(c, _fact(t))
            name = name or t.indicator.name
    both = [
        (p["grdp_per_head"], p["grdp_per_head_usd"])
        for p in pairs.values()
        if len(p) == 2 and _end_year(p["grdp_per_head"]) == _end_year(p["grdp_per_head_usd"])
    ]
    return rate_findings(name, both)


def crosscheck_report(plan: str | None = None) -> Report:
    """Findings between plans and within each plan (only those of one plan when asked)."""
    targets = _targets()
    gs = groups(targets)
    findings: list[Finding] = []
    facts_by_target: dict[int, list[Fact]] = {}
    for g in gs:
        findings.extend(compare_across_plans(g.name, g.facts))
        findings.extend(pace_findings(g.name, g.facts))
        for f in g.facts:
            facts_by_target[f.id] = g.facts
    checks = _within_plan_checks(targets, facts_by_target)
    findings.extend(_rate_findings(targets))
    findings.extend(c.finding for c in checks if c.finding is not None)
    if plan:
        plans = {p.pk for p in Plan.objects.all() if _plan_matches(p, plan)}
        findings = [f for f in findings if any(x.plan_id in plans for x in f.facts)]
        checks = [c for c in checks if c.finding is None or c.finding in findings]
    explanations = {e.key: e for e in FindingExplanation.objects.select_related("explained_by")}
    return Report(findings, checks, explanations)


def finding_by_key(key: str) -> Finding | None:
    for f in crosscheck_report().findings:
        if f.key == key:
            return f
    return None


def kind_label(kind: str) -> str:
    return KIND_LABELS.get(kind, kind)  # type: ignore[call-overload]


# -- side by side -------------------------------------------------------------------------


def _horizon(f: Fact) -> str:
    # a level set for a span is reached in its last year; a yearly rate belongs to the span
    try:
        p = f.period
    except PeriodError:
        return f.period_code
    if p.kind is PeriodKind.MULTI_YEAR and not f.yearly:
        return str(p.end_year)
    return p.code


def horizon(t: Target) -> str:
    """When a target is due: the year a level is reached, or the span of a yearly rate."""
    unit = t.printed_unit or t.indicator.unit
    return _horizon(Fact(t.pk, t.plan_id, "", "", t.period_code, t.printed_name, unit, "", ""))


def _issued(plan: Plan) -> tuple[date, int]:
    # an undated plan cannot claim to be the newest: it ranks before every dated one
    return (plan.issued_on or date.min, plan.pk)


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
    for a in sorted(found, key=lambda a: _issued(a.plan)):
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
                _horizon(f),
                is_in_force(t),
                None if t.superseded_by_id is None else target_in_force(t),
            )
            for t, f in zip(g.targets, g.facts, strict=True)
        ]
        rows.sort(key=lambda r: (r.horizon, _issued(r.target.plan)))
        out.append(SideTable(g.name, rows))
    return out


# -- diff between two plans -----------------------------------------------------------------


@dataclass
class DiffRow:
    """One indicator and horizon in two plans: what changed between them."""

    name: str
    horizon: str
    old: Target | None
    new: Target | None
    changes: list[str]
    old_agencies: str = ""
    new_agencies: str = ""


def _agencies(t: Target) -> str:
    lead = [r.organization.name for r in t.responsibilities.all() if r.role == "lead"]
    coord = [r.organization.name for r in t.responsibilities.all() if r.role != "lead"]
    text = "; ".join(lead) or "(không ghi)"
    return text + (f" — phối hợp: {'; '.join(coord)}" if coord else "")


def _typed_key(t: Target) -> tuple[object, ...]:
    f = _fact(t)
    return (t.kind, f.numbers(), f.qualifier, fold(f.unit))


def plan_diff(old: Plan, new: Plan) -> list[DiffRow]:
    """Which targets, agencies and wordings changed from ``old`` to ``new`` (linked indicators
    count as one), with the rows only one of them has."""
    joined = indicator_groups()
    qs = Target.objects.filter(plan__in=[old, new]).exclude(kind="")
    qs = qs.select_related("plan", "indicator").prefetch_related("responsibilities__organization")
    sides: dict[tuple[int, str], dict[int, Target]] = defaultdict(dict)
    for t in qs.order_by("plan_id", "position"):
        key = (joined.get(t.indicator_id, t.indicator_id), _horizon(_fact(t)))
        sides[key][t.plan_id] = t

    def order(key: tuple[int, str]) -> tuple[int, int]:
        # the newer plan's order, then the rows it dropped in the older plan's order
        b = sides[key].get(new.pk)
        return (0, b.position) if b else (1, sides[key][old.pk].position)

    out = []
    for key in sorted(sides, key=order):
        a, b = sides[key].get(old.pk), sides[key].get(new.pk)
        shown = b or a
        assert shown is not None
        changes: list[str] = []
        if a is None:
            changes.append("Thêm mới")
        elif b is None:
            changes.append("Bỏ")
        else:
            if _typed_key(a) != _typed_key(b):
                changes.append("Mục tiêu")
            if fold(a.printed_name) != fold(b.printed_name):
                changes.append("Cách ghi tên")
            if _agencies(a) != _agencies(b):
                changes.append("Cơ quan")
        out.append(
            DiffRow(
                shown.printed_name,
                key[1],
                a,
                b,
                changes,
                _agencies(a) if a else "",
                _agencies(b) if b else "",
            )
        )
    return out


def amendments() -> list[PlanAmendment]:
    return list(
        PlanAmendment.objects.select_related("plan", "amends", "recorded_by").prefetch_related(
            "indicators"
        )
    )
