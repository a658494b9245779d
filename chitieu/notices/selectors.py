"""Reading a person's notices, and what the header shows them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from chitieu.access.permissions import menu_for_role, role_from

from .models import Notice

PAGE_SIZE = 100


@dataclass(frozen=True)
class Header:
    """The header of every page: which working pages to offer, and the bell's count."""

    menu: dict[str, bool] = field(default_factory=dict)
    unread: int = 0


def _unread(user_ref: Any) -> Subquery:
    return Subquery(
        Notice.objects.filter(user=user_ref, read_at__isnull=True)
        .values("user")
        .annotate(n=Count("pk"))
        .values("n"),
        output_field=IntegerField(),
    )


def header_for(user: Any) -> Header:
    """The user's role and unread count in one query: the header is drawn on every page."""
    if not getattr(user, "is_authenticated", False):
        return Header()
    membership_role, unread = (
        get_user_model()
        .objects.filter(pk=user.pk)
        .values_list("membership__role", Coalesce(_unread(OuterRef("pk")), Value(0)))
        .get()
    )
    role = role_from(membership_role, user)
    return Header(menu=menu_for_role(role, is_staff=bool(user.is_staff)), unread=unread)


def unread_count(user: Any) -> int:
    """How many notices the user has not opened (0 for someone not signed in)."""
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notice.objects.filter(user=user, read_at__isnull=True).count()


def notices_for(user: Any) -> QuerySet[Notice]:
    """The user's latest notices, newest first."""
    return Notice.objects.filter(user=user)[:PAGE_SIZE]
