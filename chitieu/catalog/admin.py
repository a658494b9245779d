from django.contrib import admin

from chitieu.audit.admin import AuditedAdmin
from chitieu.audit.choices import Entity

from .models import Indicator, IndicatorAlias, Plan, Responsibility, Target
from .services import plan_delete, plan_values, target_values


class ResponsibilityInline(admin.TabularInline):
    model = Responsibility
    extra = 0
    autocomplete_fields = ["organization"]


@admin.register(Target)
class TargetAdmin(AuditedAdmin):
    list_display = ["printed_name", "printed_text", "kind", "plan"]
    list_filter = ["plan", "kind"]
    search_fields = ["printed_name"]
    inlines = [ResponsibilityInline]
    autocomplete_fields = ["indicator"]

    audit_entity = Entity.TARGET

    def audit_values(self, obj):  # type: ignore[no-untyped-def]
        return target_values(obj)


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["name", "unit", "group", "direction", "parent"]
    list_filter = ["group", "direction"]
    search_fields = ["name"]


@admin.register(Plan)
class PlanAdmin(AuditedAdmin):
    list_display = ["__str__", "kind", "period_code", "status"]
    readonly_fields = ["source_checksum", "warnings"]

    audit_entity = Entity.PLAN

    def audit_values(self, obj):  # type: ignore[no-untyped-def]
        return plan_values(obj)

    # a plan's targets go with it: the service audits them too
    def delete_model(self, request, obj):  # type: ignore[no-untyped-def]
        plan_delete(user=request.user, plan=obj)

    def delete_queryset(self, request, queryset):  # type: ignore[no-untyped-def]
        for plan in queryset:
            plan_delete(user=request.user, plan=plan)


admin.site.register(IndicatorAlias)
admin.site.site_header = "chitieu — quản trị"
