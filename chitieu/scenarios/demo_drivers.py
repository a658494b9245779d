"""The drivers seed 004 names for each sector, with the year's targets it states, and a few monthly
figures for the demo. The targets are the document's; the figures are NOT: they are made up to show
the page and are marked so in their source."""

from __future__ import annotations

from decimal import Decimal as D

from django.db import transaction

from chitieu.catalog.keys import indicator_key
from chitieu.catalog.models import Indicator
from chitieu.organizations.models import Organization
from chitieu.reporting.choices import Action, FigureStatus, Frequency, Vintage
from chitieu.reporting.models import Figure, FigureAudit, ReportingSpec

from .models import Driver, GrowthScenario

PLAN = "Kế hoạch thực hiện kịch bản tăng trưởng kinh tế 6 tháng cuối năm 2026"
DEMO_SOURCE = "Số liệu minh họa (demo), không phải số liệu công bố"
# (sector, indicator, unit, year's target or None, adds up by month, lead agency, where seed 004 says it)
DRIVERS = [
    (
        "I",
        "Chỉ số sản xuất công nghiệp (IIP, cùng kỳ năm trước = 100)",
        "%",
        None,
        False,
        "Sở Công Thương",
        f"{PLAN}, mục III.2.2.1: không nêu mục tiêu IIP (ngành công nghiệp phấn đấu tăng 15,33 %)",
    ),
    (
        "C",
        "Vốn đầu tư công từ ngân sách nhà nước giải ngân",
        "Tỷ đồng",
        D("6090"),
        True,
        "Sở Tài chính",
        f"{PLAN}, mục III.2.2.2: tổng kế hoạch vốn khoảng 6.090 tỷ đồng",
    ),
    (
        "S",
        "Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng",
        "Tỷ đồng",
        D("48338"),
        True,
        "Sở Công Thương",
        f"{PLAN}, mục III.2.3: năm 2026 đạt trên 48.338 tỷ đồng, tăng khoảng 17 %",
    ),
    (
        "S",
        "Số lượt khách du lịch",
        "Triệu lượt",
        D("5.12"),
        True,
        "Sở Văn hóa, Thể thao và Du lịch",
        f"{PLAN}, mục III.2.3: năm 2026 đón trên 5,12 triệu lượt khách du lịch",
    ),
    (
        "S",
        "Tổng thu từ khách du lịch",
        "Tỷ đồng",
        D("4900"),
        True,
        "Sở Văn hóa, Thể thao và Du lịch",
        f"{PLAN}, mục III.2.3: tổng thu từ khách du lịch đạt trên 4.900 tỷ đồng",
    ),
    (
        "T",
        "Thu ngân sách nhà nước từ hoạt động xuất nhập khẩu",
        "Tỷ đồng",
        D("18100"),
        True,
        "Chi cục Hải quan khu vực VI",
        f"{PLAN}, mục III.2.3 (8): phấn đấu thu NSNN năm 2026 đạt 18.100 tỷ đồng",
    ),
    (
        "S",
        "Kim ngạch xuất khẩu qua các cửa khẩu",
        "Triệu USD",
        None,
        True,
        "Ban Quản lý khu kinh tế cửa khẩu Đồng Đăng - Lạng Sơn",
        f"{PLAN}, mục III.2.3 (5): không nêu mục tiêu kim ngạch",
    ),
]
# Demo figures, by indicator name: the first half (cumulative), then July, August, September.
# Made up for the demo (see DEMO_SOURCE): public investment and tourism fall behind the pace the
# scenario needs, retail sales and the customs revenue keep it.
DEMO_FIGURES = {
    "Vốn đầu tư công từ ngân sách nhà nước giải ngân": ("2010", "420", "450", "480"),
    "Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng": ("23150", "3950", "4020", "4100"),
    "Số lượt khách du lịch": ("2.71", "0.28", "0.30", "0.27"),
    "Tổng thu từ khách du lịch": ("2380", "330", "345", "320"),
    "Thu ngân sách nhà nước từ hoạt động xuất nhập khẩu": ("8650", "1420", "1380", "1450"),
    "Chỉ số sản xuất công nghiệp (IIP, cùng kỳ năm trước = 100)": (None, "112.4", "115.1", "118.3"),
}
PERIODS = ("2026-H1", "2026-07", "2026-08", "2026-09")


def driver_indicator(name: str, unit: str) -> Indicator:
    """The catalog indicator of a driver, reported monthly."""
    indicator, _ = Indicator.objects.get_or_create(
        key=indicator_key(name, unit), defaults={"name": name, "unit": unit}
    )
    ReportingSpec.objects.get_or_create(
        indicator=indicator, defaults={"frequency": Frequency.MONTH}
    )
    return indicator


@transaction.atomic
def load(scenario: GrowthScenario) -> int:
    """Bind seed 004's drivers to the scenario and add the demo figures; returns figures created
    (a second run adds nothing)."""
    created = 0
    for order, (sector, name, unit, target, additive, lead, source) in enumerate(DRIVERS):
        indicator = driver_indicator(name, unit)
        org = Organization.objects.filter(name=lead).first()
        Driver.objects.get_or_create(
            scenario=scenario,
            indicator=indicator,
            defaults={
                "sector": sector,
                "target": target,
                "additive": additive,
                "lead": org,
                "source": source,
                "order": order,
            },
        )
        if org is None:
            continue
        for code, value in zip(PERIODS, DEMO_FIGURES.get(name, ()), strict=False):
            if value is None:
                continue
            figure, new = Figure.objects.get_or_create(
                indicator=indicator,
                organization=org,
                period_code=code,
                vintage=Vintage.ESTIMATE,
                defaults={
                    "value": D(value),
                    "source": DEMO_SOURCE,
                    "status": FigureStatus.APPROVED,
                },
            )
            if new:
                FigureAudit.objects.create(
                    figure=figure,
                    action=Action.CREATE,
                    new_value=figure.value,
                    vintage=figure.vintage,
                    status_to=FigureStatus.APPROVED,
                    reason=f"Nạp dữ liệu minh họa: {DEMO_SOURCE}",
                )
                created += 1
    return created
