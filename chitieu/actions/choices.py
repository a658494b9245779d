from django.db import models


class ActionStatus(models.TextChoices):
    OPEN = "open", "Đang thực hiện"
    DONE = "done", "Hoàn thành"


class ReminderKind(models.TextChoices):
    BEFORE = "before", "Nhắc trước hạn"
    ON_DAY = "on_day", "Nhắc đúng ngày"
    ESCALATION = "escalation", "Báo thủ trưởng khi quá hạn"


class ReminderStatus(models.TextChoices):
    PENDING = "pending", "Chờ gửi"
    SENT = "sent", "Đã gửi"
    FAILED = "failed", "Lỗi, sẽ gửi lại"


class ShiftRule(models.TextChoices):
    NONE = "none", "Giữ nguyên ngày"
    NEXT = "next", "Chuyển sang ngày làm việc kế tiếp"
    PREVIOUS = "previous", "Chuyển về ngày làm việc liền trước"


class ObligationFrequency(models.TextChoices):
    MONTH = "month", "Hằng tháng"
    QUARTER = "quarter", "Hằng quý"
    YEAR = "year", "Hằng năm"
