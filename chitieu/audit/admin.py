"""The audit in the admin: listed and read, never added, changed or deleted."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import admin
from django.utils.html import format_html

from .models import AuditEntry


class ReadOnlyAuditAdmin(admin.ModelAdmin):
    """Base for every audit table's admin: view permission only, and no bulk actions at all."""

    actions = None

    def has_add_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False


def _json(value: Any) -> str:
    if value is None:
        return "—"
    # ensure_ascii=False: the values are Vietnamese and must read as such.
    return format_html("<pre>{}</pre>", json.dumps(value, ensure_ascii=False, indent=2))


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAuditAdmin):
    list_display = ["at", "user", "action", "entity", "object_repr"]
    list_filter = ["entity", "action"]
    search_fields = ["object_repr", "user__username", "reason"]
    date_hierarchy = "at"
    fields = [
        "at",
        "user",
        "action",
        "entity",
        "object_id",
        "object_repr",
        "shown_before",
        "shown_after",
        "reason",
    ]
    readonly_fields = fields

    @admin.display(description="trước")
    def shown_before(self, entry: AuditEntry) -> str:
        return _json(entry.before)

    @admin.display(description="sau")
    def shown_after(self, entry: AuditEntry) -> str:
        return _json(entry.after)
