"""What a security reviewer checks: CSP without inline scripts, login throttling, safe redirects,
token-only API, roles over membership, and 400 (never 500) for malformed parameters."""

import logging
import re
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse
from rest_framework.authtoken.models import Token

from chitieu.access.choices import Role
from chitieu.access.models import Membership
from chitieu.actions.models import Action, ObligationInstance
from chitieu.catalog.models import Indicator, Plan
from chitieu.organizations.models import Organization
from chitieu.scenarios.models import GrowthScenario

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/(?:ld\+)?json)[^>]*>", re.I)
INLINE_HANDLER = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I)


@pytest.fixture(autouse=True)
def _forget_login_failures():
    # the throttle counts in the cache, which outlives a test's database transaction
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=StringIO())


def _member(username, org_name, role):
    user = get_user_model().objects.create_user(username, password="mat-khau-dung-1")
    Membership.objects.create(
        user=user, organization=Organization.objects.get(name=org_name), role=role
    )
    return user


# --- Content Security Policy -------------------------------------------------------------------


def test_no_template_has_an_inline_script_or_event_handler():
    offenders = []
    for path in TEMPLATES.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        for pattern in (INLINE_SCRIPT, INLINE_HANDLER):
            offenders += [
                f"{path.relative_to(TEMPLATES)}: {m.group(0)}" for m in pattern.finditer(text)
            ]
    assert offenders == []


def test_the_patterns_catch_what_the_policy_would_block():
    assert INLINE_SCRIPT.search("<script>alert(1)</script>")
    assert INLINE_HANDLER.search('<select name="x" onchange="this.form.submit()">')
    assert not INLINE_SCRIPT.search('<script src="/static/js/a.js" defer></script>')


def test_every_page_is_served_with_a_policy_it_passes(demo, client):
    client.force_login(get_user_model().objects.get(username="demo"))
    plan = Plan.objects.get(number="130/KH-UBND")
    pages = [
        reverse("web:plan", args=[plan.pk]),
        reverse("web:indicator", args=[Indicator.objects.get(name="Tỷ lệ che phủ rừng").pk]),
        reverse("reporting:overview"),
        reverse("scenarios:detail", args=[GrowthScenario.objects.get().pk]),
        reverse("actions:calendar"),
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        policy = response["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "object-src 'none'" in policy, url
        assert "unsafe-inline" not in policy
        html = response.content.decode()
        assert not INLINE_SCRIPT.search(html), url
        assert not INLINE_HANDLER.search(html), url
    # the plan picker that used onchange= now asks a static script to submit it
    overview = client.get(reverse("reporting:overview")).content.decode()
    assert "data-autosubmit" in overview and "/static/js/autosubmit.js" in overview


# --- Login ---------------------------------------------------------------------------------------


def _login(client, username, password, **extra):
    return client.post(reverse("login"), {"username": username, "password": password, **extra})


def test_repeated_failures_lock_the_login_and_are_logged(db, client, settings, caplog):
    settings.LOGIN_FAILURE_LIMIT = 3
    get_user_model().objects.create_user("yte1", password="mat-khau-dung-1")
    with caplog.at_level(logging.INFO, logger="chitieu.security"):
        for _ in range(2):
            response = _login(client, "yte1", "sai")
            assert "Tên đăng nhập hoặc mật khẩu không đúng." in response.content.decode()
        third = _login(client, "yte1", "sai").content.decode()
        assert "Đăng nhập sai quá 3 lần" in third and "15 phút" in third
        # the right password no longer helps from this address while the lock lasts
        locked = _login(client, "yte1", "mat-khau-dung-1")
    assert locked.status_code == 200 and "_auth_user_id" not in client.session
    assert "Đăng nhập sai quá 3 lần" in locked.content.decode()
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert any("lần 3" in w and "yte1" in w for w in warnings)
    assert any("đang bị khóa" in w for w in warnings)
    # another address is not locked out by someone else's guesses
    other = client.post(
        reverse("login"),
        {"username": "yte1", "password": "mat-khau-dung-1"},
        REMOTE_ADDR="10.0.0.9",
    )
    assert other.status_code == 302


def test_a_successful_login_forgets_earlier_failures(db, client, settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    get_user_model().objects.create_user("yte1", password="mat-khau-dung-1")
    for _ in range(2):
        _login(client, "yte1", "sai")
    assert _login(client, "yte1", "mat-khau-dung-1").status_code == 302
    client.logout()
    for _ in range(2):
        _login(client, "yte1", "sai")
    assert _login(client, "yte1", "mat-khau-dung-1").status_code == 302


def test_login_redirects_only_to_this_site(db, client):
    get_user_model().objects.create_user("yte1", password="mat-khau-dung-1")
    outside = _login(client, "yte1", "mat-khau-dung-1", next="https://lua-dao.example/dang-nhap")
    assert outside.status_code == 302 and outside["Location"] == reverse("web:home")
    client.logout()
    scheme_relative = _login(client, "yte1", "mat-khau-dung-1", next="//lua-dao.example/")
    assert scheme_relative["Location"] == reverse("web:home")
    client.logout()
    inside = _login(client, "yte1", "mat-khau-dung-1", next="/ke-hoach/")
    assert inside["Location"] == "/ke-hoach/"


# --- API -----------------------------------------------------------------------------------------


def test_machines_use_a_token_and_bad_credentials_answer_401(db, client):
    user = get_user_model().objects.create_user("may-tong-hop", password="mat-khau-dung-1")
    token = Token.objects.create(user=user)
    ok = client.get("/api/plans/", HTTP_AUTHORIZATION=f"Token {token.key}")
    assert ok.status_code == 200 and ok.json() == []
    bad = client.get("/api/plans/", HTTP_AUTHORIZATION="Token " + "0" * 40)
    assert bad.status_code == 401 and bad["WWW-Authenticate"] == "Token"
    assert client.get("/api/plans/").status_code == 401


def test_basic_auth_is_not_accepted(db, client):
    import base64

    get_user_model().objects.create_user("may-tong-hop", password="mat-khau-dung-1")
    basic = base64.b64encode(b"may-tong-hop:mat-khau-dung-1").decode()
    assert client.get("/api/plans/", HTTP_AUTHORIZATION=f"Basic {basic}").status_code == 401


def test_the_schema_is_behind_login(db, client):
    assert client.get(reverse("schema")).status_code == 401
    client.force_login(get_user_model().objects.create_user("chuyenvien"))
    response = client.get(reverse("schema"))
    assert response.status_code == 200 and b"openapi" in response.content


def test_api_filters_that_cannot_be_read_answer_400(db, client):
    client.force_login(get_user_model().objects.create_user("chuyenvien"))
    response = client.get("/api/targets/?plan=abc")
    assert response.status_code == 400 and "plan" in response.json()


# --- Roles, not membership alone ------------------------------------------------------------------


def test_the_leader_cannot_mark_an_obligation_as_sent(demo, client):
    inst = (
        ObligationInstance.objects.filter(
            obligation__organization__name="Sở Y tế", submitted_at__isnull=True
        )
        .order_by("pk")
        .first()
    )
    client.force_login(_member("lanhdao-yte", "Sở Y tế", Role.LEADER))
    response = client.post(reverse("actions:submit", args=[inst.pk]))
    assert response.status_code == 403
    assert "Lãnh đạo chỉ xem" in response.content.decode()
    inst.refresh_from_db()
    assert inst.submitted_at is None
    # nor is the button offered on the calendar
    page = client.get(reverse("actions:calendar") + f"?thang={inst.period_code}").content.decode()
    assert reverse("actions:submit", args=[inst.pk]) not in page


def test_a_reporter_of_the_agency_marks_it_sent_and_next_stays_local(demo, client):
    inst = (
        ObligationInstance.objects.filter(
            obligation__organization__name="Sở Y tế", submitted_at__isnull=True
        )
        .order_by("pk")
        .first()
    )
    client.force_login(_member("nhaplieu-yte", "Sở Y tế", Role.REPORTER))
    response = client.post(
        reverse("actions:submit", args=[inst.pk]), {"next": "https://lua-dao.example/"}
    )
    assert response.status_code == 302 and response["Location"] == reverse("actions:calendar")
    inst.refresh_from_db()
    assert inst.submitted_at is not None


def test_the_leader_cannot_update_an_action(demo, client):
    action = Action.objects.filter(lead__name="Sở Tài chính").order_by("pk").first()
    before = action.updates.count()
    client.force_login(_member("lanhdao-tc", "Sở Tài chính", Role.LEADER))
    response = client.post(
        reverse("actions:update", args=[action.pk]), {"percent": "50", "text": "xong một nửa"}
    )
    assert response.status_code == 403
    assert action.updates.count() == before
    detail = client.get(reverse("actions:detail", args=[action.pk])).content.decode()
    assert reverse("actions:update", args=[action.pk]) not in detail


# --- Malformed parameters answer 400 ---------------------------------------------------------------


def test_malformed_ids_answer_400_naming_the_parameter(demo, client):
    scenario = GrowthScenario.objects.get()
    agency = Organization.objects.get(name="Sở Y tế")
    client.force_login(_member("taichinh-2", "Sở Tài chính", Role.COMPILER))
    probes = [
        ("get", reverse("reporting:overview"), {"ke-hoach": "abc"}, "ke-hoach"),
        ("get", reverse("reporting:agency", args=[agency.pk]), {"ke-hoach": "9" * 30}, "ke-hoach"),
        ("get", reverse("actions:list"), {"co-quan": "abc"}, "co-quan"),
        ("get", reverse("actions:list"), {"ke-hoach": "²"}, "ke-hoach"),
        ("get", reverse("scenarios:detail", args=[scenario.pk]), {"phien-ban": "1a"}, "phien-ban"),
        ("post", reverse("scenarios:compute", args=[scenario.pk]), {"based_on": "abc"}, "based_on"),
        ("post", reverse("scenarios:save", args=[scenario.pk]), {"based_on": "abc"}, "based_on"),
        ("post", reverse("scenarios:save", args=[scenario.pk]), {}, "based_on"),
        ("get", reverse("actions:calendar"), {"thang": "tháng mười"}, "thang"),
        ("get", reverse("actions:monthly"), {"thang": "2026"}, "thang"),
    ]
    for method, url, data, name in probes:
        response = getattr(client, method)(url, data)
        assert response.status_code == 400, (url, data)
        assert f"“{name}”" in response.content.decode(), (url, data)
    client.force_login(_member("nhaplieu-yte", "Sở Y tế", Role.REPORTER))
    response = client.post(reverse("reporting:save"), {"indicator": "abc", "period": "2026"})
    assert response.status_code == 400 and "“indicator”" in response.content.decode()
    response = client.get(reverse("reporting:mine"), {"ky": "abc"})
    assert response.status_code == 400 and "“ky”" in response.content.decode()
