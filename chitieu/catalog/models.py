"""The catalog: indicators, the plans that set targets for them, and who is responsible."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models

from chitieu.core.periods import Period
from chitieu.core.targets import Kind
from chitieu.core.targets import Target as CoreTarget
from chitieu.organizations.models import Organization

from .choices import Direction, IndicatorGroup, PlanKind, PlanStatus, Role, TargetKind


class Indicator(models.Model):
    """A measured quantity with a unit; one catalog entry however many plans name it."""

    name = models.CharField("tên chỉ tiêu", max_length=500)
    unit = models.CharField("đơn vị tính", max_length=60, blank=True)
    key = models.CharField(max_length=600, unique=True, editable=False)
    group = models.CharField(
        "nhóm", max_length=20, choices=IndicatorGroup.choices, default=IndicatorGroup.OTHER
    )
    parent = models.ForeignKey(
        "self",
        verbose_name="thuộc chỉ tiêu",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
    )
    direction = models.CharField(
        "chiều tốt", max_length=10, choices=Direction.choices, default=Direction.UP
    )
    is_structure = models.BooleanField("là cơ cấu (các dòng con cộng bằng 100)", default=False)

    class Meta:
        ordering = ["name"]
        verbose_name = "chỉ tiêu"
        verbose_name_plural = "chỉ tiêu"

    def __str__(self) -> str:
        return f"{self.name} ({self.unit})" if self.unit else self.name


class IndicatorAlias(models.Model):
    """Another key that names the same indicator (kept when a user confirms a match)."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="aliases")
    key = models.CharField(max_length=600, unique=True)

    class Meta:
        verbose_name = "tên khác của chỉ tiêu"
        verbose_name_plural = "tên khác của chỉ tiêu"

    def __str__(self) -> str:
        return self.key


class Plan(models.Model):
    """A plan document issued by the province, with its appendix kept as imported."""

    kind = models.CharField("loại", max_length=20, choices=PlanKind.choices)
    doc_kind = models.CharField("loại văn bản", max_length=60, blank=True)
    number = models.CharField("số hiệu", max_length=60, blank=True)
    issued_on = models.DateField("ngày ban hành", null=True, blank=True)
    issuer = models.CharField("cơ quan ban hành", max_length=255, blank=True)
    title = models.CharField("tên phụ lục", max_length=500)
    period_code = models.CharField("kỳ kế hoạch", max_length=20)
    status = models.CharField(
        "trạng thái", max_length=20, choices=PlanStatus.choices, default=PlanStatus.ACTIVE
    )
    target_header = models.CharField("tiêu đề cột mục tiêu", max_length=120, blank=True)
    source_name = models.CharField("tệp nguồn", max_length=255)
    source_checksum = models.CharField("mã kiểm tra SHA-256", max_length=64, unique=True)
    source_file = models.FileField("tệp gốc", upload_to="plans/", blank=True)
    layout = models.CharField("bố cục", max_length=20, blank=True)
    warnings = models.JSONField("cảnh báo khi nhập", default=list, blank=True)
    imported_at = models.DateTimeField("nhập lúc", auto_now_add=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        verbose_name="người nhập",
    )

    class Meta:
        ordering = ["-issued_on", "-id"]
        verbose_name = "kế hoạch"
        verbose_name_plural = "kế hoạch"
        constraints = [
            models.UniqueConstraint(
                fields=["doc_kind", "number", "issued_on"],
                condition=~models.Q(number=""),
                name="plan_unique_legal_reference",
            )
        ]

    def __str__(self) -> str:
        return self.reference or self.title

    @property
    def reference(self) -> str:
        """ "Kế hoạch số 130/KH-UBND ngày 07/04/2026"."""
        if not self.number:
            return ""
        when = f" ngày {self.issued_on:%d/%m/%Y}" if self.issued_on else ""
        return f"{self.doc_kind} số {self.number}{when}".strip()

    @property
    def period(self) -> Period:
        return Period.parse(self.period_code)


class Target(models.Model):
    """What a plan sets for an indicator in a period, typed and as printed."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="targets")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="targets")
    period_code = models.CharField("kỳ", max_length=20)
    position = models.PositiveIntegerField("thứ tự trong bảng")
    row_no = models.CharField("số thứ tự in", max_length=10, blank=True)
    parent_no = models.CharField("thuộc dòng", max_length=10, blank=True)
    section = models.CharField("phần", max_length=255, blank=True)
    printed_name = models.CharField("tên như in", max_length=500)
    printed_unit = models.CharField("đơn vị như in", max_length=60, blank=True)
    # A target cell may carry its conditions in brackets: as long as the cell is.
    printed_text = models.TextField("mục tiêu như in", blank=True)
    kind = models.CharField("loại mục tiêu", max_length=20, choices=TargetKind.choices, blank=True)
    low = models.DecimalField(max_digits=24, decimal_places=6, null=True, blank=True)
    high = models.DecimalField(max_digits=24, decimal_places=6, null=True, blank=True)
    value = models.DecimalField(max_digits=24, decimal_places=6, null=True, blank=True)
    strict = models.BooleanField(default=False)
    lead_text = models.TextField("ô chủ trì như in", blank=True)
    coordinating_text = models.TextField("ô phối hợp như in", blank=True)
    unresolved_agencies = models.JSONField("tên cơ quan chưa nhận ra", default=list, blank=True)
    source_line = models.PositiveIntegerField("dòng trong tệp nguồn")
    source_raw = models.TextField("nội dung dòng nguồn", blank=True)
    # Kept by crosscheck from the amendments finance records (decision 0039): the amending plan's
    # target for the same indicator and horizon. Evaluation judges this target against it.
    superseded_by = models.ForeignKey(
        "self",
        verbose_name="được sửa đổi bởi mục tiêu",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="supersedes",
    )

    class Meta:
        ordering = ["plan", "position"]
        verbose_name = "mục tiêu"
        verbose_name_plural = "mục tiêu"
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "indicator", "period_code"], name="target_unique_per_plan"
            )
        ]

    def __str__(self) -> str:
        return f"{self.printed_name}: {self.printed_text}"

    @property
    def typed(self) -> CoreTarget | None:
        """The target as the pure core understands it (None for a heading row)."""
        if not self.kind:
            return None

        def dec(v: Decimal | None) -> Decimal | None:
            return None if v is None else v.normalize()

        return CoreTarget(
            Kind(self.kind),
            low=dec(self.low),
            high=dec(self.high),
            value=dec(self.value),
            strict=self.strict,
            unit=self.printed_unit,
            text=self.printed_text,
        )

    @property
    def period_label(self) -> str:
        return Period.parse(self.period_code).label


class Responsibility(models.Model):
    """An organisation leading or coordinating a target."""

    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="responsibilities")
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="responsibilities"
    )
    role = models.CharField("vai trò", max_length=20, choices=Role.choices)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["target", "role", "position"]
        verbose_name = "phân công"
        verbose_name_plural = "phân công"
        constraints = [
            models.UniqueConstraint(
                fields=["target", "organization", "role"], name="responsibility_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organization} ({self.get_role_display()})"
