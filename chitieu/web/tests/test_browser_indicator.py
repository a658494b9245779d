"""In a real browser: the indicator page shows its figures and draws its trend chart."""

from __future__ import annotations

import pytest
from django.core.management import call_command

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
    # the chart plots the figure that counts, not only the target lines
    drawn = page.evaluate(
        "() => echarts.getInstanceByDom(document.getElementById('trend')).getOption()"
        ".series[0].data"
    )
    assert 64.3 in drawn
    assert page.js_errors == []
    shot(page, "chi-tieu-bieu-do")
    axe_check(page)
