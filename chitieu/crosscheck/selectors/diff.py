"""What changed between two plans, and the amendments recorded between plans."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from chitieu.catalog.models import Plan, Target
from chitieu.core.text import fold

from ..models import PlanAmendment
from .facts import fact_horizon, target_fact
from .links import indicator_groups


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
    f = target_fact(t)
    return (t.kind, f.numbers(), f.qualifier, fold(f.unit))


def plan_diff(old: Plan, new: Plan) -> list[DiffRow]:
    """Which targets, agencies and wordings changed from ``old`` to ``new`` (linked indicators
    count as one), with the rows only one of them has."""
    joined = indicator_groups()
    qs = Target.objects.filter(plan__in=[old, new]).exclude(kind="")
    qs = qs.select_related("plan", "indicator").prefetch_related("responsibilities__organization")
    sides: dict[tuple[int, str], dict[int, Target]] = defaultdict(dict)
    for t in qs.order_by("plan_id", "position"):
        key = (joined.get(t.indicator_id, t.indicator_id), fact_horizon(target_fact(t)))
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
