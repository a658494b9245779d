from django.contrib import admin

from .models import (
    CapitalTransfer,
    Commitment,
    Disbursement,
    GrowthCoefficient,
    Milestone,
    Obstacle,
    PrintedGroup,
    Project,
)


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "agency", "source", "group", "year", "capital_plan"]
    list_filter = ["year", "source", "group"]
    search_fields = ["code", "name", "investor"]
    inlines = [MilestoneInline]
    filter_horizontal = ["communes"]


@admin.register(PrintedGroup)
class PrintedGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "year", "printed_total", "printed_count", "open_ended"]


class ReadOnlyAdmin(admin.ModelAdmin):
    """Money moves only through the services (audited, revision-checked): the admin reads."""

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(Disbursement)
class DisbursementAdmin(ReadOnlyAdmin):
    list_display = ["project", "year", "month", "amount", "status", "revision", "entry_source"]
    list_filter = ["year", "status", "entry_source"]


@admin.register(CapitalTransfer)
class CapitalTransferAdmin(ReadOnlyAdmin):
    list_display = ["decision_number", "decision_date", "from_project", "to_project", "amount"]


@admin.register(GrowthCoefficient)
class GrowthCoefficientAdmin(ReadOnlyAdmin):
    list_display = ["source", "coefficient", "note"]


admin.site.register(Commitment)
admin.site.register(Obstacle)
