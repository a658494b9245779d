from django.contrib import admin

from .models import Action, CalendarSetting, Holiday, Obligation, ObligationInstance, Reminder

admin.site.register(Holiday)
admin.site.register(CalendarSetting)
admin.site.register(Obligation)
admin.site.register(ObligationInstance)


@admin.register(Action)
class ActionAdmin(admin.ModelAdmin):
    list_display = ["title", "lead", "deadline", "status", "progress"]
    list_filter = ["status", "lead"]


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    list_display = ["kind", "organization", "due", "status", "attempts", "sent_at"]

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
