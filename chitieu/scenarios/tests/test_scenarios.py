"""The scenario page: seed 004 as demo, recompute on edit, invalid cells refused, versions kept."""

from decimal import Decimal as D

import pytest
from django.core.management import call_command
from django.urls import reverse

from chitieu.access.choices import Role
from chitieu.access.models import Membership
from chitieu.core.growth import Scenario, period_growth
from chitieu.organizations.models import Organization
from chitieu.scenarios import demo
from chitieu.scenarios.models import GrowthScenario, ScenarioVersion
from chitieu.scenarios.services import ScenarioConflict, scenario_version_save


def test_bases_derived_from_seed_004_reproduce_its_first_half():
    s = Scenario.from_json(demo.engine_input())
    # the document's own H1 figures, from bases derived from its stated levels
    for series, h1 in {
        "A": "4.82",
        "I": "7.68",
        "C": "8.88",
        "S": "7.42",
        "T": "7.49",
        "GRDP": "7.02",
    }.items():
        assert round(period_growth(s, series, "H1"), 2) == D(h1), series
    # …and the year that its printed sector rates deliver is about 10,26 %, not 10,61 %
    assert round(period_growth(s, "GRDP", "year"), 2) == D("10.26")


@pytest.fixture
def page(client, django_user_model, db):
    call_command("load_demo", verbosity=0)
    user = django_user_model.objects.create_user("tc", password="x")
    Membership.objects.create(
        user=user, organization=Organization.objects.get(name="Sở Tài chính"), role=Role.COMPILER
    )
    client.force_login(user)
    scenario = GrowthScenario.objects.get(year=2026)
    return client, scenario


def _grid(scenario, **changes):
    data = scenario.latest.data
    post = {"based_on": str(scenario.latest.number), "target": "10,61", "rule": "additive"}
    for comp in data["components"]:
        for i, q in enumerate(("Q1", "Q2", "Q3", "Q4")):
            post[f"g_{comp}_{q}"] = data["growth"][comp][i].replace(".", ",")
            post[f"b_{comp}_{q}"] = data["base"][comp][i].replace(".", ",")
    post.update(changes)
    return post


def test_the_page_shows_the_table_as_printed_and_the_finding(page):
    client, scenario = page
    html = client.get(reverse("scenarios:detail", args=[scenario.pk])).content.decode()
    for text in [
        "Tốc độ tăng GRDP",
        "Quý III",
        "6 tháng cuối năm",
        "Cả năm",
        "Đóng góp vào tăng trưởng",
        "GRDP cả năm in 10,61 %",
        "từ 10,27 đến 10,36 %",
        "in: 14,01",
    ]:
        assert text in html, text


def test_changing_q3_recomputes_the_q4_the_year_needs(page):
    client, scenario = page
    url = reverse("scenarios:compute", args=[scenario.pk])
    before = client.post(url, _grid(scenario), HTTP_HX_REQUEST="true").context["view"]
    after = client.post(url, _grid(scenario, g_S_Q3="13,64"), HTTP_HX_REQUEST="true").context[
        "view"
    ]
    row = lambda v, name: next(r for r in v.rows if r.series == name)  # noqa: E731
    q4 = 4  # column index of Q4
    assert row(after, "S").cells[3].value == D("13.64")
    assert row(after, "GRDP").cells[q4].value < row(before, "GRDP").cells[q4].value
    assert round(row(after, "GRDP").cells[6].value, 10) == D(
        "10.61"
    )  # the year still meets the target
    assert ScenarioVersion.objects.count() == 2  # nothing saved beyond the demo's two versions


def test_an_invalid_cell_is_marked_and_nothing_is_saved(page):
    client, scenario = page
    response = client.post(
        reverse("scenarios:save", args=[scenario.pk]),
        _grid(scenario, g_A_Q3="năm phẩy hai", b_C_Q1="-5"),
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert "A Q3: tốc độ tăng “năm phẩy hai” không phải là số" in html
    assert "C Q1: giá trị gốc phải lớn hơn 0" in html
    assert 'name="g_A_Q3" value="năm phẩy hai"' in html and "invalid" in html
    assert ScenarioVersion.objects.count() == 2


def test_saving_an_unchanged_grid_makes_no_version(page):
    client, scenario = page
    response = client.post(reverse("scenarios:save", args=[scenario.pk]), _grid(scenario))
    assert response.status_code == 422
    assert "Không có ô nào khác phiên bản 2: chưa lưu phiên bản mới." in response.content.decode()
    assert ScenarioVersion.objects.count() == 2


def test_save_appends_an_adjusted_version_and_keeps_the_original(page):
    client, scenario = page
    response = client.post(
        reverse("scenarios:save", args=[scenario.pk]),
        _grid(scenario, g_A_Q3="6", note="SNN đề xuất"),
    )
    assert response.status_code == 302
    versions = list(scenario.versions.order_by("number"))
    # the demo holds the start-of-year version and seed 004's re-plan; the save is a third
    assert [(v.number, v.kind) for v in versions] == [
        (1, "original"),
        (2, "adjusted"),
        (3, "adjusted"),
    ]
    assert (
        versions[1].data["growth"]["A"][2] == "5.37" and versions[2].data["growth"]["A"][2] == "6"
    )
    assert versions[2].note == "SNN đề xuất"


def test_a_stale_save_is_refused_with_both_values_visible(page):
    client, scenario = page
    scenario_version_save(scenario=scenario, data=scenario.latest.data, based_on=2)
    response = client.post(
        reverse("scenarios:save", args=[scenario.pk]), _grid(scenario, based_on="2", g_A_Q3="6,5")
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "chưa được lưu" in html and 'value="6,50"' in html and "phien-ban=3" in html
    assert scenario.versions.count() == 3
    with pytest.raises(ScenarioConflict):
        scenario_version_save(scenario=scenario, data=scenario.latest.data, based_on=2)


def test_rows_pasted_from_a_spreadsheet(page):
    client, scenario = page
    url = reverse("scenarios:compute", args=[scenario.pk])
    paste = "Dịch vụ\t8,20\t6,71\t12,00\t13,00\nA\t5,96\t4,18\t5,50\t6,00"
    view = client.post(url, _grid(scenario, paste=paste), HTTP_HX_REQUEST="true").context["view"]
    s_row = next(r for r in view.rows if r.series == "S")
    assert s_row.cells[3].value == D("12.00")
    bad = client.post(url, _grid(scenario, paste="Khai khoáng\t1\t2\t3\t4"), HTTP_HX_REQUEST="true")
    assert (
        bad.status_code == 422
        and "Dòng 1: không nhận ra khu vực “Khai khoáng”" in bad.content.decode()
    )


def test_load_demo_creates_the_scenario_once(page):
    call_command("load_demo", verbosity=0)
    assert GrowthScenario.objects.count() == 1


def test_a_new_scenario_starts_from_an_existing_one(page):
    client, scenario = page
    response = client.post(
        reverse("scenarios:copy", args=[scenario.pk]), {"title": "Kịch bản 2027", "year": "2027"}
    )
    new = GrowthScenario.objects.get(year=2027)
    assert response["Location"] == reverse("scenarios:detail", args=[new.pk])
    assert new.latest.data == scenario.latest.data and new.latest.published is None
    client.post(reverse("scenarios:copy", args=[scenario.pk]), {"title": "", "year": "năm sau"})
    assert GrowthScenario.objects.count() == 2


def test_a_reporter_may_try_numbers_but_not_save_a_version(page, django_user_model):
    client, scenario = page
    user = django_user_model.objects.create_user("xa", password="x")
    Membership.objects.create(
        user=user, organization=Organization.objects.get(name="Sở Y tế"), role=Role.REPORTER
    )
    client.force_login(user)
    assert (
        client.post(reverse("scenarios:compute", args=[scenario.pk]), _grid(scenario)).status_code
        == 200
    )
    assert (
        client.post(reverse("scenarios:save", args=[scenario.pk]), _grid(scenario)).status_code
        == 403
    )
    assert scenario.versions.count() == 2
