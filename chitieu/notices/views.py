"""The person's notices: the page lists them and, by being opened, marks them read."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from .selectors import notices_for
from .services import notices_mark_read


def notice_list(request: HttpRequest) -> HttpResponse:
    notices = list(notices_for(request.user))
    # the page shows which were new, then counts them as seen
    notices_mark_read(
        user=request.user, ids=[n.pk for n in notices if n.read_at is None], at=timezone.now()
    )
    return render(request, "notices/list.html", {"notices": notices})
