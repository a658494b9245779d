"""In a real browser the size of a phone (412 × 915, touch) and on a desktop: the indicator chart
draws its target with an axis that reaches it, every chart's key is readable in full, lists read
as cards, and controls are large enough to tap (decision 0054)."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from chitieu.catalog.models import Indicator
from chitieu.scenarios.models import GrowthScenario

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 412, "height": 915}
DESKTOP = {"width": 1366, "height": 768}


def _in_view_horizontally(tab, locator) -> None:
    locator.scroll_into_view_if_needed()
    box = locator.bounding_box()
    width = tab.viewport_size["width"]
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width + 1, box


# what the chart draws, asked of ECharts itself: the band's edges in pixels, the axis's extent
CHART = """() => {
  const el = document.getElementById('trend');
  const c = echarts.getInstanceByDom(el);
  const o = c.getOption();
  const band = o.series.find(s => s.markArea && s.markArea.data.length);
  const area = band.markArea.data[0];
  const [, top] = c.convertToPixel({seriesIndex: 0}, [2026, area[1].yAxis]);
  const [, bottom] = c.convertToPixel({seriesIndex: 0}, [2026, area[0].yAxis]);
  const [, low] = c.convertToPixel({seriesIndex: 0}, [2024, 6.01]);
  const axis = c.getModel().getComponent('yAxis').axis.scale.getExtent();
  return {name: band.name, low: area[0].yAxis, high: area[1].yAxis, top, bottom, axis,
          point: low, h: c.getHeight()};
}"""


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_growth_chart_shows_its_target_band_within_its_axis(tab_of, shot, axe_check, viewport):
    call_command("load_demo", verbosity=0)
    grdp = Indicator.objects.get(
        name__startswith="Tốc độ tăng tổng sản phẩm trên địa bàn (GRDP) bình quân"
    )
    tab = tab_of(viewport)
    tab.goto(f"/chi-tieu/{grdp.pk}/")
    tab.locator("#trend[data-drawn]").wait_for(state="attached")
    chart = tab.locator("#trend canvas").first
    chart.scroll_into_view_if_needed()
    drawn = tab.evaluate(CHART)
    # the 10-11 % band of the 2026-2030 plan, inside the plotting area, the axis reaching it
    assert (drawn["low"], drawn["high"]) == (10, 11)
    assert drawn["axis"][0] <= 6.01 and drawn["axis"][1] >= 11
    assert 0 < drawn["top"] < drawn["bottom"] < drawn["h"]
    # 6,01 sits above the foot of the axis, its label clear of the years
    assert drawn["point"] < drawn["h"] - 28 - 20
    # the target is named once, in full, in the key below the chart
    key = tab.locator("ul.chart-legend").get_by_role(
        "button", name="Mục tiêu từ 10 đến 11 % (giai đoạn 2026 - 2030)"
    )
    _in_view_horizontally(tab, key)
    assert key.is_visible()
    # on a phone the figures read as cards: a row no wider than the screen, its source in it
    row = tab.locator("#figures tbody tr", has_text="Năm 2024")
    _in_view_horizontally(tab, row)
    _in_view_horizontally(tab, row.locator("td[data-label='Nguồn']"))
    if viewport is PHONE:
        assert row.bounding_box()["height"] < 200
    assert tab.js_errors == []
    chart.scroll_into_view_if_needed()
    shot(tab, f"chi-tieu-muc-tieu-{'dien-thoai' if viewport is PHONE else 'may-tinh'}")
    axe_check(tab)


def test_on_a_phone_every_chart_key_is_whole_and_lists_fit(tab_of, shot, axe_check):
    call_command("load_demo", verbosity=0)
    tab = tab_of(PHONE)
    # the scenario chart: every series named in full, none paged away
    tab.goto(f"/kich-ban/{GrowthScenario.objects.get(year=2026).pk}/")
    names = tab.evaluate(
        "() => echarts.getInstanceByDom(document.getElementById('chart'))"
        ".getOption().series.map(s => s.name)"
    )
    assert len(names) >= 7 and "Nông, lâm nghiệp và thủy sản" in names
    key = tab.locator("#chart + ul.chart-legend")
    for name in names:
        _in_view_horizontally(tab, key.get_by_role("button", name=name, exact=True))
    shot(tab, "kich-ban-chu-giai-dien-thoai")
    # public investment: the link to growth wraps inside the screen; the key is off the plot
    tab.goto("/dau-tu/")
    table = tab.locator("#growth-link")
    table.scroll_into_view_if_needed()
    assert tab.evaluate(
        "() => { const b = document.getElementById('growth-link').closest('.table-box');"
        " return b.scrollWidth <= b.clientWidth; }"
    )
    _in_view_horizontally(tab, table.locator("td", has_text="điểm % GRDP cả năm").first)
    chart = tab.locator("#disbursement-curve")
    legend = tab.locator("#disbursement-curve + ul.chart-legend")
    assert legend.bounding_box()["y"] >= chart.bounding_box()["y"] + chart.bounding_box()["height"]
    month = tab.get_by_label("Số liệu đã duyệt đến hết tháng")
    assert month.bounding_box()["height"] >= 40
    axe_check(tab)
    # tasks: filters named on screen, the progress of a task in view, controls large enough
    tab.goto("/nhiem-vu/")
    for label in ("Cơ quan chủ trì", "Hạn"):
        assert tab.get_by_text(label, exact=True).first.is_visible()
        assert tab.get_by_label(label, exact=True).bounding_box()["height"] >= 40
    assert tab.get_by_role("button", name="Lọc").bounding_box()["height"] >= 40
    progress = tab.locator("#actions tbody tr").first.locator("td[data-label='Tiến độ']")
    _in_view_horizontally(tab, progress)
    assert progress.is_visible()
    assert tab.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
    shot(tab, "nhiem-vu-dien-thoai")
    axe_check(tab)


def test_a_mouse_on_a_desktop_keeps_the_dense_controls(tab_of):
    call_command("load_demo", verbosity=0)
    tab = tab_of(DESKTOP)
    tab.goto("/nhiem-vu/")
    assert tab.get_by_label("Hạn", exact=True).bounding_box()["height"] < 32
    # and the tasks stay a table: the progress is a column of its own
    assert tab.get_by_role("columnheader", name="Tiến độ").is_visible()
