"""An upload waiting for review: the file as sent, until the reviewer confirms or abandons it."""

from django.conf import settings
from django.db import models


class ImportBatch(models.Model):
    """One uploaded appendix file and the outcome of its review."""

    class Status(models.TextChoices):
        PREVIEW = "preview", "Chờ xem lại"
        CONFIRMED = "confirmed", "Đã lưu"
        DUPLICATE = "duplicate", "Đã có từ trước"

    class Parse(models.TextChoices):
        WAITING = "waiting", "Đang chờ đọc"
        PARSING = "parsing", "Đang đọc tệp"
        DONE = "done", "Đã đọc xong"
        FAILED = "failed", "Không đọc được"

    source_name = models.CharField("tên tệp", max_length=255)
    data = models.BinaryField("nội dung tệp")
    checksum = models.CharField(max_length=64)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PREVIEW)
    # the file is read once (in the request when small, by the task worker when big) and kept here
    parse_state = models.CharField(max_length=20, choices=Parse.choices, default=Parse.WAITING)
    parsed = models.JSONField("kết quả đọc", null=True, blank=True)
    parse_error = models.TextField(blank=True)
    plan = models.ForeignKey("catalog.Plan", null=True, blank=True, on_delete=models.SET_NULL)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "lượt nhập"
        verbose_name_plural = "lượt nhập"

    def __str__(self) -> str:
        return self.source_name


class ColumnMapping(models.Model):
    """The column roles a person confirmed for one table layout, offered for the next file of it."""

    # the table's headings, folded (importers.columns.Mapping.signature)
    signature = models.TextField("dạng bảng")
    # sha256 of the signature: a unique index that holds on every database, whatever its length
    signature_key = models.CharField(max_length=64, unique=True)
    mapping = models.JSONField("vai trò các cột")
    source_name = models.CharField("xác nhận trên tệp", max_length=255)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        verbose_name="người xác nhận",
    )
    confirmed_at = models.DateTimeField("lúc xác nhận")

    class Meta:
        verbose_name = "cách đọc cột đã xác nhận"
        verbose_name_plural = "cách đọc cột đã xác nhận"

    def __str__(self) -> str:
        return f"{self.source_name} ({self.confirmed_at:%d/%m/%Y})"
