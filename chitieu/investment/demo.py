"""Demo data: the projects seed 004 names (section 2.2.2, "Về xây dựng"), with their groups,
amounts and dates as printed, and a monthly disbursement history that is INVENTED FOR THE DEMO.

What comes from the document: project names, which group they are listed in, the totals and counts
of the groups, the amount printed beside a project, and the dates it prints (cầu Cửa Nam khởi công
tháng 11/2026, cầu Bến Bắc and cầu - ngầm Xứ Lạng 12/2026, projects to start before 31/7/2026).
What is invented: project codes, managing agencies, communes, how 4.445 tỷ đồng is shared among
the 13 completions (the document gives only the total), start dates not printed, every monthly
disbursement and commitment (entry source "demo"), and the three obstacles."""

from __future__ import annotations

import hashlib
from datetime import date
from decimal import Decimal as D

from django.contrib.auth import get_user_model
from django.db import transaction

from chitieu.access.choices import Role
from chitieu.access.models import Membership
from chitieu.actions.services import action_create
from chitieu.organizations.choices import OrgKind
from chitieu.organizations.models import Organization
from chitieu.organizations.services import organization_create

from .choices import CapitalSource as S
from .choices import DisbursementStatus, EntrySource, MilestoneKind, ObstacleKind
from .choices import ProjectGroup as G
from .models import Commitment, Disbursement, Obstacle, PrintedGroup, Project
from .services import project_create

YEAR = 2026
SOURCE = "Kế hoạch thực hiện kịch bản tăng trưởng kinh tế 6 tháng cuối năm 2026, mục 2.2.2"
DEMO_NOTE = "Dữ liệu minh họa (không phải số liệu thật của Kho bạc)."
# the month whose figures are the latest approved; the next month is entered and awaiting approval
APPROVED_THROUGH = 10

BQLDA = "Ban Quản lý dự án đầu tư xây dựng tỉnh"
BQLGT = "Ban Quản lý đầu tư xây dựng công trình giao thông tỉnh"
BQLKKT = "Ban Quản lý khu kinh tế cửa khẩu Đồng Đăng - Lạng Sơn"
CONG_THUONG = "Sở Công Thương"
NNMT = "Sở Nông nghiệp và Môi trường"
VH = "Sở Văn hóa, Thể thao và Du lịch"
DT = "Sở Dân tộc và Tôn giáo"
TC = "Sở Tài chính"
YT = "Sở Y tế"
XD = "Sở Xây dựng"
NEW_AGENCIES = [BQLDA, BQLGT]

# (code, parent, name, printed total, printed count, open-ended list)
GROUPS = [
    ("nsnn", None, "Vốn ngân sách nhà nước năm 2026", D(6090), None, False),
    ("hoan-thanh", "nsnn", "Nhóm dự án hoàn thành trong năm kế hoạch", D(4445), 13, False),
    ("khoi-cong-moi", "nsnn", "Nhóm dự án khởi công mới", D(995), 10, False),
    ("ctmtqg", "nsnn", "Nguồn vốn thực hiện Chương trình mục tiêu quốc gia", D(650), None, False),
    ("ngoai-ngan-sach", None, "Dự án đầu tư ngoài ngân sách", D(8656), None, True),
    ("nns-hoan-thanh", "ngoai-ngan-sach", "Ngoài ngân sách: hoàn thành năm 2026", None, None, True),
    (
        "nns-trien-khai",
        "ngoai-ngan-sach",
        "Ngoài ngân sách: triển khai mạnh 6 tháng cuối năm",
        None,
        None,
        True,
    ),
    (
        "nns-khoi-cong",
        "ngoai-ngan-sach",
        "Ngoài ngân sách: chuẩn bị khởi công trước 31/7/2026",
        None,
        None,
        True,
    ),
    ("chuan-bi", None, "Nhóm dự án chuẩn bị đầu tư (2 - 10 tỷ đồng/dự án)", None, None, True),
    (
        "ton-dong",
        None,
        "Công trình, dự án chậm tiến độ, tồn đọng kéo dài (Kế hoạch số 116/KH-UBND)",
        None,
        27,
        False,
    ),
]

END = date(YEAR, 12, 31)
# (code, printed group, name, group, source, agency, printed amount, demo plan, communes,
#  planned start, actual start, planned completion, demo pace: share of the even path disbursed)
# fmt: off
PROJECTS = [
    ("HT01", "hoan-thanh", "Trường phổ thông nội trú TH&THCS Kiên Mộc, xã Kiên Mộc", G.COMPLETION, S.PROVINCIAL, BQLDA, None, D(85), ["Xã Kiên Mộc"], None, date(2025, 5, 12), END, D("0.97")),
    ("HT02", "hoan-thanh", "Trường phổ thông nội trú Tiểu học và Trung học cơ sở Quốc Khánh", G.COMPLETION, S.PROVINCIAL, BQLDA, None, D(85), ["Xã Quốc Khánh"], None, date(2025, 5, 20), END, D("0.95")),
    ("HT03", "hoan-thanh", "Trường phổ thông nội trú TH&THCS Khuất Xá, xã Khuất Xá", G.COMPLETION, S.PROVINCIAL, BQLDA, None, D(85), ["Xã Khuất Xá"], None, date(2025, 6, 2), END, D("0.78")),
    ("HT04", "hoan-thanh", "Trường phổ thông nội trú Tiểu học và Trung học cơ sở Mẫu Sơn", G.COMPLETION, S.PROVINCIAL, BQLDA, None, D(85), ["Xã Mẫu Sơn"], None, date(2025, 6, 10), END, D("1.00")),
    ("HT05", "hoan-thanh", "Đường tránh ĐT.226 (đoạn qua thị trấn Bình Gia, Văn Mịch) và khu TĐC, DC thị trấn Bình Gia", G.COMPLETION, S.PROVINCIAL, BQLGT, None, D(160), ["Xã Bình Gia"], None, date(2024, 9, 1), END, D("0.92")),
    ("HT06", "hoan-thanh", "Tuyến cao tốc cửa khẩu Hữu Nghị - Chi Lăng theo hình thức BOT", G.COMPLETION, S.PPP, BQLGT, None, D(1350), ["Phường Đồng Đăng", "Xã Chi Lăng"], None, date(2023, 10, 1), END, D("0.90")),
    ("HT07", "hoan-thanh", "Đường giao thông kết nối Quốc lộ 4B với Quốc lộ 18", G.COMPLETION, S.CENTRAL, BQLGT, None, D(220), ["Xã Đình Lập"], None, date(2024, 8, 15), END, D("0.62")),
    ("HT08", "hoan-thanh", "Nút giao cao tốc vào khu công nghiệp Hữu Lũng", G.COMPLETION, S.CENTRAL, BQLGT, None, D(120), ["Xã Hữu Lũng"], None, date(2025, 3, 1), END, D("0.96")),
    ("HT09", "hoan-thanh", "Hệ thống trạm bơm điện Bản Chúc, huyện Văn Lãng, Văn Quan", G.COMPLETION, S.PROVINCIAL, NNMT, None, D(60), ["Xã Văn Quan"], None, date(2025, 2, 1), END, D("0.85")),
    ("HT10", "hoan-thanh", "Dự án đầu tư xây dựng tuyến cao tốc Đồng Đăng (Lạng Sơn) - Trà Lĩnh (Cao Bằng)", G.COMPLETION, S.PPP, BQLGT, None, D(1600), ["Phường Đồng Đăng"], None, date(2023, 1, 1), END, D("0.58")),
    ("HT11", "hoan-thanh", "Dự án Mở rộng đường vận chuyển hàng hóa chuyên dụng tại khu vực mốc 1119-1120 Cửa khẩu quốc tế Hữu Nghị", G.COMPLETION, S.CENTRAL, BQLKKT, None, D(260), ["Phường Đồng Đăng"], None, date(2025, 1, 15), END, D("0.93")),
    ("HT12", "hoan-thanh", "Dự án Mở rộng đường chuyên dụng vận chuyển hàng hoá khu vực mốc 1088/2-1089", G.COMPLETION, S.CENTRAL, BQLKKT, None, D(240), ["Xã Văn Lãng"], None, date(2025, 1, 20), END, D("0.88")),
    ("HT13", "hoan-thanh", "Dự án Toà nhà làm việc liên ngành tại đường chuyên dụng vận chuyển hàng hoá khu vực mốc 1088/2-1089", G.COMPLETION, S.CENTRAL, BQLKKT, None, D(95), ["Xã Văn Lãng"], None, date(2025, 4, 1), END, D("0.99")),
    ("KM01", "khoi-cong-moi", "Dự án Đầu tư xây dựng cầu cửa Nam", G.NEW_START, S.PROVINCIAL, BQLGT, D(30), D(30), ["Phường Lương Văn Tri"], date(YEAR, 11, 30), None, None, D("1.00")),
    ("KM02", "khoi-cong-moi", "Đầu tư xây dựng cầu Bến Bắc", G.NEW_START, S.PROVINCIAL, BQLGT, D(20), D(20), ["Phường Tam Thanh"], END, None, None, D("1.00")),
    ("KM03", "khoi-cong-moi", "Đầu tư xây dựng cầu Xứ Lạng", G.NEW_START, S.PROVINCIAL, BQLGT, D(20), D(20), ["Phường Đông Kinh"], END, None, None, D("1.00")),
    ("KM04", "khoi-cong-moi", "Đầu tư xây dựng mới cầu Na Sầm", G.NEW_START, S.PROVINCIAL, BQLGT, D(50), D(50), ["Xã Na Sầm"], date(YEAR, 7, 31), date(YEAR, 8, 20), None, D("0.80")),
    ("KM05", "khoi-cong-moi", "Công viên trung tâm Lương Văn Tri và bãi đỗ xe công cộng", G.NEW_START, S.PROVINCIAL, BQLDA, D(30), D(30), ["Phường Lương Văn Tri"], date(YEAR, 7, 31), date(YEAR, 7, 25), None, D("0.95")),
    ("KM06", "khoi-cong-moi", "Dự án đầu tư xây dựng Khu tái định cư và dân cư Mai Pha - Yên Trạch", G.NEW_START, S.PROVINCIAL, BQLDA, D(50), D(50), ["Phường Kỳ Lừa"], date(YEAR, 7, 31), None, None, D("0.00")),
    ("KM07", "khoi-cong-moi", "Đầu tư xây dựng mới, sửa chữa hệ thống thoát nước, thu gom xử lý nước thải trên địa bàn các phường", G.NEW_START, S.PROVINCIAL, BQLDA, D(50), D(50), ["Phường Đông Kinh", "Phường Tam Thanh"], date(YEAR, 7, 31), date(YEAR, 7, 28), None, D("0.90")),
    ("KM08", "khoi-cong-moi", "Cải tạo, sửa chữa trụ sở Tỉnh uỷ", G.NEW_START, S.PROVINCIAL, BQLDA, D(20), D(20), ["Phường Lương Văn Tri"], date(YEAR, 7, 31), date(YEAR, 7, 15), None, D("1.00")),
    ("KM09", "khoi-cong-moi", "Xây dựng trụ sở UBND tỉnh", G.NEW_START, S.PROVINCIAL, BQLDA, D(30), D(30), ["Phường Lương Văn Tri"], date(YEAR, 7, 31), date(YEAR, 8, 5), None, D("0.90")),
    ("KM10", "khoi-cong-moi", "Khu liên hợp thể thao tỉnh Lạng Sơn (giai đoạn 2)", G.NEW_START, S.PROVINCIAL, BQLDA, D(80), D(80), ["Phường Kỳ Lừa"], date(YEAR, 7, 31), date(YEAR, 8, 30), None, D("0.70")),
    ("KM11", "khoi-cong-moi", "Phát triển CSHT thích ứng với BĐKH để hỗ trợ sản xuất cho đồng bào dân tộc các tỉnh miền núi, trung du phía Bắc (vốn vay Nhật Bản)", G.NEW_START, S.ODA, NNMT, D(45), D(45), [], date(YEAR, 7, 31), date(YEAR, 7, 30), None, D("0.85")),
    ("KM12", "khoi-cong-moi", "07 trường liên cấp biên giới khởi công năm 2026", G.NEW_START, S.CENTRAL, BQLDA, D(600), D(600), ["Xã Mẫu Sơn", "Xã Văn Lãng"], date(YEAR, 6, 30), date(YEAR, 6, 28), None, D("0.82")),
    ("MT01", "ctmtqg", "Chương trình MTQG về phát triển văn hoá", G.ONGOING, S.NATIONAL_PROGRAMME, VH, D(149), D(149), [], None, None, None, D("0.88")),
    ("MT02", "ctmtqg", "Chương trình MTQG về nông thôn mới, giảm nghèo bền vững, phát triển KT-XH vùng đồng bào dân tộc thiểu số và miền núi (dự kiến giao)", G.ONGOING, S.NATIONAL_PROGRAMME, DT, D(150), D(150), [], None, None, None, D("0.75")),
    ("MT03", "ctmtqg", "Nguồn vốn Chương trình MTQG giai đoạn 2021-2025 kéo dài sang năm 2026", G.ONGOING, S.NATIONAL_PROGRAMME, TC, D(351), D(351), [], None, None, None, D("0.93")),
    ("NN01", "nns-hoan-thanh", "Cụm công nghiệp Hồ Sơn 1", G.COMPLETION, S.NON_BUDGET, CONG_THUONG, None, D(0), ["Xã Hữu Lũng"], None, None, END, D("1.00")),
    ("NN02", "nns-hoan-thanh", "Bệnh viện TNH Lạng Sơn", G.COMPLETION, S.NON_BUDGET, YT, D(888), D(888), ["Phường Đông Kinh"], None, date(2024, 6, 1), END, D("0.60")),
    ("NN03", "nns-hoan-thanh", "Bệnh viện Thiên Ngọc Lan", G.COMPLETION, S.NON_BUDGET, YT, D(200), D(200), ["Phường Tam Thanh"], None, date(2024, 3, 1), END, D("0.95")),
    ("NN04", "nns-hoan-thanh", "Đường dây 110kV từ TBA 110kV Lạng Sơn – NB Na Dương", G.COMPLETION, S.NON_BUDGET, CONG_THUONG, D(357), D(357), ["Xã Na Dương"], None, date(2025, 2, 1), END, D("0.90")),
    ("NN05", "nns-hoan-thanh", "Cụm công nghiệp Bắc Sơn 2", G.COMPLETION, S.NON_BUDGET, CONG_THUONG, D(88), D(88), ["Xã Bắc Sơn"], None, date(2025, 4, 1), END, D("0.97")),
    ("NN06", "nns-hoan-thanh", "Cụm công nghiệp Hồ Sơn", G.COMPLETION, S.NON_BUDGET, CONG_THUONG, D(321), D(321), ["Xã Hữu Lũng"], None, date(2024, 10, 1), END, D("0.91")),
    ("NN07", "nns-hoan-thanh", "Nhà máy nhiệt điện Na Dương II", G.COMPLETION, S.NON_BUDGET, CONG_THUONG, D(2000), D(2000), ["Xã Na Dương"], None, date(2023, 12, 1), END, D("0.72")),
    ("NN08", "nns-trien-khai", "Quần thể du lịch cáp treo Mẫu Sơn", G.ONGOING, S.NON_BUDGET, VH, D(240), D(240), ["Xã Mẫu Sơn"], None, date(2025, 3, 1), None, D("0.90")),
    ("NN09", "nns-trien-khai", "Cụm công nghiệp Đình Lập", G.ONGOING, S.NON_BUDGET, CONG_THUONG, D(340), D(340), ["Xã Đình Lập"], None, date(2025, 5, 1), None, D("0.86")),
    ("NN10", "nns-trien-khai", "Thủy điện Trảng Định 2", G.ONGOING, S.NON_BUDGET, CONG_THUONG, D(210), D(210), ["Xã Tràng Định"], None, date(2025, 1, 10), None, D("0.94")),
    ("NN11", "nns-trien-khai", "Khu đô thị mới Hữu Lũng", G.ONGOING, S.NON_BUDGET, XD, D(160), D(160), ["Xã Hữu Lũng"], None, date(2025, 8, 1), None, D("0.92")),
    ("NN12", "nns-trien-khai", "Khu công nghiệp VSIP Lạng Sơn", G.ONGOING, S.NON_BUDGET, BQLKKT, D(500), D(500), ["Xã Hữu Lũng"], None, date(2024, 11, 1), None, D("0.55")),
    ("NN13", "nns-trien-khai", "Bến xe hàng hóa xuất nhập khẩu cửa khẩu Tân Thanh", G.ONGOING, S.NON_BUDGET, BQLKKT, D(150), D(150), ["Xã Văn Lãng"], None, date(2025, 6, 1), None, D("0.96")),
    ("NN14", "nns-trien-khai", "Dự án Cửa khẩu thông minh khu vực mốc 1119-1120 thuộc cặp cửa khẩu quốc tế Hữu Nghị", G.ONGOING, S.NON_BUDGET, BQLKKT, D(600), D(600), ["Phường Đồng Đăng"], None, date(2025, 9, 1), None, D("0.89")),
    ("NN15", "nns-khoi-cong", "Cụm công nghiệp Na Dương 1", G.NEW_START, S.NON_BUDGET, CONG_THUONG, D(20), D(20), ["Xã Na Dương"], date(YEAR, 7, 31), date(YEAR, 7, 20), None, D("0.95")),
    ("NN16", "nns-khoi-cong", "Cụm công nghiệp Na Dương 2", G.NEW_START, S.NON_BUDGET, CONG_THUONG, D(46), D(46), ["Xã Na Dương"], date(YEAR, 7, 31), None, None, D("0.00")),
    ("NN17", "nns-khoi-cong", "Cụm công nghiệp Na Dương 3", G.NEW_START, S.NON_BUDGET, CONG_THUONG, D(50), D(50), ["Xã Na Dương"], date(YEAR, 7, 31), date(YEAR, 8, 25), None, D("0.90")),
    ("NN18", "nns-khoi-cong", "Cảng cạn Yên", G.NEW_START, S.NON_BUDGET, BQLKKT, D(66), D(66), [], date(YEAR, 7, 31), None, None, D("0.00")),
    ("CB01", "chuan-bi", "Trạm trộn bê tông thương phẩm", G.PREPARATION, S.NON_BUDGET, XD, None, D(0), [], None, None, None, D("0")),
    ("CB02", "chuan-bi", "Dịch vụ thương mại và trạm bán lẻ xăng dầu", G.PREPARATION, S.NON_BUDGET, CONG_THUONG, None, D(0), [], None, None, None, D("0")),
    ("CB03", "chuan-bi", "Đường dây và Trạm biến áp 110kV Hữu Lũng 2", G.PREPARATION, S.NON_BUDGET, CONG_THUONG, None, D(0), ["Xã Hữu Lũng"], None, None, None, D("0")),
    ("CB04", "chuan-bi", "Cụm công nghiệp Đồng Mỏ", G.PREPARATION, S.NON_BUDGET, CONG_THUONG, None, D(0), [], date(YEAR, 12, 31), None, None, D("0")),
    ("CB05", "chuan-bi", "Cụm công nghiệp Tân Văn", G.PREPARATION, S.NON_BUDGET, CONG_THUONG, None, D(0), [], date(YEAR, 12, 31), None, None, D("0")),
    ("CB06", "chuan-bi", "Cụm công nghiệp Minh Sơn", G.PREPARATION, S.NON_BUDGET, CONG_THUONG, None, D(0), [], date(YEAR, 12, 31), None, None, D("0")),
    ("CB07", "chuan-bi", "Nhà máy điện gió Văn Lãng 1", G.PREPARATION, S.NON_BUDGET, CONG_THUONG, None, D(0), ["Xã Văn Lãng"], None, None, None, D("0")),
]
# fmt: on
OBSTACLES = [
    (
        "HT10",
        ObstacleKind.SITE_CLEARANCE,
        "Hoàn thành giải phóng mặt bằng đoạn còn vướng của cao tốc Đồng Đăng - Trà Lĩnh",
        NNMT,
        date(YEAR, 11, 30),
    ),
    (
        "NN12",
        ObstacleKind.PROCEDURE,
        "Hoàn thiện thủ tục giao đất giai đoạn 1 KCN VSIP Lạng Sơn",
        BQLKKT,
        date(YEAR, 12, 15),
    ),
    (
        "NN16",
        ObstacleKind.SITE_CLEARANCE,
        "Bồi thường, giải phóng mặt bằng để khởi công Cụm công nghiệp Na Dương 2",
        CONG_THUONG,
        date(YEAR, 11, 15),
    ),
]
DEMO_USERS = [("bqlgt", BQLGT, Role.REPORTER), ("bqlda", BQLDA, Role.REPORTER)]


def _wobble(code: str, month: int) -> D:
    """A fixed, code-dependent ±15 % swing so that months are not all equal (no randomness)."""
    h = int(hashlib.sha256(f"{code}-{month}".encode()).hexdigest()[:4], 16)
    return D(85 + h % 31) / 100


def _org(name: str, kind: str) -> Organization:
    found = Organization.objects.filter(name=name).first()
    return found or organization_create(name=name, kind=kind)


def _history(code: str, plan: D, pace: D, start_month: int) -> dict[int, D]:
    """Invented monthly disbursement: an even share of the plan from the start month, scaled by the
    project's pace and wobbled, never past the plan."""
    if plan <= 0 or pace <= 0 or start_month > 12:
        return {}
    months = range(start_month, 13)
    share = plan / len(months)
    out: dict[int, D] = {}
    total = D(0)
    for m in months:
        if m > APPROVED_THROUGH + 1:
            break
        amount = min((share * pace * _wobble(code, m)).quantize(D("0.001")), plan - total)
        out[m] = amount
        total += amount
    return out


@transaction.atomic
def load() -> int:
    """Create the demo projects once; returns how many were created."""
    if Project.objects.filter(year=YEAR, code="HT01").exists():
        return 0
    for name in NEW_AGENCIES:
        _org(name, OrgKind.BOARD)
    printed: dict[str, PrintedGroup] = {}
    for order, (code, parent, name, total, count, open_ended) in enumerate(GROUPS):
        printed[code] = PrintedGroup.objects.create(
            year=YEAR,
            code=code,
            name=name,
            parent=printed.get(parent) if parent else None,
            printed_total=total,
            printed_count=count,
            open_ended=open_ended,
            source=SOURCE,
            order=order,
        )
    created = 0
    for row in PROJECTS:
        (code, group_code, name, group, source, agency, amount, plan, communes) = row[:9]
        planned_start, actual_start, planned_end, pace = row[9:]
        milestones: dict[str, tuple[date | None, date | None]] = {}
        if planned_start or actual_start:
            milestones[MilestoneKind.START] = (planned_start, actual_start)
        if planned_end:
            milestones[MilestoneKind.COMPLETION] = (planned_end, None)
        project = project_create(
            user=None,
            code=code,
            name=name,
            agency=Organization.objects.get(name=agency),
            source=source,
            group=group,
            year=YEAR,
            capital_plan=plan,
            investor=agency if source != S.NON_BUDGET else "Nhà đầu tư (minh họa)",
            communes=[
                _org(c, OrgKind.WARD if c.startswith("Phường") else OrgKind.COMMUNE)
                for c in communes
            ],
            milestones=milestones,
            printed_group=printed[group_code],
            printed_amount=amount,
            note=f"{SOURCE}. Kế hoạch vốn {'như in' if amount is not None else 'phân bổ minh họa'}.",
        )
        created += 1
        start = actual_start.month if actual_start and actual_start.year == YEAR else 1
        if planned_start and not actual_start:
            start = 13  # not started: nothing disbursed
        history = _history(code, plan, pace, start)
        Disbursement.objects.bulk_create(
            Disbursement(
                project=project,
                year=YEAR,
                month=m,
                amount=a,
                status=DisbursementStatus.APPROVED
                if m <= APPROVED_THROUGH
                else DisbursementStatus.SUBMITTED,
                entry_source=EntrySource.DEMO,
                note=DEMO_NOTE,
            )
            for m, a in history.items()
        )
        # invented promises: nothing before a dated start; at the meetings of September-November a
        # little above an even share of what the plan had left
        commitments = {m: D(0) for m in range(1, (planned_start or date(YEAR, 1, 1)).month)}
        if plan > 0:
            for m in (9, 10, 11):
                if m not in commitments:
                    commitments[m] = (plan / 12 * D("1.1")).quantize(D("0.001"))
        Commitment.objects.bulk_create(
            Commitment(project=project, year=YEAR, month=m, amount=a, note=DEMO_NOTE)
            for m, a in commitments.items()
        )
    by_code = {p.code: p for p in Project.objects.filter(year=YEAR)}
    for code, kind, title, lead, deadline in OBSTACLES:
        action = action_create(
            title=title,
            lead=Organization.objects.get(name=lead),
            deadline=deadline,
            source=f"Vướng mắc của dự án “{by_code[code].name}” (minh họa)",
        )
        Obstacle.objects.create(project=by_code[code], kind=kind, action=action)
    _users()
    return created


def _users() -> None:
    """Two managing boards' reporters (password as the other demo accounts)."""
    User = get_user_model()
    for username, org, role in DEMO_USERS:
        if User.objects.filter(username=username).exists():
            continue
        user = User.objects.create_user(username, "", "chitieu-demo")
        Membership.objects.create(
            user=user, organization=Organization.objects.get(name=org), role=role
        )
