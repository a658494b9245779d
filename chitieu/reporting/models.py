"""Who reports, the figures reported by period and vintage, their audit trail, and validation rules."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from chitieu.audit.models import AppendOnlyModel
from chitieu.catalog.models import Indicator, Target
from chitieu.core.periods import Period
from chitieu.organizations.models import Organization

from .choices import Action, Aggregation, FigureStatus, Frequency, RuleKind, Status, Vintage


class ReportingSpec(models.Model):
    """How an indicator is reported: how often, and how commune figures roll up to the province."""

    indicator = models.OneToOneField(Indicator, on_delete=models.CASCADE, related_name="reporting")
    frequency = models.CharField(
        "kỳ báo cáo", max_length=10, choices=Frequency.choices, default=Frequency.YEAR
    )
    jump_threshold = models.DecimalField(
        "mức thay đổi cần giải thích (%)", max_digits=8, decimal_places=2, null=True, blank=True
    )
    aggregation = models.CharField(
        "tổng hợp từ xã, phường",
        max_length=20,
        choices=Aggregation.choices,
        default=Aggregation.NONE,
    )
    # e.g. the number of households for a poverty rate: each commune's rate counts by its households
    aggregation_weight = models.ForeignKey(
        Indicator,
        verbose_name="chỉ tiêu mẫu số (trọng số)",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = "kỳ báo cáo của chỉ tiêu"
        verbose_name_plural = "kỳ báo cáo của chỉ tiêu"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(aggregation="weighted_mean", aggregation_weight__isnull=False)
                | ~models.Q(aggregation="weighted_mean"),
                name="reportingspec_weighted_mean_names_its_weight",
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.get_frequency_display()}"

    def clean(self) -> None:
        if self.aggregation == Aggregation.WEIGHTED_MEAN and self.aggregation_weight_id is None:
            raise ValidationError(
                {"aggregation_weight": "Bình quân có trọng số cần chỉ tiêu mẫu số (ví dụ: số hộ)."}
            )
        if (
            self.aggregation_weight_id is not None
            and self.aggregation_weight_id == self.indicator_id
        ):
            raise ValidationError(
                {"aggregation_weight": "Chỉ tiêu mẫu số phải khác chính chỉ tiêu này."}
            )


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
            # one indicator's figures of one period: the communes' roll-up (reporting/rollup.py)
            models.Index(fields=["indicator", "period_code"], name="figure_indicator_period_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.period_code} ({self.get_vintage_display()}): {self.value}"

    def save(self, *args: object, **kwargs: object) -> None:
        # Kept with the row so that evaluation can fetch yearly figures without parsing every code.
        self.period_kind = Period.parse(self.period_code).kind.value
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class FigureAudit(AppendOnlyModel):
    """One change of a figure, never edited or deleted: who, when, old, new, vintage, reason."""

    figure = models.ForeignKey(Figure, on_delete=models.PROTECT, related_name="audit")
    at = models.DateTimeField(auto_now_add=True)
    # PROTECT: SET_NULL would be an UPDATE of the audit row, which its trigger refuses.
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT)
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

    @property
    def status_change(self) -> str:
        """ "Nháp → Đã gửi", in the words the reporter sees (empty when the status stayed)."""

        def label(code: str) -> str:
            return FigureStatus(code).label if code in FigureStatus.values else code

        if not self.status_to or self.status_from == self.status_to:
            return ""
        if not self.status_from:
            return label(self.status_to)
        return f"{label(self.status_from)} → {label(self.status_to)}"


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
    # the sheet's rows as the preview read them ([row number, [cell text, …]]): saving checks
    # these again instead of reading the workbook a second time (decision 0047)
    cells = models.JSONField("các dòng đã đọc", null=True, blank=True)
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


# -- evaluations computed once and read many times (docs/decisions/0036) -----------------------
class EvaluationClock(models.Model):
    """How many times the inputs filed under one key have changed: an indicator's id (its figures,
    its reporting spec, its targets and their lead agencies, the indicator itself) or 0 (the
    organisations: their kinds, names, and how many communes and wards are active).

    Every write bumps its keys in its own transaction (``stored.touch``); a stored evaluation keeps
    the versions it read before reading its inputs, and is fresh while they are unchanged. A row is
    never deleted, so a version never repeats."""

    key = models.BigIntegerField(primary_key=True)
    version = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = "phiên bản đầu vào đánh giá"
        verbose_name_plural = "phiên bản đầu vào đánh giá"

    def __str__(self) -> str:
        return f"{self.key}: {self.version}"


class StoredEvaluation(models.Model):
    """A target's evaluation (signed, and its tạm tính where verified figures change it) as
    ``evaluate_targets`` computed it, with the versions of the inputs it was computed from."""

    target = models.OneToOneField(
        Target, on_delete=models.CASCADE, primary_key=True, related_name="stored_evaluation"
    )
    # what it was computed from: the clocks read before its inputs (EvaluationClock)
    indicator_key = models.BigIntegerField()
    indicator_version = models.BigIntegerField()
    weight_key = models.BigIntegerField(null=True)  # the roll-up's weight indicator, if any
    weight_version = models.BigIntegerField(default=0)
    global_version = models.BigIntegerField()
    communes = models.PositiveIntegerField()  # active communes and wards counted
    algorithm = models.PositiveSmallIntegerField()
    computed_at = models.DateTimeField()
    # the result: the statuses as columns (for SQL), the whole evaluation as computed
    status = models.CharField(max_length=20, choices=Status.choices)
    provisional_status = models.CharField(max_length=20, choices=Status.choices, blank=True)
    result = models.JSONField()

    class Meta:
        verbose_name = "đánh giá đã tính"
        verbose_name_plural = "đánh giá đã tính"

    def __str__(self) -> str:
        return f"{self.target_id}: {self.status}"
