"""Scenario writes through /api/v1/: the scenario page's services, rules and messages."""

from decimal import Decimal as D

import pytest
from django.contrib.auth import get_user_model
from rest_framework.authtoken.models import Token

from chitieu.scenarios.models import GrowthScenario, ScenarioVersion
from chitieu.scenarios.services import LEADER_REFUSAL, REFUSALS

pytestmark = pytest.mark.django_db
V1 = "/api/v1/"


@pytest.fixture
def as_user(client):
    """A client with the token of one of the demo's accounts."""

    def login(username: str):
        user = get_user_model().objects.get(username=username)
        client.defaults["HTTP_AUTHORIZATION"] = (
            f"Token {Token.objects.get_or_create(user=user)[0].key}"
        )
        return client

    return login


@pytest.fixture
def scenario(demo):
    return GrowthScenario.objects.get(year=2026)


def _post(client, url, body):
    return client.post(f"{V1}{url}", body, content_type="application/json")


def _version_body(scenario, **extra):
    return {
        "scenario": scenario.pk,
        "based_on": scenario.latest.number,
        "note": "Quý III theo ước tính mới",
        "growth": {"A": {"Q3": "5,9"}, "S": {"Q3": 8.25}},
        **extra,
    }


def test_finance_writes_a_version_from_the_grid_and_reads_it_back(as_user, scenario):
    # given finance, and the latest version it has in front of it
    client = as_user("taichinh")
    before = scenario.latest
    # when it sends the two cells it changed
    response = _post(client, "scenario-versions/", _version_body(scenario))
    # then the version is the next one, a trial, with exactly those cells changed
    assert response.status_code == 201, response.json()
    saved = response.json()
    assert (saved["number"], saved["kind"], saved["status"]) == (
        before.number + 1,
        "adjusted",
        "draft",
    )
    assert saved["data"]["growth"]["A"][2] == "5.9" and saved["data"]["growth"]["S"][2] == "8.25"
    unchanged = {k: v for k, v in saved["data"]["growth"].items() if k not in ("A", "S")}
    assert unchanged == {k: v for k, v in before.data["growth"].items() if k not in ("A", "S")}
    assert saved["table"]["error"] is None and saved["table"]["growth"]
    # and it reads back the same from the API and from the database
    read = client.get(f"{V1}scenario-versions/{saved['id']}/").json()
    assert read["data"] == saved["data"] and read["note"] == "Quý III theo ước tính mới"
    stored = ScenarioVersion.objects.get(pk=saved["id"])
    assert stored.created_by.username == "taichinh" and stored.data == saved["data"]


@pytest.mark.parametrize(
    ("username", "message"),
    [("lanhdao", LEADER_REFUSAL), ("yte", REFUSALS["save"])],
)
def test_a_role_without_the_right_is_refused_and_nothing_is_saved(
    as_user, scenario, username, message
):
    count = scenario.versions.count()
    response = _post(as_user(username), "scenario-versions/", _version_body(scenario))
    assert response.status_code == 403
    assert response.json() == {"message": message, "field": None}
    assert scenario.versions.count() == count


def test_a_write_based_on_an_old_version_is_409_and_changes_nothing(as_user, scenario):
    client = as_user("taichinh")
    seen = scenario.latest.number
    first = _post(client, "scenario-versions/", _version_body(scenario, based_on=seen))
    assert first.status_code == 201
    # a second writer still on the version both opened
    stale = _post(
        client,
        "scenario-versions/",
        _version_body(scenario, based_on=seen, growth={"A": {"Q3": 6}}),
    )
    assert stale.status_code == 409
    body = stale.json()
    assert body["field"] == "based_on"
    assert body["message"].startswith(f"Phiên bản {seen + 1} đã được lưu lúc")
    assert body["current"]["number"] == seen + 1
    assert scenario.versions.count() == seen + 1
    assert scenario.latest.data["growth"]["A"][2] == "5.9"


@pytest.mark.parametrize(
    ("growth", "field", "message"),
    [
        ({"A": {"Q3": "5,9x"}}, "growth.A.Q3", "A Q3: tốc độ tăng “5,9x” không phải là số"),
        (
            {"S": {"Q3": "107,02"}},
            "growth.S.Q3",
            "S Q3: “107,02” trông như chỉ số (cùng kỳ = 100), không phải tốc độ tăng: "
            "có phải 7,02 %? Nhập tốc độ tăng so với cùng kỳ.",
        ),
        ({"A": {"Q3": True}}, "growth.A.Q3", "growth.A.Q3: cần một số, ví dụ 7,02."),
        ({"Z": {"Q3": "1"}}, "growth.Z", "Không có khu vực “Z”; các khu vực: A, C, I, S, T."),
        ({"A": {"Q5": "1"}}, "growth.A.Q5", "Quý “Q5” không có; dùng Q1-Q4."),
    ],
)
def test_a_bad_cell_is_400_naming_it_and_nothing_is_saved(
    as_user, scenario, growth, field, message
):
    count = scenario.versions.count()
    response = _post(
        as_user("taichinh"), "scenario-versions/", _version_body(scenario, growth=growth)
    )
    assert response.status_code == 400
    assert (response.json()["field"], response.json()["message"]) == (field, message)
    assert scenario.versions.count() == count


def test_a_base_value_must_be_positive_and_a_version_must_change_something(as_user, scenario):
    client = as_user("taichinh")
    body = _version_body(scenario, growth=None, base={"T": {"Q1": "0"}})
    del body["growth"]
    response = _post(client, "scenario-versions/", body)
    assert response.json()["field"] == "base.T.Q1"
    assert response.json()["message"] == "T Q1: giá trị gốc phải lớn hơn 0"
    same = scenario.latest.data["growth"]["A"][2]
    unchanged = _post(
        client, "scenario-versions/", _version_body(scenario, growth={"A": {"Q3": same}})
    )
    assert unchanged.status_code == 400 and unchanged.json()["field"] is None
    assert unchanged.json()["message"].startswith("Không có ô nào khác phiên bản")


def test_proposing_and_adopting_follow_the_pages_rules(as_user, scenario):
    client = as_user("taichinh")
    pk = _post(client, "scenario-versions/", _version_body(scenario)).json()["id"]
    # statistics may propose, not adopt
    stats = as_user("thongke")
    proposed = _post(stats, f"scenario-versions/{pk}/propose/", {})
    assert proposed.status_code == 200 and proposed.json()["status"] == "proposed"
    refused = _post(stats, f"scenario-versions/{pk}/adopt/", {})
    assert refused.status_code == 403 and refused.json()["message"] == REFUSALS["adopt"]
    assert ScenarioVersion.objects.get(pk=pk).status == "proposed"
    # finance adopts; the page and the reports now use this version
    client = as_user("taichinh")
    adopted = _post(client, f"scenario-versions/{pk}/adopt/", {})
    assert adopted.status_code == 200 and adopted.json()["adopted_at"]
    assert scenario.adopted.pk == pk
    again = _post(client, f"scenario-versions/{pk}/adopt/", {})
    assert again.status_code == 409
    assert again.json() == {
        "message": f"Phiên bản {adopted.json()['number']} đã được thông qua.",
        "field": "status",
    }


def test_finance_sets_the_thresholds_others_are_refused(as_user, scenario):
    refused = _post(
        as_user("thongke"), f"scenarios/{scenario.pk}/thresholds/", {"points": 2, "percent": 3}
    )
    assert refused.status_code == 403
    client = as_user("taichinh")
    ok = _post(client, f"scenarios/{scenario.pk}/thresholds/", {"points": "1,5", "percent": 10})
    assert ok.status_code == 200
    assert (ok.json()["alert_points"], ok.json()["alert_percent"]) == (1.5, 10)
    scenario.refresh_from_db()
    assert (scenario.alert_points, scenario.alert_percent) == (D("1.5"), D("10"))
    out_of_range = _post(
        client, f"scenarios/{scenario.pk}/thresholds/", {"points": 0, "percent": 5}
    )
    assert out_of_range.status_code == 400
    assert out_of_range.json()["message"] == "Ngưỡng phải lớn hơn 0 và không quá 100."
    unreadable = _post(
        client, f"scenarios/{scenario.pk}/thresholds/", {"points": "x", "percent": 5}
    )
    assert unreadable.json()["field"] == "points"
    scenario.refresh_from_db()
    assert scenario.alert_points == D("1.5")
