"""Growth scenarios: each save is a new version, so the original and every adjustment remain."""

from django.conf import settings
from django.db import models

from chitieu.catalog.models import Indicator


class GrowthScenario(models.Model):
    """A year's growth scenario (e.g. the province's scenario for the last six months of 2026)."""

    year = models.PositiveIntegerField("năm")
    title = models.CharField("tên", max_length=255)
    source = models.CharField("văn bản nguồn", max_length=255, blank=True)
    # thresholds the finance department sets: beyond them the task force and the sector's lead
    # agencies get a notice when an approved actual comes in
    alert_points = models.DecimalField(
        "ngưỡng báo chậm tăng trưởng (điểm %)", max_digits=5, decimal_places=2, default=1
    )
    alert_percent = models.DecimalField(
        "ngưỡng báo chậm chỉ tiêu dẫn dắt (%)", max_digits=5, decimal_places=2, default=5
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "-id"]
        verbose_name = "kịch bản tăng trưởng"
        verbose_name_plural = "kịch bản tăng trưởng"

    def __str__(self) -> str:
        return self.title

    @property
    def latest(self) -> "ScenarioVersion":
        return self.versions.order_by("-number").first()  # type: ignore[return-value]

    @property
    def adopted(self) -> "ScenarioVersion | None":
        """The version the province adopted last: what the page opens on and reports use."""
        return (
            self.versions.filter(status=ScenarioVersion.Status.ADOPTED)
            .order_by("-adopted_at", "-number")
            .first()
        )


class ScenarioVersion(models.Model):
    """One version of a scenario: the engine's input (components, aggregates, base values,
    growth by quarter, cells to solve, targets, rule) and, for a published table, what it printed."""

    class Kind(models.TextChoices):
        ORIGINAL = "original", "Bản gốc"
        ADJUSTED = "adjusted", "Điều chỉnh"

    class Status(models.TextChoices):
        # a saved version is a trial until the finance department (or the task force) adopts it;
        # only adopted versions are compared with actuals, opened by default and reported
        DRAFT = "draft", "Bản thử"
        PROPOSED = "proposed", "Đề xuất"
        ADOPTED = "adopted", "Đã thông qua"

    scenario = models.ForeignKey(GrowthScenario, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField("phiên bản")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    data = models.JSONField("dữ liệu đầu vào")
    published = models.JSONField("bảng đã công bố", null=True, blank=True)
    note = models.CharField("ghi chú", max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # when the province adopted this version: actuals of a period are compared with the version in
    # force at its end, not with whatever was saved last
    adopted_at = models.DateTimeField("ngày thông qua", null=True, blank=True)
    status = models.CharField(
        "trạng thái", max_length=20, choices=Status.choices, default=Status.DRAFT
    )

    class Meta:
        ordering = ["scenario", "number"]
        constraints = [
            models.UniqueConstraint(fields=["scenario", "number"], name="scenario_version_unique")
        ]
        verbose_name = "phiên bản kịch bản"
        verbose_name_plural = "phiên bản kịch bản"

    def __str__(self) -> str:
        return f"{self.scenario} — phiên bản {self.number}"


class SeriesIndicator(models.Model):
    """Which indicator's figures are the actuals of a scenario series (growth at constant prices)."""

    scenario = models.ForeignKey(GrowthScenario, on_delete=models.CASCADE, related_name="series")
    series = models.CharField("chuỗi", max_length=40)
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["scenario", "series"], name="scenario_series_unique")
        ]
        verbose_name = "chỉ tiêu thực hiện của chuỗi"
        verbose_name_plural = "chỉ tiêu thực hiện của các chuỗi"

    def __str__(self) -> str:
        return f"{self.scenario}: {self.series} → {self.indicator}"


class Driver(models.Model):
    """A sector's driving indicator (retail sales, tourist arrivals, public investment disbursed, …)
    with the year's target the scenario plan states; its monthly figures are the catalog
    indicator's, and count only once approved."""

    scenario = models.ForeignKey(GrowthScenario, on_delete=models.CASCADE, related_name="drivers")
    sector = models.CharField("khu vực (chuỗi kịch bản)", max_length=40)
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="+")
    target = models.DecimalField(
        "mục tiêu cả năm", max_digits=20, decimal_places=6, null=True, blank=True
    )
    # months add up to the year (sales, arrivals, money); an index (IIP) does not
    additive = models.BooleanField("cộng dồn theo tháng", default=True)
    lead = models.ForeignKey(
        "organizations.Organization",
        verbose_name="cơ quan chủ trì",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    source = models.CharField("căn cứ (văn bản)", max_length=500, blank=True)
    order = models.PositiveSmallIntegerField("thứ tự", default=0)

    class Meta:
        ordering = ["scenario", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["scenario", "indicator"], name="scenario_driver_unique")
        ]
        verbose_name = "động lực tăng trưởng"
        verbose_name_plural = "động lực tăng trưởng"

    def __str__(self) -> str:
        return f"{self.scenario}: {self.sector} ← {self.indicator}"
