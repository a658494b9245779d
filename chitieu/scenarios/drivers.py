"""Reads for the drivers of growth: each sector's driving indicators, their approved monthly figures
added up since January, against the pace the adopted scenario needs of the year's target; and who
would be told when an actual or a driver falls behind by more than a threshold."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from django.utils import timezone

from chitieu.core.growth import GrowthError, Scenario
from chitieu.core.growth.drivers import Pace, pace_share, quarter_levels
from chitieu.core.growth.model import PERIOD_LABELS
from chitieu.core.growth.solve import solve
from chitieu.core.numbers import format_number, trim_zeros
from chitieu.core.periods import Period, PeriodKind
from chitieu.reporting.counting import Counted, select
from chitieu.reporting.models import Figure

from .actuals import Reads, actuals_view
from .models import Driver, GrowthScenario, ScenarioVersion
from .selectors import series_labels

# Cumulative periods that start in January, by the month they end.
CUMULATIVE = {3: "Q1", 6: "H1", 9: "9M", 12: "year"}
CUMULATIVE_LABELS = {3: "Quý I", 6: "6 tháng", 9: "9 tháng", 12: "Cả năm"}
# Who answers for each part of GRDP (Phụ lục 1 of Kế hoạch 130/KH-UBND, row 1: the sectors' lead
# agencies; the finance department and the statistics office compile the whole).
SECTOR_LEADS = {
    "GRDP": ["Sở Tài chính", "Thống kê tỉnh"],
    "A": ["Sở Nông nghiệp và Môi trường"],
    "IC": ["Sở Công Thương", "Sở Xây dựng"],
    "I": ["Sở Công Thương"],
    "C": ["Sở Xây dựng"],
    "S": ["Sở Công Thương", "Sở Văn hóa, Thể thao và Du lịch"],
    "T": ["Thuế tỉnh", "Chi cục Hải quan khu vực VI"],
}
TASK_FORCE = "Sở Tài chính"
# Decimals of an amount added up or computed, by unit (lower case), as the documents' tables print
# them: "3.584,0" tỷ đồng, "5,12" triệu lượt. A target keeps the places the document gave it.
UNIT_DECIMALS = {"tỷ đồng": 1, "triệu đồng": 1, "triệu usd": 1, "triệu lượt": 2, "%": 2}
# What a driver counts, where a page of its own counts something close to it in another scope.
PUBLIC_INVESTMENT = "Vốn đầu tư công từ ngân sách nhà nước giải ngân"
SCOPES = {
    PUBLIC_INVESTMENT: (
        "Phạm vi: toàn bộ vốn đầu tư công từ ngân sách nhà nước của tỉnh do Sở Tài chính báo "
        "cáo (kế hoạch khoảng 6.090 tỷ đồng theo kịch bản: dự án hoàn thành 4.445, khởi công mới "
        "995, chương trình mục tiêu quốc gia 650). Trang Đầu tư công chỉ cộng các dự án có trong "
        "danh mục theo dõi ở đó, nên số của trang ấy nhỏ hơn."
    ),
}  # the task force's standing member, told of every shortfall


def _who(*names: str) -> list[str]:
    """Each organisation once, in order."""
    return list(dict.fromkeys(names))


def _lower(unit: str) -> str:
    return unit[:1].lower() + unit[1:]


def _code(year: int, key: str) -> str:
    return str(year) if key == "year" else f"{year}-{key}"


@dataclass
class DriverRow:
    """One driver: its months, the cumulative figure and the pace the scenario needs by then."""

    driver: Driver
    sector_label: str
    months: list[tuple[int, Counted]] = field(default_factory=list)
    totals: list[tuple[int, Counted]] = field(default_factory=list)  # Q1, H1, 9M figures
    month: int | None = None  # the month the cumulative figure runs to
    cumulative: Decimal | None = None
    latest: Counted | None = None  # for a driver that does not add up (an index)
    pace: Pace | None = None
    note: str = ""

    @property
    def behind(self) -> bool:
        return self.pace is not None and self.pace.behind

    @property
    def unit(self) -> str:
        return self.driver.indicator.unit

    @property
    def unit_in_text(self) -> str:
        """The unit inside a sentence: "tỷ đồng", "triệu lượt"."""
        return _lower(self.unit)

    @property
    def decimals(self) -> int:
        """Places of a figure added up or computed, by unit, as the documents' tables print it
        (3.584,0 tỷ đồng; 5,12 triệu lượt); an unknown unit by its size."""
        places = UNIT_DECIMALS.get(self.unit.strip().lower())
        if places is not None:
            return places
        target = self.driver.target
        return 2 if target is not None and abs(target) < 100 else 1

    def _fmt(self, value: Decimal | None) -> str:
        return "" if value is None else format_number(value, self.decimals)

    @property
    def target_text(self) -> str:
        """The year's target as the document prints it: 6.090 tỷ đồng, not 6.090,0."""
        target = self.driver.target
        if target is None:
            return ""
        own = max(-trim_zeros(target).as_tuple().exponent, 0)  # type: ignore[operator]
        return format_number(target, min(own, self.decimals))

    @property
    def scope(self) -> str:
        """What the figure counts, where another page counts something near it differently."""
        return SCOPES.get(self.driver.indicator.name, "")

    @property
    def cumulative_text(self) -> str:
        return self._fmt(self.cumulative if self.driver.additive else None) or (
            self._fmt(self.latest.value) if self.latest else ""
        )

    @property
    def expected_text(self) -> str:
        return self._fmt(self.pace.expected) if self.pace else ""

    @property
    def months_text(self) -> str:
        """The figures reported: "6 tháng: 2.010,0 · T7: 420,0 · T8: 450,0"."""
        return " · ".join(
            [f"{CUMULATIVE_LABELS[m]}: {self._fmt(c.value)}" for m, c in self.totals]
            + [f"T{m}: {self._fmt(c.value)}" for m, c in self.months]
        )

    @property
    def verdict(self) -> str:
        if self.pace is not None:
            return "Chậm so với tiến độ kịch bản" if self.behind else "Đạt tiến độ kịch bản"
        return self.note


@dataclass
class DriversView:
    """The drivers of a scenario's year, as of a date (or everything reported so far)."""

    rows: list[DriverRow] = field(default_factory=list)
    version: ScenarioVersion | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def behind(self) -> list[DriverRow]:
        return [r for r in self.rows if r.behind]


def _planned(version: ScenarioVersion, reads: Reads) -> Scenario | None:
    """The version with its unknown cells solved, as its table prints it."""
    try:
        s, cells, targets, rule, _ = reads.parsed(version.data)
        if targets:
            s, _, _ = solve(s, cells, targets, rule)
    except GrowthError:
        return None
    return s


def _cumulative(
    months: dict[int, Counted], totals: dict[int, Counted], up_to: int
) -> tuple[int, Decimal] | None:
    """The latest month through which the figures add up since January: a cumulative figure (Q1,
    H1, 9M, year) and the months after it, or the months alone; None when a month is missing."""
    for m in range(up_to, 0, -1):
        for start in (12, 9, 6, 3, 0):
            if start > m or (start and start not in totals):
                continue
            rest = range(start + 1, m + 1)
            if all(k in months for k in rest):
                base = totals[start].value if start else Decimal(0)
                return m, base + sum((months[k].value for k in rest), Decimal(0))
    return None


def drivers_view(
    scenario: GrowthScenario,
    as_of: date | None = None,
    version: ScenarioVersion | None = None,
    reads: Reads | None = None,
) -> DriversView:
    """Every driver of the scenario with its approved figures up to ``as_of``, paced by the
    adopted version (the one in force at ``as_of``); trials never set the pace."""
    view = DriversView()
    drivers = list(Driver.objects.filter(scenario=scenario).select_related("indicator", "lead"))
    if not drivers:
        return view
    year = scenario.year
    reads = reads or Reads(scenario)
    if version is None:
        if as_of is not None:
            at = timezone.make_aware(datetime.combine(as_of, time.max))
            version = reads.version_in_force(year, at)
        else:
            version = scenario.adopted
    view.version = version
    planned = _planned(version, reads) if version is not None else None
    if version is None:
        view.notes.append(
            "Chưa có phiên bản kịch bản được thông qua: chưa tính tiến độ cần đạt của các động lực."
        )
    labels = series_labels((version or scenario.latest).data)
    limit = 12 if as_of is None or as_of.year > year else (as_of.month if as_of.year == year else 0)
    if as_of is not None and as_of.year == year and Period.month(year, limit).end > as_of:
        limit -= 1  # a month counts once it has ended
    figures = list(
        Figure.objects.filter(
            indicator_id__in=[d.indicator_id for d in drivers], period_code__startswith=str(year)
        ).select_related("organization")
    )
    for d in drivers:
        row = DriverRow(d, labels.get(d.sector, d.sector))
        chosen = select(
            figures, indicator_id=d.indicator_id, responsible={d.lead_id} if d.lead_id else set()
        ).values
        months: dict[int, Counted] = {}
        totals: dict[int, Counted] = {}
        for code, counted in chosen.items():
            p = Period.parse(code)
            if p.year != year:
                continue
            if p.kind == PeriodKind.MONTH and p.index <= limit:
                months[p.index] = counted
            for end, key in CUMULATIVE.items():
                if code == _code(year, key) and end <= limit:
                    totals[end] = counted
        row.months = sorted(months.items())
        row.totals = sorted(totals.items())
        if not d.additive:
            if row.months:
                row.month, row.latest = row.months[-1]
            row.note = "Chỉ số, không cộng dồn; văn bản không nêu mục tiêu cả năm."
            view.rows.append(row)
            continue
        found = _cumulative(months, totals, limit)
        if found is not None:
            row.month, row.cumulative = found
        if d.target is None:
            row.note = "Văn bản kịch bản không nêu mục tiêu cả năm."
        elif row.cumulative is None:
            row.note = "Chưa đủ số liệu đã duyệt từ tháng 1 để cộng dồn."
        elif planned is None or d.sector not in planned.series:
            row.note = f"Kịch bản không có khu vực “{d.sector}” để tính tiến độ."
        else:
            assert row.month is not None
            share = pace_share(quarter_levels(planned, d.sector), row.month)
            row.pace = Pace(d.target, share, row.cumulative)
        view.rows.append(row)
    return view


@dataclass(frozen=True)
class Behind:
    """Who would be notified, about what, and why."""

    organizations: list[str]
    subject: str
    reason: str


def behind_threshold(
    scenario: GrowthScenario,
    *,
    as_of: date,
    points: Decimal = Decimal("1"),
    percent: Decimal = Decimal("5"),
) -> list[Behind]:
    """Who would be notified on ``as_of`` and why: a series whose actual growth is more than
    ``points`` percentage points below the adopted scenario (its latest period with an actual),
    and a driver more than ``percent`` % short of the pace the scenario needs. Nothing is sent:
    the list is what a notice would carry (the in-app notices are another app's)."""
    out: list[Behind] = []
    at = timezone.make_aware(datetime.combine(as_of, time.max))
    reads = Reads(scenario)
    version = reads.version_in_force(scenario.year, at)
    if version is not None:
        actual = actuals_view(scenario, version, as_of=as_of, reads=reads)
        for series, label, _, cells in actual.rows:
            latest: tuple[str, Any, Decimal, Decimal] | None = None
            for (key, _), (a, planned, gap) in zip(actual.columns, cells, strict=True):
                if a is not None and planned is not None and gap is not None:
                    latest = (key, a, planned, gap)
            if latest is None:
                continue
            key, a, planned, gap = latest
            if gap < -points:
                out.append(
                    Behind(
                        _who(*SECTOR_LEADS.get(series, []), TASK_FORCE),
                        label,
                        f"{label} {PERIOD_LABELS[key]} tăng {format_number(a.value, 2)} %, thấp hơn "
                        f"kịch bản ({format_number(planned, 2)} %) {format_number(-gap, 2)} điểm %, "
                        f"quá ngưỡng {format_number(points)} điểm %.",
                    )
                )
    for row in drivers_view(scenario, as_of=as_of, reads=reads).rows:
        pace = row.pace
        if pace is None or pace.shortfall_percent() <= percent:
            continue
        lead = [row.driver.lead.name] if row.driver.lead else []
        out.append(
            Behind(
                _who(*lead, TASK_FORCE),
                row.driver.indicator.name,
                f"Lũy kế đến hết tháng {row.month} đạt {row.cumulative_text} {row.unit_in_text}, "
                f"bằng {format_number(pace.percent_of_pace, 1)} % mức kịch bản cần "
                f"({row.expected_text} {row.unit_in_text}); thiếu "
                f"{format_number(pace.shortfall_percent(), 1)} %, quá ngưỡng "
                f"{format_number(percent)} %.",
            )
        )
    return out
