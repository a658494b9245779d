"""Saving a scenario version leaves its trail; a refused save leaves none."""

import pytest

from chitieu.audit.models import AuditEntry
from chitieu.scenarios import demo
from chitieu.scenarios.services import ScenarioConflict, scenario_create, scenario_version_save

pytestmark = pytest.mark.django_db


@pytest.fixture
def scenario(django_user_model):
    user = django_user_model.objects.create_user("tc", password="x")
    return scenario_create(
        year=2026,
        title="Kịch bản thử",
        source="",
        data=demo.engine_input(),
        published=demo.published(),
        user=user,
    )


def test_creating_a_scenario_records_its_first_version(scenario):
    [entry] = AuditEntry.objects.filter(entity="scenario", object_id=scenario.pk)
    assert (entry.user.username, entry.action, entry.before) == ("tc", "create", None)
    assert entry.after["number"] == 1 and entry.after["kind"] == "original"
    assert entry.after["data"] == demo.engine_input()
    assert entry.after["published"] == demo.published()


def test_each_saved_version_is_recorded_with_its_input(scenario, django_user_model):
    other = django_user_model.objects.create_user("tk", password="x")
    data = demo.engine_input()
    data["growth"]["A"][3] = "5.5"
    scenario_version_save(scenario=scenario, data=data, based_on=1, note="nông nghiệp", user=other)
    entry = AuditEntry.objects.get(entity="scenario", object_id=scenario.pk, action="version_save")
    assert entry.user == other
    assert entry.get_action_display() == "Lưu phiên bản mới"
    assert entry.before == {"number": 1}
    assert (entry.after["number"], entry.after["note"]) == (2, "nông nghiệp")
    assert entry.after["data"]["growth"]["A"][3] == "5.5"


def test_a_stale_save_is_not_recorded(scenario):
    scenario_version_save(scenario=scenario, data=demo.engine_input(), based_on=1)
    with pytest.raises(ScenarioConflict):
        scenario_version_save(scenario=scenario, data=demo.engine_input(), based_on=1)
    assert AuditEntry.objects.filter(action="version_save").count() == 1
