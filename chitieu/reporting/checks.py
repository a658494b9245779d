"""The rules a figure is sent under, checked for many figures at once: what refuses a send, and
what a checker sees beside the figure before verifying or approving it (decision 0061)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q

from chitieu.catalog.models import Indicator
from chitieu.core.numbers import format_number, trim_zeros
from chitieu.core.periods import Period, PeriodError, PeriodKind

from .choices import VINTAGE_RANK, FigureStatus, RuleKind
from .evaluation import period_phrase
from .models import Figure, ValidationRule
from .validation import active_rules


@dataclass
class Checks:
    """What the rules say of one figure."""

    refusals: list[str] = field(default_factory=list)  # a send is refused while any stands
    notes: list[str] = field(default_factory=list)  # said to the checker; the send goes ahead

    @property
    def flags(self) -> list[str]:
        return self.refusals + self.notes


def _unit(text: str) -> str:
    """A unit in the middle of a sentence: "tỷ đồng", but "%" and "USD" as they are."""
    text = text.strip()
    return f" {text[:1].lower()}{text[1:]}" if text[1:2].islower() else f" {text}" if text else ""


def _n(value: Decimal) -> str:
    return format_number(trim_zeros(Decimal(value)))


def previous_code(code: str) -> str | None:
    """The period a change is measured against: the month, quarter or same span a year before."""
    try:
        p = Period.parse(code)
    except PeriodError:
        return None
    if p.kind is PeriodKind.MONTH:
        return Period.month(p.year - (p.index == 1), 12 if p.index == 1 else p.index - 1).code
    if p.kind is PeriodKind.QUARTER:
        return Period.quarter(p.year - (p.index == 1), 4 if p.index == 1 else p.index - 1).code
    if p.kind in (PeriodKind.YEAR, PeriodKind.H1, PeriodKind.H2, PeriodKind.M9):
        return Period(p.year - 1, p.kind).code
    return None


def _own_best(candidates: list[Figure], organization_id: int) -> Figure | None:
    """The agency's own figure of the highest vintage, else the best any agency has (approved
    first): a change is measured against what the province already knows."""
    own = [f for f in candidates if f.organization_id == organization_id]
    if own:
        return max(own, key=lambda f: (VINTAGE_RANK.get(f.vintage, 0), f.updated_at))
    return max(
        candidates,
        key=lambda f: (
            f.status == FigureStatus.APPROVED,
            VINTAGE_RANK.get(f.vintage, 0),
            f.updated_at,
        ),
        default=None,
    )


def rule_checks(figures: Sequence[Figure]) -> dict[int, Checks]:
    """Every active rule of each figure, against the stored figures it is compared with, in a
    fixed number of queries however many figures (the review queue asks for all of its rows)."""
    out = {f.pk: Checks() for f in figures}
    if not figures:
        return out
    ids = {f.indicator_id for f in figures}
    rules = active_rules(ids)
    kinds = {i: {r.kind: r.params for r in rs} for i, rs in rules.items()}
    # the same three queries whatever rules the rows have (subqueries, never an empty IN list)
    structured = ValidationRule.objects.filter(
        active=True, kind=RuleKind.STRUCTURE_SUM, indicator_id__in=ids
    ).values("indicator_id")
    wholes = Indicator.objects.filter(pk__in=structured).values("parent_id")
    parts_of: dict[int, list[int]] = {}
    names: dict[int, str] = {}
    parent_of: dict[int, int] = {}
    for part in (
        Indicator.objects.filter(parent_id__in=wholes).select_related("parent").order_by("pk")
    ):
        assert part.parent is not None
        parts_of.setdefault(part.parent.pk, []).append(part.pk)
        names[part.pk], names[part.parent.pk] = part.name, part.parent.name
        parent_of[part.pk] = part.parent.pk
    jumps = {
        f.pk: previous_code(f.period_code)
        for f in figures
        if RuleKind.JUMP in kinds.get(f.indicator_id, {})
    }
    per_capita = [
        int(v)
        for k in kinds.values()
        if RuleKind.PER_CAPITA in k
        for v in (k[RuleKind.PER_CAPITA].get("total"), k[RuleKind.PER_CAPITA].get("population"))
        if v is not None
    ]
    periods = {f.period_code for f in figures}
    wanted = (
        Q(
            indicator__parent_id__in=wholes,
            period_code__in=periods,
            organization_id__in={f.organization_id for f in figures},
        )
        | Q(
            indicator_id__in=ValidationRule.objects.filter(
                active=True, kind=RuleKind.JUMP, indicator_id__in=ids
            ).values("indicator_id"),
            period_code__in={c for c in jumps.values() if c},
        )
        | Q(indicator_id__in=per_capita, period_code__in=periods)
    )
    stored: dict[tuple[int, str], list[Figure]] = {}
    for s in Figure.objects.filter(wanted):
        stored.setdefault((s.indicator_id, s.period_code), []).append(s)
    for f in figures:
        checks = out[f.pk]
        for kind, params in kinds.get(f.indicator_id, {}).items():
            if kind == RuleKind.JUMP:
                _jump(f, params, stored, jumps.get(f.pk), checks)
            elif kind == RuleKind.STRUCTURE_SUM and f.indicator_id in parent_of:
                parent = parent_of[f.indicator_id]
                _structure(f, params, names[parent], parts_of[parent], names, stored, checks)
            elif kind == RuleKind.PER_CAPITA:
                _per_capita(f, params, stored, checks)
    return out


def _jump(
    f: Figure,
    params: dict,
    stored: dict[tuple[int, str], list[Figure]],
    prev_code: str | None,
    checks: Checks,
) -> None:
    prev = (
        _own_best(stored.get((f.indicator_id, prev_code), []), f.organization_id)
        if prev_code
        else None
    )
    if prev is None or prev.value == 0 or f.comment.strip():
        return
    change = (Decimal(f.value) - prev.value) / abs(prev.value) * 100
    threshold = Decimal(str(params.get("threshold", 20)))
    if abs(change) > threshold:
        unit = _unit(f.indicator.unit)
        checks.refusals.append(
            f"{f.indicator.name} {period_phrase(f.period_code)}: {_n(f.value)}{unit}, "
            f"{'tăng' if change > 0 else 'giảm'} {format_number(abs(change), 1)} % so với "
            f"{period_phrase(prev_code or '')} ({_n(prev.value)}{unit}), quá {_n(threshold)} %: "
            "cần ghi giải thích (ô “giải thích”) trước khi gửi"
        )


def _structure(
    f: Figure,
    params: dict,
    whole: str,
    parts: list[int],
    names: dict[int, str],
    stored: dict[tuple[int, str], list[Figure]],
    checks: Checks,
) -> None:
    """The agency's figures of every part, same period and vintage as this one (its own value as
    it is now); a sum is judged only when every part has one."""
    values: dict[int, Decimal] = {}
    for part in parts:
        if part == f.indicator_id:
            values[part] = Decimal(f.value)
            continue
        same = [
            s
            for s in stored.get((part, f.period_code), [])
            if s.organization_id == f.organization_id and s.vintage == f.vintage
        ]
        if same:
            values[part] = same[0].value
    total = sum(values.values(), Decimal(0))
    tol = Decimal(str(params.get("tolerance", "0.1")))
    listed = " + ".join(f"{names[p]} {_n(v)}" for p, v in values.items())
    where = f"{whole} {period_phrase(f.period_code)}"
    allowed = f"(sai lệch cho phép ±{_n(tol)} điểm %)"
    missing = [f"“{names[p]}”" for p in parts if p not in values]
    if not missing:
        if abs(total - 100) > tol:
            checks.refusals.append(
                f"{where}: các phần cộng lại {_n(total)} %, phải bằng 100 % {allowed} — {listed}"
            )
    elif total > 100 + tol:
        checks.refusals.append(
            f"{where}: các phần đã nhập đã cộng lại {_n(total)} %, quá 100 % {allowed} — {listed}"
        )
    else:
        checks.notes.append(
            f"{where}: chưa có {', '.join(missing)} nên chưa kiểm tra được tổng 100 %; "
            f"các phần đã nhập cộng lại {_n(total)} % — {listed}"
        )


def _per_capita(
    f: Figure, params: dict, stored: dict[tuple[int, str], list[Figure]], checks: Checks
) -> None:
    def best(indicator_id: object) -> Figure | None:
        if indicator_id is None:
            return None
        found = stored.get((int(str(indicator_id)), f.period_code), [])
        return max(
            found, key=lambda s: (VINTAGE_RANK.get(s.vintage, 0), s.updated_at), default=None
        )

    total, population = best(params.get("total")), best(params.get("population"))
    if total is None or population is None or not population.value:
        return
    # tỷ đồng (1e9) ÷ nghìn người (1e3) = triệu đồng (1e6) a person: the units cancel
    expected = total.value / population.value
    if abs(Decimal(f.value) - expected) > abs(expected) / 100:
        checks.refusals.append(
            f"{f.indicator.name} {period_phrase(f.period_code)}: bình quân đầu người {_n(f.value)} "
            f"triệu đồng không khớp {_n(total.value)} tỷ đồng ÷ {_n(population.value)} "
            f"nghìn người = {format_number(expected, 1)} triệu đồng"
        )
