"""Sessions live in the database, read by a plain query: signing out ends them on the server."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, django_user_model):
    django_user_model.objects.create_user("chuyenvien", password="mat-khau-1")
    assert client.login(username="chuyenvien", password="mat-khau-1")
    return client


def _copy(cookie_value):
    other = Client()
    other.cookies[settings.SESSION_COOKIE_NAME] = cookie_value
    return other


def test_a_session_opens_pages_until_signing_out_ends_it_on_the_server(signed_in):
    # given the session cookie copied to another browser
    stolen = _copy(signed_in.cookies[settings.SESSION_COOKIE_NAME].value)
    assert stolen.get(reverse("web:plans")).status_code == 200
    # when its owner signs out
    signed_in.post(reverse("logout"))
    # then the copy is refused too: the session row is gone
    assert stolen.get(reverse("web:plans")).status_code == 302
    assert not Session.objects.exists()


def test_an_expired_session_signs_nobody_in(signed_in):
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    answer = signed_in.get(reverse("web:plans"))
    assert answer.status_code == 302 and answer["Location"].startswith(reverse("login"))


def test_an_unknown_session_key_signs_nobody_in(signed_in):
    stranger = _copy("khongphaikhoaphiencuaai1234567890")
    assert stranger.get(reverse("web:plans")).status_code == 302
