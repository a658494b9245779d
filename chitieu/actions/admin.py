from django.contrib import admin, messages

from chitieu.audit.admin import AuditedAdmin
from chitieu.audit.choices import Entity
from chitieu.audit.services import audit_values

from . import reminders
from .choices import ReminderStatus
from .models import Action, CalendarSetting, Holiday, Obligation, ObligationInstance, Reminder
from .tasks import reminder_resend


@admin.register(Holiday)
class HolidayAdmin(admin.ModelAdmin):
    list_display = ["day", "name", "working"]
    list_filter = ["working"]


admin.site.register(CalendarSetting)


@admin.register(Obligation)
class ObligationAdmin(AuditedAdmin):
    audit_entity = Entity.OBLIGATION

    def audit_values(self, obj):  # type: ignore[no-untyped-def]
        return audit_values(obj) | {"depends_on": sorted(str(o) for o in obj.depends_on.all())}


@admin.register(ObligationInstance)
class ObligationInstanceAdmin(AuditedAdmin):
    audit_entity = Entity.OBLIGATION_INSTANCE


@admin.register(Action)
class ActionAdmin(AuditedAdmin):
    list_display = ["title", "lead", "deadline", "status", "progress"]
    list_filter = ["status", "lead"]
    audit_entity = Entity.ACTION

    def audit_values(self, obj):  # type: ignore[no-untyped-def]
        return audit_values(obj) | {"coordinating": sorted(str(o) for o in obj.coordinating.all())}


class DeliveryFilter(admin.SimpleListFilter):
    """Failed reminders, split into those still being retried and those nobody will retry."""

    title = "gửi lỗi"
    parameter_name = "gui_loi"

    def lookups(self, request, model_admin):  # type: ignore[no-untyped-def]
        return [
            ("het_luot", "Hết lượt thử lại — cần gửi lại"),
            ("dang_thu", "Đang chờ thử lại"),
        ]

    def queryset(self, request, queryset):  # type: ignore[no-untyped-def]
        spent = reminders.given_up()
        if self.value() == "het_luot":
            return queryset.filter(pk__in=spent)
        if self.value() == "dang_thu":
            return queryset.filter(status=ReminderStatus.FAILED).exclude(pk__in=spent)
        return queryset


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    list_display = [
        "kind",
        "organization",
        "due",
        "status",
        "attempts",
        "retries_spent",
        "last_error",
        "sent_at",
    ]
    list_filter = [DeliveryFilter, "status", "kind"]
    actions = ["resend"]

    @admin.display(boolean=True, description="hết lượt thử lại")
    def retries_spent(self, obj: Reminder) -> bool:
        return obj.status == ReminderStatus.FAILED and obj.attempts >= reminders.MAX_ATTEMPTS

    @admin.action(description="Gửi lại các lời nhắc gửi lỗi đã chọn")
    def resend(self, request, queryset):  # type: ignore[no-untyped-def]
        count = reminder_resend(reminders_to_send=queryset)
        skipped = queryset.count() - count
        self.message_user(
            request,
            f"Đã đưa {count} lời nhắc vào hàng gửi lại"
            + (f"; bỏ qua {skipped} lời nhắc không ở trạng thái lỗi." if skipped else "."),
            messages.SUCCESS if count else messages.WARNING,
        )

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
