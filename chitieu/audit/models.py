"""Append-only audit rows: an abstract base that every audit table uses, and the shared trail."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone

from .choices import AuditAction, Entity


class AuditJSONEncoder(DjangoJSONEncoder):
    """Django's encoder, but times keep their microseconds: the audit must give back the value."""

    def default(self, o: Any) -> Any:
        if isinstance(o, datetime.datetime):
            return o.isoformat()
        return super().default(o)


class AppendOnlyModel(models.Model):
    """A table whose rows are written once: database triggers refuse UPDATE and DELETE.

    The Python guards below only give a clearer message earlier; the triggers (installed by each
    app's migration, see ``chitieu.audit.db``) are what hold for querysets and raw SQL.
    """

    append_only = True

    class Meta:
        abstract = True

    def save(self, *args: object, **kwargs: object) -> None:
        if self.pk is not None and not self._state.adding:
            raise PermissionError(f"{self._meta.verbose_name}: chỉ được ghi thêm, không được sửa.")
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def delete(self, *args: object, **kwargs: object) -> tuple[int, dict[str, int]]:
        raise PermissionError(f"{self._meta.verbose_name}: không được xóa.")


class AuditEntry(AppendOnlyModel):
    """One write to a plan, target, scenario, action or obligation: who, when, what, before, after."""

    at = models.DateTimeField("lúc", default=timezone.now, editable=False)
    # PROTECT, not SET_NULL: setting the user to NULL would be an UPDATE the trigger refuses, and
    # a person who changed the plan should be deactivated, not erased from its history.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người thực hiện",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    entity = models.CharField("đối tượng", max_length=30, choices=Entity.choices)
    # No foreign key: the trail outlives the thing (a deleted target keeps its history).
    object_id = models.PositiveBigIntegerField("mã đối tượng")
    object_repr = models.CharField("tên đối tượng", max_length=500)
    action = models.CharField("thao tác", max_length=30, choices=AuditAction.choices)
    before = models.JSONField("trước", null=True, blank=True, encoder=AuditJSONEncoder)
    after = models.JSONField("sau", null=True, blank=True, encoder=AuditJSONEncoder)
    reason = models.TextField("lý do", blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = "nhật ký thay đổi"
        verbose_name_plural = "nhật ký thay đổi"
        indexes = [models.Index(fields=["entity", "object_id", "at"])]

    def __str__(self) -> str:
        return (
            f"{self.get_action_display()} {self.get_entity_display().lower()} “{self.object_repr}”"
        )
