"""Which figure counts: approved figures of the organisation responsible at province level (the
lead agency or the statistics office), best vintage first, or else the communes' roll-up.

Evaluation, scorecards, the indicator chart and the monthly report all choose through here, so a
draft, returned or submitted figure never reaches a status (docs/decisions/0026).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from chitieu.core.aggregation import AggregationError, Part, Rollup, Rule, aggregate
from chitieu.core.periods import Period
from chitieu.organizations.choices import OrgKind

from .choices import VINTAGE_RANK, Aggregation, FigureStatus, Vintage
from .models import Figure


class Basis(StrEnum):
    """Which workflow states a status may rest on."""

    SIGNED = "signed"  # approved only: what the province signs
    PROVISIONAL = "provisional"  # verified by the statistics office or approved: tạm tính


STATUSES_OF = {
    Basis.SIGNED: frozenset({FigureStatus.APPROVED}),
    Basis.PROVISIONAL: frozenset({FigureStatus.APPROVED, FigureStatus.VERIFIED}),
}
COMMUNE_KINDS = (OrgKind.COMMUNE, OrgKind.WARD)


@dataclass(frozen=True)
class RollupSpec:
    """How an indicator's commune figures roll up, with what the maths needs."""

    rule: Aggregation
    expected: int  # communes and wards in the province
    weight_indicator_id: int | None = None


@dataclass(frozen=True)
class Counted:
    """The value that counts for one period: a province figure, or the communes' roll-up."""

    period_code: str
    value: Decimal
    vintage: str
    figure: Figure | None = None
    rollup: Rollup | None = None
    unapproved: bool = False  # rests on a figure only verified (a provisional status)

    @property
    def period(self) -> Period:
        return Period.parse(self.period_code)

    @property
    def vintage_label(self) -> str:
        return Vintage(self.vintage).label

    @property
    def origin(self) -> str:
        """Where the value comes from, for the sentence: "" for a province figure."""
        if self.rollup is None:
            return ""
        return f" (tổng hợp từ {self.rollup.coverage})"


@dataclass
class Selection:
    """The counted value of each period, the commune roll-ups computed, and what could not be."""

    values: dict[str, Counted] = field(default_factory=dict)
    rollups: dict[str, Counted] = field(default_factory=dict)  # incomplete ones included
    problems: list[str] = field(default_factory=list)


def _rank(f: Figure, statistics_first: bool) -> tuple[int, int, object]:
    # Official over preliminary over estimate; between two organisations with the same vintage
    # the statistics office's figure is the official statistic; then the latest.
    is_stats = statistics_first and f.organization.kind == OrgKind.STATISTICS
    return (VINTAGE_RANK.get(f.vintage, 0), int(is_stats), f.updated_at)


def _best(figures: Iterable[Figure], statistics_first: bool = True) -> Figure:
    return max(figures, key=lambda f: _rank(f, statistics_first))


def select(
    figures: Iterable[Figure],
    *,
    indicator_id: int,
    responsible: Collection[int],
    basis: Basis = Basis.SIGNED,
    rollup: RollupSpec | None = None,
) -> Selection:
    """Choose the value that counts for each period of one indicator.

    ``figures`` may hold other indicators' figures (the roll-up's weights) and figures in any
    state; only those of ``basis`` count. ``responsible`` are the province-level organisations
    whose figures count besides the statistics office.
    """
    allowed = STATUSES_OF[basis]
    province: dict[str, list[Figure]] = defaultdict(list)
    communes: dict[str, dict[int, list[Figure]]] = defaultdict(lambda: defaultdict(list))
    weights: dict[str, dict[int, list[Figure]]] = defaultdict(lambda: defaultdict(list))
    for f in figures:
        if f.status not in allowed:
            continue
        kind = f.organization.kind
        if f.indicator_id == indicator_id:
            if f.organization_id in responsible or kind == OrgKind.STATISTICS:
                province[f.period_code].append(f)
            elif kind in COMMUNE_KINDS:
                communes[f.period_code][f.organization_id].append(f)
        elif (
            rollup is not None
            and f.indicator_id == rollup.weight_indicator_id
            and kind in COMMUNE_KINDS
        ):
            weights[f.period_code][f.organization_id].append(f)
    sel = Selection()
    for code, figs in province.items():
        best = _best(figs)
        sel.values[code] = Counted(
            code, best.value, best.vintage, figure=best, unapproved=best.status != "approved"
        )
    if rollup is None or rollup.rule == Aggregation.NONE:
        return sel
    for code, by_org in communes.items():
        counted = _roll_up(code, by_org, weights.get(code, {}), rollup, sel.problems)
        if counted is None:
            continue
        sel.rollups[code] = counted
        assert counted.rollup is not None
        # A signed status rests on every commune: a sum of 63 of 65 communes is not the province's.
        if code not in sel.values and (basis is Basis.PROVISIONAL or counted.rollup.complete):
            sel.values[code] = counted
    return sel


def _roll_up(
    code: str,
    by_org: dict[int, list[Figure]],
    weights: dict[int, list[Figure]],
    spec: RollupSpec,
    problems: list[str],
) -> Counted | None:
    used = {org: _best(figs, statistics_first=False) for org, figs in by_org.items()}
    parts = []
    weights_used = []
    for org, f in sorted(used.items(), key=lambda kv: kv[1].organization.name):
        w = _best(weights[org], statistics_first=False) if org in weights else None
        if w is not None:
            weights_used.append(w)
        parts.append(Part(f.organization.name, f.value, None if w is None else w.value))
    try:
        result = aggregate(Rule(spec.rule), parts, expected=spec.expected)
    except AggregationError as exc:
        problems.append(f"{Period.parse(code).label}: {exc}")
        return None
    if result is None:
        return None
    if result.unweighted:
        problems.append(
            f"{Period.parse(code).label}: chưa có số liệu mẫu số của "
            + ", ".join(result.unweighted)
            + " nên chưa tính vào bình quân"
        )
    # the roll-up is only as final as its least final part
    vintage = min((f.vintage for f in used.values()), key=lambda v: VINTAGE_RANK.get(v, 0))
    unapproved = any(f.status != FigureStatus.APPROVED for f in [*used.values(), *weights_used])
    return Counted(code, result.value, vintage, rollup=result, unapproved=unapproved)
