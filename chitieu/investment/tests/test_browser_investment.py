"""In a real browser: the investment overview and a project page draw their disbursement charts."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from chitieu.investment.models import Project

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _chart_drawn(page) -> list:
    canvas = page.locator("#disbursement-curve canvas").first
    canvas.wait_for(state="visible")
    canvas.scroll_into_view_if_needed()
    box = canvas.bounding_box()
    assert box is not None and box["width"] > 200 and box["height"] > 100
    return page.evaluate(
        "() => echarts.getInstanceByDom(document.getElementById('disbursement-curve'))"
        ".getOption().series.map(s => s.name)"
    )


def test_the_overview_and_a_project_page_draw_their_charts(page, sign_in, shot, axe_check):
    call_command("load_demo", verbosity=0)
    sign_in(page, "lanhdao")
    page.goto("/dau-tu/")
    assert page.title().startswith("Đầu tư công năm 2026")
    heading = page.get_by_role("heading", name="Giải ngân và tăng trưởng ngành xây dựng")
    heading.scroll_into_view_if_needed()
    assert heading.is_visible()
    required = page.locator("#growth-link").get_by_text("4.436,1 tỷ đồng")
    required.scroll_into_view_if_needed()
    assert required.is_visible()
    finding = page.get_by_text("nhiều hơn tổng in 995 tỷ đồng 30 tỷ đồng", exact=False)
    finding.scroll_into_view_if_needed()
    assert finding.is_visible()
    assert _chart_drawn(page) == [
        "Kế hoạch lũy kế",
        "Giải ngân lũy kế (đã duyệt)",
        "Giải ngân trong tháng",
    ]
    assert page.js_errors == []
    shot(page, "dau-tu-tong-quan")
    axe_check(page)

    expressway = Project.objects.get(code="HT10")
    page.goto(f"/dau-tu/du-an/{expressway.pk}/")
    assert page.title().startswith("Dự án đầu tư xây dựng tuyến cao tốc Đồng Đăng")
    summary = page.locator("#progress-summary")
    summary.scroll_into_view_if_needed()
    assert summary.is_visible() and "vốn chậm giải ngân" in summary.inner_text()
    _chart_drawn(page)
    plan_end = page.evaluate(
        "() => echarts.getInstanceByDom(document.getElementById('disbursement-curve'))"
        ".getOption().series[0].data[11]"
    )
    assert plan_end == 1600
    milestones = page.locator("#milestones")
    milestones.scroll_into_view_if_needed()
    assert milestones.get_by_text("31/12/2026").is_visible()
    assert page.js_errors == []
    shot(page, "dau-tu-du-an")
    axe_check(page)
