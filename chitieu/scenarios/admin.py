from django.contrib import admin

from chitieu.audit.admin import AuditedAdmin
from chitieu.audit.choices import Entity
from chitieu.audit.services import audit_values

from .models import Driver, GrowthScenario, ScenarioVersion


class VersionInline(admin.TabularInline):
    model = ScenarioVersion
    extra = 0
    fields = ["number", "kind", "status", "adopted_at", "note", "created_by", "created_at"]
    # statuses change through the page (propose, adopt), where the role is checked and audited
    readonly_fields = fields


class DriverInline(admin.TabularInline):
    """The sector's driving indicators and the year's targets the plan states."""

    model = Driver
    extra = 0
    fields = ["order", "sector", "indicator", "target", "additive", "lead", "source"]
    autocomplete_fields = ["indicator"]


@admin.register(GrowthScenario)
class GrowthScenarioAdmin(AuditedAdmin):
    list_display = ["title", "year", "source"]
    inlines = [VersionInline, DriverInline]
    audit_entity = Entity.SCENARIO

    def audit_values(self, obj):  # type: ignore[no-untyped-def]
        # a version removed in the inline shows as a number missing from the list
        return audit_values(obj) | {
            "versions": sorted(v.number for v in obj.versions.all()),
            "drivers": [
                {**audit_values(d), "target": str(d.target) if d.target is not None else None}
                for d in obj.drivers.all()
            ],
        }
