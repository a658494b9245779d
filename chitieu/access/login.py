"""Login throttling: repeated failures for one user name from one address lock that pair for a while."""

from __future__ import annotations

import hashlib
import logging
from typing import Any

from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import HttpRequest

log = logging.getLogger("chitieu.security")


def _client_address(request: HttpRequest | None) -> str:
    # REMOTE_ADDR is the proxy's address behind a reverse proxy; the proxy then sets it from
    # X-Real-IP / X-Forwarded-For itself (gunicorn --forwarded-allow-ips), so we never trust the
    # client-supplied header here.
    return (request.META.get("REMOTE_ADDR") if request else None) or "?"


def _key(username: str, address: str) -> str:
    digest = hashlib.sha256(f"{username.strip().lower()}\0{address}".encode()).hexdigest()
    return f"login-failures:{digest}"


def login_failures(*, username: str, address: str) -> int:
    """How many failures this user name has from this address inside the current window."""
    return int(cache.get(_key(username, address), 0))


def login_failure_record(*, username: str, address: str) -> int:
    """Count one failure; the window starts at the first failure and is not extended by later ones."""
    key = _key(username, address)
    if cache.add(key, 1, timeout=settings.LOGIN_LOCK_SECONDS):
        count = 1
    else:
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, timeout=settings.LOGIN_LOCK_SECONDS)
            count = 1
    level = logging.WARNING if count >= settings.LOGIN_FAILURE_LIMIT else logging.INFO
    log.log(level, "Đăng nhập sai lần %s cho “%s” từ %s", count, username, address)
    return count


def login_failures_clear(*, username: str, address: str) -> None:
    """A successful login forgets earlier failures."""
    cache.delete(_key(username, address))


def _lock_message() -> str:
    minutes = max(1, settings.LOGIN_LOCK_SECONDS // 60)
    return (
        f"Đăng nhập sai quá {settings.LOGIN_FAILURE_LIMIT} lần: tài khoản tạm khóa đăng nhập từ "
        f"máy này trong {minutes} phút. Hãy thử lại sau hoặc liên hệ quản trị để đặt lại mật khẩu."
    )


class ThrottledLoginForm(AuthenticationForm):
    """The login form, refusing a locked user name + address before it checks the password."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": "Tên đăng nhập hoặc mật khẩu không đúng.",
    }

    def clean(self) -> dict[str, Any]:
        username = self.cleaned_data.get("username") or ""
        address = _client_address(self.request)
        if username and login_failures(username=username, address=address) >= (
            settings.LOGIN_FAILURE_LIMIT
        ):
            log.warning("Từ chối đăng nhập “%s” từ %s: đang bị khóa", username, address)
            raise ValidationError(_lock_message(), code="locked")
        try:
            cleaned = super().clean()
        except ValidationError:
            if username:
                count = login_failure_record(username=username, address=address)
                if count >= settings.LOGIN_FAILURE_LIMIT:
                    raise ValidationError(_lock_message(), code="locked") from None
            raise
        login_failures_clear(username=username, address=address)
        return cleaned
