from django.contrib import admin

from chitieu.audit.admin import AuditedAdmin
from chitieu.audit.choices import Entity
from chitieu.audit.services import audit_values

from .models import GrowthScenario, ScenarioVersion


class VersionInline(admin.TabularInline):
    model = ScenarioVersion
    extra = 0
    fields = ["number", "kind", "note", "created_by", "created_at"]
    readonly_fields = fields


@admin.register(GrowthScenario)
class GrowthScenarioAdmin(AuditedAdmin):
    list_display = ["title", "year", "source"]
    inlines = [VersionInline]
    audit_entity = Entity.SCENARIO

    def audit_values(self, obj):  # type: ignore[no-untyped-def]
        # a version removed in the inline shows as a number missing from the list
        return audit_values(obj) | {"versions": sorted(v.number for v in obj.versions.all())}
