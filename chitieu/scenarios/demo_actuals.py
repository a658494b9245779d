"""Seed 004's first half as the statistics office's figures, the same period a year earlier, and the
scenario adopted at the start of 2026 that its sentence compares with (7,02 + 2,22 = 9,24 %)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal as D
from zoneinfo import ZoneInfo

from django.db import transaction

from chitieu.core.growth import Rule, Scenario, TargetSpec, solve
from chitieu.organizations.models import Organization
from chitieu.reporting.choices import Action, FigureStatus, Vintage
from chitieu.reporting.models import Figure, FigureAudit

from . import demo, demo_drivers
from .accounts import series_indicators_ensure
from .models import GrowthScenario, ScenarioVersion

VN = ZoneInfo("Asia/Ho_Chi_Minh")
OFFICE = "Thống kê tỉnh"
SOURCE = "Kế hoạch thực hiện kịch bản tăng trưởng kinh tế 6 tháng cuối năm 2026, mục I"
# "… ước tăng 7,02% so với cùng kỳ, thấp hơn 2,22% so với kịch bản, thấp hơn 1,35% so với cùng kỳ"
H1_ACTUAL = D("7.02")
H1_SCENARIO = H1_ACTUAL + D("2.22")
H1_LAST_YEAR = H1_ACTUAL + D("1.35")
START_OF_YEAR_ADOPTED = datetime(2026, 1, 20, 9, 0, tzinfo=VN)
SEED_004_ADOPTED = datetime(2026, 7, 2, 17, 0, tzinfo=VN)  # after Kết luận 401-KL/TU


def start_of_year_input() -> dict[str, object]:
    """The start-of-year scenario as seed 004 implies it: its first half 9,24 % for GRDP, every
    sector's first two quarters raised by the same points over what came in; the second half as
    seed 004 plans it. Only GRDP's first half is known; the split over sectors is this demo's."""
    data = demo.engine_input()
    s = Scenario.from_json({k: v for k, v in data.items() if k not in ("solve", "targets")})
    cells = [(c, q) for c in s.components for q in (0, 1)]
    solved, _, _ = solve(s, cells, [TargetSpec("GRDP", "H1", H1_SCENARIO)], Rule("additive"))
    return {
        "components": data["components"],
        "aggregates": data["aggregates"],
        "base": data["base"],
        "growth": {
            c: [str(g.quantize(D("1e-12"))) for g in solved.growth[c]] for c in s.components
        },
        "rule": {"kind": "additive"},
    }


def _figure(indicator_id: int, office: Organization, code: str, vintage: str, value: D) -> int:
    figure, created = Figure.objects.get_or_create(
        indicator_id=indicator_id,
        organization=office,
        period_code=code,
        vintage=vintage,
        defaults={"value": value, "source": SOURCE, "status": FigureStatus.APPROVED},
    )
    if created:
        FigureAudit.objects.create(
            figure=figure,
            action=Action.CREATE,
            new_value=value,
            vintage=vintage,
            status_to=FigureStatus.APPROVED,
            reason=f"Nạp từ văn bản: {SOURCE}",
        )
    return int(created)


@transaction.atomic
def load(scenario: GrowthScenario) -> int:
    """Bind the scenario's series to indicators and load the first half of 2026, and the drivers
    with their demo months; returns figures created (a second run adds nothing)."""
    # the demo's versions as the province adopted them (a database loaded before the start-of-year
    # version existed keeps its single version unadopted)
    has_start_of_year = scenario.versions.filter(number=1, published__isnull=True).exists()
    for number, adopted in ((1, START_OF_YEAR_ADOPTED), (2, SEED_004_ADOPTED)):
        if has_start_of_year:
            ScenarioVersion.objects.filter(
                scenario=scenario, number=number, adopted_at__isnull=True
            ).update(adopted_at=adopted, status=ScenarioVersion.Status.ADOPTED)
    indicators = series_indicators_ensure(scenario=scenario)
    office = Organization.objects.get(name=OFFICE)
    created = 0
    for series, values in demo.TABLE.items():
        if series not in indicators:
            continue
        for key, value in zip(("Q1", "Q2", "H1"), values[:3], strict=True):
            created += _figure(
                indicators[series].pk, office, f"2026-{key}", Vintage.ESTIMATE, D(value)
            )
    created += _figure(indicators["GRDP"].pk, office, "2025-H1", Vintage.OFFICIAL, H1_LAST_YEAR)
    # the drivers seed 004 names, with made-up monthly figures marked as demo in their source
    created += demo_drivers.load(scenario)
    return created
