from django.contrib import admin

from .models import Indicator, IndicatorAlias, Plan, Responsibility, Target


class ResponsibilityInline(admin.TabularInline):
    model = Responsibility
    extra = 0
    autocomplete_fields = ["organization"]


@admin.register(Target)
class TargetAdmin(admin.ModelAdmin):
    list_display = ["printed_name", "printed_text", "kind", "plan"]
    list_filter = ["plan", "kind"]
    search_fields = ["printed_name"]
    inlines = [ResponsibilityInline]
    autocomplete_fields = ["indicator"]


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["name", "unit", "group", "direction", "parent"]
    list_filter = ["group", "direction"]
    search_fields = ["name"]


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ["__str__", "kind", "period_code", "status"]
    readonly_fields = ["source_checksum", "warnings"]


admin.site.register(IndicatorAlias)
admin.site.site_header = "chitieu — quản trị"
