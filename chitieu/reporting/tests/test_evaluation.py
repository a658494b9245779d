"""Statuses and their sentences, from yearly figures against a target."""

from datetime import date
from decimal import Decimal as D

import pytest

from chitieu.catalog.models import Target
from chitieu.organizations.models import Organization
from chitieu.reporting.choices import Status
from chitieu.reporting.evaluation import due_date, evaluate_target
from chitieu.reporting.models import Figure


def _target(number_printed: str, kind: str, *, period="2026-2030", unit="%", **bounds):
    target = Target.objects.filter(plan__number=number_printed).exclude(kind="").first()
    target.kind, target.period_code, target.printed_unit = kind, period, unit
    target.low = bounds.get("low")
    target.high = bounds.get("high")
    target.value = bounds.get("value")
    target.strict = bounds.get("strict", False)
    return target


def _figs(*pairs, status="approved"):
    """Approved official figures of the statistics office, which count for every indicator."""
    stats = Organization.objects.get(name="Thống kê tỉnh")
    indicator = _target("130/KH-UBND", "exact").indicator  # the indicator every `target` uses
    return [
        Figure(
            indicator=indicator,
            period_code=str(y),
            period_kind="year",
            vintage="official",
            value=D(str(v)),
            organization=stats,
            status=status,
        )
        for y, v in pairs
    ]


@pytest.fixture
def target(demo):
    def make(kind, **kw):
        return _target("130/KH-UBND", kind, **kw)

    return make


def test_no_figures_is_no_data(target):
    e = evaluate_target(target("range", low=D(10), high=D(11)), [])
    assert e.status == Status.NO_DATA and e.sentence.startswith(
        "Chưa có số liệu; mục tiêu từ 10 đến 11 %"
    )


@pytest.mark.parametrize(
    "kind, bounds, value, status",
    [
        ("range", {"low": D(10), "high": D(11)}, "10", Status.ACHIEVED),
        ("range", {"low": D(10), "high": D(11)}, "11.2", Status.EXCEEDED),
        ("range", {"low": D(10), "high": D(11)}, "9.99", Status.MISSED),
        ("min", {"low": D(30), "strict": True}, "30", Status.MISSED),
        ("min", {"low": D(30), "strict": True}, "30.1", Status.ACHIEVED),
        ("min", {"low": D(76)}, "76", Status.ACHIEVED),
    ],
)
def test_at_the_end_of_the_period_a_target_is_achieved_exceeded_or_missed(
    target, kind, bounds, value, status
):
    e = evaluate_target(target(kind, **bounds), _figs((2030, value)))
    assert e.status == status


def test_before_the_end_a_met_target_is_on_track(target):
    e = evaluate_target(target("min", low=D(76)), _figs((2026, "77")))
    assert e.status == Status.ON_TRACK and "đang ở mức mục tiêu" in e.sentence


def test_before_the_end_a_value_above_a_range_is_past_the_target_not_at_it(target):
    # 9,4 against "từ 4 đến 5 %" was said to be "đang ở mức mục tiêu"
    e = evaluate_target(target("range", low=D(4), high=D(5)), _figs((2026, "9.4")))
    assert e.status == Status.ON_TRACK
    assert e.sentence == "Đạt 9,4 % năm 2026; đã vượt mức mục tiêu từ 4 đến 5 % đến 2030."
    inside = evaluate_target(target("range", low=D(4), high=D(5)), _figs((2026, "4.5")))
    assert "; đang ở mức mục tiêu từ 4 đến 5 % đến 2030." in inside.sentence


def test_before_the_end_the_trend_from_the_baseline_decides_on_track_or_at_risk(target):
    t = target("range", low=D(10), high=D(11))
    rising = evaluate_target(t, _figs((2025, "8"), (2026, "8.5"), (2027, "9")))
    assert rising.status == Status.ON_TRACK and "sẽ đạt 10,5 %" in rising.sentence
    assert "theo xu hướng từ năm 2025" in rising.sentence
    flat = evaluate_target(t, _figs((2025, "8"), (2026, "8.1"), (2027, "8.2")))
    assert flat.status == Status.AT_RISK and "chỉ đạt 8,5 % vào 2030" in flat.sentence
    assert "cần tăng thêm 1,8 điểm % (0,60 điểm %/năm)" in flat.sentence


def test_years_before_the_baseline_do_not_bend_the_trend(target):
    # 2021-2024 fell steeply; only the baseline 2025 and the period's own years make the trend
    t = target("range", low=D(10), high=D(11))
    e = evaluate_target(
        t, _figs((2021, "20"), (2022, "16"), (2023, "12"), (2024, "9"), (2025, "8"), (2026, "8.5"))
    )
    assert e.status == Status.ON_TRACK and "sẽ đạt 10,5 % vào 2030" in e.sentence


def test_a_figure_before_the_period_is_a_baseline_not_progress(target):
    e = evaluate_target(target("exact", value=D(65)), _figs((2025, "64.3")))
    assert e.status == Status.BASELINE and e.value is None
    assert e.baseline is not None and e.baseline.value == D("64.3")
    assert e.sentence == (
        "Chưa có số liệu trong kỳ (giai đoạn 2026 - 2030); số liệu gốc năm 2025, trước kỳ kế "
        "hoạch: 64,3 %; mục tiêu đạt 65 % đến 2030: cần tăng thêm 0,7 điểm % (0,14 điểm %/năm)."
    )


def test_the_forest_cover_sentence(target):
    e = evaluate_target(target("exact", value=D(65)), _figs((2025, "64.3"), (2026, "64.5")))
    assert e.sentence.startswith(
        "Mới đạt 64,5 % năm 2026; mục tiêu đạt 65 % đến 2030: cần tăng thêm 0,5 điểm %"
    )


def test_a_level_in_money_gives_the_average_growth_still_required(target):
    e = evaluate_target(target("exact", value=D(130), unit="Triệu đồng"), _figs((2025, "71.1")))
    assert "cần tăng bình quân 12,83 %/năm trong 5 năm" in e.sentence


def test_official_figures_replace_estimates(target):
    figs = _figs((2030, "9"))
    figs[0].vintage = "estimate"
    (official,) = _figs((2030, "10.5"))
    e = evaluate_target(target("range", low=D(10), high=D(11)), [*figs, official])
    assert e.status == Status.ACHIEVED and e.value == D("10.5")


@pytest.mark.parametrize(
    "period, due",
    [
        ("2026-01", date(2026, 2, 12)),
        ("2026-12", date(2027, 1, 12)),
        ("2026-Q2", date(2026, 7, 12)),
        ("2025", date(2026, 1, 12)),
    ],
)
def test_agencies_report_by_the_12th_of_the_next_month(period, due):
    assert due_date(period) == due
