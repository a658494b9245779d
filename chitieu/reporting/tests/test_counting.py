"""Which figure counts: drafts never change a status, tạm tính stays apart, averages and communes."""

from decimal import Decimal as D

import pytest
from django.urls import reverse

from chitieu.catalog.models import Indicator, Plan, Target
from chitieu.organizations.models import Organization
from chitieu.reporting.choices import Aggregation, Status
from chitieu.reporting.evaluation import evaluate_targets
from chitieu.reporting.models import Figure, ReportingSpec
from chitieu.reporting.selectors import indicator_status, overview, plan_targets
from chitieu.reporting.services import figure_transition
from chitieu.reporting.stored import touch


def _forest_eval(plan):
    return next(
        e for e in overview(plan).evaluations if e.target.printed_name == "Tỷ lệ che phủ rừng"
    )


def _walk(people, figure, *steps):
    for action, who in steps:
        figure = figure_transition(user=people[who], figure=figure, action=action)
    return figure


def test_a_draft_official_99_for_forest_cover_never_submitted_changes_no_status(
    enter, people, forest, nnmt
):
    plan = Plan.objects.get(number="130/KH-UBND")
    before = _forest_eval(plan)
    # given: the reporter enters 99 as an official 2025 and a 2026 figure, and never submits
    enter(forest, nnmt, "99", period="2025")
    enter(forest, nnmt, "99", period="2026")
    # then: the status and its sentence are those of the approved estimate 64,3
    after = _forest_eval(plan)
    assert (after.status, after.sentence) == (before.status, before.sentence)
    assert after.status == Status.BASELINE and after.baseline.value == D("64.3")
    assert after.provisional is None


def test_submitted_and_returned_figures_do_not_count_either(enter, people, forest, nnmt):
    plan = Plan.objects.get(number="130/KH-UBND")
    f = enter(forest, nnmt, "99")
    f = _walk(people, f, ("submit", "reporter"))
    assert _forest_eval(plan).status == Status.BASELINE
    figure_transition(user=people["reviewer"], figure=f, action="return", reason="sai đơn vị")
    assert _forest_eval(plan).status == Status.BASELINE


def test_a_verified_figure_gives_only_a_provisional_status_and_approval_signs_it(
    enter, people, forest, nnmt
):
    plan = Plan.objects.get(number="130/KH-UBND")
    f = _walk(people, enter(forest, nnmt, "65.2"), ("submit", "reporter"), ("verify", "reviewer"))
    e = _forest_eval(plan)
    assert e.status == Status.BASELINE  # the signed status is unchanged
    assert e.provisional is not None and e.provisional.status == Status.ON_TRACK
    ov = overview(plan)
    assert ov.totals[Status.ON_TRACK] == 0 and ov.provisional_totals[Status.ON_TRACK] == 1
    _walk(people, f, ("approve", "compiler"))
    e = _forest_eval(plan)
    assert e.status == Status.ON_TRACK and e.provisional is None
    assert e.sentence.startswith("Đạt 65,2 % năm 2026; đã vượt mức mục tiêu đạt 65 %")


def test_an_approved_figure_of_a_coordinating_agency_does_not_count(people, forest):
    # Sở Y tế does not lead forest cover: its approved figure is not the province's
    plan = Plan.objects.get(number="130/KH-UBND")
    other = Organization.objects.get(name="Sở Y tế")
    Figure.objects.create(
        indicator=forest,
        organization=other,
        period_code="2026",
        vintage="official",
        value=D(99),
        status="approved",
    )
    assert _forest_eval(plan).status == Status.BASELINE


def test_the_best_vintage_counts_official_over_estimate(people, forest, nnmt):
    plan = Plan.objects.get(number="130/KH-UBND")
    for vintage, value in [("estimate", "66"), ("official", "64.6")]:
        Figure.objects.create(
            indicator=forest,
            organization=nnmt,
            period_code="2026",
            vintage=vintage,
            value=D(value),
            status="approved",
        )
    assert _forest_eval(plan).value == D("64.6")


def test_the_grdp_average_target_is_judged_on_the_geometric_mean_of_the_period(demo):
    plan = Plan.objects.get(number="130/KH-UBND")
    stats = Organization.objects.get(name="Thống kê tỉnh")
    grdp = Indicator.objects.get(
        name__startswith="Tốc độ tăng tổng sản phẩm trên địa bàn (GRDP) bình quân"
    )
    for year, value in [("2026", "10"), ("2027", "12")]:
        Figure.objects.create(
            indicator=grdp,
            organization=stats,
            period_code=year,
            vintage="official",
            value=D(value),
            status="approved",
        )
    target = Target.objects.get(plan=plan, indicator=grdp)
    (e,) = evaluate_targets([t for t in plan_targets(plan) if t.pk == target.pk])
    # 2021-2025 (about 7 %) is the baseline, not part of the average: (1,10 × 1,12)^½ − 1
    assert e.status == Status.ON_TRACK
    assert "Bình quân nhân năm 2026-2027 đạt 11,00 %" in e.sentence
    Figure.objects.create(
        indicator=grdp,
        organization=stats,
        period_code="2028",
        vintage="official",
        value=D("5"),
        status="approved",
    )
    (e,) = evaluate_targets([t for t in plan_targets(plan) if t.pk == target.pk])
    assert e.status == Status.AT_RISK
    # the two years left need (1,1^5 / (1,10 × 1,12 × 1,05))^½ − 1 = 11,58 % each
    assert "2 năm còn lại cần bình quân 11,58 % mỗi năm" in e.sentence


@pytest.fixture
def communes(demo):
    # the province's communes are these three (the investment demo's invented ones set aside)
    Organization.objects.filter(kind__in=["commune", "ward"]).update(active=False)
    return [
        Organization.objects.create(name=f"Xã Thử {i}", kind="ward" if i == 1 else "commune")
        for i in range(1, 4)
    ]


def _commune_fig(indicator, org, value, period="2026", status="approved"):
    return Figure.objects.create(
        indicator=indicator,
        organization=org,
        period_code=period,
        vintage="official",
        value=D(value),
        status=status,
    )


def test_communes_roll_up_with_their_coverage_and_only_a_complete_sum_is_signed(demo, communes):
    plan = Plan.objects.get(number="130/KH-UBND")
    houses = Indicator.objects.get(name__startswith="Tổng số nhà ở xã hội")
    ReportingSpec.objects.filter(indicator=houses).update(aggregation=Aggregation.SUM)
    _commune_fig(houses, communes[0], "400")
    _commune_fig(houses, communes[1], "500")
    _commune_fig(houses, communes[2], "900", status="verified")

    def ev():
        return next(e for e in overview(plan).evaluations if e.target.indicator_id == houses.pk)

    e = ev()
    assert e.status == Status.NO_DATA  # 2 of 3 communes approved: not the province's total
    assert e.provisional.sentence.startswith(
        "Mới đạt 1.800 Nhà năm 2026 (tổng hợp từ 3/3 xã, phường)"
    )
    page = indicator_status(houses)
    assert [(c.value, c.rollup.coverage, c.rollup.complete) for c in page.rollups] == [
        (D(900), "2/3 xã, phường", False)
    ]
    Figure.objects.filter(organization=communes[2]).update(status="approved")
    # a bulk update bypasses the model signals: such a path tells the stored evaluations itself
    touch([houses.pk])
    e = ev()
    assert e.status == Status.ON_TRACK or e.status == Status.AT_RISK
    assert e.sentence.startswith("Mới đạt 1.800 Nhà năm 2026 (tổng hợp từ 3/3 xã, phường)")


def test_a_province_figure_wins_over_the_roll_up(demo, communes):
    plan = Plan.objects.get(number="130/KH-UBND")
    houses = Indicator.objects.get(name__startswith="Tổng số nhà ở xã hội")
    ReportingSpec.objects.filter(indicator=houses).update(aggregation=Aggregation.SUM)
    for c in communes:
        _commune_fig(houses, c, "100")
    _commune_fig(houses, Organization.objects.get(name="Sở Xây dựng"), "320")
    e = next(e for e in overview(plan).evaluations if e.target.indicator_id == houses.pk)
    assert e.sentence.startswith("Mới đạt 320 Nhà năm 2026;")


def test_a_weighted_mean_uses_the_named_denominator(demo, communes):
    plan = Plan.objects.get(number="130/KH-UBND")
    water = Indicator.objects.get(name="Tỷ lệ dân số nông thôn sử dụng nước sạch đáp ứng quy chuẩn")
    people_ind = Indicator.objects.get(name="Dân số")
    ReportingSpec.objects.filter(indicator=water).update(
        aggregation=Aggregation.WEIGHTED_MEAN, aggregation_weight=people_ind
    )
    for c, rate, pop in zip(communes, ["60", "90", "70"], ["1", "3", "1"], strict=True):
        _commune_fig(water, c, rate)
        _commune_fig(people_ind, c, pop)
    e = next(e for e in overview(plan).evaluations if e.target.indicator_id == water.pk)
    # (60×1 + 90×3 + 70×1) / 5 = 80, not the plain mean 73,3
    assert e.sentence.startswith("Đạt 80 % năm 2026 (tổng hợp từ 3/3 xã, phường)")


def test_pages_show_the_provisional_status_apart_and_the_coverage(
    enter, people, client, forest, nnmt, communes
):
    _walk(people, enter(forest, nnmt, "65.2"), ("submit", "reporter"), ("verify", "reviewer"))
    houses = Indicator.objects.get(name__startswith="Tổng số nhà ở xã hội")
    ReportingSpec.objects.filter(indicator=houses).update(aggregation=Aggregation.SUM)
    _commune_fig(houses, communes[0], "400")
    client.force_login(people["compiler"])
    html = client.get(reverse("reporting:overview")).content.decode()
    assert 'class="st provisional"' in html and "Tạm tính: Đúng tiến độ" in html
    assert "Tạm tính (gồm cả số liệu Thống kê đã kiểm tra nhưng chưa duyệt" in html
    page = client.get(reverse("web:indicator", args=[houses.pk]))
    text = page.content.decode()
    assert "Tổng hợp từ xã, phường" in text and "1/3 xã, phường (chưa đủ)" in text
    chart = client.get(reverse("web:indicator", args=[forest.pk])).context["chart"]
    # the years run on to the end of the plan's period (2030), empty after the figures
    assert chart["years"] == [str(y) for y in range(2025, 2031)]
    assert chart["values"] == [64.3, None, None, None, None, None]
    assert chart["provisional"] == [None, 65.2, None, None, None, None]
