"""Findings between plans and checks within each plan."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from chitieu.catalog.models import Plan, Target
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
from chitieu.core.periods import PeriodError, PeriodKind

from .. import memo
from ..models import FindingExplanation
from .facts import plan_label, target_fact, targets_in_order
from .links import indicator_groups


@dataclass
class Group:
    """One indicator across plans (one catalog entry, or several a person confirmed as one)."""

    root: int
    name: str
    facts: list[Fact] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)


def groups(targets: list[Target] | None = None) -> list[Group]:
    """Targets grouped by indicator, linked indicators together, in catalog order."""
    targets = targets_in_order() if targets is None else targets
    joined = indicator_groups()
    by_root: dict[int, Group] = {}
    for t in targets:
        if not t.kind:
            continue
        root = joined.get(t.indicator_id, t.indicator_id)
        g = by_root.setdefault(root, Group(root, ""))
        g.facts.append(target_fact(t))
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
            target_fact(t)
            for t in after
            if t.kind and t.printed_unit.strip() == "%" and ">" not in t.indicator.key
        ]
        out.append(
            structure_check(head.indicator.name, label, [target_fact(s) for s in shares], extra)
        )
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
            found[c] = target_fact(t)
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
            pairs[t.plan_id].setdefault(c, target_fact(t))
            name = name or t.indicator.name
    both = [
        (p["grdp_per_head"], p["grdp_per_head_usd"])
        for p in pairs.values()
        if len(p) == 2 and _end_year(p["grdp_per_head"]) == _end_year(p["grdp_per_head_usd"])
    ]
    return rate_findings(name, both)


def _all_findings() -> tuple[tuple[Finding, ...], tuple[Check, ...]]:
    targets = targets_in_order()
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
    return tuple(findings), tuple(checks)


def crosscheck_report(plan: str | None = None) -> Report:
    """Findings between plans and within each plan (only those of one plan when asked); computed
    once for each state of the targets, plans, indicators and links (decision 0048)."""
    every_finding, every_check = memo.remembered("findings", _all_findings)
    findings, checks = list(every_finding), list(every_check)
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
