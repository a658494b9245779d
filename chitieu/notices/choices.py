from django.db import models


class NoticeKind(models.TextChoices):
    REMINDER = "reminder", "Nhắc hạn"
    ESCALATION = "escalation", "Quá hạn"
    INFO = "info", "Thông tin"
    BEHIND = "behind", "Chậm so với kịch bản"
