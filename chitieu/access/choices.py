from django.db import models


class Role(models.TextChoices):
    REPORTER = "reporter", "Cán bộ nhập số liệu"
    REVIEWER = "reviewer", "Thống kê kiểm tra"
    COMPILER = "compiler", "Tài chính tổng hợp"
    LEADER = "leader", "Lãnh đạo (chỉ xem)"
    ADMIN = "admin", "Quản trị"
