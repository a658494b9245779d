from django.contrib import admin

from chitieu.audit.admin import ReadOnlyAuditAdmin

from .models import Figure, FigureAudit, ReportingSpec, ValidationRule


@admin.register(Figure)
class FigureAdmin(admin.ModelAdmin):
    list_display = ["indicator", "organization", "period_code", "vintage", "value", "status"]
    list_filter = ["status", "vintage"]

    # Figures change only through the services (validation, locking, audit): read-only here.
    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(FigureAudit)
class FigureAuditAdmin(ReadOnlyAuditAdmin):
    list_display = [
        "figure",
        "at",
        "user",
        "action",
        "old_value",
        "new_value",
        "shown_status",
        "reason",
    ]
    list_filter = ["action", "vintage"]
    # the statuses and the vintage in words ("Nháp → Đã gửi", "Ước tính"), not their codes
    fields = [
        "figure",
        "at",
        "user",
        "action",
        "old_value",
        "new_value",
        "shown_vintage",
        "shown_status",
        "reason",
    ]
    readonly_fields = fields

    @admin.display(description="trạng thái")
    def shown_status(self, entry: FigureAudit) -> str:
        return entry.status_change or "—"

    @admin.display(description="loại số liệu")
    def shown_vintage(self, entry: FigureAudit) -> str:
        return entry.get_vintage_display()


admin.site.register(ReportingSpec)
admin.site.register(ValidationRule)
