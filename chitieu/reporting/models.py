"""Who reports, the figures reported by period and vintage, their audit trail, and validation rules."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from chitieu.catalog.models import Indicator
from chitieu.core.periods import Period
from chitieu.organizations.models import Organization

from .choices import Action, FigureStatus, Frequency, RuleKind, Vintage


class ReportingSpec(models.Model):
    """How often an indicator is reported."""

    indicator = models.OneToOneField(Indicator, on_delete=models.CASCADE, related_name="reporting")
    frequency = models.CharField(
        "kỳ báo cáo", max_length=10, choices=Frequency.choices, default=Frequency.YEAR
    )
    jump_threshold = models.DecimalField(
        "mức thay đổi cần giải thích (%)", max_digits=8, decimal_places=2, null=True, blank=True
    )

    class Meta:
        verbose_name = "kỳ báo cáo của chỉ tiêu"
        verbose_name_plural = "kỳ báo cáo của chỉ tiêu"

    def __str__(self) -> str:
        return f"{self.indicator}: {self.get_frequency_display()}"


class Figure(models.Model):
    """An actual figure: indicator × organisation × period × vintage."""

    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="figures")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="figures")
    period_code = models.CharField("kỳ", max_length=20)
    period_kind = models.CharField("loại kỳ", max_length=12, editable=False, default="")
    vintage = models.CharField("loại số liệu", max_length=20, choices=Vintage.choices)
    value = models.DecimalField("giá trị", max_digits=24, decimal_places=6)
    comment = models.TextField("giải thích", blank=True)
    source = models.CharField("nguồn", max_length=500, blank=True)
    status = models.CharField(
        "trạng thái", max_length=20, choices=FigureStatus.choices, default=FigureStatus.DRAFT
    )
    return_reason = models.TextField("lý do trả lại", blank=True)
    revision = models.PositiveIntegerField("lần sửa", default=1)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["indicator", "period_code", "vintage"]
        verbose_name = "số liệu"
        verbose_name_plural = "số liệu"
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "organization", "period_code", "vintage"], name="figure_unique"
            )
        ]
        indexes = [
            models.Index(fields=["organization", "period_code"]),
            models.Index(fields=["indicator", "period_kind"]),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.period_code} ({self.get_vintage_display()}): {self.value}"

    def save(self, *args: object, **kwargs: object) -> None:
        # Kept with the row so that evaluation can fetch yearly figures without parsing every code.
        self.period_kind = Period.parse(self.period_code).kind.value
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class FigureAudit(models.Model):
    """One change of a figure, never edited or deleted: who, when, old, new, vintage, reason."""

    figure = models.ForeignKey(Figure, on_delete=models.PROTECT, related_name="audit")
    at = models.DateTimeField(auto_now_add=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    action = models.CharField(max_length=20, choices=Action.choices)
    old_value = models.DecimalField(max_digits=24, decimal_places=6, null=True, blank=True)
    new_value = models.DecimalField(max_digits=24, decimal_places=6, null=True, blank=True)
    vintage = models.CharField(max_length=20, choices=Vintage.choices)
    status_from = models.CharField(max_length=20, blank=True)
    status_to = models.CharField(max_length=20, blank=True)
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["figure", "at", "id"]
        verbose_name = "nhật ký số liệu"
        verbose_name_plural = "nhật ký số liệu"

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.at:%d/%m/%Y %H:%M}"

    def save(self, *args: object, **kwargs: object) -> None:
        if self.pk is not None:
            raise PermissionError("Nhật ký số liệu chỉ được ghi thêm, không được sửa.")
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def delete(self, *args: object, **kwargs: object) -> tuple[int, dict[str, int]]:
        raise PermissionError("Nhật ký số liệu không được xóa.")


class ValidationRule(models.Model):
    """A check run on figures before submission, defined as data and shown to the reporter."""

    kind = models.CharField(max_length=20, choices=RuleKind.choices)
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="rules")
    params = models.JSONField("tham số", default=dict, blank=True)
    active = models.BooleanField(default=True)

    class Meta:
        verbose_name = "quy tắc kiểm tra"
        verbose_name_plural = "quy tắc kiểm tra"

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.indicator}"


class FigureUpload(models.Model):
    """An Excel file of figures kept between its preview and its saving (never in the session)."""

    class Status(models.TextChoices):
        PREVIEW = "preview", "Chờ xem lại"
        SAVED = "saved", "Đã lưu"

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    source_name = models.CharField("tên tệp", max_length=255)
    data = models.BinaryField("nội dung tệp")
    checksum = models.CharField(max_length=64)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PREVIEW)
    # what saving did, row by row (saved, skipped and why), for the result page
    result = models.JSONField("kết quả", default=dict, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "tệp số liệu tải lên"
        verbose_name_plural = "tệp số liệu tải lên"

    def __str__(self) -> str:
        return self.source_name
