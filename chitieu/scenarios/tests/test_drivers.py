"""Drivers of growth: seed 004's year targets, approved monthly figures added up since January,
paced by the adopted scenario; who would be told when something falls behind."""

import io
from datetime import date
from decimal import Decimal as D

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from chitieu.core.growth import Scenario
from chitieu.core.growth.drivers import Pace, pace_share, quarter_levels
from chitieu.core.growth.report import parse_request
from chitieu.core.growth.solve import solve
from chitieu.notices.choices import NoticeKind
from chitieu.notices.models import Notice
from chitieu.reporting.choices import FigureStatus, Vintage
from chitieu.reporting.models import Figure
from chitieu.reporting.services import figure_transition
from chitieu.scenarios import demo as seed
from chitieu.scenarios.demo_drivers import DEMO_SOURCE
from chitieu.scenarios.drivers import behind_threshold, drivers_view
from chitieu.scenarios.models import Driver, GrowthScenario
from chitieu.scenarios.services import scenario_notify_behind, scenario_version_save

INVESTMENT = "Vốn đầu tư công từ ngân sách nhà nước giải ngân"
RETAIL = "Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng"
TOURISTS = "Số lượt khách du lịch"


def _seed_004() -> Scenario:
    s, cells, targets, rule, _ = parse_request(seed.engine_input())
    return solve(s, cells, targets, rule)[0]


@pytest.mark.parametrize(
    "levels, months, share",
    [
        ([D(1), D(1), D(1), D(1)], 0, D(0)),
        ([D(1), D(1), D(1), D(1)], 6, D("0.5")),
        ([D(1), D(1), D(1), D(1)], 12, D(1)),
        ([D(1), D(1), D(2), D(4)], 6, D("0.25")),  # a late year needs little by June
        ([D(1), D(1), D(2), D(4)], 7, D("0.333333333333")),  # June's quarter and a third of Q3
    ],
)
def test_the_pace_follows_the_planned_output_of_the_quarters(levels, months, share):
    assert round(pace_share(levels, months), 12) == share


def test_construction_must_deliver_most_of_its_year_late():
    # seed 004 plans construction at 20,31 % and 24,87 % in the third and fourth quarters
    levels = quarter_levels(_seed_004(), "C")
    assert round(pace_share(levels, 6), 4) == D("0.3575")
    assert round(pace_share(levels, 9), 4) == D("0.6382")


def test_a_pace_says_how_far_short():
    pace = Pace(target=D("6090"), share=D("0.5"), actual=D("2740.5"))
    assert pace.expected == D("3045") and pace.behind
    assert pace.percent_of_pace == D(90) and pace.shortfall_percent() == D(10)
    assert Pace(D(100), D("0.5"), D(60)).shortfall_percent() == 0


@pytest.fixture
def demo(db):
    call_command("load_demo", verbosity=0)
    return GrowthScenario.objects.get(year=2026)


def _row(view, name):
    return next(r for r in view.rows if r.driver.indicator.name == name)


def test_the_drivers_carry_seed_004s_targets_and_demo_figures_say_so(demo):
    targets = {d.indicator.name: d.target for d in Driver.objects.filter(scenario=demo)}
    assert targets[RETAIL] == D("48338")
    assert targets[TOURISTS] == D("5.12")
    assert targets["Tổng thu từ khách du lịch"] == D("4900")
    assert targets[INVESTMENT] == D("6090")
    assert targets["Thu ngân sách nhà nước từ hoạt động xuất nhập khẩu"] == D("18100")
    # seed 004 states no year's figure for these two
    assert targets["Kim ngạch xuất khẩu qua các cửa khẩu"] is None
    assert targets["Chỉ số sản xuất công nghiệp (IIP, cùng kỳ năm trước = 100)"] is None
    demo_figures = Figure.objects.filter(indicator__in=[d.indicator for d in demo.drivers.all()])
    assert demo_figures.exists() and {f.source for f in demo_figures} == {DEMO_SOURCE}


def test_public_investment_falls_behind_the_pace_the_scenario_needs(demo):
    view = drivers_view(demo)
    assert view.version.number == 2  # the adopted re-plan sets the pace
    row = _row(view, INVESTMENT)
    # the first half and July–September add up to 3.360; by September construction's path needs
    # 63,82 % of the year's 6.090 tỷ đồng
    assert (row.month, row.cumulative) == (9, D("3360"))
    assert row.expected_text == "3.886,7" and row.behind
    assert round(row.pace.percent_of_pace, 1) == D("86.4")
    retail = _row(view, RETAIL)
    assert (retail.cumulative, retail.expected_text, retail.behind) == (
        D("35220"),
        "34.056,5",
        False,
    )
    tourists = _row(view, TOURISTS)
    assert (tourists.cumulative_text, tourists.expected_text, tourists.behind) == (
        "3,56",
        "3,61",
        True,
    )


def test_only_approved_figures_count_and_a_missing_month_stops_the_sum(demo):
    investment = Driver.objects.get(scenario=demo, indicator__name=INVESTMENT)
    Figure.objects.create(
        indicator=investment.indicator,
        organization=investment.lead,
        period_code="2026-10",
        vintage=Vintage.ESTIMATE,
        value=D("5000"),
        status=FigureStatus.DRAFT,
    )
    row = _row(drivers_view(demo), INVESTMENT)
    assert (row.month, row.cumulative) == (9, D("3360"))  # the draft October does not count
    Figure.objects.filter(indicator=investment.indicator, period_code="2026-08").update(
        status=FigureStatus.RETURNED
    )
    row = _row(drivers_view(demo), INVESTMENT)
    assert (row.month, row.cumulative) == (7, D("2430"))  # through July only: August is missing


def test_a_trial_version_never_sets_the_pace(demo):
    data = demo.latest.data
    data["growth"]["C"][2] = "5"
    scenario_version_save(scenario=demo, data=data, based_on=2)
    row = _row(drivers_view(demo), INVESTMENT)
    assert row.expected_text == "3.886,7"


def test_the_month_counts_once_it_has_ended(demo):
    row = _row(drivers_view(demo, as_of=date(2026, 9, 29)), INVESTMENT)
    assert (row.month, row.cumulative) == (8, D("2880"))


def test_who_would_be_notified_and_why(demo):
    behind = behind_threshold(demo, as_of=date(2026, 10, 5))
    by_subject = {b.subject: b for b in behind}
    investment = by_subject[INVESTMENT]
    assert investment.organizations == ["Sở Tài chính"]
    assert investment.reason == (
        "Lũy kế đến hết tháng 9 đạt 3.360,0 tỷ đồng, bằng 86,4 % mức kịch bản cần "
        "(3.886,7 tỷ đồng); thiếu 13,6 %, quá ngưỡng 5 %."
    )
    # the first half: 7,02 % against the start-of-year scenario's 9,24 %
    grdp = by_subject["Tốc độ tăng GRDP"]
    assert grdp.organizations == ["Sở Tài chính", "Thống kê tỉnh"]
    assert "tăng 7,02 %, thấp hơn kịch bản (9,24 %) 2,22 điểm %" in grdp.reason
    assert by_subject["Dịch vụ"].organizations == [
        "Sở Công Thương",
        "Sở Văn hóa, Thể thao và Du lịch",
        "Sở Tài chính",
    ]
    # tourists are behind (98,7 % of the pace) but within the 5 % threshold
    assert TOURISTS not in by_subject and RETAIL not in by_subject
    assert TOURISTS in {
        b.subject for b in behind_threshold(demo, as_of=date(2026, 10, 5), percent=D(1))
    }
    assert not behind_threshold(demo, as_of=date(2026, 10, 5), points=D(3), percent=D(20))


def test_the_page_and_the_monthly_report_show_the_drivers_behind(demo, client):
    client.force_login(get_user_model().objects.get(username="lanhdao"))
    page = client.get(reverse("scenarios:detail", args=[demo.pk])).content.decode()
    assert "Động lực tăng trưởng theo khu vực" in page
    assert "Chậm so với tiến độ kịch bản" in page and "86,4 %" in page
    html = client.get(reverse("actions:monthly") + "?thang=2026-10").content.decode()
    section = html[html.index("Động lực tăng trưởng chậm") :]
    assert INVESTMENT in section and TOURISTS in section and RETAIL not in section
    docx_bytes = client.get(reverse("exports:monthly", args=["docx"]) + "?thang=2026-10").content
    import docx

    text = "\n".join(p.text for p in docx.Document(io.BytesIO(docx_bytes)).paragraphs)
    # the target as the document prints it, the month with its year, and what the figure counts
    assert (
        f"{INVESTMENT} (Sở Tài chính): lũy kế đến hết tháng 9/2026 đạt 3.360,0 tỷ đồng, kịch bản "
        "cần 3.886,7 tỷ đồng (86,4 % tiến độ; mục tiêu cả năm 6.090 tỷ đồng). Phạm vi: toàn bộ "
        "vốn đầu tư công từ ngân sách nhà nước của tỉnh do Sở Tài chính báo cáo"
    ) in text
    assert "6.090,0" not in text


def test_the_drivers_are_bound_in_the_admin(demo, client):
    client.force_login(get_user_model().objects.get(username="demo"))
    url = reverse("admin:scenarios_growthscenario_change", args=[demo.pk])
    html = client.get(url).content.decode()
    assert "Động lực tăng trưởng" in html and "6090" in html.replace(".", "").replace(",", "")


def test_an_approved_actual_behind_the_scenario_tells_the_people_concerned(
    demo, monkeypatch, django_capture_on_commit_callbacks
):
    # given the statistics office's verified October figure for public investment
    monkeypatch.setattr("chitieu.scenarios.alerts.timezone.localdate", lambda: date(2026, 10, 5))
    september = Figure.objects.get(indicator__name=INVESTMENT, period_code="2026-09")
    october = Figure.objects.create(
        indicator=september.indicator,
        organization=september.organization,
        period_code="2026-10",
        vintage=Vintage.ESTIMATE,
        value=D("100"),
        status=FigureStatus.VERIFIED,
    )
    finance = get_user_model().objects.get(username="taichinh")
    # when finance approves it
    with django_capture_on_commit_callbacks(execute=True):
        figure_transition(user=finance, figure=october, action="approve")
    # then each member of the finance department is told once, with the reason and the page
    told = Notice.objects.filter(user=finance, kind=NoticeKind.BEHIND)
    reasons = {n.text for n in told}
    assert (
        "Lũy kế đến hết tháng 9 đạt 3.360,0 tỷ đồng, bằng 86,4 % mức kịch bản cần "
        "(3.886,7 tỷ đồng); thiếu 13,6 %, quá ngưỡng 5 %."
    ) in reasons
    assert any("tăng 7,02 %, thấp hơn kịch bản (9,24 %) 2,22 điểm %" in r for r in reasons)
    assert {n.link for n in told} == {reverse("scenarios:detail", args=[demo.pk])}
    # a second approval in the same state tells nobody again
    count = Notice.objects.count()
    assert scenario_notify_behind(scenario=demo, as_of=date(2026, 10, 5)) == 0
    assert Notice.objects.count() == count


def test_finance_sets_the_thresholds_and_the_leader_cannot(demo, client):
    url = reverse("scenarios:thresholds", args=[demo.pk])
    client.force_login(get_user_model().objects.get(username="lanhdao"))
    assert client.post(url, {"points": "3", "percent": "20"}).status_code == 403
    client.force_login(get_user_model().objects.get(username="taichinh"))
    answer = client.post(url, {"points": "3", "percent": "20"}, follow=True)
    assert "Đã đặt ngưỡng báo chậm: tăng trưởng thấp hơn kịch bản quá 3 điểm %" in (
        answer.content.decode()
    )
    demo.refresh_from_db()
    assert (demo.alert_points, demo.alert_percent) == (D(3), D(20))
    # above both thresholds nothing in the demo is far enough behind to tell anyone
    assert scenario_notify_behind(scenario=demo, as_of=date(2026, 10, 5)) == 0
    bad = client.post(url, {"points": "0", "percent": "abc"}, follow=True).content.decode()
    assert "Ngưỡng không đọc được" in bad
    fine = client.post(url, {"points": "1,234", "percent": "5"}, follow=True).content.decode()
    assert "Ngưỡng ghi tối đa hai chữ số thập phân" in fine
    demo.refresh_from_db()
    assert demo.alert_points == D(3)
