"""An upload waiting for review: the file as sent, until the reviewer confirms or abandons it."""

from django.conf import settings
from django.db import models


class ImportBatch(models.Model):
    """One uploaded appendix file and the outcome of its review."""

    class Status(models.TextChoices):
        PREVIEW = "preview", "Chờ xem lại"
        CONFIRMED = "confirmed", "Đã lưu"
        DUPLICATE = "duplicate", "Đã có từ trước"

    source_name = models.CharField("tên tệp", max_length=255)
    data = models.BinaryField("nội dung tệp")
    checksum = models.CharField(max_length=64)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PREVIEW)
    plan = models.ForeignKey("catalog.Plan", null=True, blank=True, on_delete=models.SET_NULL)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "lượt nhập"
        verbose_name_plural = "lượt nhập"

    def __str__(self) -> str:
        return self.source_name
