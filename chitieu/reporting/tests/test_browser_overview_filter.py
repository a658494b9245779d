"""In a real browser on a phone: the leader reaches the targets of one status in one tap from
the overview's counts, and the scorecard shows how its total was computed (decision 0053)."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from chitieu.catalog.models import Plan

from .test_browser_journeys import in_viewport

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_on_a_phone_one_tap_on_a_status_count_shows_only_those_targets(phone, sign_in, axe_check):
    call_command("load_demo", verbosity=0)
    plan = Plan.objects.get(number="130/KH-UBND")
    sign_in(phone, "lanhdao")
    phone.goto(f"/danh-gia/?ke-hoach={plan.pk}")
    chip = phone.locator("main").get_by_role("link", name="Chưa có số liệu trong kỳ: 12")
    assert in_viewport(phone, chip)
    size = chip.bounding_box()
    assert size is not None and size["height"] >= 44  # a finger's tap, not a 17 px line of text
    chip.tap()
    phone.wait_for_url(f"**/danh-gia/?ke-hoach={plan.pk}&trang-thai=baseline#tung-muc-tieu")
    table = phone.locator("table", has=phone.get_by_role("columnheader", name="Giải thích"))
    rows = table.locator("tbody tr")
    assert rows.count() == 12
    for i in range(12):
        assert rows.nth(i).locator("td").nth(1).inner_text().strip() == "Chưa có số liệu trong kỳ"
    # the page opens at the list itself (its heading at the top edge, half a pixel of margin
    # above it), and says how to see everything again
    box = phone.get_by_role("heading", name="Từng mục tiêu").bounding_box()
    assert box is not None and box["y"] >= -1 and box["y"] + box["height"] <= 844
    assert in_viewport(phone, rows.first)
    assert phone.get_by_role("link", name="Xem tất cả").is_visible()
    axe_check(phone)
