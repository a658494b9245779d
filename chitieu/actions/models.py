"""Actions with leads and deadlines, reporting obligations and their instances, reminders."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from chitieu.catalog.models import Plan, Target
from chitieu.organizations.models import Organization

from .choices import ActionStatus, ObligationFrequency, ReminderKind, ReminderStatus, ShiftRule


class Action(models.Model):
    """A task (nhiệm vụ, giải pháp) from a plan, with a lead, a deadline and an expected result."""

    title = models.CharField("nhiệm vụ", max_length=500)
    description = models.TextField("nội dung", blank=True)
    plan = models.ForeignKey(
        Plan, null=True, blank=True, on_delete=models.SET_NULL, related_name="actions"
    )
    source = models.CharField("văn bản, mục", max_length=255, blank=True)
    section = models.CharField("mục trong văn bản", max_length=255, blank=True)
    lead = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="actions_led")
    coordinating = models.ManyToManyField(
        Organization, blank=True, related_name="actions_coordinated"
    )
    start_on = models.DateField("bắt đầu", null=True, blank=True)
    deadline = models.DateField("hạn hoàn thành", null=True, blank=True)
    recurrence_day = models.PositiveSmallIntegerField(
        "lặp lại ngày hằng tháng", null=True, blank=True
    )
    expected_result = models.TextField("kết quả cần đạt", blank=True)
    quantity = models.DecimalField(
        "số lượng cần đạt", max_digits=18, decimal_places=3, null=True, blank=True
    )
    quantity_unit = models.CharField("đơn vị", max_length=60, blank=True)
    target = models.ForeignKey(
        Target, null=True, blank=True, on_delete=models.SET_NULL, related_name="actions"
    )
    status = models.CharField(
        max_length=10, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )
    progress = models.PositiveSmallIntegerField("tiến độ (%)", default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["deadline", "id"]
        verbose_name = "nhiệm vụ"
        verbose_name_plural = "nhiệm vụ"

    def __str__(self) -> str:
        return self.title


class ActionUpdate(models.Model):
    """A progress report on an action: text, percentage, optional attachment."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    at = models.DateTimeField(auto_now_add=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    text = models.TextField("nội dung")
    percent = models.PositiveSmallIntegerField("tiến độ (%)")
    attachment = models.FileField("tệp đính kèm", upload_to="actions/", blank=True)

    class Meta:
        ordering = ["action", "-at"]
        verbose_name = "cập nhật tiến độ"
        verbose_name_plural = "cập nhật tiến độ"

    def __str__(self) -> str:
        return f"{self.action}: {self.percent} %"


class Holiday(models.Model):
    """The administrator's decision on one day, on top of the statutory holidays (which come from
    the `holidays` package for any year): a day off the government adds, or a weekend or holiday
    day it turns into a working day."""

    day = models.DateField("ngày", unique=True)
    name = models.CharField("tên", max_length=120)
    working = models.BooleanField(
        "ngày làm việc",
        default=False,
        help_text="Đánh dấu khi Chính phủ cho làm bù vào ngày này (thứ Bảy hoặc ngày lễ chuyển đi); "
        "để trống khi đây là ngày nghỉ thêm.",
    )

    class Meta:
        ordering = ["day"]
        verbose_name = "ngày nghỉ lễ"
        verbose_name_plural = "ngày nghỉ lễ"

    def __str__(self) -> str:
        return f"{self.day:%d/%m/%Y} {self.name}"


class CalendarSetting(models.Model):
    """The administrator's rule for deadlines on weekends and holidays (one row)."""

    shift = models.CharField(
        "hạn rơi vào ngày nghỉ", max_length=10, choices=ShiftRule.choices, default=ShiftRule.NEXT
    )
    remind_days_before = models.PositiveSmallIntegerField("nhắc trước (ngày)", default=2)
    remind_hour = models.PositiveSmallIntegerField("giờ gửi nhắc", default=8)

    class Meta:
        verbose_name = "quy tắc lịch"
        verbose_name_plural = "quy tắc lịch"

    def __str__(self) -> str:
        return self.get_shift_display()


class Obligation(models.Model):
    """Who reports what to whom, for which period, due on which day relative to the period."""

    name = models.CharField("báo cáo", max_length=255)
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="obligations"
    )
    recipient = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="obligations_received"
    )
    frequency = models.CharField(
        max_length=10, choices=ObligationFrequency.choices, default=ObligationFrequency.MONTH
    )
    day = models.PositiveSmallIntegerField("ngày")
    months_after = models.PositiveSmallIntegerField("số tháng sau kỳ", default=1)
    before = models.BooleanField("trước ngày đó", default=False)
    depends_on = models.ManyToManyField(
        "self", symmetrical=False, blank=True, related_name="dependents"
    )
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["day", "name"]
        verbose_name = "nghĩa vụ báo cáo"
        verbose_name_plural = "nghĩa vụ báo cáo"

    def __str__(self) -> str:
        return f"{self.organization}: {self.name}"


class ObligationInstance(models.Model):
    """One period's occurrence of an obligation: its deadline and when it was met."""

    obligation = models.ForeignKey(Obligation, on_delete=models.CASCADE, related_name="instances")
    period_code = models.CharField(max_length=20)
    due_at = models.DateTimeField("hạn")
    submitted_at = models.DateTimeField("đã gửi lúc", null=True, blank=True)

    class Meta:
        ordering = ["due_at", "obligation"]
        constraints = [
            models.UniqueConstraint(fields=["obligation", "period_code"], name="instance_unique")
        ]
        verbose_name = "kỳ báo cáo"
        verbose_name_plural = "kỳ báo cáo"

    def __str__(self) -> str:
        return f"{self.obligation} — {self.period_code}"


class Reminder(models.Model):
    """One reminder; the constraints make a second one of the same kind for the same thing impossible."""

    kind = models.CharField(max_length=12, choices=ReminderKind.choices)
    instance = models.ForeignKey(
        ObligationInstance,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="reminders",
    )
    action = models.ForeignKey(
        Action, null=True, blank=True, on_delete=models.CASCADE, related_name="reminders"
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="reminders"
    )
    due = models.DateTimeField()
    channel = models.CharField(max_length=20, default="email+app")
    status = models.CharField(
        max_length=10, choices=ReminderStatus.choices, default=ReminderStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "instance"],
                condition=models.Q(instance__isnull=False),
                name="reminder_once_per_instance",
            ),
            models.UniqueConstraint(
                fields=["kind", "action"],
                condition=models.Q(action__isnull=False),
                name="reminder_once_per_action",
            ),
        ]
        verbose_name = "lời nhắc"
        verbose_name_plural = "lời nhắc"

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.instance or self.action}"


class Notification(models.Model):
    """What an organisation sees in the app; one per reminder."""

    reminder = models.OneToOneField(Reminder, on_delete=models.CASCADE, related_name="notification")
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="notifications"
    )
    text = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    read = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "thông báo"
        verbose_name_plural = "thông báo"

    def __str__(self) -> str:
        return self.text[:60]
