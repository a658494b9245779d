from django.contrib import admin

from .models import GrowthScenario, ScenarioVersion


class VersionInline(admin.TabularInline):
    model = ScenarioVersion
    extra = 0
    fields = ["number", "kind", "note", "created_by", "created_at"]
    readonly_fields = fields


@admin.register(GrowthScenario)
class GrowthScenarioAdmin(admin.ModelAdmin):
    list_display = ["title", "year", "source"]
    inlines = [VersionInline]
