"""Ids and numbers read from a request: a malformed one is the sender's error (400), never a crash."""

from __future__ import annotations

import re

from django.core.exceptions import BadRequest
from django.http import HttpRequest, QueryDict
from django.utils.http import url_has_allowed_host_and_scheme

# ASCII digits only ("²".isdigit() is true yet int() refuses it) and small enough for any database.
_ID = re.compile(r"[0-9]{1,15}")


def int_param(data: QueryDict, name: str, *, required: bool = False) -> int | None:
    """The whole number sent as `name`, None when absent or empty; anything else is a 400."""
    raw = data.get(name, "")
    value = raw.strip() if isinstance(raw, str) else ""
    if not value:
        if required:
            raise BadRequest(f"Thiếu tham số “{name}”.")
        return None
    if not _ID.fullmatch(value):
        raise BadRequest(f"Tham số “{name}”={raw[:40]!r} không hợp lệ: cần một số nguyên dương.")
    return int(value)


def int_list_param(data: QueryDict, name: str) -> set[int]:
    """Every value sent as `name` (checkboxes), each a whole number, else a 400."""
    values = set()
    for raw in data.getlist(name):
        if not _ID.fullmatch(raw.strip()):
            raise BadRequest(
                f"Tham số “{name}”={raw[:40]!r} không hợp lệ: cần một số nguyên dương."
            )
        values.add(int(raw))
    return values


def next_url(request: HttpRequest, default: str) -> str:
    """Where to go after a POST: the `next` sent with it only when it stays on this site."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default
