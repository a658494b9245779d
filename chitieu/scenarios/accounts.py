"""Writes that bring quarterly accounts in as figures: an indicator for each scenario series, and the
statistics office's workbook saved through the same workflow and audit as every figure."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from chitieu.catalog.keys import indicator_key
from chitieu.catalog.models import Indicator
from chitieu.core.growth.actuals import INDEX_LOOKALIKE, looks_like_index
from chitieu.core.numbers import format_number
from chitieu.importers.accounts import Workbook
from chitieu.organizations.models import Organization
from chitieu.reporting.choices import Frequency, RuleKind
from chitieu.reporting.models import Figure, ReportingSpec, ValidationRule
from chitieu.reporting.services import (
    LOCKED_MESSAGES,
    FigureConflict,
    FigureError,
    figure_save,
)

from .models import GrowthScenario, SeriesIndicator
from .selectors import series_labels

PLACES = Decimal("0.000001")  # what a figure keeps (DecimalField, 6 places)
GRDP_GROWTH = "Tốc độ tăng tổng sản phẩm trên địa bàn (GRDP) theo giá so sánh"


def indicator_name(series: str, label: str, top: str) -> str:
    """The catalog name of a series' growth: GRDP's own, or the sector's value added."""
    if series == top:
        return GRDP_GROWTH
    return f"Tốc độ tăng giá trị tăng thêm theo giá so sánh: {label}"


@transaction.atomic
def series_indicators_ensure(*, scenario: GrowthScenario) -> dict[str, Indicator]:
    """An indicator (%, reported by quarter) for each series of the scenario, bound to it once,
    with a range rule that refuses an index (107,02) typed where the rate (7,02) is meant, on every
    path that saves a figure (form, Excel upload, API)."""
    data = scenario.latest.data
    labels = series_labels(data)
    used = {p for parts in data.get("aggregates", {}).values() for p in parts}
    tops = [a for a in data.get("aggregates", {}) if a not in used]
    top = tops[0] if tops else ""
    out: dict[str, Indicator] = {}
    for series in [*data.get("components", {}), *data.get("aggregates", {})]:
        bound = SeriesIndicator.objects.filter(scenario=scenario, series=series).first()
        if bound is not None:
            out[series] = bound.indicator
            _rate_range(bound.indicator)
            continue
        name = indicator_name(series, labels.get(series, series), top)
        indicator, _ = Indicator.objects.get_or_create(
            key=indicator_key(name, "%"), defaults={"name": name, "unit": "%"}
        )
        ReportingSpec.objects.update_or_create(
            indicator=indicator, defaults={"frequency": Frequency.QUARTER}
        )
        SeriesIndicator.objects.create(scenario=scenario, series=series, indicator=indicator)
        _rate_range(indicator)
        out[series] = indicator
    return out


def _rate_range(indicator: Indicator) -> None:
    """A quarter's growth of a sector stays well inside ±60 %; from 60 on it is an index."""
    ValidationRule.objects.get_or_create(
        indicator=indicator,
        kind=RuleKind.PERCENT_RANGE,
        defaults={"params": {"min": -int(INDEX_LOOKALIKE[0]), "max": int(INDEX_LOOKALIKE[0])}},
    )


@dataclass
class AccountsResult:
    """What an import of the statistics office's workbook saved, and what it said about the file."""

    saved: int = 0
    unchanged: int = 0
    notes: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@transaction.atomic
def accounts_import(
    *,
    user: Any,
    scenario: GrowthScenario,
    workbook: Workbook,
    organization: Organization,
    year: int | None = None,
) -> AccountsResult:
    """Save the workbook's growth at constant prices for the scenario's series as draft figures of
    ``organization`` (each cell with its own vintage); one refused cell saves nothing."""
    indicators = series_indicators_ensure(scenario=scenario)
    result = AccountsResult(notes=list(workbook.notes))
    cells = [
        c
        for c in workbook.cells
        if c.series in indicators
        and c.prices == "constant"
        and c.measure in ("index", "rate")
        and (year is None or c.period.startswith(str(year)))
    ]
    if not cells:
        result.errors.append(
            f"{workbook.name}: không có ô tăng trưởng theo giá so sánh nào của các chuỗi kịch bản."
        )
        return result
    for cell in cells:
        if not cell.vintage:
            result.errors.append(
                f"{workbook.name}, {cell.where}: không ghi loại số liệu (ước tính, sơ bộ); "
                "ghi rõ trên tiêu đề cột rồi nhập lại."
            )
            continue
        if cell.measure == "rate" and looks_like_index(cell.rate):
            # the column says rate, the number is an index: ask, never read it as 107 % growth
            result.errors.append(
                f"{workbook.name}, {cell.where}: {format_number(cell.rate, 2)} trông như chỉ số "
                f"(cùng kỳ = 100) trong cột tốc độ tăng: có phải "
                f"{format_number(cell.rate - 100, 2)} %? Sửa ô hoặc tiêu đề cột rồi nhập lại."
            )
            continue
        if cell.measure == "index" and cell.value < INDEX_LOOKALIKE[0]:
            result.errors.append(
                f"{workbook.name}, {cell.where}: {format_number(cell.value, 2)} trông như tốc độ "
                f"tăng trong cột chỉ số (cùng kỳ = 100): có phải chỉ số "
                f"{format_number(cell.value + 100, 2)}? Sửa ô hoặc tiêu đề cột rồi nhập lại."
            )
            continue
        comment = (
            "Kỳ cộng dồn các quý khác loại số liệu; ghi theo loại thấp nhất." if cell.mixed else ""
        )
        source = f"{workbook.name}, {cell.where}: {cell.label}"
        kind = "chỉ số (cùng kỳ = 100)" if cell.measure == "index" else "tốc độ tăng (%)"
        existing = Figure.objects.filter(
            indicator=indicators[cell.series],
            organization=organization,
            period_code=cell.period,
            vintage=cell.vintage,
        ).first()
        if existing is not None and existing.value == cell.rate.quantize(PLACES):
            result.unchanged += 1
            continue
        try:
            figure_save(
                user=user,
                indicator=indicators[cell.series],
                organization=organization,
                period_code=cell.period,
                vintage=cell.vintage,
                value=cell.rate.quantize(PLACES),
                comment=comment,
                source=f"{source} ({kind})",
                expected_revision=existing.revision if existing else 0,
            )
        except PermissionDenied as exc:
            result.errors.append(f"{workbook.name}: {exc}")
            break
        except FigureConflict as exc:
            result.errors.append(f"{workbook.name}, {cell.where}: {exc}")
            continue
        except FigureError as exc:
            if str(exc) in LOCKED_MESSAGES:  # approved, or waiting in the workflow
                result.unchanged += 1
                continue
            result.errors.append(f"{workbook.name}, {cell.where}: {exc}")
            continue
        result.saved += 1
    if result.errors:
        transaction.set_rollback(True)
        result.saved = 0
    return result
