"""In a real browser: the indicator page shows its figures and draws its trend chart."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from chitieu.catalog.models import Plan
from chitieu.reporting.models import Figure

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_indicator_page_shows_its_figures_and_chart(page, sign_in, shot, axe_check):
    call_command("load_demo", verbosity=0)
    figure = Figure.objects.get(
        indicator__name__startswith="Tỷ lệ che phủ", period_code="2025", status="approved"
    )
    forest = figure.indicator
    sign_in(page, "lanhdao")
    page.goto(f"/chi-tieu/{forest.pk}/")
    # the tab's title is the indicator's name alone, not a table's HTML
    assert page.title().startswith("Tỷ lệ che phủ")
    assert "<" not in page.title()
    heading = page.get_by_role("heading", name="Số liệu thực hiện")
    heading.scroll_into_view_if_needed()
    assert heading.is_visible()
    # the 2025 baseline the statistics office published: 64,3 %
    figures = page.locator("table.list", has=page.get_by_role("columnheader", name="Loại số liệu"))
    cell = figures.locator("tbody tr", has_text="2025").get_by_role("link", name="64,3")
    cell.scroll_into_view_if_needed()
    assert cell.is_visible()
    chart = page.locator("#trend canvas").first
    chart.wait_for(state="visible")
    box = chart.bounding_box()
    assert box is not None and box["width"] > 200 and box["height"] > 100
    # the animation over, the 2025 point is drawn inside the plotting area, not on its edge
    page.locator("#trend[data-drawn]").wait_for(state="attached")
    chart.scroll_into_view_if_needed()
    where = page.evaluate(
        """() => {
          const c = echarts.getInstanceByDom(document.getElementById('trend'));
          const [x, y] = c.convertToPixel({seriesIndex: 0}, [2025, 64.3]);
          const series = c.getOption().series;
          return {x, y, w: c.getWidth(), h: c.getHeight(),
                  data: series[0].data.map(p => p[1]),
                  lines: series.filter(s => s.markLine).map(s => s.name)};
        }"""
    )
    assert 64.3 in where["data"]
    assert 48 < where["x"] < where["w"] - 20 and 32 < where["y"] < where["h"] - 28
    # two plans set 65 %: one line, each target named once, no labels drawn over each other
    assert len(where["lines"]) == 1
    assert "đạt 65 %" in where["lines"][0] and "duy trì 65 %" in where["lines"][0]
    assert (
        page.locator("ul.chart-legend").get_by_role("button", name=where["lines"][0]).is_visible()
    )
    # periods written out, and the plan's source by its reference rather than a stored file name
    assert page.get_by_role("cell", name="Năm 2025", exact=True).first.is_visible()
    assert "000_2572cdf0c591401d.txt" not in page.inner_text("main")
    assert page.js_errors == []
    heading.scroll_into_view_if_needed()
    shot(page, "chi-tieu-bieu-do")
    axe_check(page)


def test_the_plan_page_reads_like_the_appendix_and_leads_to_each_indicator(page, sign_in, shot):
    call_command("load_demo", verbosity=0)
    plan = Plan.objects.get(number="130/KH-UBND")
    sign_in(page, "taichinh")
    page.goto(f"/ke-hoach/{plan.pk}/")
    table = page.locator("table.appendix.plan")
    header = table.locator("thead th")
    assert header.all_inner_texts() == [
        "TT",
        "Chỉ tiêu",
        "Đơn vị tính",
        plan.target_header or "Mục tiêu",
        "Cơ quan chủ trì",
        "Cơ quan phối hợp",
    ]
    # the forest cover row as seed 000 prints it: 65 %, led by agriculture and environment
    row = table.locator("tbody tr", has_text="Tỷ lệ che phủ rừng")
    row.scroll_into_view_if_needed()
    assert row.is_visible()
    assert row.locator("td.target").inner_text().strip() == "65"
    assert "Sở Nông nghiệp và Môi trường" in table.inner_text()
    # the three documents it can be downloaded as are offered on screen
    for name in ("Word (thể thức Nghị định 30)", "Excel", "PDF"):
        assert page.get_by_role("link", name=name, exact=True).is_visible()
    page.evaluate("window.scrollTo(0, 0)")
    shot(page, "ke-hoach")
    row.get_by_role("link", name="Tỷ lệ che phủ rừng").click()
    page.wait_for_url("**/chi-tieu/**")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Tỷ lệ che phủ")
