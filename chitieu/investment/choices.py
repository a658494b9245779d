from django.db import models


class CapitalSource(models.TextChoices):
    CENTRAL = "central", "Ngân sách trung ương"
    PROVINCIAL = "provincial", "Ngân sách tỉnh"
    NATIONAL_PROGRAMME = "ntp", "Chương trình mục tiêu quốc gia"
    ODA = "oda", "Vốn ODA, vốn vay"
    NON_BUDGET = "non_budget", "Ngoài ngân sách"
    PPP = "ppp", "Đối tác công tư (PPP)"


class ProjectGroup(models.TextChoices):
    COMPLETION = "completion", "Hoàn thành trong năm"
    NEW_START = "new_start", "Khởi công mới"
    ONGOING = "ongoing", "Chuyển tiếp"
    PREPARATION = "preparation", "Chuẩn bị đầu tư"
    STALLED = "stalled", "Chậm tiến độ, tồn đọng"


class MilestoneKind(models.TextChoices):
    # in the order the dates must follow
    START = "start", "Khởi công"
    COMPLETION = "completion", "Hoàn thành"
    HANDOVER = "handover", "Bàn giao"
    OPERATION = "operation", "Đưa vào vận hành"


MILESTONE_ORDER = [k.value for k in MilestoneKind]


class ObstacleKind(models.TextChoices):
    SITE_CLEARANCE = "site", "Giải phóng mặt bằng"
    PROCEDURE = "procedure", "Thủ tục đầu tư"
    CAPITAL = "capital", "Nguồn vốn"
    OTHER = "other", "Khác"


class DisbursementStatus(models.TextChoices):
    DRAFT = "draft", "Nháp"
    SUBMITTED = "submitted", "Đã gửi"
    APPROVED = "approved", "Đã duyệt (khóa)"


class DisbursementAction(models.TextChoices):
    SUBMIT = "submit", "Gửi"
    APPROVE = "approve", "Duyệt"
    RETURN = "return", "Trả lại"


class EntrySource(models.TextChoices):
    FORM = "form", "Nhập trên trang"
    TREASURY = "treasury", "Tệp của Kho bạc"
    API = "api", "API"
    DEMO = "demo", "Dữ liệu minh họa"


# Entities of the shared audit trail (chitieu.audit) written by this app.
AUDIT_PROJECT = "investment_project"
AUDIT_DISBURSEMENT = "disbursement"
AUDIT_TRANSFER = "capital_transfer"
AUDIT_COEFFICIENT = "va_coefficient"
