"""Reads of the shared audit trail."""

from __future__ import annotations

from django.db.models import QuerySet

from .choices import Entity
from .models import AuditEntry


def audit_trail(*, entity: Entity | str, object_id: int) -> QuerySet[AuditEntry]:
    """Every entry about one thing, oldest first, with who did it."""
    return AuditEntry.objects.filter(entity=entity, object_id=object_id).select_related("user")
