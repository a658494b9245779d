"""A scenario's full table: growth of every series in every period, contributions, VA shares."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from .model import PERIODS, GrowthError, Scenario, contributions, dec, period_growth, va_shares
from .solve import Rule, TargetSpec, parse_cells, solve


def _round(d: Decimal, places: int) -> float:
    return float(d.quantize(Decimal(1).scaleb(-places), rounding="ROUND_HALF_UP"))


def table(s: Scenario, places: int = 2) -> dict[str, Any]:
    """Every figure of the scenario, rounded half-up to ``places`` decimals."""
    growth = {
        name: {p: _round(period_growth(s, name, p), places) for p in PERIODS} for name in s.series
    }
    contrib: dict[str, dict[str, dict[str, float]]] = {}
    for agg, parts in s.aggregates.items():
        by_period = {p: contributions(s, agg, p) for p in PERIODS}
        contrib[agg] = {
            part: {p: _round(by_period[p][part], places) for p in PERIODS} for part in parts
        }
    shares: dict[str, dict[str, dict[str, float]]] = {}
    for agg in s.aggregates:
        for p in PERIODS:
            va = va_shares(s, agg, p)
            if va is None:
                continue
            for part, value in va.items():
                shares.setdefault(agg, {}).setdefault(part, {})[p] = _round(value, places)
    return {"growth": growth, "contributions": contrib, "va_shares": shares}


def parse_request(
    data: dict[str, Any],
) -> tuple[Scenario, list[tuple[str, int]], list[TargetSpec], Rule, int]:
    """Validate a `solve` request; every problem names its field."""
    s = Scenario.from_json(data)
    cells = data.get("solve") or []
    if not isinstance(cells, list):
        raise GrowthError("solve", 'cần danh sách ô, ví dụ ["A.Q3", "A.Q4"]')
    targets = []
    for i, t in enumerate(data.get("targets") or []):
        if not isinstance(t, dict):
            raise GrowthError(f"targets[{i}]", "cần {series, period, growth}")
        series, period = t.get("series"), t.get("period")
        if series not in s.components and series not in s.aggregates:
            raise GrowthError(f"targets[{i}].series", f"không có chuỗi “{series}”")
        if period not in PERIODS:
            raise GrowthError(
                f"targets[{i}].period", f"kỳ “{period}” không có (dùng {', '.join(PERIODS)})"
            )
        targets.append(
            TargetSpec(str(series), str(period), dec(t.get("growth"), f"targets[{i}].growth"))
        )
    raw_rule = data.get("rule") or {"kind": "additive"}
    if not isinstance(raw_rule, dict):
        raise GrowthError("rule", 'cần {"kind": "additive" | "proportional" | "fixed"}')
    rule = Rule(str(raw_rule.get("kind", "additive")), tuple(raw_rule.get("series") or ()))
    if rule.kind == "fixed" and not rule.series:
        raise GrowthError("rule.series", "quy tắc fixed cần danh sách chuỗi giữ nguyên")
    places = data.get("decimals", 2)
    if not isinstance(places, int) or not 0 <= places <= 10:
        raise GrowthError("decimals", "cần số nguyên 0-10")
    if targets and not cells:
        raise GrowthError("solve", "có mục tiêu nhưng không có ô nào để tính")
    return s, parse_cells(s, cells), targets, rule, places


def solve_request(data: dict[str, Any]) -> dict[str, Any]:
    """The `solve` command: the scenario's table after meeting the targets."""
    s, cells, targets, rule, places = parse_request(data)
    notes: list[str] = []
    solved: dict[str, Decimal] = {}
    if targets:
        s, solved, notes = solve(s, cells, targets, rule)
    out = table(s, places)
    out["solved"] = {k: _round(v, places) for k, v in solved.items()}
    out["notes"] = notes
    return out
