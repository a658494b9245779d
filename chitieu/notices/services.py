"""Writing notices and marking them read."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.contrib.auth import get_user_model

from chitieu.organizations.models import Organization

from .choices import NoticeKind
from .models import Notice


def recipients(users_or_org: Organization | Iterable[Any]) -> list[Any]:
    """The active users of an organisation (its members), or the given users, each once."""
    if isinstance(users_or_org, Organization):
        return list(
            get_user_model()
            .objects.filter(membership__organization=users_or_org, is_active=True)
            .order_by("pk")
        )
    seen: dict[int, Any] = {}
    for user in users_or_org:
        seen.setdefault(user.pk, user)
    return list(seen.values())


def notify(
    users_or_org: Organization | Iterable[Any],
    text: str,
    link: str = "",
    kind: str = NoticeKind.INFO,
) -> list[Notice]:
    """Give each recipient a notice (an organisation means its members); returns what was written.

    Call it inside the transaction that records the event, so the notice exists exactly when the
    event does."""
    if kind not in NoticeKind.values:
        raise ValueError(f"Loại thông báo không hợp lệ: {kind!r}")
    text = text.strip()
    if not text:
        raise ValueError("Thông báo không có nội dung.")
    return Notice.objects.bulk_create(
        Notice(user=user, kind=kind, text=text, link=link) for user in recipients(users_or_org)
    )


def notices_mark_read(*, user: Any, ids: Iterable[int], at: datetime) -> int:
    """Mark the user's notices with these ids read at ``at``; returns how many were unread."""
    return Notice.objects.filter(user=user, pk__in=list(ids), read_at__isnull=True).update(
        read_at=at
    )
