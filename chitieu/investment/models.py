"""Public investment: projects, their milestones and obstacles, monthly disbursement, transfers."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from chitieu.actions.models import Action
from chitieu.organizations.choices import OrgKind
from chitieu.organizations.models import Organization

from .choices import (
    CapitalSource,
    DisbursementStatus,
    EntrySource,
    MilestoneKind,
    ObstacleKind,
    ProjectGroup,
)

AMOUNT = {"max_digits": 14, "decimal_places": 3}


class PrintedGroup(models.Model):
    """A group of projects as a plan prints it: the total and count it states, and where."""

    year = models.PositiveIntegerField("năm kế hoạch")
    code = models.SlugField("mã", max_length=40)
    name = models.CharField("tên nhóm", max_length=255)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    printed_total = models.DecimalField("tổng in (tỷ đồng)", null=True, blank=True, **AMOUNT)
    printed_count = models.PositiveIntegerField("số dự án in", null=True, blank=True)
    open_ended = models.BooleanField(
        "danh sách để ngỏ", default=False, help_text="Văn bản chỉ nêu ví dụ (“như”, “…”)."
    )
    source = models.CharField("văn bản, mục", max_length=255, blank=True)
    order = models.PositiveSmallIntegerField("thứ tự", default=0)

    class Meta:
        ordering = ["year", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["year", "code"], name="printed_group_unique")
        ]
        verbose_name = "nhóm dự án theo văn bản"
        verbose_name_plural = "nhóm dự án theo văn bản"

    def __str__(self) -> str:
        return self.name


class Project(models.Model):
    """An investment project with the year's capital plan; the managing agency enters its figures."""

    code = models.CharField("mã dự án", max_length=40, unique=True)
    name = models.CharField("tên dự án", max_length=500)
    investor = models.CharField("chủ đầu tư", max_length=255, blank=True)
    agency = models.ForeignKey(
        Organization,
        verbose_name="cơ quan quản lý",
        on_delete=models.PROTECT,
        related_name="investment_projects",
    )
    communes = models.ManyToManyField(
        Organization,
        verbose_name="xã, phường",
        blank=True,
        related_name="investment_projects_located",
        limit_choices_to={"kind__in": [OrgKind.COMMUNE, OrgKind.WARD]},
    )
    sector = models.CharField("lĩnh vực", max_length=120, blank=True)
    source = models.CharField("nguồn vốn", max_length=20, choices=CapitalSource.choices)
    group = models.CharField("nhóm dự án", max_length=20, choices=ProjectGroup.choices)
    year = models.PositiveIntegerField("năm kế hoạch")
    total_investment = models.DecimalField(
        "tổng mức đầu tư (tỷ đồng)", null=True, blank=True, **AMOUNT
    )
    capital_plan = models.DecimalField("kế hoạch vốn năm (tỷ đồng)", **AMOUNT)
    printed_group = models.ForeignKey(
        PrintedGroup,
        verbose_name="thuộc nhóm trong văn bản",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="projects",
    )
    printed_amount = models.DecimalField(
        "số tiền in bên cạnh tên (tỷ đồng)", null=True, blank=True, **AMOUNT
    )
    note = models.TextField("ghi chú, nguồn số liệu", blank=True)
    revision = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["year", "code"]
        verbose_name = "dự án đầu tư"
        verbose_name_plural = "dự án đầu tư"

    def __str__(self) -> str:
        return self.name


class Milestone(models.Model):
    """A milestone of a project with its planned and actual date."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="milestones")
    kind = models.CharField("mốc", max_length=20, choices=MilestoneKind.choices)
    planned_on = models.DateField("ngày kế hoạch", null=True, blank=True)
    actual_on = models.DateField("ngày thực tế", null=True, blank=True)
    note = models.CharField("ghi chú", max_length=255, blank=True)

    class Meta:
        ordering = ["project", "id"]
        constraints = [
            models.UniqueConstraint(fields=["project", "kind"], name="milestone_once_per_kind")
        ]
        verbose_name = "mốc tiến độ"
        verbose_name_plural = "mốc tiến độ"

    def __str__(self) -> str:
        return f"{self.project}: {self.get_kind_display()}"


class Obstacle(models.Model):
    """A difficulty holding a project back; resolving it is an action with a lead and a deadline."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="obstacles")
    kind = models.CharField("loại vướng mắc", max_length=20, choices=ObstacleKind.choices)
    action = models.OneToOneField(
        Action, verbose_name="nhiệm vụ tháo gỡ", on_delete=models.PROTECT, related_name="obstacle"
    )

    class Meta:
        ordering = ["project", "id"]
        verbose_name = "vướng mắc"
        verbose_name_plural = "vướng mắc"

    def __str__(self) -> str:
        return f"{self.project}: {self.action}"


class Commitment(models.Model):
    """What the investor promised to disburse in a month, as recorded at the monthly meeting."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="commitments")
    year = models.PositiveIntegerField("năm")
    month = models.PositiveSmallIntegerField("tháng")
    amount = models.DecimalField("cam kết giải ngân (tỷ đồng)", **AMOUNT)
    note = models.CharField("ghi chú", max_length=500, blank=True)

    class Meta:
        ordering = ["project", "year", "month"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "year", "month"], name="commitment_once_per_month"
            ),
            models.CheckConstraint(
                condition=models.Q(month__gte=1, month__lte=12), name="commitment_month_range"
            ),
        ]
        verbose_name = "cam kết giải ngân"
        verbose_name_plural = "cam kết giải ngân"

    def __str__(self) -> str:
        return f"{self.project} — {self.month:02d}/{self.year}"


class Disbursement(models.Model):
    """A month's disbursement of a project: draft → submitted → approved; only approved counts."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="disbursements")
    year = models.PositiveIntegerField("năm")
    month = models.PositiveSmallIntegerField("tháng")
    amount = models.DecimalField("giải ngân (tỷ đồng)", **AMOUNT)
    status = models.CharField(
        max_length=10, choices=DisbursementStatus.choices, default=DisbursementStatus.DRAFT
    )
    revision = models.PositiveIntegerField(default=1)
    note = models.CharField("ghi chú", max_length=500, blank=True)
    entry_source = models.CharField(
        "nhập từ", max_length=10, choices=EntrySource.choices, default=EntrySource.FORM
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["project", "year", "month"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "year", "month"], name="disbursement_once_per_month"
            ),
            models.CheckConstraint(
                condition=models.Q(month__gte=1, month__lte=12), name="disbursement_month_range"
            ),
            models.CheckConstraint(
                condition=models.Q(amount__gte=0), name="disbursement_not_negative"
            ),
        ]
        verbose_name = "giải ngân tháng"
        verbose_name_plural = "giải ngân tháng"

    def __str__(self) -> str:
        return f"{self.project} — {self.month:02d}/{self.year}"


class CapitalTransfer(models.Model):
    """A recorded decision moving part of one project's capital plan to another of the same source."""

    from_project = models.ForeignKey(
        Project, verbose_name="chuyển từ", on_delete=models.PROTECT, related_name="transfers_out"
    )
    to_project = models.ForeignKey(
        Project, verbose_name="chuyển đến", on_delete=models.PROTECT, related_name="transfers_in"
    )
    amount = models.DecimalField("số vốn (tỷ đồng)", **AMOUNT)
    reason = models.TextField("lý do")
    decision_number = models.CharField("số quyết định", max_length=60)
    decision_date = models.DateField("ngày quyết định")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-decision_date", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="transfer_positive")
        ]
        verbose_name = "điều chuyển vốn"
        verbose_name_plural = "điều chuyển vốn"

    def __str__(self) -> str:
        return f"{self.decision_number}: {self.from_project} → {self.to_project}"


class GrowthCoefficient(models.Model):
    """Construction value added (constant prices) per tỷ đồng disbursed from a capital source."""

    source = models.CharField(
        "nguồn vốn", max_length=20, choices=CapitalSource.choices, unique=True
    )
    coefficient = models.DecimalField("hệ số", max_digits=6, decimal_places=4)
    note = models.TextField("căn cứ", blank=True)
    revision = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["source"]
        verbose_name = "hệ số giá trị tăng thêm"
        verbose_name_plural = "hệ số giá trị tăng thêm"

    def __str__(self) -> str:
        return f"{self.get_source_display()}: {self.coefficient}"
