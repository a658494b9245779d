"""Settings fail loudly on malformed values; Vietnamese formats are right."""

import datetime
import os
import subprocess
import sys

import pytest
from django import forms
from django.core.exceptions import ImproperlyConfigured
from django.template import Context, Template
from django.utils import translation

from chitieu.config.env import env_bool, env_database, env_list


def test_env_bool_refuses_what_it_cannot_read(monkeypatch):
    monkeypatch.setenv("DEBUG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="DEBUG='maybe' không hợp lệ"):
        env_bool("DEBUG", False)
    monkeypatch.setenv("DEBUG", "Yes")
    assert env_bool("DEBUG", False) is True


def test_env_list_refuses_empty_items(monkeypatch):
    monkeypatch.setenv("ALLOWED_HOSTS", "a.vn,,b.vn")
    with pytest.raises(ImproperlyConfigured, match="ALLOWED_HOSTS"):
        env_list("ALLOWED_HOSTS", [])


@pytest.mark.parametrize("url", ["mysql://x/y", "postgres://host:notaport/db", "postgres://host/"])
def test_database_url_must_be_well_formed(monkeypatch, url):
    monkeypatch.setenv("DATABASE_URL", url)
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL"):
        env_database("DATABASE_URL", "sqlite:///x")


def test_production_refuses_to_start_without_a_real_secret():
    env = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    env["DJANGO_SETTINGS_MODULE"] = "chitieu.config.settings.prod"
    code = "import django; django.setup()"
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert done.returncode != 0 and "Thiếu biến môi trường SECRET_KEY" in done.stderr
    env["SECRET_KEY"] = "dev-only-insecure"
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert done.returncode != 0 and "SECRET_KEY phải dài" in done.stderr


def test_vietnamese_number_and_date_formats(settings):
    with translation.override("vi"):
        out = Template("{{ n }}|{{ d }}|{{ d|date:'SHORT_DATE_FORMAT' }}").render(
            Context({"n": 111100.5, "d": datetime.date(2026, 4, 7)})
        )
        assert out == "111.100,5|ngày 07 tháng 4 năm 2026|07/04/2026"

        class F(forms.Form):
            when = forms.DateField()

        form = F({"when": "07/04/2026"})
        assert form.is_valid() and form.cleaned_data["when"] == datetime.date(2026, 4, 7)
