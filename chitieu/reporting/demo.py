"""Demo data for reporting: users with roles, reporting rules, and 2021-2025 actuals from seed 003."""

from __future__ import annotations

from decimal import Decimal as D

from django.contrib.auth import get_user_model
from django.db import transaction

from chitieu.access.choices import Role
from chitieu.access.models import Membership
from chitieu.catalog.models import Indicator
from chitieu.organizations.models import Organization

from .choices import Action, FigureStatus, Frequency, RuleKind, Vintage
from .models import Figure, FigureAudit, ReportingSpec, ValidationRule

SOURCE = "Kế hoạch phát triển KT-XH 5 năm 2026-2030, phần đánh giá 2021-2025 (văn bản 003)"
PASSWORD = "chitieu-demo"
USERS = [
    ("thongke", "Thống kê tỉnh", Role.REVIEWER),
    # the statistics office also enters figures it leads (GRDP, population): another person there
    ("tknhap", "Thống kê tỉnh", Role.REPORTER),
    ("taichinh", "Sở Tài chính", Role.COMPILER),
    ("nnmt", "Sở Nông nghiệp và Môi trường", Role.REPORTER),
    ("yte", "Sở Y tế", Role.REPORTER),
    ("giaoduc", "Sở Giáo dục và Đào tạo", Role.REPORTER),
    ("lanhdao", "UBND tỉnh Lạng Sơn", Role.LEADER),
]
GRDP_GROWTH = "Tốc độ tăng tổng sản phẩm trên địa bàn (GRDP) bình quân hằng năm theo giá so sánh"
# (indicator name, parent name or None, unit, organisation, period, vintage, value, where the document says it)
HISTORY = [
    (
        GRDP_GROWTH,
        None,
        "%",
        "Thống kê tỉnh",
        "2021",
        Vintage.OFFICIAL,
        "6.75",
        "chú thích [1]: năm 2021 tăng 6,75%",
    ),
    (
        GRDP_GROWTH,
        None,
        "%",
        "Thống kê tỉnh",
        "2022",
        Vintage.OFFICIAL,
        "6.63",
        "chú thích [1]: năm 2022 tăng 6,63%",
    ),
    (
        GRDP_GROWTH,
        None,
        "%",
        "Thống kê tỉnh",
        "2023",
        Vintage.OFFICIAL,
        "7.70",
        "chú thích [1]: năm 2023 tăng 7,70%",
    ),
    (
        GRDP_GROWTH,
        None,
        "%",
        "Thống kê tỉnh",
        "2024",
        Vintage.OFFICIAL,
        "6.01",
        "chú thích [1]: năm 2024 tăng 6,01%",
    ),
    (
        GRDP_GROWTH,
        None,
        "%",
        "Thống kê tỉnh",
        "2025",
        Vintage.ESTIMATE,
        "8.41",
        "chú thích [1]: năm 2025 ước tăng 8,41%",
    ),
    (
        "Nông, lâm nghiệp và thủy sản",
        "Cơ cấu tổng sản phẩm trên địa bàn",
        "%",
        "Thống kê tỉnh",
        "2025",
        Vintage.ESTIMATE,
        "20.51",
        "năm 2025 … chiếm 20,51%",
    ),
    (
        "Công nghiệp - xây dựng",
        "Cơ cấu tổng sản phẩm trên địa bàn",
        "%",
        "Thống kê tỉnh",
        "2025",
        Vintage.ESTIMATE,
        "28.06",
        "công nghiệp - xây dựng chiếm 28,06%",
    ),
    (
        "Dịch vụ",
        "Cơ cấu tổng sản phẩm trên địa bàn",
        "%",
        "Thống kê tỉnh",
        "2025",
        Vintage.ESTIMATE,
        "47.22",
        "dịch vụ chiếm 47,22%",
    ),
    (
        "Thuế sản phẩm trừ trợ cấp sản phẩm",
        None,
        "%",
        "Thống kê tỉnh",
        "2025",
        Vintage.ESTIMATE,
        "4.21",
        "thuế sản phẩm … chiếm 4,21%",
    ),
    (
        "Tổng sản phẩm trên địa bàn bình quân đầu người",
        None,
        "Triệu đồng",
        "Thống kê tỉnh",
        "2025",
        Vintage.ESTIMATE,
        "71.1",
        "GRDP bình quân đầu người năm 2025 ước đạt 71,1 triệu đồng",
    ),
    (
        "Tỷ lệ che phủ rừng",
        None,
        "%",
        "Sở Nông nghiệp và Môi trường",
        "2025",
        Vintage.ESTIMATE,
        "64.3",
        "tỷ lệ che phủ rừng hết năm 2025 ước đạt 64,3%",
    ),
    (
        "Giảm tỷ lệ hộ nghèo hằng năm (theo chuẩn nghèo đa chiều giai đoạn 2026 - 2030)",
        None,
        "%/năm",
        "Sở Nông nghiệp và Môi trường",
        "2021-2025",
        Vintage.ESTIMATE,
        "2.71",
        "tỷ lệ hộ nghèo giảm từ 7,88% năm 2020 xuống còn 1,36% năm 2025, bình quân hằng năm giảm 2,71%",
    ),
    (
        "Tỷ lệ lao động đã qua đào tạo",
        None,
        "%",
        "Sở Giáo dục và Đào tạo",
        "2025",
        Vintage.ESTIMATE,
        "65",
        "tỷ lệ lao động qua đào tạo đạt 65%",
    ),
    (
        "Tỷ lệ lao động đã qua đào tạo có bằng cấp, chứng chỉ",
        None,
        "%",
        "Sở Giáo dục và Đào tạo",
        "2025",
        Vintage.ESTIMATE,
        "30",
        "có bằng cấp, chứng chỉ đạt 30%",
    ),
    (
        "Số bác sĩ bình quân trên 10.000 dân",
        None,
        "Bác sĩ",
        "Sở Y tế",
        "2025",
        Vintage.ESTIMATE,
        "12.5",
        "có 12,5 bác sĩ … /1 vạn dân",
    ),
    (
        "Số giường bệnh trên 10.000 dân",
        None,
        "Giường",
        "Sở Y tế",
        "2025",
        Vintage.ESTIMATE,
        "34",
        "34 giường bệnh/1vạn dân",
    ),
]


def _indicator(name: str, parent: str | None, unit: str) -> Indicator:
    # The indicators of Kế hoạch 130/KH-UBND, whose 2026-2030 targets these actuals lead into.
    qs = Indicator.objects.filter(
        name=name, unit=unit, targets__plan__number="130/KH-UBND"
    ).distinct()
    if parent:
        qs = qs.filter(parent__name=parent)
    return qs.get()


def _share_of_a_whole(name: str) -> bool:
    """A percentage that is a part of a whole (a rate, a share, communes meeting a standard) and
    so lies in 0 - 100, unlike a growth, a reduction or an index, which may pass 100 or go below
    zero."""
    low = name.lower()
    return low.startswith(("tỷ lệ", "tỉ lệ", "tỷ trọng")) or not any(
        word in low for word in ("tăng", "giảm", "tốc độ", "chỉ số")
    )


@transaction.atomic
def load() -> int:
    """Users, reporting rules and history; a second run adds nothing. Returns figures created."""
    User = get_user_model()
    for username, org_name, role in USERS:
        user, created = User.objects.get_or_create(username=username)
        if created:
            user.set_password(PASSWORD)
            user.save()
        Membership.objects.get_or_create(
            user=user,
            defaults={"organization": Organization.objects.get(name=org_name), "role": role},
        )
    # The README's administrator account works as the finance department, so every page has data.
    demo_admin = User.objects.filter(username="demo").first()
    if demo_admin is not None:
        Membership.objects.get_or_create(
            user=demo_admin,
            defaults={
                "organization": Organization.objects.get(name="Sở Tài chính"),
                "role": Role.ADMIN,
            },
        )
    for ind in Indicator.objects.all():
        spec, _ = ReportingSpec.objects.get_or_create(indicator=ind)
        if ind.name == GRDP_GROWTH and spec.frequency != Frequency.QUARTER:
            spec.frequency = Frequency.QUARTER
            spec.save()
        if ind.unit.strip() == "%" and _share_of_a_whole(ind.name):
            ValidationRule.objects.get_or_create(
                indicator=ind,
                kind=RuleKind.PERCENT_RANGE,
                defaults={"params": {"min": 0, "max": 100}},
            )
        if ind.parent_id and ind.parent.is_structure:
            ValidationRule.objects.get_or_create(
                indicator=ind,
                kind=RuleKind.STRUCTURE_SUM,
                defaults={"params": {"tolerance": "0.1"}},
            )
        if ind.unit in ("Tỷ đồng", "Nghìn tỷ đồng", "Nghìn người", "Triệu đồng"):
            ValidationRule.objects.get_or_create(
                indicator=ind, kind=RuleKind.JUMP, defaults={"params": {"threshold": 20}}
            )
    per_capita = Indicator.objects.filter(
        name="Tổng sản phẩm trên địa bàn bình quân đầu người", unit="Triệu đồng"
    ).first()
    grdp = Indicator.objects.filter(
        name="Tổng sản phẩm trên địa bàn (GRDP)", unit="Tỷ đồng"
    ).first()
    population = Indicator.objects.filter(name="Dân số", unit="Nghìn người").first()
    if per_capita and grdp and population:
        ValidationRule.objects.get_or_create(
            indicator=per_capita,
            kind=RuleKind.PER_CAPITA,
            defaults={"params": {"total": grdp.pk, "population": population.pk}},
        )
    created = 0
    for name, parent, unit, org_name, period, vintage, value, quote in HISTORY:
        figure, was_created = Figure.objects.get_or_create(
            indicator=_indicator(name, parent, unit),
            organization=Organization.objects.get(name=org_name),
            period_code=period,
            vintage=vintage,
            defaults={
                "value": D(value),
                "source": f"{SOURCE}: “{quote}”",
                "status": FigureStatus.APPROVED,
            },
        )
        if was_created:
            FigureAudit.objects.create(
                figure=figure,
                action=Action.CREATE,
                new_value=figure.value,
                vintage=vintage,
                status_to=FigureStatus.APPROVED,
                reason=f"Nạp từ văn bản: {SOURCE}",
            )
            created += 1
    return created
