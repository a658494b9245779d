"""What every comparison starts from: a target as a fact, a plan's label, when a target is due."""

from __future__ import annotations

from datetime import date

from chitieu.catalog.models import Plan, Target
from chitieu.core.crosscheck import (
    Fact,
)
from chitieu.core.periods import PeriodError, PeriodKind


def plan_label(plan: Plan) -> str:
    """How a finding names a plan: its legal reference, else its title up to "của …"."""
    if plan.reference:
        return plan.reference
    head, sep, _ = plan.title.partition(" của ")
    return head if sep and len(head) >= 30 else plan.title


def target_fact(t: Target) -> Fact:
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


def targets_in_order() -> list[Target]:
    return list(Target.objects.select_related("plan", "indicator").order_by("plan_id", "position"))


def fact_horizon(f: Fact) -> str:
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
    return fact_horizon(Fact(t.pk, t.plan_id, "", "", t.period_code, t.printed_name, unit, "", ""))


def issue_order(plan: Plan) -> tuple[date, int]:
    # an undated plan cannot claim to be the newest: it ranks before every dated one
    return (plan.issued_on or date.min, plan.pk)
