from django.db import models


class Entity(models.TextChoices):
    """What kind of thing an audit entry is about."""

    PLAN = "plan", "Kế hoạch"
    TARGET = "target", "Mục tiêu"
    SCENARIO = "scenario", "Kịch bản tăng trưởng"
    ACTION = "action", "Nhiệm vụ"
    OBLIGATION = "obligation", "Nghĩa vụ báo cáo"
    OBLIGATION_INSTANCE = "obligation_instance", "Kỳ báo cáo"
    ORGANIZATION = "organization", "Cơ quan"
    INVESTMENT_PROJECT = "investment_project", "Dự án đầu tư công"
    DISBURSEMENT = "disbursement", "Giải ngân tháng"
    CAPITAL_TRANSFER = "capital_transfer", "Điều chuyển vốn"
    VA_COEFFICIENT = "va_coefficient", "Hệ số giá trị tăng thêm"


class AuditAction(models.TextChoices):
    """What was done, as a person reads it in the trail."""

    IMPORT = "import", "Nhập từ văn bản"
    CREATE = "create", "Tạo mới"
    UPDATE = "update", "Sửa"
    DELETE = "delete", "Xóa"
    VERSION_SAVE = "version_save", "Lưu phiên bản mới"
    PROGRESS = "progress", "Cập nhật tiến độ"
    DEPEND = "depend", "Thêm báo cáo phải có trước"
    GENERATE = "generate", "Tạo kỳ báo cáo"
    SUBMIT = "submit", "Đánh dấu đã gửi"
    EMAILS = "emails", "Đổi địa chỉ nhận nhắc"
    APPROVE = "approve", "Duyệt"
    RETURN = "return", "Trả lại"
