"""One notice for one person."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from .choices import NoticeKind


class Notice(models.Model):
    """A line behind the bell: what happened, where to look, and whether the person has seen it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notices"
    )
    kind = models.CharField("loại", max_length=12, choices=NoticeKind.choices)
    text = models.TextField("nội dung")
    link = models.CharField("đường dẫn", max_length=500, blank=True)
    created_at = models.DateTimeField("lúc", auto_now_add=True)
    read_at = models.DateTimeField("đã xem lúc", null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        # the header counts a person's unread notices on every page
        indexes = [models.Index(fields=["user", "read_at"], name="notice_user_unread")]
        verbose_name = "thông báo"
        verbose_name_plural = "thông báo"

    def __str__(self) -> str:
        return self.text[:60]
