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
        "status_change",
        "reason",
    ]
    list_filter = ["action", "vintage"]


admin.site.register(ReportingSpec)
admin.site.register(ValidationRule)
