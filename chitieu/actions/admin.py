from django.contrib import admin

from chitieu.audit.admin import AuditedAdmin
from chitieu.audit.choices import Entity
from chitieu.audit.services import audit_values

from .models import Action, CalendarSetting, Holiday, Obligation, ObligationInstance, Reminder

admin.site.register(Holiday)
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


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    list_display = ["kind", "organization", "due", "status", "attempts", "sent_at"]

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
