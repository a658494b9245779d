"""Scenario versions with a status: a trial never becomes what the page opens on or what the monthly
report compares with; finance adopts, statistics proposes, the leader only reads."""

import importlib
from datetime import datetime
from decimal import Decimal as D
from zoneinfo import ZoneInfo

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.urls import reverse

from chitieu.actions.selectors import monthly_report
from chitieu.audit.models import AuditEntry
from chitieu.scenarios import demo as seed
from chitieu.scenarios.models import GrowthScenario, ScenarioVersion
from chitieu.scenarios.services import (
    ScenarioStatusError,
    scenario_create,
    scenario_version_adopt,
    scenario_version_propose,
    scenario_version_save,
)

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def _user(name):
    return get_user_model().objects.get(username=name)


@pytest.fixture
def demo(db):
    call_command("load_demo", verbosity=0)
    return GrowthScenario.objects.get(year=2026)


def _trial(scenario):
    """A trial version that puts industry's third quarter at 30 %."""
    data = scenario.latest.data
    data["growth"]["I"][2] = "30"
    return scenario_version_save(
        scenario=scenario, data=data, based_on=scenario.latest.number, user=_user("taichinh")
    )


def test_existing_adopted_versions_become_adopted_and_the_rest_drafts(db):
    # given versions as they stood before statuses: one with an adoption date, one without
    scenario = scenario_create(
        year=2026, title="Thử", source="", data=seed.engine_input(), published=None
    )
    trial = scenario_version_save(scenario=scenario, data=seed.engine_input(), based_on=1)
    ScenarioVersion.objects.filter(number=1).update(
        adopted_at=datetime(2026, 1, 20, 9, tzinfo=VN), status="draft"
    )
    # when the migration's data step runs
    migration = importlib.import_module("chitieu.scenarios.migrations.0003_version_status")
    migration.adopted_from_dates(apps, None)
    # then the dated one is adopted, the other stays a trial
    assert ScenarioVersion.objects.get(number=1).status == "adopted"
    trial.refresh_from_db()
    assert trial.status == "draft"


def test_the_demo_versions_are_adopted_and_a_save_is_a_trial(demo):
    assert [v.status for v in demo.versions.order_by("number")] == ["adopted", "adopted"]
    trial = _trial(demo)
    assert (trial.number, trial.status, trial.adopted_at) == (3, "draft", None)
    assert demo.adopted.number == 2


def test_the_page_opens_on_the_adopted_version_not_the_trial(demo, client):
    _trial(demo)
    client.force_login(_user("taichinh"))
    response = client.get(reverse("scenarios:detail", args=[demo.pk]))
    assert response.context["version"].number == 2
    html = response.content.decode()
    assert "(đang dùng)" in html and "Bản thử" in html
    # the trial is shown only when asked for, and says it is not used
    trial = client.get(reverse("scenarios:detail", args=[demo.pk]) + "?phien-ban=3")
    assert "chưa được thông qua nên không dùng" in trial.content.decode()


def test_the_monthly_report_uses_the_version_adopted_by_the_months_end(demo):
    _trial(demo)
    october = monthly_report("2026-10")
    assert october.growth_version.number == 2
    grdp = {row.label: row.cells for row in october.growth_table.rows}["Tốc độ tăng GRDP"]
    assert round(grdp[3].value, 2) == D("12.07")  # quý III as seed 004 prints it, not the trial's
    # the trial is named as the latest version and why the report leaves it out
    assert october.growth_version_notes[1] == (
        "Phiên bản mới nhất là phiên bản 3 (bản thử, chưa được thông qua), nên báo cáo không dùng."
    )
    # March: only the start-of-year version had been adopted
    assert monthly_report("2026-03").growth_version.number == 1


def test_a_scenario_with_no_adopted_version_gives_no_growth_section(db):
    scenario_create(year=2027, title="Nháp", source="", data=seed.engine_input(), published=None)
    report = monthly_report("2027-02")
    assert report.growth_table is None and report.growth_version is None
    assert "chưa có phiên bản được thông qua" in report.growth_note


def test_finance_proposes_then_adopts_and_both_are_audited(demo):
    trial = _trial(demo)
    finance = _user("taichinh")
    scenario_version_propose(version=trial, user=finance)
    at = datetime(2026, 10, 20, 15, tzinfo=VN)
    adopted = scenario_version_adopt(version=trial, user=finance, at=at)
    assert (adopted.status, adopted.adopted_at) == ("adopted", at)
    assert demo.adopted.number == 3
    entries = AuditEntry.objects.filter(
        entity="scenario", object_id=demo.pk, action="update"
    ).order_by("id")
    assert [(e.before["status"], e.after["status"], e.reason) for e in entries] == [
        ("draft", "proposed", "Đề xuất thông qua"),
        ("proposed", "adopted", "Thông qua"),
    ]
    assert entries[1].user == finance and entries[1].after["adopted_at"].startswith("2026-10-20")
    with pytest.raises(ScenarioStatusError, match="đã được thông qua"):
        scenario_version_adopt(version=trial, user=finance)


def test_statistics_may_propose_but_not_adopt(demo):
    trial = _trial(demo)
    statistics = _user("thongke")
    scenario_version_propose(version=trial, user=statistics)
    with pytest.raises(PermissionDenied, match="Chỉ Sở Tài chính"):
        scenario_version_adopt(version=trial, user=statistics)
    trial.refresh_from_db()
    assert trial.status == "proposed"
    assert not AuditEntry.objects.filter(reason="Thông qua").exists()


def test_the_leader_may_not_save_propose_or_adopt_and_is_told_why(demo, client):
    trial = _trial(demo)
    leader = _user("lanhdao")
    for write in (scenario_version_propose, scenario_version_adopt):
        with pytest.raises(PermissionDenied, match="lãnh đạo chỉ xem"):
            write(version=trial, user=leader)
    client.force_login(leader)
    page = client.get(reverse("scenarios:detail", args=[demo.pk])).content.decode()
    assert "Lưu thành phiên bản" not in page and "Thông qua</button>" not in page
    # an htmx save gets the reason as text, which the page's script puts on screen
    response = client.post(
        reverse("scenarios:save", args=[demo.pk]), {"based_on": "3"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 403
    assert response["Content-Type"].startswith("text/plain")
    assert response.content.decode().startswith("Tài khoản lãnh đạo chỉ xem kịch bản")
    adopt = client.post(
        reverse("scenarios:adopt", args=[demo.pk, 3]), HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "Việc này do Sở Tài chính thực hiện" in adopt
    assert demo.versions.count() == 3 and demo.adopted.number == 2


def test_finance_adopts_from_the_page(demo, client):
    _trial(demo)
    client.force_login(_user("taichinh"))
    page = client.get(reverse("scenarios:detail", args=[demo.pk])).content.decode()
    assert "Lưu thành phiên bản điều chỉnh" in page and "Thông qua</button>" in page
    response = client.post(reverse("scenarios:adopt", args=[demo.pk, 3]))
    assert response.status_code == 302
    assert demo.adopted.number == 3
    assert client.get(reverse("scenarios:detail", args=[demo.pk])).context["version"].number == 3
