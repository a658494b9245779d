"""In a real browser: the monthly report's scenario table shows the approved figure with the
recomputation under it and its footnote, and says which months have no approved data yet."""

from __future__ import annotations

import pytest
from django.core.management import call_command

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _seen(locator) -> None:
    locator.scroll_into_view_if_needed()
    assert locator.is_visible()


def test_the_monthly_report_shows_both_figures_and_the_computation(page, sign_in):
    call_command("load_demo", verbosity=0)
    sign_in(page, "lanhdao")
    page.goto("/bao-cao-thang/?thang=2026-11")
    # GRDP quý II: the published 6,59 %, and the system's 6,60 under it, marked
    grdp = page.locator("table.scenario", has_text="Thuế sản phẩm").first.locator(
        "tbody tr", has_text="Tốc độ tăng GRDP"
    )
    q2 = grdp.locator("td").nth(2)
    _seen(q2)
    assert q2.inner_text().split("\n") == ["6,591", "tính lại: 6,60"]
    note = page.locator("p.footnote", has_text="Tốc độ tăng GRDP quý II")
    _seen(note)
    assert "834,04 tỷ đồng ÷ quy mô cùng kỳ 12.638,9 tỷ đồng × 100 = 6,599 %" in note.inner_text()
    _seen(page.get_by_text("phiên bản 1 (thông qua 20/01/2026) cho quý I, quý II").first)
    _seen(page.get_by_text("tháng 10/2026, tháng 11/2026 chưa có số liệu đã duyệt").first)
    assert page.js_errors == []
