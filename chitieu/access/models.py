"""A user's organisation and role."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from chitieu.organizations.models import Organization

from .choices import Role


class Membership(models.Model):
    """A user's organisation and role; every permission check starts here."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership"
    )
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="members")
    role = models.CharField("vai trò", max_length=20, choices=Role.choices)

    class Meta:
        # The table was created by the reporting app before access became its own layer.
        db_table = "reporting_membership"
        verbose_name = "thành viên"
        verbose_name_plural = "thành viên"

    def __str__(self) -> str:
        return f"{self.user} — {self.organization} ({self.get_role_display()})"
