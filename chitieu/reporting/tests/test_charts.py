"""The indicator chart's targets: every numeric target drawn over its plan's years, once, with an
axis that reaches it (decision 0054)."""

from __future__ import annotations

import html
import json
import re
from decimal import Decimal as D

import pytest
from django.urls import reverse

from chitieu.access.choices import Role
from chitieu.catalog.models import Indicator, Plan, Target
from chitieu.reporting.charts import axis_years, target_marks, value_range


def _target(kind: str, period: str, plan: str = "KH 1", **levels: str) -> Target:
    return Target(
        plan=Plan(title=plan),
        period_code=period,
        kind=kind,
        printed_unit="%",
        **{k: D(v) for k, v in levels.items()},
    )


@pytest.mark.parametrize(
    ("kind", "levels", "shape", "low", "high", "text"),
    [
        ("range", {"low": "10", "high": "11"}, "band", 10.0, 11.0, "từ 10 đến 11 %"),
        ("min", {"low": "65"}, "line", 65.0, 65.0, "từ 65 % trở lên"),
        ("max", {"high": "3"}, "line", 3.0, 3.0, "không quá 3 %"),
        ("exact", {"value": "13.5"}, "line", 13.5, 13.5, "đạt 13,5 %"),
        ("approx", {"value": "8"}, "line", 8.0, 8.0, "khoảng 8 %"),
        ("maintain", {"value": "95"}, "line", 95.0, 95.0, "duy trì 95 %"),
        # a pace: evaluation reads the indicator's figures as the change achieved (2,71 %/năm
        # against "giảm 2 %/năm"), so the target is a level on the same scale
        ("reduce_by", {"value": "2"}, "line", 2.0, 2.0, "giảm 2 %"),
        ("increase_by", {"low": "1", "high": "1.5"}, "band", 1.0, 1.5, "tăng thêm từ 1 đến 1,5 %"),
    ],
)
def test_each_kind_of_level_is_a_band_or_a_line_over_its_years(
    kind, levels, shape, low, high, text
):
    [mark] = target_marks([_target(kind, "2026-2030", **levels)])
    assert (mark["shape"], mark["low"], mark["high"]) == (shape, low, high)
    assert (mark["from"], mark["to"]) == (2026, 2030)
    assert mark["name"] == f"Mục tiêu {text} (giai đoạn 2026 - 2030)"


def test_the_same_range_of_two_plans_is_one_band_naming_each_period_once():
    # /chi-tieu/4/: two plans set 12-13 %, one for the period and one for 2030; two labels were
    # printed over each other
    marks = target_marks(
        [
            _target("range", "2026-2030", "KH 130", low="12", high="13"),
            _target("range", "2030", "KH 5 năm", low="12", high="13"),
        ]
    )
    [mark] = marks
    assert mark["name"] == "Mục tiêu từ 12 đến 13 % (giai đoạn 2026 - 2030; năm 2030)"
    assert (mark["from"], mark["to"]) == (2026, 2030)
    assert mark["plans"] == ["KH 130", "KH 5 năm"]


def test_different_targets_get_different_colours():
    marks = target_marks([_target("min", "2030", low="9"), _target("exact", "2030", value="10")])
    assert len({m["colour"] for m in marks}) == 2


def test_the_axis_reaches_the_targets_years_and_levels():
    marks = target_marks([_target("range", "2026-2030", low="10", high="11")])
    assert axis_years([2021, 2025], marks) == list(range(2021, 2031))
    assert value_range([6.01, None, 8.41], marks) == [6.01, 11.0]


def _embedded_chart(page: str) -> dict:
    found = re.search(r"id=\"trend\" class=\"chart\" data-chart='([^']*)'", page)
    assert found, "the page embeds no chart"
    return json.loads(html.unescape(found.group(1)))


def test_the_indicator_page_embeds_every_kind_of_target_for_its_chart(demo, client, user_of):
    # given the GRDP growth indicator (target 10-11 % in 2026-2030) with three more kinds
    grdp = Indicator.objects.get(
        name__startswith="Tốc độ tăng tổng sản phẩm trên địa bàn (GRDP) bình quân"
    )
    plan = grdp.targets.get(kind="range").plan
    for period, kind, levels in (
        ("2027", "min", {"low": D("9")}),
        ("2028", "exact", {"value": D("9.5")}),
        ("2029", "increase_by", {"value": D("0.5")}),
    ):
        Target.objects.create(
            plan=plan,
            indicator=grdp,
            period_code=period,
            position=900,
            printed_name=grdp.name,
            printed_unit="%",
            kind=kind,
            source_line=1,
            **levels,
        )
    client.force_login(user_of("UBND tỉnh Lạng Sơn", Role.LEADER))
    # when the page is drawn
    chart = _embedded_chart(client.get(reverse("web:indicator", args=[grdp.pk])).content.decode())
    # then the chart's data carries each target, drawn over its own years
    drawn = {(m["shape"], m["low"], m["high"], m["from"], m["to"]) for m in chart["targets"]}
    assert drawn == {
        ("band", 10.0, 11.0, 2026, 2030),
        ("line", 9.0, 9.0, 2027, 2027),
        ("line", 9.5, 9.5, 2028, 2028),
        ("line", 0.5, 0.5, 2029, 2029),
    }
    names = {m["name"] for m in chart["targets"]}
    assert "Mục tiêu tăng thêm 0,5 % (năm 2029)" in names
    assert chart["years"][0] == "2021" and chart["years"][-1] == "2030"
    assert chart["range"] == [0.5, 11.0]
