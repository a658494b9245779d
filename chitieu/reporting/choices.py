from django.db import models


class Frequency(models.TextChoices):
    MONTH = "month", "Hằng tháng"
    QUARTER = "quarter", "Hằng quý"
    H1 = "h1", "6 tháng"
    M9 = "9m", "9 tháng"
    YEAR = "year", "Hằng năm"


class Vintage(models.TextChoices):
    ESTIMATE = "estimate", "Ước tính"
    PRELIMINARY = "preliminary", "Sơ bộ"
    OFFICIAL = "official", "Chính thức"


VINTAGE_RANK = {Vintage.ESTIMATE: 1, Vintage.PRELIMINARY: 2, Vintage.OFFICIAL: 3}


class FigureStatus(models.TextChoices):
    DRAFT = "draft", "Nháp"
    SUBMITTED = "submitted", "Đã gửi"
    VERIFIED = "verified", "Thống kê đã kiểm tra"
    APPROVED = "approved", "Đã duyệt (khóa)"
    RETURNED = "returned", "Trả lại"


class Action(models.TextChoices):
    CREATE = "create", "Nhập mới"
    UPDATE = "update", "Sửa"
    SUBMIT = "submit", "Gửi"
    VERIFY = "verify", "Kiểm tra xong"
    APPROVE = "approve", "Duyệt"
    RETURN = "return", "Trả lại"
    REOPEN = "reopen", "Mở lại"


class RuleKind(models.TextChoices):
    STRUCTURE_SUM = "structure_sum", "Các phần của cơ cấu cộng bằng 100"
    PER_CAPITA = "per_capita", "Bình quân đầu người khớp tổng và dân số"
    PERCENT_RANGE = "percent_range", "Tỷ lệ nằm trong 0 - 100"
    JUMP = "jump", "Thay đổi lớn so với kỳ trước phải có giải thích"


class Aggregation(models.TextChoices):
    """How commune and ward figures roll up to the province (the maths is core.aggregation)."""

    NONE = "none", "Không tổng hợp từ xã, phường"
    SUM = "sum", "Cộng các xã, phường"
    WEIGHTED_MEAN = "weighted_mean", "Bình quân có trọng số (theo chỉ tiêu mẫu số)"
    MIN = "min", "Nhỏ nhất trong các xã, phường"
    MAX = "max", "Lớn nhất trong các xã, phường"


class Status(models.TextChoices):
    ACHIEVED = "achieved", "Đạt"
    EXCEEDED = "exceeded", "Vượt"
    MISSED = "missed", "Không đạt"
    ON_TRACK = "on_track", "Đúng tiến độ"
    AT_RISK = "at_risk", "Có nguy cơ không đạt"
    BASELINE = "baseline", "Chưa có số liệu trong kỳ"  # only a figure from before the period
    NO_DATA = "no_data", "Chưa có số liệu"
