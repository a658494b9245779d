"""Public investment arithmetic, without a database."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from chitieu.core import investment as calc

# seed 004's construction and GRDP bases as the scenario derives them (constant 2010 prices)
BASE = calc.GrowthBase(
    construction_base_h2=D("3631.4"),
    construction_growth_h2=D("22.16"),
    grdp_base_h2=D("26311.2"),
    grdp_base_year=D("49549.2"),
)
K = D("0.2469")  # 4.436,1 / 17.967,3


def test_without_commitments_the_plan_is_spread_evenly():
    path = calc.expected_path(D(120), {})
    assert path[0] == D(10)
    assert path[5] == D(60)
    assert path[11] == D(120)


def test_commitments_replace_the_even_share_and_the_rest_is_spread_over_the_other_months():
    # nothing before a July start, 30 promised for July: 90 left over August-December
    promised = {m: D(0) for m in range(1, 7)} | {7: D(30)}
    path = calc.expected_path(D(120), promised)
    assert path[5] == D(0)
    assert path[6] == D(30)
    assert path[7] == D(48)
    assert path[11] == D(120)


def test_a_month_outside_the_year_is_refused():
    with pytest.raises(ValueError, match="Tháng 13"):
        calc.expected_path(D(10), {13: D(1)})


def test_progress_counts_actuals_up_to_the_month_and_measures_the_capital_stuck():
    p = calc.progress(D(120), {}, {1: D(5), 2: D(5), 3: D(50)}, 2)
    assert (p.expected, p.actual, p.stuck) == (D(20), D(10), D(10))
    assert p.rate == D(10) / D(120) * 100
    assert p.behind_points == D(10) / D(120) * 100


def test_a_project_ahead_of_its_path_has_nothing_stuck():
    p = calc.progress(D(120), {}, {1: D(30)}, 1)
    assert p.stuck == 0
    assert p.behind_points < 0


def test_no_plan_means_no_rate():
    assert calc.rate(D(5), D(0)) is None


@pytest.mark.parametrize(
    ("planned", "actual", "as_of", "late"),
    [
        (date(2026, 7, 31), None, date(2026, 10, 31), 92),
        (date(2026, 7, 31), date(2026, 8, 25), date(2026, 10, 31), 25),
        (date(2026, 7, 31), date(2026, 7, 20), date(2026, 10, 31), 0),
        (date(2026, 11, 30), None, date(2026, 10, 31), 0),
        (None, None, date(2026, 10, 31), 0),
    ],
)
def test_days_late(planned, actual, as_of, late):
    assert calc.days_late(planned, actual, as_of) == late


def test_milestone_dates_out_of_order_are_named():
    errors = calc.order_errors(
        [("Khởi công", date(2026, 8, 1)), ("Hoàn thành", None), ("Bàn giao", date(2026, 7, 1))],
        "Cầu X, ngày kế hoạch",
    )
    assert errors == ["Cầu X, ngày kế hoạch: bàn giao 01/07/2026 trước khởi công 01/08/2026."]


def test_holding_back_ranks_by_capital_stuck_then_by_delay():
    slow_big = calc.Lateness(key=1, progress=calc.Progress(D(1000), D(500), D(300)))
    slow_small = calc.Lateness(key=2, progress=calc.Progress(D(100), D(50), D(20)))
    late_only = calc.Lateness(
        key=3,
        progress=calc.Progress(D(100), D(50), D(50)),
        worst_milestone="Khởi công",
        worst_days=92,
    )
    on_track = calc.Lateness(key=4, progress=calc.Progress(D(100), D(50), D(48)))
    ranked = calc.holding_back(
        [late_only, on_track, slow_small, slow_big], behind_points=D(10), late_days=30
    )
    assert [r.key for r in ranked] == [1, 2, 3]
    assert ranked[0].reasons == [
        "Giải ngân chậm 20,0 điểm % so với tiến độ phải đạt (200 tỷ đồng)."
    ]
    assert ranked[2].reasons == ["Mốc khởi công chậm 92 ngày."]


def test_disbursement_past_the_capital_plan_is_refused_with_the_excess():
    assert calc.over_plan_error(plan=D(50), other_months=D(40), amount=D(10)) is None
    message = calc.over_plan_error(plan=D(50), other_months=D(40), amount=D("12.5"))
    assert message is not None
    assert "52,5" in message and "vượt kế hoạch vốn 50 tỷ đồng (2,5 tỷ đồng)" in message


def test_a_transfer_between_sources_or_below_what_was_spent_is_refused():
    ok = calc.transfer_errors(
        amount=D(20),
        same_project=False,
        source_from="A",
        source_to="A",
        from_plan=D(100),
        from_disbursed=D(80),
    )
    assert ok == []
    errors = calc.transfer_errors(
        amount=D(30),
        same_project=False,
        source_from="Ngân sách tỉnh",
        source_to="Ngân sách trung ương",
        from_plan=D(100),
        from_disbursed=D(80),
    )
    assert len(errors) == 2
    assert "thay đổi tổng vốn của từng nguồn" in errors[0]
    assert "số dư sẽ âm 10 tỷ đồng" in errors[1]
    assert calc.transfer_errors(
        amount=D(0),
        same_project=True,
        source_from="A",
        source_to="A",
        from_plan=D(1),
        from_disbursed=D(0),
    ) == ["Số vốn điều chuyển phải lớn hơn 0.", "Dự án nhận phải khác dự án chuyển đi."]


def test_the_scenario_needs_4436_of_construction_value_added_in_the_second_half():
    assert BASE.construction_required_h2.quantize(D("0.1")) == D("4436.1")


def test_support_sets_the_implied_value_added_against_what_the_scenario_needs():
    s = calc.support(
        {"provincial": D(1000), "central": D(1000)}, {"provincial": K, "central": K}, BASE
    )
    assert s.value_added == D("493.8")
    assert s.share_of_required.quantize(D("0.01")) == D("11.13")
    # the increment the scenario asks for: 4.436,1 - 3.631,4 = 804,7
    assert s.increment.quantize(D("0.1")) == D("804.7")
    assert s.share_of_increment.quantize(D("0.1")) == D("61.4")


def test_a_months_shortfall_costs_points_of_construction_and_grdp_growth():
    # 100 tỷ đồng not disbursed -> 24,69 tỷ đồng of value added lost
    cost = calc.shortfall_cost({"provincial": D(100)}, {"provincial": K}, BASE)
    assert cost.value_added == D("24.69")
    assert cost.construction_points.quantize(D("0.001")) == D("0.680")
    assert cost.grdp_points_h2.quantize(D("0.0001")) == D("0.0938")
    assert cost.grdp_points_year.quantize(D("0.0001")) == D("0.0498")


def test_a_source_without_a_coefficient_is_an_error_not_a_zero():
    with pytest.raises(ValueError, match="oda"):
        calc.value_added({"oda": D(5)}, {"provincial": K})


NEW_STARTS = [30, 20, 20, 50, 30, 50, 50, 20, 30, 80, 45, 600]


def test_seed_004_new_starts_add_up_to_1025_not_995():
    f = calc.check_total(
        code="ksm",
        label="Nhóm dự án khởi công mới",
        printed=D(995),
        parts=[D(x) for x in NEW_STARTS],
    )
    assert not f.ok
    assert f.computed == D(1025)
    assert f.difference == D(30)
    assert f.message.endswith("= 1.025 tỷ đồng, nhiều hơn tổng in 995 tỷ đồng 30 tỷ đồng.")


def test_seed_004_programmes_and_groups_add_up():
    programmes = calc.check_total(
        code="p", label="CTMTQG", printed=D(650), parts=[D(149), D(150), D(351)]
    )
    groups = calc.check_total(
        code="g", label="Kế hoạch vốn", printed=D(6090), parts=[D(4445), D(995), D(650)]
    )
    assert programmes.ok and programmes.computed == D(650)
    assert groups.ok and groups.computed == D(6090)
    assert "4.445 + 995 + 650 = 6.090 tỷ đồng, khớp" in groups.message


def test_an_open_list_only_has_to_stay_within_its_total():
    f = calc.check_total(
        code="n", label="Ngoài ngân sách", printed=D(8656), parts=[D(6236)], open_ended=True
    )
    assert f.ok
    assert "2.420 tỷ đồng chưa gắn với dự án nào" in f.message
    over = calc.check_total(code="n", label="X", printed=D(10), parts=[D(11)], open_ended=True)
    assert not over.ok


def test_a_printed_count_against_the_names_listed():
    f = calc.check_count(code="c", label="Nhóm dự án khởi công mới", printed=10, listed=12)
    assert not f.ok
    assert f.message == "Nhóm dự án khởi công mới: văn bản nêu 10 dự án nhưng kể tên 12 khoản mục."
