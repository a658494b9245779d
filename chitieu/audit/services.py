"""Writes to the shared audit trail; every write service of an audited entity calls this."""

from __future__ import annotations

from typing import Any

from django.db import models, transaction

from .choices import AuditAction, Entity
from .models import AuditEntry


def audit_values(obj: models.Model, fields: list[str] | None = None) -> dict[str, Any]:
    """The stored values of ``obj`` as JSON-ready data; a foreign key gives its id and its name."""
    values: dict[str, Any] = {}
    for field in obj._meta.concrete_fields:
        if field.primary_key or (fields is not None and field.name not in fields):
            continue
        if field.is_relation:
            related_id = getattr(obj, field.attname)
            values[field.attname] = related_id
            if related_id is not None:
                values[field.name] = str(getattr(obj, field.name))
        elif isinstance(field, models.FileField):
            values[field.name] = getattr(obj, field.name).name or ""
        else:
            values[field.name] = field.value_from_object(obj)
    return values


def _require_transaction() -> None:
    if not transaction.get_connection().in_atomic_block:
        # An entry written outside the write's transaction could survive a rolled-back write
        # (or be lost after a committed one): refuse, so a service that forgets fails its tests.
        raise RuntimeError("audit_record phải được gọi trong giao dịch của thao tác ghi.")


def audit_record(
    *,
    user: Any,
    entity: Entity | str,
    obj: models.Model,
    action: AuditAction | str,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    reason: str = "",
) -> AuditEntry:
    """Append one entry; it must run inside the transaction of the write it describes."""
    _require_transaction()
    return AuditEntry.objects.create(
        user=user if getattr(user, "pk", None) else None,
        entity=entity,
        object_id=obj.pk,
        object_repr=str(obj)[:500],
        action=action,
        before=before,
        after=after,
        reason=reason,
    )


def audit_record_many(
    *,
    user: Any,
    entity: Entity | str,
    action: AuditAction | str,
    changes: list[tuple[models.Model, dict[str, Any] | None, dict[str, Any] | None]],
) -> int:
    """Append one entry per (object, before, after) in one insert (a plan's targets at import)."""
    _require_transaction()
    who = user if getattr(user, "pk", None) else None
    AuditEntry.objects.bulk_create(
        AuditEntry(
            user=who,
            entity=entity,
            object_id=obj.pk,
            object_repr=str(obj)[:500],
            action=action,
            before=before,
            after=after,
        )
        for obj, before, after in changes
    )
    return len(changes)


def audit_change(
    *,
    user: Any,
    entity: Entity | str,
    obj: models.Model,
    before: dict[str, Any] | None,
    after: dict[str, Any],
) -> AuditEntry | None:
    """Record a creation (no ``before``) or a change; nothing when the values are the same."""
    if before == after:
        return None
    action = AuditAction.CREATE if before is None else AuditAction.UPDATE
    return audit_record(
        user=user, entity=entity, obj=obj, action=action, before=before, after=after
    )
