"""Demo: the tasks of seed 004 for the second half of 2026, the monthly reporting chain, holidays."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, timedelta
from decimal import Decimal as D

from django.db import transaction

from chitieu.core.calendar import VN
from chitieu.organizations.models import Organization

from .models import Action, ObligationInstance
from .services import (
    action_create,
    action_update_add,
    calendar_setting,
    obligation_create,
    obligation_instance_submit,
    obligation_instances_generate,
)

SOURCE = "Kế hoạch thực hiện kịch bản tăng trưởng kinh tế 6 tháng cuối năm 2026"
# (lead, title, deadline, recurrence day, expected result, quantity, unit, section, coordinating)
ACTIONS = [
    (
        "Sở Tài chính",
        "Tham mưu thành lập Tổ công tác chỉ đạo thực hiện mục tiêu tăng trưởng kinh tế năm 2026",
        date(2026, 6, 8),
        None,
        "Quyết định thành lập Tổ công tác",
        None,
        "",
        "IV.3",
        [],
    ),
    (
        "Sở Tài chính",
        "Hoàn thành 13 dự án đầu tư công theo kế hoạch",
        date(2026, 12, 31),
        None,
        "Tổng khối lượng hoàn thành 4.445 tỷ đồng",
        D(13),
        "dự án",
        "III.2.2.2 (1)",
        [],
    ),
    (
        "Sở Tài chính",
        "Khởi công mới 10 dự án đầu tư công",
        date(2026, 12, 31),
        None,
        "Tổng khối lượng ước đạt 995 tỷ đồng",
        D(10),
        "dự án",
        "III.2.2.2 (1)",
        [],
    ),
    (
        "Sở Tài chính",
        "Xử lý dứt điểm các công trình, dự án chậm tiến độ, tồn đọng kéo dài theo Kế hoạch số 116/KH-UBND",
        date(2026, 12, 31),
        None,
        "27 công trình, dự án được xử lý",
        D(27),
        "công trình, dự án",
        "III.2.2.2 (1)",
        [],
    ),
    (
        "Sở Tài chính",
        "Tổng hợp báo cáo kết quả thực hiện mục tiêu tăng trưởng phục vụ họp Tổ công tác",
        None,
        18,
        "Báo cáo tháng chậm nhất ngày 18",
        None,
        "",
        "IV.3",
        ["Thống kê tỉnh"],
    ),
    (
        "Sở Xây dựng",
        "Khởi công Dự án nhà ở xã hội tại phường Đông Kinh",
        date(2026, 9, 30),
        None,
        "Khởi công trong quý III/2026",
        None,
        "",
        "III.2.2.2 (2)",
        [],
    ),
    (
        "Sở Xây dựng",
        "Hoàn thành căn hộ nhà ở xã hội năm 2026",
        date(2026, 12, 31),
        None,
        "Ít nhất 320 căn hộ",
        D(320),
        "căn hộ",
        "III.2.2.2 (2)",
        [],
    ),
    (
        "Sở Công Thương",
        "Tổ chức Hội chợ Thương mại, Du lịch quốc tế Việt - Trung (Lạng Sơn 2026)",
        date(2026, 12, 31),
        None,
        "Hội chợ được tổ chức",
        None,
        "",
        "III.3 (1)",
        ["Sở Văn hóa, Thể thao và Du lịch"],
    ),
    (
        "Sở Công Thương",
        "Bình ổn thị trường, cung ứng hàng hóa dịp Tết Dương lịch và Tết Nguyên đán năm 2027",
        date(2027, 1, 31),
        None,
        "Chương trình bình ổn thị trường được triển khai",
        None,
        "",
        "III.3 (1)",
        [],
    ),
    (
        "Sở Công Thương",
        "Hỗ trợ điểm giới thiệu và bán sản phẩm OCOP theo Nghị quyết số 30/2023/NQ-HĐND",
        date(2026, 12, 31),
        None,
        "02 điểm giới thiệu và bán sản phẩm OCOP",
        D(2),
        "điểm",
        "III.3 (1)",
        [],
    ),
    (
        "Sở Giáo dục và Đào tạo",
        "Hoàn thành đầu tư xây dựng các trường nội trú liên cấp tại các xã biên giới",
        date(2026, 8, 30),
        None,
        "Đưa vào sử dụng trước năm học mới",
        None,
        "",
        "III.3 (12)",
        ["Công an tỉnh"],
    ),
    (
        "Các sở, ban, ngành",
        "Rà soát, hoàn thiện kế hoạch thực hiện kịch bản tăng trưởng của cơ quan, đơn vị",
        date(2026, 7, 12),
        None,
        "Kế hoạch bù đắp phần tăng trưởng còn thiếu",
        None,
        "",
        "IV.2",
        [],
    ),
]
AGENCIES = [
    "Sở Nông nghiệp và Môi trường",
    "Sở Công Thương",
    "Sở Xây dựng",
    "Sở Y tế",
    "Sở Giáo dục và Đào tạo",
    "Sở Văn hóa, Thể thao và Du lịch",
]


def _slug(name: str) -> str:
    """An ASCII mailbox name from a Vietnamese one: "Sở Y tế" -> "so.y.te"."""
    text = unicodedata.normalize("NFD", name.lower()).replace("đ", "d")
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", ".", text).strip(".")


def _org(name: str) -> Organization:
    return Organization.objects.get(name=name)


@transaction.atomic
def load() -> int:
    """Load once; returns the number of actions created."""
    # the statutory holidays come from the calendar itself; the table holds only decisions on top
    calendar_setting()
    for org in Organization.objects.filter(active=True).exclude(kind="group"):
        if not org.email:
            org.email = f"{_slug(org.short_name or org.name)}@chitieu.example"
            org.head_email = f"thutruong.{org.email}"
            org.save(update_fields=["email", "head_email"])
    if Action.objects.filter(source=SOURCE).exists():
        return 0
    for lead, title, deadline, day, result, qty, unit, section, coord in ACTIONS:
        action_create(
            title=title,
            lead=_org(lead),
            coordinating=[_org(c) for c in coord],
            start_on=date(2026, 7, 1) if deadline and deadline >= date(2026, 7, 1) else None,
            deadline=deadline,
            recurrence_day=day,
            expected_result=result,
            quantity=qty,
            quantity_unit=unit,
            source=SOURCE,
            section=section,
        )
    action_update_add(
        action=Action.objects.get(title__startswith="Tham mưu thành lập Tổ công tác"),
        user=None,
        text="Đã trình Chủ tịch UBND tỉnh ký quyết định thành lập",
        percent=100,
    )
    action_update_add(
        action=Action.objects.get(title__startswith="Khởi công Dự án nhà ở xã hội"),
        user=None,
        text="Nhà đầu tư đang hoàn thiện thủ tục đất đai",
        percent=60,
    )
    _obligations()
    return len(ACTIONS)


def _obligations() -> None:
    stats, finance, province = (
        _org("Thống kê tỉnh"),
        _org("Sở Tài chính"),
        _org("UBND tỉnh Lạng Sơn"),
    )
    agencies = [
        obligation_create(
            name="Số liệu, kết quả thực hiện nhiệm vụ tăng trưởng tháng",
            organization=_org(a),
            recipient=stats,
            day=12,
        )
        for a in AGENCIES
    ]
    stat = obligation_create(
        name="Báo cáo tổng hợp số liệu tháng gửi Tổ trưởng Tổ công tác",
        organization=stats,
        recipient=finance,
        day=16,
        depends_on=agencies,
    )
    fin = obligation_create(
        name="Báo cáo kết quả thực hiện mục tiêu tăng trưởng phục vụ họp Tổ công tác",
        organization=finance,
        recipient=province,
        day=18,
        depends_on=[stat],
    )
    obligation_create(
        name="Báo cáo của UBND tỉnh gửi Ban Thường vụ Tỉnh ủy",
        organization=province,
        recipient=_org("Tỉnh ủy Lạng Sơn"),
        day=30,
        before=True,
        depends_on=[fin],
    )
    for month in ("2026-09", "2026-10", "2026-11"):
        obligation_instances_generate(period_code=month)
    # What happened for September and October: most on time, one late, one never sent.
    for inst in ObligationInstance.objects.filter(
        period_code__in=["2026-09", "2026-10"]
    ).select_related("obligation__organization"):
        name = inst.obligation.organization.name
        if inst.period_code == "2026-10" and name == "Sở Y tế":
            continue  # missing
        late = inst.period_code == "2026-10" and name == "Sở Xây dựng"
        at = inst.due_at + timedelta(days=2) if late else inst.due_at - timedelta(hours=30)
        obligation_instance_submit(instance=inst, at=at.astimezone(VN))
