"""The scenario meets its actuals: seed 004's first-half sentence from the demo data, the rest of the
year re-solved, only approved figures counting, a revised quarter saying what moved, and the
statistics office's workbook brought in as figures."""

import json
from decimal import Decimal as D
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from chitieu.core.growth import period_growth
from chitieu.core.growth.report import parse_request
from chitieu.importers.accounts import read_accounts
from chitieu.organizations.models import Organization
from chitieu.reporting.choices import FigureStatus, Vintage
from chitieu.reporting.models import Figure
from chitieu.scenarios.accounts import accounts_import, series_indicators_ensure
from chitieu.scenarios.actuals import growth_status
from chitieu.scenarios.models import GrowthScenario, SeriesIndicator
from chitieu.scenarios.services import (
    scenario_create,
    scenario_version_adopt,
    scenario_version_save,
)

GSO = Path(__file__).resolve().parents[2] / "core" / "tests" / "data" / "gso_2024_gdp.tsv"
SEED_SENTENCE = (
    "6 tháng đầu năm GRDP ước tăng 7,02 % so với cùng kỳ, thấp hơn 2,22 điểm % so với kịch bản, "
    "thấp hơn 1,35 điểm % so với cùng kỳ năm trước; "
)


@pytest.fixture
def demo(db):
    call_command("load_demo", verbosity=0)
    return GrowthScenario.objects.get(year=2026)


def _approve(indicator, period, vintage, value):
    return Figure.objects.create(
        indicator=indicator,
        organization=Organization.objects.get(name="Thống kê tỉnh"),
        period_code=period,
        vintage=vintage,
        value=D(value),
        status=FigureStatus.APPROVED,
    )


def test_the_demo_reproduces_seed_004s_first_half_sentence(demo):
    status = growth_status(demo, "H1")
    assert status.sentence.startswith(SEED_SENTENCE)
    assert "khu vực dịch vụ tăng 7,42 %, đóng góp 3,86 điểm %" in status.sentence
    # compared with the version adopted before 30/6/2026, not the re-plan adopted in July
    assert status.reference.number == 1
    assert status.actual.value == D("7.02") and status.actual.vintage == Vintage.ESTIMATE
    assert abs(status.gap_pp - D("-2.22")) < D("1e-9")
    assert status.last_year == D("8.37")


def test_the_remaining_quarters_are_what_the_year_now_needs(demo):
    status = growth_status(demo, "H1")
    s, _, _, _, _ = parse_request(demo.latest.data)
    assert status.elapsed == ["Q1", "Q2"]
    assert set(status.required) == {"Q3", "Q4", "H2"}
    # seed 004 keeps Q3 as planned and solves Q4 for 10,61 % over the year
    assert round(status.required["Q3"], 2) == D("12.07")
    assert status.required["Q4"] > D("14.01")
    assert set(status.required_by_series) >= {"A", "IC", "S", "T"}


def test_growth_status_prints_the_json_machines_read(demo):
    out = StringIO()
    call_command("growth_status", "--period", "2026-H1", "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert set(data) >= {
        "period",
        "actual",
        "vintage",
        "scenario",
        "gap_pp",
        "same_period_last_year",
        "contributions",
        "required",
    }
    assert (data["period"], data["actual"], data["vintage"]) == ("2026-H1", "7.020000", "estimate")
    assert abs(D(data["gap_pp"]) - D("-2.22")) < D("1e-9")
    assert D(data["same_period_last_year"]) == D("8.37")
    assert set(data["contributions"]) == {"A", "IC", "S", "T"}
    assert round(D(data["contributions"]["A"]), 2) == D("1.07")
    assert set(data["required"]) == {"Q3", "Q4", "H2"}
    with pytest.raises(CommandError, match="cần dạng NĂM-KỲ"):
        call_command("growth_status", "--period", "H1-2026")


def test_an_unapproved_figure_never_changes_the_actual(demo):
    grdp = SeriesIndicator.objects.get(scenario=demo, series="GRDP").indicator
    Figure.objects.create(
        indicator=grdp,
        organization=Organization.objects.get(name="Thống kê tỉnh"),
        period_code="2026-H1",
        vintage=Vintage.OFFICIAL,
        value=D("9.9"),
        status=FigureStatus.DRAFT,
    )
    status = growth_status(demo, "H1")
    assert status.actual.value == D("7.02") and status.actual.vintage == Vintage.ESTIMATE


def test_a_revised_quarter_resolves_and_says_what_moved(demo):
    before = growth_status(demo, "H1").required["Q4"]
    services = SeriesIndicator.objects.get(scenario=demo, series="S").indicator
    _approve(services, "2026-Q2", Vintage.PRELIMINARY, "5.71")
    after = growth_status(demo, "H1")
    assert after.required["Q4"] > before
    assert any("quý II: sơ bộ 5,71 % thay cho ước tính 6,71 %" in m for m in after.moved)
    assert any(m.startswith("GRDP quý IV nay cần tăng") and "(trước là" in m for m in after.moved)


def test_an_index_entered_as_a_rate_is_asked_about(demo):
    services = SeriesIndicator.objects.get(scenario=demo, series="S").indicator
    _approve(services, "2026-Q1", Vintage.PRELIMINARY, "108.2")
    status = growth_status(demo, "H1")
    assert "108,20 trông như chỉ số" in status.error and "8,20 %" in status.error


def _gso_scenario():
    """A 2024 scenario of the four sectors with bases from the June and December workbooks."""
    book = read_accounts(GSO.read_bytes(), GSO.name)
    parts = ("A", "IC", "S", "T")
    vintage = {"Q1": "preliminary", "Q2": "estimate", "Q3": "preliminary", "Q4": "estimate"}
    base, growth = {}, {}
    for c in parts:
        b, g = [], []
        for q, v in vintage.items():
            (level,) = [x for x in book.level(c, f"2024-{q}") if x.vintage == v]
            (rate,) = [x for x in book.growth(c, f"2024-{q}") if x.vintage == v]
            b.append(str(level.value / (1 + rate.rate / 100)))
            g.append(str(rate.rate))
        base[c], growth[c] = b, g
    data = {
        "components": {
            "A": "Nông, lâm nghiệp và thủy sản",
            "IC": "Công nghiệp và xây dựng",
            "S": "Dịch vụ",
            "T": "Thuế sản phẩm trừ trợ cấp sản phẩm",
        },
        "aggregates": {"GRDP": list(parts)},
        "base": base,
        "growth": growth,
    }
    scenario = scenario_create(year=2024, title="GDP 2024", source="", data=data, published=None)
    return scenario, book


def test_the_national_workbooks_become_figures_with_their_vintages(demo):
    # given the statistics office's four 2024 workbooks
    scenario, book = _gso_scenario()
    admin = get_user_model().objects.get(username="demo")
    office = Organization.objects.get(name="Thống kê tỉnh")
    # when they are imported
    result = accounts_import(user=admin, scenario=scenario, workbook=book, organization=office)
    # then every growth cell is a draft figure with its vintage, indices read as rates
    assert result.errors == []
    assert any("chỉ số (cùng kỳ = 100)" in n for n in result.notes)
    grdp = series_indicators_ensure(scenario=scenario)["GRDP"]
    figures = {
        (f.period_code, f.vintage): f
        for f in Figure.objects.filter(indicator=grdp, period_code__startswith="2024")
    }
    assert set(figures) == {
        ("2024-Q1", "estimate"),
        ("2024-Q1", "preliminary"),
        ("2024-Q2", "estimate"),
        ("2024-Q2", "preliminary"),
        ("2024-H1", "estimate"),
        ("2024-Q3", "estimate"),
        ("2024-Q3", "preliminary"),
        ("2024-9M", "estimate"),
        ("2024-Q4", "estimate"),
        ("2024", "estimate"),
    }
    assert {f.status for f in figures.values()} == {FigureStatus.DRAFT}
    assert figures[("2024-H1", "estimate")].value == D("6.417351")
    assert "cộng dồn" in figures[("2024-H1", "estimate")].comment
    assert figures[("2024-Q1", "estimate")].value == D("5.657544")
    # drafts do not count yet
    assert growth_status(scenario, "H1").actual is None
    # a second import of the same workbook changes nothing
    again = accounts_import(user=admin, scenario=scenario, workbook=book, organization=office)
    assert (again.saved, again.errors) == (0, [])


def test_approved_quarters_give_the_published_growth_back(demo):
    scenario, book = _gso_scenario()
    admin = get_user_model().objects.get(username="demo")
    office = Organization.objects.get(name="Thống kê tỉnh")
    june = book.__class__(book.name, [c for c in book.cells if "Bieu-T6" in c.sheet], [])
    accounts_import(user=admin, scenario=scenario, workbook=june, organization=office)
    bound = SeriesIndicator.objects.filter(scenario=scenario).values("indicator")
    Figure.objects.filter(indicator__in=bound, period_code__startswith="2024").update(
        status=FigureStatus.APPROVED
    )
    # Q3 and Q4 not yet reported: the first half from the sectors' quarters equals the published
    status = growth_status(scenario, "H1")
    assert status.elapsed == ["Q1", "Q2"]
    assert status.actual.value == D("6.417351")
    assert abs(status.computed - D("6.4173510662068")) < D("1e-5")
    assert not any("số liệu công bố là" in n for n in status.notes)
    s, _, _, _, _ = parse_request(scenario.latest.data)
    assert abs(period_growth(s, "GRDP", "H1") - D("6.4173510662068")) < D("1e-9")


def test_a_workbook_refused_for_a_user_who_may_not_enter_saves_nothing(demo):
    scenario, book = _gso_scenario()
    reader = get_user_model().objects.get(username="lanhdao")
    office = Organization.objects.get(name="Thống kê tỉnh")
    result = accounts_import(user=reader, scenario=scenario, workbook=book, organization=office)
    assert result.saved == 0 and result.errors
    bound = SeriesIndicator.objects.filter(scenario=scenario).values("indicator")
    assert not Figure.objects.filter(indicator__in=bound, period_code__startswith="2024").exists()


def test_the_scenario_page_shows_actual_beside_plan(demo, client):
    client.force_login(get_user_model().objects.get(username="taichinh"))
    response = client.get(f"/kich-ban/{demo.pk}/")
    view = response.context["actuals"]
    assert [c for c, _ in view.columns] == ["Q1", "Q2", "H1"]
    grdp = next(r for r in view.rows if r[0] == "GRDP")
    actual, planned, gap = grdp[3][2]  # H1
    assert (actual.value, actual.vintage) == (D("7.02"), "estimate")
    assert round(planned, 2) == D("9.24") and round(gap, 2) == D("-2.22")
    assert [c for c, _ in view.required_columns] == ["Q3", "Q4", "H2"]
    html = response.content.decode()
    assert "Thực hiện so với kịch bản" in html and SEED_SENTENCE in html


def test_the_pages_show_a_newly_approved_figure_and_a_new_adoption_at_once(demo, client):
    # given both pages seen once (each page reads its figures and versions once, per request)
    finance = get_user_model().objects.get(username="taichinh")
    client.force_login(finance)
    pages = (f"/kich-ban/{demo.pk}/", "/bao-cao-thang/?thang=2026-07")
    revised = "quý II: sơ bộ 5,71 % thay cho ước tính 6,71 %"
    for url in pages:
        assert revised not in client.get(url).content.decode()
    # when a revised quarter is approved, then the next request of each page says what moved
    services = SeriesIndicator.objects.get(scenario=demo, series="S").indicator
    _approve(services, "2026-Q2", Vintage.PRELIMINARY, "5.71")
    for url in pages:
        assert revised in client.get(url).content.decode(), url
    # when a new version is saved and adopted, then the scenario page opens on it at once
    latest = demo.latest
    data = json.loads(json.dumps(latest.data))
    data["growth"]["A"][3] = 6.5
    saved = scenario_version_save(
        scenario=demo, data=data, based_on=latest.number, note="", user=finance
    )
    assert client.get(f"/kich-ban/{demo.pk}/").context["version"].number == latest.number
    scenario_version_adopt(version=saved, user=finance, at=timezone.now())
    response = client.get(f"/kich-ban/{demo.pk}/")
    assert response.context["version"].number == response.context["adopted"].number == saved.number
    assert response.context["data"]["growth"]["A"][3] == 6.5
