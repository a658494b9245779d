"""What people decided while comparing documents: links between indicators, explained findings."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from chitieu.audit.models import AppendOnlyModel, AuditJSONEncoder
from chitieu.catalog.models import Indicator, Plan

from .choices import AmendmentScope, EventAction, LinkStatus


class IndicatorLink(models.Model):
    """A person's decision on two catalog indicators of different plans: one indicator, or two.

    Kept here rather than as a catalog alias: a link joins two series for comparison without
    rewriting either plan's targets, and a split is remembered so it is never proposed again.
    """

    low = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="+")
    high = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="+")
    status = models.CharField("quyết định", max_length=20, choices=LinkStatus.choices)
    score = models.DecimalField("điểm giống nhau", max_digits=4, decimal_places=2)
    reason = models.TextField("lý do đề xuất", blank=True)
    note = models.TextField("ghi chú của người quyết định", blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="người quyết định",
    )
    decided_at = models.DateTimeField("lúc", default=timezone.now)

    class Meta:
        ordering = ["-decided_at", "-id"]
        verbose_name = "liên kết chỉ tiêu"
        verbose_name_plural = "liên kết chỉ tiêu"
        constraints = [
            models.UniqueConstraint(fields=["low", "high"], name="crosscheck_link_unique_pair"),
            models.CheckConstraint(
                condition=models.Q(low__lt=models.F("high")), name="crosscheck_link_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.low} ↔ {self.high}: {self.get_status_display()}"


class FindingExplanation(models.Model):
    """A finding marked explained, with the note; the finding is named by its kind and targets."""

    key = models.CharField("mã phát hiện", max_length=300, unique=True)
    kind = models.CharField("loại", max_length=30)
    indicator = models.CharField("chỉ tiêu", max_length=500)
    message = models.TextField("nội dung phát hiện lúc giải trình")
    note = models.TextField("giải trình")
    explained_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="người giải trình",
    )
    explained_at = models.DateTimeField("lúc", default=timezone.now)

    class Meta:
        ordering = ["-explained_at"]
        verbose_name = "giải trình phát hiện"
        verbose_name_plural = "giải trình phát hiện"

    def __str__(self) -> str:
        return f"{self.indicator}: {self.note[:60]}"


class PlanAmendment(models.Model):
    """A plan that supersedes an earlier one whole, or amends some of its rows (by indicator)."""

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="+", verbose_name="văn bản mới"
    )
    amends = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="+", verbose_name="văn bản bị sửa đổi"
    )
    scope = models.CharField("phạm vi", max_length=10, choices=AmendmentScope.choices)
    indicators = models.ManyToManyField(
        Indicator, blank=True, related_name="+", verbose_name="các dòng được sửa"
    )
    note = models.TextField("ghi chú", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="người ghi nhận",
    )
    recorded_at = models.DateTimeField("lúc", default=timezone.now)

    class Meta:
        ordering = ["-recorded_at", "-id"]
        verbose_name = "văn bản sửa đổi, thay thế"
        verbose_name_plural = "văn bản sửa đổi, thay thế"
        constraints = [
            models.UniqueConstraint(fields=["plan", "amends"], name="crosscheck_amendment_unique"),
            models.CheckConstraint(
                condition=~models.Q(plan=models.F("amends")), name="crosscheck_amendment_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan} {self.get_scope_display().lower()} {self.amends}"


class CrosscheckEvent(AppendOnlyModel):
    """One decision or explanation, written once: who, when, what, before and after."""

    at = models.DateTimeField("lúc", default=timezone.now, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="người thực hiện",
    )
    action = models.CharField("thao tác", max_length=30, choices=EventAction.choices)
    subject = models.CharField("đối tượng", max_length=600)
    before = models.JSONField("trước", null=True, blank=True, encoder=AuditJSONEncoder)
    after = models.JSONField("sau", null=True, blank=True, encoder=AuditJSONEncoder)
    reason = models.TextField("ghi chú", blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = "nhật ký đối chiếu"
        verbose_name_plural = "nhật ký đối chiếu"

    def __str__(self) -> str:
        return f"{self.get_action_display()}: {self.subject}"


class ComparisonInputs(models.Model):
    """A row added, in the writer's transaction, by every write to what the findings and the
    proposed links are computed from (decision 0048; ``memo.touch``). Its token is random: a
    rolled-back write must never let a later one look the same."""

    token = models.UUIDField("phiên bản")

    class Meta:
        verbose_name = "phiên bản dữ liệu đối chiếu"
        verbose_name_plural = "phiên bản dữ liệu đối chiếu"

    def __str__(self) -> str:
        return str(self.token)
