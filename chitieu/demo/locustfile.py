"""Locust users for `make load`: the demo's reporters browse pages and save figures at once.

Run by `manage.py load_test`, which starts the server on a scratch database and reads the results;
this file knows only HTTP. Every request goes to the loopback host given to Locust.
"""

from __future__ import annotations

import itertools
import os
import random
import re
from http.cookiejar import Cookie
from typing import Any

from locust import between, task
from locust.contrib.fasthttp import FastHttpUser

from chitieu.demo.load_accounts import PASSWORD, REPORTERS
from chitieu.demo.load_forms import SAVE_PATH, entry_forms

# The current plan year: the demo has no figure for it yet, so nothing is locked by approval.
PERIOD = "2026"
# each Locust user is one of the demo's reporters, in turn
_accounts = itertools.cycle(REPORTERS)
# `manage.py load_test` hands each user a session already signed in ("username=key,…"): the
# password hash of a login is measured apart, not fifty times inside the pages' minute
_SESSIONS = itertools.cycle(
    [s.split("=", 1) for s in os.environ.get("CHITIEU_LOAD_SESSIONS", "").split(",") if s] or [None]
)
_COOKIE = os.environ.get("CHITIEU_SESSION_COOKIE", "sessionid")
_TYPED = itertools.count()
_LINK = re.compile(r'href="(/(?:ke-hoach|chi-tieu|co-quan|kich-ban|nhiem-vu)/[0-9]+/)"')


def _only_5xx_fails(response: Any) -> Any:
    """A 403 for a page the role may not open is an answer, not a server error."""
    if response.status_code >= 500 or response.status_code == 0:
        response.failure(f"HTTP {response.status_code}")
    else:
        response.success()
    return response


def _session_cookie(key: str, host: str) -> Cookie:
    """The signed-in session handed over by `manage.py load_test`, as the server would set it."""
    return Cookie(
        version=0,
        name=_COOKIE,
        value=key,
        port=None,
        port_specified=False,
        domain=host,
        domain_specified=False,
        domain_initial_dot=False,
        path="/",
        path_specified=True,
        secure=False,
        expires=None,
        discard=True,
        comment=None,
        comment_url=None,
        rest={},
    )


class Reporter(FastHttpUser):
    """A reporter of one demo department: reads the pages, now and then saves a figure.

    FastHttpUser (geventhttpclient) costs the load generator several times less processor per
    request than the requests-based HttpUser; on a 2-core machine that is processor left to the
    server being measured.
    """

    wait_time = between(0.5, 2.0)

    def on_start(self) -> None:
        given = next(_SESSIONS)
        if given is not None:
            self.username, key = given
            host = (self.host or "").split("://", 1)[-1].split(":", 1)[0].split("/", 1)[0]
            self.client.cookiejar.set_cookie(_session_cookie(key, host))
        else:
            self._login(next(_accounts))
        home = self._get("/", "page: /")
        self.links = sorted(set(re.findall(r'<a href="(/[^"?#]*)">', home.text or "")))
        self.links = [u for u in self.links if not u.startswith(("/quan-tri", "/dang-xuat"))]
        self.details: list[str] = []

    def _login(self, username: str) -> None:
        self.username = username
        page = self._get("/dang-nhap/", "login")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text or "")
        self.client.post(
            "/dang-nhap/",
            data={
                "username": self.username,
                "password": PASSWORD,
                "csrfmiddlewaretoken": token.group(1) if token else "",
                "next": "/",
            },
            name="login",
        )

    def _get(self, url: str, name: str) -> Any:
        with self.client.get(url, name=name, catch_response=True) as response:
            return _only_5xx_fails(response)

    @task(6)
    def browse(self) -> None:
        url = random.choice(self.links or ["/"])
        response = self._get(url, f"page: {url}")
        found = _LINK.findall(response.text or "")
        if found:
            self.details = found[:50]

    @task(3)
    def open_detail(self) -> None:
        if self.details:
            url = random.choice(self.details)
            self._get(url, "page: " + re.sub(r"[0-9]+", "N", url))

    @task(2)
    def save(self) -> None:
        page = self._get(f"/so-lieu/?ky={PERIOD}", "page: /so-lieu/")
        forms = entry_forms(page.text or "")
        if not forms:
            return
        fields = dict(random.choice(forms))
        # a value this run has not typed lately: one equal to the stored value is a save that
        # changes nothing, answered as such and written nowhere (decision 0052)
        k = next(_TYPED)
        fields["value"] = f"{1 + k // 10 % 89},{k % 10}"
        fields["comment"] = "thử tải"
        # the POST alone is the save; the page it redirects to says whether it was stored
        with self.client.post(
            SAVE_PATH, data=fields, name="save", allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code >= 500:
                response.failure(f"HTTP {response.status_code}")
                return
            response.success()
        where = response.headers.get("Location", "")
        if response.status_code == 302 and where:
            after = self._get(where, "page: /so-lieu/ (sau khi lưu)")
            # the list shows the saved row's notice beside its field ("Đã nhập …", "Đã sửa …")
            # or, when another user saved the same row since this page was read, the conflict:
            # both values named and nothing overwritten, as designed
            text = after.text or ""
            result = (
                "save stored"
                if 'class="field-ok"' in text
                else "save conflict"
                if "hiện đang lưu" in text
                else "save not stored"
            )
            self.environment.events.request.fire(
                request_type="RESULT",
                name=result,
                response_time=0,
                response_length=0,
                exception=None,
                context={},
            )
