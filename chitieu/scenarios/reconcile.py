"""The adopted scenario's table as a report prints it: one figure in each cell, the same figure the
actuals beside it show, and where the system's computation and a published figure differ, both,
with the computation written out (never a silent rounding)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from chitieu.core.growth import GrowthError, Scenario, check_table, period_growth
from chitieu.core.growth.model import PERIOD_LABELS
from chitieu.core.growth.solve import solve
from chitieu.core.numbers import format_number
from chitieu.core.periods import Period

from .actuals import ActualFigure, Reads, actuals_table, period_code
from .models import GrowthScenario, ScenarioVersion
from .selectors import COLUMNS, display_order, series_labels

# Two figures that print the same at two decimals are the same figure to a reader.
PLACES = 2
# A recomputation this close to a published figure differs by the rounding of its inputs only.
ROUNDING = Decimal("0.05")


@dataclass
class TableCell:
    """The figure printed, where it comes from, and the other figure when the two differ."""

    value: Decimal | None
    source: str  # "actual": the approved figure; "scenario": computed from the version's inputs
    other: Decimal | None = None
    other_label: str = ""  # "tính lại" (beside an approved figure) or "văn bản in"
    mark: str = ""  # the footnote that explains the difference


@dataclass
class TableRow:
    series: str
    label: str
    level: int
    cells: list[TableCell]


@dataclass
class ScenarioTable:
    """The version's table with its footnotes; ``findings`` say why a printed table cannot hold."""

    columns: list[tuple[str, str]] = field(default_factory=list)
    rows: list[TableRow] = field(default_factory=list)
    footnotes: list[tuple[str, str]] = field(default_factory=list)
    error: str = ""


def _same(a: Decimal, b: Decimal) -> bool:
    return format_number(a, PLACES) == format_number(b, PLACES)


def solved_version(version: ScenarioVersion, reads: Reads) -> tuple[Scenario, list[str]]:
    """The version with its unknown cells solved, and the solver's notes."""
    s, cells, targets, rule, _ = reads.parsed(version.data)
    if not targets:
        return s, []
    s, _, notes = solve(s, cells, targets, rule)
    return s, notes


def recomputation(s: Scenario, series: str, period: str) -> str:
    """ "tăng thêm 834,04 tỷ đồng ÷ quy mô cùng kỳ 12.638,9 tỷ đồng × 100 = 6,599 %"."""
    base = s.base_sum(series, period)
    added = s.level_sum(series, period) - base
    growth = period_growth(s, series, period)
    return (
        f"giá trị tăng thêm so với cùng kỳ {format_number(added, 2)} tỷ đồng ÷ quy mô cùng kỳ "
        f"{format_number(base, 1)} tỷ đồng × 100 = {format_number(growth, 3)} %"
    )


def scenario_table(
    scenario: GrowthScenario,
    version: ScenarioVersion,
    *,
    as_of: date,
    reads: Reads,
    depth: int = 1,
) -> ScenarioTable:
    """The version's table down to ``depth``: a period that had ended before the version was
    adopted prints its approved figure (the version stands on it, and the actuals show it too);
    the others print the engine's figure, with the document's printed one where it differs."""
    out = ScenarioTable(columns=[(c, PERIOD_LABELS[c]) for c in COLUMNS])
    try:
        s, notes = solved_version(version, reads)
    except GrowthError as exc:
        out.error = exc.message
        return out
    labels = series_labels(version.data)
    printed = (version.published or {}).get("growth", {})
    adopted = version.adopted_at.date() if version.adopted_at else None
    actuals = actuals_table(scenario, scenario.year, as_of=as_of, reads=reads)
    recomputed: list[str] = []
    planned_marks = False
    for series, level in display_order(s):
        if level > depth:
            continue
        cells = []
        for period in COLUMNS:
            computed = period_growth(s, series, period)
            ended = Period.parse(period_code(scenario.year, period)).end
            actual: ActualFigure | None = (
                actuals.get(series, {}).get(period)
                if adopted is not None and ended < adopted
                else None
            )
            if actual is not None:
                cell = TableCell(actual.value, "actual")
                if not _same(actual.value, computed):
                    mark = str(len(recomputed) + 1)
                    cell.other, cell.other_label, cell.mark = computed, "tính lại", mark
                    recomputed.append(
                        _recomputed_note(
                            s, series, period, labels.get(series, series), actual, computed
                        )
                    )
                cells.append(cell)
                continue
            cell = TableCell(computed, "scenario")
            p = printed.get(series, {}).get(period)
            if p is not None and not _same(Decimal(str(p)), computed):
                in_print = Decimal(str(p))
                cell.other, cell.other_label = in_print, "văn bản in"
                if abs(in_print - computed) < ROUNDING:
                    cell.mark = str(len(recomputed) + 1)
                    recomputed.append(
                        _rounding_note(s, series, period, labels.get(series, series), in_print)
                    )
                else:
                    cell.mark = "*"
                    planned_marks = True
            cells.append(cell)
        out.rows.append(TableRow(series, labels.get(series, series), level, cells))
    out.footnotes = [(str(i), text) for i, text in enumerate(recomputed, start=1)]
    if planned_marks:
        out.footnotes.append(("*", _printed_note(version, notes)))
    return out


def _recomputed_note(
    s: Scenario, series: str, period: str, label: str, actual: ActualFigure, computed: Decimal
) -> str:
    gap = actual.value - computed
    why = (
        "chênh lệch này chỉ do làm tròn các số đầu vào (tốc độ tăng từng khu vực lấy 2 chữ số "
        "thập phân như văn bản in, quy mô cùng kỳ suy từ văn bản và làm tròn 0,1 tỷ đồng), nên "
        "bảng dùng số đã duyệt, cũng là số văn bản công bố"
        if abs(gap) < ROUNDING
        else "chênh lệch lớn hơn mức làm tròn: cần rà lại đầu vào của phiên bản kịch bản; bảng "
        "dùng số đã duyệt"
    )
    return (
        f"{label} {PERIOD_LABELS[period]}: số đã duyệt ({actual.vintage_label.lower()}) "
        f"{format_number(actual.value, PLACES)} %. Hệ thống tính lại từ đầu vào của kịch bản: "
        f"{recomputation(s, series, period)}, làm tròn {format_number(computed, PLACES)} %; "
        f"{why}."
    )


def _rounding_note(s: Scenario, series: str, period: str, label: str, in_print: Decimal) -> str:
    computed = period_growth(s, series, period)
    return (
        f"{label} {PERIOD_LABELS[period]}: văn bản in {format_number(in_print, PLACES)} %; hệ "
        f"thống tính từ đầu vào của kịch bản: {recomputation(s, series, period)}, làm tròn "
        f"{format_number(computed, PLACES)} %. Chênh lệch chỉ do làm tròn các số đầu vào; bảng "
        "in số hệ thống tính, là số các bảng tính lại khác trên trang cũng dùng."
    )


def _printed_note(version: ScenarioVersion, notes: list[str]) -> str:
    findings = [f.message for f in check_table(version.published)] if version.published else []
    text = (
        "Ô có dấu *: văn bản in số khác (ghi dưới ô); bảng in số hệ thống tính từ đầu vào của "
        f"phiên bản {version.number}."
    )
    if findings:
        text += " Bảng văn bản in không thể cùng đúng: " + " ".join(findings)
    if notes:
        text += " " + " ".join(notes)
    return text
