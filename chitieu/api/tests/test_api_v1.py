"""/api/v1/: tokens and sessions, pages of results, strict filters, one error shape, and the
same permission rules as the pages (through the same services)."""

from decimal import Decimal as D

import pytest
from django.contrib.auth import get_user_model

from chitieu.access.choices import Role
from chitieu.catalog.models import Indicator, Plan
from chitieu.organizations.models import Organization
from chitieu.reporting.models import Figure

pytestmark = pytest.mark.django_db
V1 = "/api/v1/"


def test_a_token_reads_pages_of_plans(demo, token_client):
    response = token_client.get(f"{V1}plans/", {"page_size": 2})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == Plan.objects.count() == 3
    assert len(body["results"]) == 2 and body["next"].endswith("page=2&page_size=2")
    assert body["results"][0]["number"] == "130/KH-UBND"


def test_without_credentials_the_answer_is_401_json(demo, client):
    response = client.get(f"{V1}plans/")
    assert response.status_code == 401
    assert response.json()["message"] and response.json()["field"] is None


def test_a_browser_session_reads_the_api(demo, client):
    client.force_login(get_user_model().objects.create_user("nguoi", password="x"))
    assert client.get(f"{V1}organizations/", {"kind": "department"}).status_code == 200


@pytest.mark.parametrize(
    "url", ["plans/", "targets/", "figures/", "evaluations/", "scenarios/", "actions/"]
)
def test_an_unknown_filter_is_refused_naming_it(demo, token_client, url):
    response = token_client.get(f"{V1}{url}", {"plna": "1"})
    assert response.status_code == 400
    body = response.json()
    assert body["field"] == "plna"
    assert body["message"].startswith("Tham số “plna” không được hỗ trợ ở đây")


def test_a_malformed_filter_value_is_a_400_naming_the_field(demo, token_client):
    response = token_client.get(f"{V1}targets/", {"plan": "abc"})
    assert response.status_code == 400
    assert response.json()["field"] == "plan" and response.json()["message"]


def test_targets_filter_by_plan_organisation_and_period(demo, token_client):
    plan = Plan.objects.get(number="130/KH-UBND")
    org = Organization.objects.get(name="Sở Khoa học và Công nghệ")
    response = token_client.get(
        f"{V1}targets/", {"plan": plan.pk, "organization": org.pk, "period": "2026-2030"}
    )
    names = [t["printed_name"] for t in response.json()["results"]]
    assert "Tỷ trọng kinh tế số trong GRDP" in names
    assert all(t["plan"] == plan.pk for t in response.json()["results"])
    empty = token_client.get(f"{V1}targets/", {"plan": plan.pk, "period": "2024"})
    assert empty.json()["count"] == 0


def _forest_body(**extra):
    forest = Indicator.objects.get(name="Tỷ lệ che phủ rừng")
    nnmt = Organization.objects.get(name="Sở Nông nghiệp và Môi trường")
    return {
        "indicator": forest.pk,
        "organization": nnmt.pk,
        "period_code": "2026",
        "vintage": "estimate",
        "value": "65,2",
        **extra,
    }


def test_a_figure_written_with_a_stale_revision_is_409_and_nothing_changes(demo, token_client):
    created = token_client.post(
        f"{V1}figures/", _forest_body(revision=0), content_type="application/json"
    )
    assert created.status_code == 201
    pk = created.json()["id"]
    ok = token_client.patch(
        f"{V1}figures/{pk}/", {"value": "66", "revision": 1}, content_type="application/json"
    )
    assert ok.status_code == 200 and ok.json()["revision"] == 2
    stale = token_client.patch(
        f"{V1}figures/{pk}/", {"value": "67", "revision": 1}, content_type="application/json"
    )
    assert stale.status_code == 409
    body = stale.json()
    assert body["field"] == "revision" and body["message"]
    assert body["current"]["value"] == 66 and body["attempted"] == "67"
    figure = Figure.objects.get(pk=pk)
    assert (figure.value, figure.revision) == (D(66), 2)
    listed = token_client.get(f"{V1}figures/", {"indicator": figure.indicator_id, "period": "2026"})
    assert [f["value"] for f in listed.json()["results"]] == [66]


def test_another_agency_is_refused_as_on_the_entry_page(demo, client, user_of):
    client.force_login(user_of("Sở Y tế", Role.REPORTER, "api-yte"))
    response = client.post(
        f"{V1}figures/", _forest_body(revision=0), content_type="application/json"
    )
    assert response.status_code == 403
    assert "không được nhập số liệu của Sở Nông nghiệp và Môi trường" in response.json()["message"]
    assert not Figure.objects.filter(period_code="2026", indicator__name="Tỷ lệ che phủ rừng")


def test_the_workflow_steps_go_through_the_service(demo, token_client):
    pk = token_client.post(
        f"{V1}figures/", _forest_body(revision=0), content_type="application/json"
    ).json()["id"]
    submitted = token_client.post(
        f"{V1}figures/{pk}/transition/", {"action": "submit"}, content_type="application/json"
    )
    assert submitted.status_code == 200 and submitted.json()["status"] == "submitted"
    # a reporter cannot approve its own figure
    refused = token_client.post(
        f"{V1}figures/{pk}/transition/", {"action": "approve"}, content_type="application/json"
    )
    assert refused.status_code == 403 and refused.json()["message"]
    bad = token_client.post(
        f"{V1}figures/{pk}/transition/", {"action": "fly"}, content_type="application/json"
    )
    assert bad.status_code == 400 and bad.json()["field"] == "action"


def test_evaluations_filter_by_plan_and_status(demo, token_client):
    plan = Plan.objects.get(number="130/KH-UBND")
    response = token_client.get(f"{V1}evaluations/", {"plan": plan.pk, "status": "baseline"})
    results = response.json()["results"]
    assert results and all(e["status"] == "baseline" for e in results)
    assert results[0]["status_label"] == "Chưa có số liệu trong kỳ"
    assert results[0]["sentence"]
    assert token_client.get(f"{V1}evaluations/", {"plan": "x"}).json()["field"] == "plan"
    assert token_client.get(f"{V1}evaluations/", {"plan": 999999}).status_code == 404


def test_scenario_versions_carry_the_computed_table(demo, token_client):
    scenarios = token_client.get(f"{V1}scenarios/").json()["results"]
    assert scenarios[0]["year"] == 2026 and scenarios[0]["versions"]
    versions = token_client.get(f"{V1}scenario-versions/", {"scenario": scenarios[0]["id"]})
    table = versions.json()["results"][-1]["table"]
    assert table["columns"] == ["Q1", "Q2", "H1", "Q3", "Q4", "H2", "year"]
    assert table["growth"][0]["label"] == "Tốc độ tăng GRDP"
    assert table["contributions"]


def test_actions_and_obligations_filter_by_organisation(demo, token_client):
    actions = token_client.get(f"{V1}actions/").json()
    assert actions["count"] > 0
    lead = actions["results"][0]["lead"]
    mine = token_client.get(f"{V1}actions/", {"organization": lead}).json()["results"]
    assert mine and all(a["lead"] == lead for a in mine)
    assert token_client.get(f"{V1}obligations/").status_code == 200


def test_schema_and_docs_are_for_signed_in_people(demo, client):
    assert client.get(f"{V1}schema/").status_code == 401
    assert client.get(f"{V1}docs/")["Location"].startswith("/dang-nhap/")
    client.force_login(get_user_model().objects.create_user("doc", password="x"))
    schema = client.get(f"{V1}schema/", HTTP_ACCEPT="application/json")
    assert schema.status_code == 200
    assert "/api/v1/figures/{id}/transition/" in schema.json()["paths"]
    assert client.get(f"{V1}docs/").status_code == 200


@pytest.mark.parametrize("prefix", ["/api/", V1])
def test_an_id_that_is_not_a_number_is_404_not_a_crash(demo, token_client, prefix):
    # found by the schema fuzz: the change view looked the id up itself and raised
    response = token_client.put(
        f"{prefix}figures/null,null/",
        {"value": "1", "revision": 0},
        content_type="application/json",
    )
    assert response.status_code == 404
