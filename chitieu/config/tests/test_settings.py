"""Settings fail loudly on malformed values; Vietnamese formats are right."""

import datetime
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django import forms
from django.core.exceptions import ImproperlyConfigured
from django.template import Context, Template
from django.utils import translation

from chitieu.config.env import SQLITE_OPTIONS, env_bool, env_database, env_list

ROOT = Path(__file__).resolve().parents[3]


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
        out = Template(
            "{% load vn %}{{ n|vnnum }}|{{ n }}|{{ pk }}|{{ d }}|{{ d|date:'SHORT_DATE_FORMAT' }}"
        ).render(Context({"n": 111100.5, "pk": 3994, "d": datetime.date(2026, 4, 7)}))
        # a quantity is grouped by its filter; an id or a year printed plain is never grouped
        # (decision 0033: "3.994" sent back as an id broke the entry form on PostgreSQL)
        assert out == "111.100,5|111100,5|3994|ngày 07 tháng 4 năm 2026|07/04/2026"

        class F(forms.Form):
            when = forms.DateField()

        form = F({"when": "07/04/2026"})
        assert form.is_valid() and form.cleaned_data["when"] == datetime.date(2026, 4, 7)


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("sqlite://", "thiếu đường dẫn tệp SQLite"),
        ("sqlite:///", "thiếu đường dẫn tệp SQLite"),
        ("sqlite://:memory:", "thiếu đường dẫn tệp SQLite"),
        ("sqlite:///db.sqlite3", "phải là đường dẫn tuyệt đối"),
        ("sqlite:///du-lieu/db.sqlite3", "phải là đường dẫn tuyệt đối"),
    ],
)
def test_sqlite_url_needs_an_absolute_file(monkeypatch, url, says):
    monkeypatch.setenv("DATABASE_URL", url)
    with pytest.raises(ImproperlyConfigured, match=f"DATABASE_URL='{re.escape(url)}'.*{says}"):
        env_database("DATABASE_URL", "sqlite:////x.sqlite3")


def test_sqlite_waits_for_the_write_lock_instead_of_failing(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "sqlite:////srv/chitieu/db.sqlite3")
    config = env_database("DATABASE_URL", "sqlite:////x.sqlite3")
    assert config["NAME"] == "/srv/chitieu/db.sqlite3"
    options = config["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert options["timeout"] == 20
    assert "PRAGMA journal_mode=WAL" in options["init_command"]
    assert "PRAGMA busy_timeout=20000" in options["init_command"]


def test_postgres_gets_no_sqlite_options(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://chitieu@db.example.vn:5432/chitieu")
    config = env_database("DATABASE_URL", "sqlite:////x.sqlite3")
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert "transaction_mode" not in config.get("OPTIONS", {})
    # kept between requests, and checked before reuse so a restarted server fails no page
    assert (config["CONN_MAX_AGE"], config["CONN_HEALTH_CHECKS"]) == (60, True)


def test_templates_are_parsed_once_per_process_without_debug():
    from django.template import engines
    from django.template.loaders.cached import Loader

    assert isinstance(engines["django"].engine.template_loaders[0], Loader)


def test_a_file_database_runs_in_wal_mode(tmp_path, db):
    # given a connection opened with the project's options on a file database
    import sqlite3

    from django.db.backends.sqlite3.base import DatabaseWrapper

    settings_dict = {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(tmp_path / "x.sqlite3"),
        "OPTIONS": dict(SQLITE_OPTIONS),
        "TIME_ZONE": None,
        "CONN_MAX_AGE": 0,
        "CONN_HEALTH_CHECKS": False,
        "AUTOCOMMIT": True,
        "ATOMIC_REQUESTS": False,
        "USER": "",
        "PASSWORD": "",
        "HOST": "",
        "PORT": "",
        "TEST": {},
    }
    wrapper = DatabaseWrapper(settings_dict)
    try:
        # when it runs a query
        with wrapper.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode")
            mode = cursor.fetchone()[0]
            cursor.execute("PRAGMA busy_timeout")
            busy = cursor.fetchone()[0]
        # then the file is in WAL mode and a locked database is waited for
        assert (mode, busy) == ("wal", 20000)
        assert isinstance(wrapper.connection, sqlite3.Connection)
        assert wrapper.transaction_mode == "IMMEDIATE"
    finally:
        wrapper.close()


def _prod_env(**extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("EMAIL_", "SECURE_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="chitieu.config.settings.prod",
        SECRET_KEY="p9Vx!2kq7Lm#4Rt8Wz@1Ny6Hb$3Jc5Fd0Gs-Qe2Ua7Io9Pl4Kj8Hg6Ft",
        ALLOWED_HOSTS="chitieu.example.vn",
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="mail.example.vn",
    )
    env.pop("DEBUG", None)
    # the browser tests' switch for Playwright's event loop is theirs, never production's
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    env.update(extra)
    return env


def _manage(env, *args):
    return subprocess.run(
        [sys.executable, "manage.py", *args], env=env, capture_output=True, text=True, cwd=ROOT
    )


def test_check_deploy_is_clean_under_production_settings():
    done = _manage(_prod_env(), "check", "--deploy", "--fail-level", "WARNING")
    assert done.returncode == 0, done.stderr
    assert "System check identified no issues" in done.stdout


def test_production_requires_a_real_mail_server():
    env = _prod_env(EMAIL_BACKEND="django.core.mail.backends.console.EmailBackend")
    done = _manage(env, "check")
    assert done.returncode != 0 and "Chạy thật cần máy chủ thư" in done.stderr
    env = _prod_env()
    del env["EMAIL_HOST"]
    done = _manage(env, "check")
    assert done.returncode != 0 and "Chạy thật cần EMAIL_HOST" in done.stderr


def test_production_settings_redirect_to_https_behind_the_proxy():
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SECURE_SSL_REDIRECT, s.SECURE_PROXY_SSL_HEADER, s.SECURE_HSTS_SECONDS, "
        "s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.REST_FRAMEWORK['DEFAULT_AUTHENTICATION_CLASSES'])"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], env=_prod_env(), capture_output=True, text=True, cwd=ROOT
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split(" ", 5)[:5] == [
        "True",
        "('HTTP_X_FORWARDED_PROTO',",
        "'https')",
        "31536000",
        "True",
    ]
    assert "BasicAuthentication" not in done.stdout and "TokenAuthentication" in done.stdout


def test_a_server_process_loads_the_views_and_the_holidays_before_its_first_request():
    # what gunicorn does in each worker before it accepts: import the WSGI module
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="chitieu.config.settings.dev")
    code = (
        "import sys, chitieu.config.wsgi; "
        "print(sorted(m for m in ('chitieu.reporting.views', 'chitieu.api.urls', "
        "'holidays.countries.vietnam', 'weasyprint') if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, cwd=ROOT
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [
        "['chitieu.api.urls',",
        "'chitieu.reporting.views',",
        "'holidays.countries.vietnam',",
        "'weasyprint']",
    ]


def test_a_worker_starts_even_when_the_pdf_printer_cannot_load(monkeypatch, caplog):
    from chitieu.config import wsgi
    from chitieu.exports import pdf_layout

    def broken() -> None:
        raise OSError("cannot load library 'libpango-1.0-0'")

    monkeypatch.setattr(pdf_layout, "warm", broken)
    wsgi.warm()  # no exception: the site starts without the PDF export
    assert "Chưa in thử được PDF khi khởi động" in caplog.text
