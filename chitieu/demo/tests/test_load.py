"""The load test's pieces: the entry form read as a browser sends it, and the summary's numbers."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

from chitieu.demo.load_forms import entry_forms
from chitieu.demo.management.commands.load_test import (
    cpu_split,
    percentile,
    signed_in_sessions,
    summarise,
)


def test_percentile_reads_locust_histograms():
    assert percentile({10: 90, 200: 5, 900: 5}, 0.95) == 200.0
    assert percentile({10: 90, 200: 4, 900: 6}, 0.95) == 900.0
    assert percentile({}, 0.95) == 0.0


def test_summary_keeps_logins_apart_and_counts_only_5xx_failures():
    stats = [
        {
            "name": "login",
            "method": "POST",
            "num_requests": 2,
            "num_failures": 0,
            "response_times": {"3000": 2},
        },
        {
            "name": "page: /",
            "method": "GET",
            "num_requests": 10,
            "num_failures": 1,
            "response_times": {"40": 9, "120": 1},
        },
        {
            "name": "save",
            "method": "POST",
            "num_requests": 4,
            "num_failures": 0,
            "response_times": {"50": 3, "70": 1},
        },
        {
            "name": "save stored",
            "method": "RESULT",
            "num_requests": 3,
            "num_failures": 0,
            "response_times": {"0": 3},
        },
        {
            "name": "save conflict",
            "method": "RESULT",
            "num_requests": 1,
            "num_failures": 0,
            "response_times": {"0": 1},
        },
        {
            "name": "save not stored",
            "method": "RESULT",
            "num_requests": 1,
            "num_failures": 0,
            "response_times": {"0": 1},
        },
    ]
    out = summarise(stats)
    assert out == {
        "requests": 16,
        "errors_5xx": 1,
        "saves_sent": 4,
        "saves_answered_stored": 3,
        "saves_answered_conflict": 1,
        "page_p95_ms": 120.0,
        "save_p95_ms": 70.0,
        "login_p95_ms": 3000.0,
    }


def test_the_entry_form_is_read_with_its_revision(db, client):
    # given the demo and a reporter's page of figures
    call_command("load_demo", stdout=StringIO())
    client.force_login(get_user_model().objects.get(username="yte"))
    html = client.get("/so-lieu/?ky=2025").content.decode()
    # when the load test reads it
    forms = entry_forms(html)
    # then every row's form carries what the save needs, the revision included
    assert forms, "no entry form on the page"
    for fields in forms:
        assert {
            "csrfmiddlewaretoken",
            "indicator",
            "period",
            "revision",
            "vintage",
            "value",
        } <= set(fields)
        assert fields["period"] == "2025" and fields["indicator"].isdigit()
        assert fields["vintage"] in {"estimate", "preliminary", "official"}


def test_the_load_test_refuses_a_host_off_this_machine():
    with pytest.raises(CommandError, match="Chỉ thử tải trên máy này"):
        call_command("load_test", host="203.0.113.5")
    with pytest.raises(CommandError, match="1–200 người dùng"):
        call_command("load_test", users=0)


def test_the_processor_time_of_a_run_is_split_between_server_generator_and_the_rest(monkeypatch):
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    # the server used 30 s, Locust 5 s, the machine was busy 90 of 120 processor seconds
    split = cpu_split((10.0, 40.0), 5.0, (100.0, 190.0), 60.0)
    assert split == {
        "cores": 2.0,
        "wall_s": 60.0,
        "machine_busy_share": 0.75,
        "server_cpu_s": 30.0,
        "load_generator_cpu_s": 5.0,
        "other_cpu_s": 55.0,
    }


def test_the_simulated_users_arrive_signed_in_as_the_demo_reporters(db, client, settings):
    call_command("load_demo", stdout=StringIO())
    sessions = signed_in_sessions(4)
    assert [s.split("=")[0] for s in sessions] == ["nnmt", "yte", "giaoduc", "nnmt"]
    client.cookies[settings.SESSION_COOKIE_NAME] = sessions[1].split("=")[1]
    response = client.get("/so-lieu/")
    assert response.status_code == 200
    assert response.wsgi_request.user.username == "yte"
