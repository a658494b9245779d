"""The audit in the admin: listed and read, never added, changed or deleted."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import admin
from django.utils.html import format_html, format_html_join

from .choices import AuditAction, Entity
from .display import changes
from .models import AuditEntry
from .services import audit_change, audit_record, audit_record_many, audit_values


class ReadOnlyAuditAdmin(admin.ModelAdmin):
    """Base for every audit table's admin: view permission only, and no bulk actions at all."""

    actions = None

    def has_add_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False


class AuditedAdmin(admin.ModelAdmin):
    """An admin whose corrections are audited like any service's write.

    The admin runs each save and delete in a transaction, so the entry commits with the write.
    The values before the form are read in ``save_model`` and compared with those after
    ``save_related`` (inlines and many-to-many fields are saved there).
    """

    audit_entity: Entity

    def audit_values(self, obj: Any) -> dict[str, Any]:
        return audit_values(obj)

    def save_model(self, request: Any, obj: Any, form: Any, change: bool) -> None:
        request.audit_before = (
            self.audit_values(type(obj).objects.get(pk=obj.pk)) if change else None
        )
        super().save_model(request, obj, form, change)

    def save_related(self, request: Any, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        audit_change(
            user=request.user,
            entity=self.audit_entity,
            obj=form.instance,
            before=getattr(request, "audit_before", None),
            after=self.audit_values(form.instance),
        )

    def delete_model(self, request: Any, obj: Any) -> None:
        audit_record(
            user=request.user,
            entity=self.audit_entity,
            obj=obj,
            action=AuditAction.DELETE,
            before=self.audit_values(obj),
        )
        super().delete_model(request, obj)

    def delete_queryset(self, request: Any, queryset: Any) -> None:
        audit_record_many(
            user=request.user,
            entity=self.audit_entity,
            action=AuditAction.DELETE,
            changes=[(obj, self.audit_values(obj), None) for obj in queryset],
        )
        super().delete_queryset(request, queryset)


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
        "shown_changes",
        "shown_before",
        "shown_after",
        "reason",
    ]
    readonly_fields = fields

    @admin.display(description="thay đổi")
    def shown_changes(self, entry: AuditEntry) -> str:
        rows = changes(entry.entity, entry.before, entry.after)
        if not rows:
            return "—"
        return format_html(
            "<table><thead><tr><th>Mục</th><th>Trước</th><th>Sau</th></tr></thead>"
            "<tbody>{}</tbody></table>",
            format_html_join("", "<tr><td>{}</td><td>{}</td><td>{}</td></tr>", rows),
        )

    @admin.display(description="trước (dữ liệu lưu)")
    def shown_before(self, entry: AuditEntry) -> str:
        return _json(entry.before)

    @admin.display(description="sau (dữ liệu lưu)")
    def shown_after(self, entry: AuditEntry) -> str:
        return _json(entry.after)
