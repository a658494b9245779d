"""Reads for the scenario page: the table as seed 004 prints it, recomputed from the inputs."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from chitieu.core.growth import (
    QUARTERS,
    GrowthError,
    Scenario,
    check_table,
    contributions,
    period_growth,
)
from chitieu.core.growth.model import PERIOD_LABELS
from chitieu.core.growth.report import parse_request
from chitieu.core.growth.solve import solve

from .demo import LABELS

COLUMNS = ["Q1", "Q2", "H1", "Q3", "Q4", "H2", "year"]
HALF_CENT = Decimal("0.005")


def series_labels(data: dict[str, Any]) -> dict[str, str]:
    """The name printed for each series of a scenario: its components' own, then the aggregates'."""
    return {
        **data.get("components", {}),
        **{k: v for k, v in LABELS.items() if k in data.get("aggregates", {})},
    }


@dataclass
class Cell:
    value: Decimal | None
    kind: str  # "input", "solved", "computed"
    printed: Decimal | None = None  # the published figure, where one exists
    finding: str = ""  # why the published figure cannot hold

    @property
    def differs(self) -> bool:
        return (
            self.value is not None
            and self.printed is not None
            and abs(self.value - self.printed) > HALF_CENT
        )


@dataclass
class Row:
    series: str
    label: str
    level: int  # 0 for the top aggregate, 1 for its parts, 2 for parts of parts
    cells: list[Cell]


@dataclass
class ScenarioView:
    rows: list[Row] = field(default_factory=list)
    contributions: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    error: GrowthError | None = None
    findings: list[str] = field(default_factory=list)
    chart: dict[str, Any] = field(default_factory=dict)
    columns: list[tuple[str, str]] = field(default_factory=list)


def display_order(s: Scenario) -> list[tuple[str, int]]:
    """Top aggregate first, then each part followed by its own parts, as the table prints them."""
    used = {p for parts in s.aggregates.values() for p in parts}
    tops = [a for a in s.aggregates if a not in used]
    out: list[tuple[str, int]] = []

    def walk(name: str, level: int) -> None:
        out.append((name, level))
        for part in s.aggregates.get(name, []):
            walk(part, level + 1)

    for top in tops:
        walk(top, 0)
    for c in s.components:
        if c not in [n for n, _ in out]:
            out.append((c, 0))
    return out


def scenario_view(
    data: dict[str, Any], published: dict[str, Any] | None, labels: dict[str, str]
) -> ScenarioView:
    """Compute the scenario (solving its unknown cells) and lay it out beside the printed table."""
    view = ScenarioView(columns=[(c, PERIOD_LABELS[c]) for c in COLUMNS])
    try:
        s, cells, targets, rule, _ = parse_request(data)
        if targets:
            s, _, view.notes = solve(s, cells, targets, rule)
    except GrowthError as exc:
        view.error = exc
        return view
    solved = {f"{c}.{QUARTERS[q]}" for c, q in cells}
    printed = (published or {}).get("growth", {})
    findings: dict[tuple[str, str], str] = {}
    if published:
        for f in check_table(published):
            findings[(f.series, f.period)] = f.message
            view.findings.append(f.message)
    for name, level in display_order(s):
        row_cells = []
        for period in COLUMNS:
            if name in s.components and period in QUARTERS:
                kind = "solved" if f"{name}.{period}" in solved else "input"
            else:
                kind = "computed"
            p = printed.get(name, {}).get(period)
            row_cells.append(
                Cell(
                    period_growth(s, name, period),
                    kind,
                    Decimal(str(p)) if p is not None else None,
                    findings.get((name, period), ""),
                )
            )
        view.rows.append(Row(name, labels.get(name, name), level, row_cells))
    top = display_order(s)[0][0]
    if top in s.aggregates:
        by_period = {p: contributions(s, top, p) for p in COLUMNS}
        for part in s.aggregates[top]:
            view.contributions.append(
                Row(
                    part,
                    labels.get(part, part),
                    1,
                    [Cell(by_period[p][part], "computed") for p in COLUMNS],
                )
            )
        view.chart = {
            "quarters": [PERIOD_LABELS[q] for q in QUARTERS],
            "series": {
                labels.get(n, n): [float(round(period_growth(s, n, q), 2)) for q in QUARTERS]
                for n, lvl in display_order(s)
                if lvl <= 1
            },
            "target": [float(t.growth) for t in targets if t.series == top and t.period == "year"][
                :1
            ],
            "year": float(round(period_growth(s, top, "year"), 2)),
            "top": labels.get(top, top),
        }
    return view
