"""Bad input (issue 11): a quarter typed as an index (107,02 for 7,02) is asked about on every path
and never read as 107 % growth; quarters of mixed vintages are recomputed from one vintage, said."""

from decimal import Decimal as D
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from chitieu.importers.accounts import Cell, Workbook, read_accounts
from chitieu.organizations.models import Organization
from chitieu.reporting.choices import FigureStatus, Vintage
from chitieu.reporting.models import Figure
from chitieu.reporting.services import FigureError, figure_save
from chitieu.scenarios.accounts import accounts_import, series_indicators_ensure
from chitieu.scenarios.actuals import actuals_view, growth_status
from chitieu.scenarios.models import GrowthScenario, ScenarioVersion, SeriesIndicator
from chitieu.scenarios.tests.test_actuals import _gso_scenario

GSO = Path(__file__).resolve().parents[2] / "core" / "tests" / "data" / "gso_2024_gdp.tsv"


@pytest.fixture
def demo(db):
    call_command("load_demo", verbosity=0)
    return GrowthScenario.objects.get(year=2026)


def _admin():
    return get_user_model().objects.get(username="demo")


def _office():
    return Organization.objects.get(name="Thống kê tỉnh")


def _grid(scenario, **changes):
    data = scenario.latest.data
    post = {"based_on": str(scenario.latest.number), "target": "10,61", "rule": "additive"}
    for comp in data["components"]:
        for i, q in enumerate(("Q1", "Q2", "Q3", "Q4")):
            post[f"g_{comp}_{q}"] = data["growth"][comp][i].replace(".", ",")
            post[f"b_{comp}_{q}"] = data["base"][comp][i].replace(".", ",")
    post.update(changes)
    return post


def test_the_scenario_grid_asks_about_an_index(demo, client):
    client.force_login(get_user_model().objects.get(username="taichinh"))
    # seed 004's services Q3 is 11,64 %; typed as the index 111,64
    response = client.post(
        reverse("scenarios:save", args=[demo.pk]), _grid(demo, g_S_Q3="111,64", target="110,61")
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert (
        "S Q3: “111,64” trông như chỉ số (cùng kỳ = 100), không phải tốc độ tăng: "
        "có phải 11,64 %?" in html
    )
    assert "mục tiêu: “110,61” trông như chỉ số" in html and "có phải 10,61 %?" in html
    pasted = client.post(
        reverse("scenarios:compute", args=[demo.pk]),
        _grid(demo, paste="Dịch vụ\t108,20\t6,71\t11,64\t12,89"),
        HTTP_HX_REQUEST="true",
    )
    assert pasted.status_code == 422
    assert "Dòng 1 (Dịch vụ), Q1: “108,20” trông như chỉ số" in pasted.content.decode()
    assert ScenarioVersion.objects.filter(scenario=demo).count() == 2


def test_figure_save_refuses_an_index_for_a_quarters_growth(demo):
    # the entry form, the Excel upload and the API all save through figure_save
    grdp = SeriesIndicator.objects.get(scenario=demo, series="GRDP").indicator
    with pytest.raises(FigureError, match="107,02 nằm ngoài khoảng -60 - 60"):
        figure_save(
            user=_admin(),
            indicator=grdp,
            organization=_office(),
            period_code="2026-Q3",
            vintage=Vintage.ESTIMATE,
            value="107,02",
            expected_revision=0,
        )


def test_the_api_refuses_an_index_for_a_quarters_growth(demo, client):
    client.force_login(_admin())
    grdp = SeriesIndicator.objects.get(scenario=demo, series="GRDP").indicator
    body = {
        "indicator": grdp.pk,
        "organization": _office().pk,
        "period_code": "2026-Q3",
        "vintage": "estimate",
        "value": "107,02",
        "revision": 0,
    }
    response = client.post("/api/figures/", body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["detail"].startswith("Giá trị: 107,02 nằm ngoài khoảng -60 - 60")
    ok = client.post("/api/figures/", body | {"value": "7,02"}, content_type="application/json")
    assert ok.status_code == 201 and ok.json()["value"] == 7.02


def _cell(measure, value, period="2026-Q1"):
    return Cell("Biểu quý", 9, 5, "Tổng sản phẩm", "GRDP", "constant", measure, period,
                "estimate", False, D(value))  # fmt: skip


def test_the_import_asks_about_an_index_in_a_rate_column_and_saves_nothing(demo):
    book = Workbook("quy-1.xlsx", [_cell("rate", "107.53"), _cell("rate", "6.59", "2026-Q2")], [])
    result = accounts_import(user=_admin(), scenario=demo, workbook=book, organization=_office())
    assert result.saved == 0
    assert result.errors == [
        "quy-1.xlsx, trang tính “Biểu quý”, dòng 9, cột 5: 107,53 trông như chỉ số (cùng kỳ = 100) trong cột "
        "tốc độ tăng: có phải 7,53 %? Sửa ô hoặc tiêu đề cột rồi nhập lại."
    ]
    # and the other way round: a rate in a column headed as an index
    book = Workbook("quy-1.xlsx", [_cell("index", "7.53")], [])
    result = accounts_import(user=_admin(), scenario=demo, workbook=book, organization=_office())
    assert "7,53 trông như tốc độ tăng trong cột chỉ số" in result.errors[0]
    assert "có phải chỉ số 107,53?" in result.errors[0]
    grdp = SeriesIndicator.objects.get(scenario=demo, series="GRDP").indicator
    assert not Figure.objects.filter(indicator=grdp, period_code__in=["2026-Q1", "2026-Q2"],
                                     status=FigureStatus.DRAFT).exists()  # fmt: skip


def test_an_approved_lookalike_is_asked_about_and_shows_no_gap(demo):
    # an index approved before the range rule existed: 107,02 for the first half's 7,02
    grdp = SeriesIndicator.objects.get(scenario=demo, series="GRDP").indicator
    Figure.objects.create(
        indicator=grdp,
        organization=_office(),
        period_code="2026-H1",
        vintage=Vintage.PRELIMINARY,
        value=D("107.02"),
        status=FigureStatus.APPROVED,
    )
    status = growth_status(demo, "H1")
    assert status.sentence == ""
    assert "Tốc độ tăng GRDP 6 tháng đầu năm: 107,02 trông như chỉ số" in status.error
    assert "có phải 7,02 %?" in status.error
    view = actuals_view(demo, demo.adopted)
    grdp_row = next(r for r in view.rows if r[0] == "GRDP")
    actual, planned, gap = grdp_row[3][2]  # H1
    assert actual.value == D("107.02") and gap is None  # never a gap of 97,78 points


def test_the_rule_is_added_to_indicators_bound_before_it(demo):
    grdp = SeriesIndicator.objects.get(scenario=demo, series="GRDP").indicator
    grdp.rules.all().delete()
    series_indicators_ensure(scenario=demo)
    assert grdp.rules.get().params == {"min": -60, "max": 60}


def _approve_all(scenario):
    bound = SeriesIndicator.objects.filter(scenario=scenario).values("indicator")
    Figure.objects.filter(indicator__in=bound, period_code__startswith="2024").update(
        status=FigureStatus.APPROVED
    )


def test_a_year_over_mixed_vintages_is_recomputed_from_one_vintage(demo):
    # the four 2024 workbooks: each quarter estimated, then Q1–Q3 preliminary a quarter later
    scenario, book = _gso_scenario()
    result = accounts_import(
        user=_admin(), scenario=scenario, workbook=book, organization=_office()
    )
    assert result.errors == []
    _approve_all(scenario)
    status = growth_status(scenario, "year")
    # the best of each quarter mixes preliminary Q1–Q3 with an estimated Q4; the estimates cover
    # all four quarters, so the year is recomputed from them alone, and the note says so
    [note] = [n for n in status.notes if "khác loại" in n]
    assert note.startswith(
        "GRDP cả năm: các quý có số liệu khác loại (quý I sơ bộ, quý II sơ bộ, quý III sơ bộ, "
        "quý IV ước tính); chỉ tính lại từ số ước tính của cả 4 quý"
    )
    estimates = {q: c.rate for q in ("Q1", "Q2", "Q3", "Q4")
                 for c in book.growth("GRDP", f"2024-{q}") if c.vintage == "estimate"}  # fmt: skip
    assert round(estimates["Q4"], 2) == D("7.55")
    assert note.endswith("không trộn các loại: 6,94 %.") and round(status.computed, 2) == D("6.94")
    # the year December published is an estimate too: 7,09 %
    assert round(status.actual.value, 2) == D("7.09")


def test_a_half_no_single_vintage_covers_is_computed_as_the_office_cumulates(demo):
    scenario, book = _gso_scenario()
    june = Workbook(book.name, [c for c in book.cells if "Bieu-T6" in c.sheet], [])
    accounts_import(user=_admin(), scenario=scenario, workbook=june, organization=_office())
    _approve_all(scenario)
    status = growth_status(scenario, "H1")
    [note] = [n for n in status.notes if "khác loại" in n]
    assert "(quý I sơ bộ, quý II ước tính) và chưa loại nào đủ cả 2 quý" in note
    # June's own first half, preliminary Q1 with estimated Q2: 6,42 %
    assert round(status.computed, 2) == D("6.42") == round(status.actual.value, 2)
    assert read_accounts(GSO.read_bytes(), GSO.name).growth("GRDP", "2024-H1")[0].mixed
