"""The scenario against what was reported: elapsed quarters take the actual growth, the remaining
quarters are solved again for the year's target, and the gap is said the way the task force writes it."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal

from chitieu.core.numbers import format_number

from .model import HUNDRED, PERIOD_LABELS, PERIODS, QUARTERS, GrowthError, Scenario, period_growth
from .solve import Rule, TargetSpec, solve

VINTAGE_VERB = {"estimate": "ước tăng", "preliminary": "sơ bộ tăng", "official": "tăng"}
# A growth rate beyond this is almost certainly an index (previous year = 100) typed as a rate.
INDEX_LOOKALIKE = (Decimal(60), Decimal(160))


@dataclass(frozen=True)
class Actual:
    """A reported growth rate (%, same period a year earlier = 0) with its vintage."""

    growth: Decimal
    vintage: str = "estimate"


@dataclass
class Replan:
    """The scenario with actuals in place and its remaining quarters solved for the target."""

    scenario: Scenario
    elapsed: list[str]
    solved: dict[str, Decimal]
    notes: list[str] = field(default_factory=list)

    def required(self, series: str) -> dict[str, Decimal]:
        """What the series must grow in each remaining quarter and the remaining periods."""
        out: dict[str, Decimal] = {}
        for period, qs in PERIODS.items():
            if all(QUARTERS[q] not in self.elapsed for q in qs):
                out[period] = period_growth(self.scenario, series, period)
        return out


def looks_like_index(value: Decimal) -> bool:
    """True for 107,02 typed where 7,02 was meant: an index against the same period = 100."""
    return INDEX_LOOKALIKE[0] <= value <= INDEX_LOOKALIKE[1]


def elapsed_quarters(s: Scenario, actuals: dict[str, dict[str, Actual]]) -> list[str]:
    """The quarters for which every component has an actual, in order, without a gap."""
    out: list[str] = []
    for q in QUARTERS:
        if all(q in actuals.get(c, {}) for c in s.components):
            out.append(q)
        else:
            break
    return out


def with_actuals(
    s: Scenario, actuals: dict[str, dict[str, Actual]]
) -> tuple[Scenario, list[str], list[str]]:
    """The scenario whose elapsed quarters carry the reported growth; the elapsed quarters; notes.

    Only quarters of components can be placed; an actual for an aggregate or a longer period is
    compared with the scenario, never silently spread over its parts.
    """
    notes: list[str] = []
    for series, periods in actuals.items():
        if series not in s.components and series not in s.aggregates:
            raise GrowthError(series, f"kịch bản không có chuỗi “{series}”")
        for period, actual in periods.items():
            if period not in PERIODS:
                raise GrowthError(f"{series}.{period}", f"kỳ “{period}” không có")
            if looks_like_index(actual.growth):
                raise GrowthError(
                    f"{series}.{period}",
                    f"{format_number(actual.growth, 2)} trông như chỉ số (cùng kỳ = 100), không phải "
                    f"tốc độ tăng: có phải {format_number(actual.growth - HUNDRED, 2)} %?",
                )
    elapsed = elapsed_quarters(s, actuals)
    growth = {c: list(v) for c, v in s.growth.items()}
    for c in s.components:
        for q in elapsed:
            growth[c][QUARTERS.index(q)] = actuals[c][q].growth
    missing = [
        f"{c} {PERIOD_LABELS[q]}"
        for c in s.components
        for q, _ in actuals.get(c, {}).items()
        if q in QUARTERS and q not in elapsed
    ]
    if missing:
        notes.append(
            "Chưa đủ số liệu các khu vực cho cùng một quý nên chưa thay vào kịch bản: "
            + ", ".join(missing)
            + "."
        )
    return replace(s, growth=growth), elapsed, notes


def replan(
    s: Scenario,
    actuals: dict[str, dict[str, Actual]],
    targets: list[TargetSpec],
    rule: Rule,
    cells: list[tuple[str, int]] | None = None,
) -> Replan:
    """Put the actuals in and solve the remaining quarters for the targets: the cells the scenario
    itself leaves to solve, where some are still ahead, else every remaining quarter."""
    placed, elapsed, notes = with_actuals(s, actuals)
    remaining = [q for q in QUARTERS if q not in elapsed]
    if not remaining:
        return Replan(placed, elapsed, {}, [*notes, "Cả năm đã có số liệu thực hiện."])
    ahead = [(c, q) for c, q in cells or [] if QUARTERS[q] in remaining]
    cells = ahead or [(c, QUARTERS.index(q)) for c in s.components for q in remaining]
    usable = [t for t in targets if any(QUARTERS[q] in remaining for q in PERIODS[t.period])]
    for t in targets:
        if t not in usable:
            notes.append(
                f"Mục tiêu {t.series} {PERIOD_LABELS[t.period]} đã qua: so sánh với thực hiện, "
                "không giải lại."
            )
    if not usable:
        return Replan(placed, elapsed, {}, notes)
    solved_s, solved, solve_notes = solve(placed, cells, usable, rule)
    return Replan(solved_s, elapsed, solved, [*notes, *solve_notes])


def _pp(a: Decimal, b: Decimal, against: str) -> str:
    d = a - b
    if abs(d) < Decimal("0.005"):
        return f"bằng {against}"
    word = "thấp hơn" if d < 0 else "cao hơn"
    return f"{word} {format_number(abs(d), 2)} điểm % so với {against}"


def _printed_contribution(
    printed: tuple[Decimal, Decimal] | None, growth: Decimal, contribution: Decimal
) -> str:
    if printed is None or format_number(printed[0], 2) == format_number(contribution, 2):
        return ""
    value, share = printed
    return (
        f" (văn bản in {format_number(value, 2)}; hệ thống tính: tỷ trọng cùng kỳ "
        f"{format_number(share * HUNDRED, 2)} % × {format_number(growth, 2)} % = "
        f"{format_number(contribution, 3)})"
    )


def gap_sentence(
    *,
    period: str,
    total_label: str,
    actual: Actual,
    scenario: Decimal | None,
    last_year: Decimal | None,
    parts: list[tuple[str, Decimal, Decimal]],
    printed: dict[str, tuple[Decimal, Decimal]] | None = None,
) -> str:
    """ "6 tháng đầu năm GRDP ước tăng 7,02 % so với cùng kỳ, thấp hơn 2,22 điểm % so với kịch bản, …;
    khu vực … tăng …, đóng góp … điểm %" — parts are (label, growth, contribution); ``printed``
    gives a part's contribution as a document printed it and the part's share of the base, so
    that a contribution that prints differently shows both and the product that gives it."""
    label = PERIOD_LABELS[period]
    verb = VINTAGE_VERB.get(actual.vintage, "tăng")
    text = f"{label[0].upper()}{label[1:]} {total_label} {verb} {format_number(actual.growth, 2)} % so với cùng kỳ"
    if scenario is not None:
        text += ", " + _pp(actual.growth, scenario, "kịch bản")
    if last_year is not None:
        text += ", " + _pp(actual.growth, last_year, "cùng kỳ năm trước")
    printed = printed or {}
    pieces = [
        f"{name} tăng {format_number(g, 2)} %, đóng góp {format_number(c, 2)} điểm %"
        + _printed_contribution(printed.get(name), g, c)
        for name, g, c in parts
    ]
    if pieces:
        text += "; " + "; ".join(pieces)
    return text + "."
