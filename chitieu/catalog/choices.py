from django.db import models


class PlanKind(models.TextChoices):
    FIVE_YEAR = "five_year", "Kế hoạch 5 năm"
    ANNUAL = "annual", "Kế hoạch hằng năm"
    SCENARIO = "scenario", "Kịch bản tăng trưởng"
    PROGRAM = "program", "Chương trình"


class PlanStatus(models.TextChoices):
    DRAFT = "draft", "Dự thảo"
    ACTIVE = "active", "Đang thực hiện"
    ARCHIVED = "archived", "Đã kết thúc"


class IndicatorGroup(models.TextChoices):
    ECONOMIC = "economic", "Kinh tế"
    SOCIAL = "social", "Xã hội"
    ENVIRONMENT = "environment", "Môi trường"
    OTHER = "other", "Chưa phân nhóm"


class Direction(models.TextChoices):
    UP = "up", "Càng cao càng tốt"
    DOWN = "down", "Càng thấp càng tốt"
    NEUTRAL = "neutral", "Trong khoảng là đạt"


class TargetKind(models.TextChoices):
    RANGE = "range", "Trong khoảng"
    MIN = "min", "Tối thiểu"
    MAX = "max", "Tối đa"
    EXACT = "exact", "Đạt mức"
    APPROX = "approx", "Khoảng"
    MAINTAIN = "maintain", "Duy trì"
    REDUCE_BY = "reduce_by", "Giảm"
    INCREASE_BY = "increase_by", "Tăng thêm"


class Role(models.TextChoices):
    LEAD = "lead", "Chủ trì"
    COORDINATING = "coordinating", "Phối hợp"
