"""In a real browser: the crosscheck page shows findings from the demo, and a link is confirmed."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from chitieu.crosscheck.models import IndicatorLink

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_findings_are_on_screen_and_a_link_is_confirmed(page, sign_in, shot, axe_check):
    call_command("load_demo", verbosity=0)
    sign_in(page, "taichinh")
    page.goto("/doi-chieu/")
    assert page.title().startswith("Đối chiếu văn bản")
    # 000 and 003 disagree on life expectancy for 2030: both sides on screen
    finding = page.locator("article.finding", has_text="Tuổi thọ trung bình tính từ lúc sinh").first
    finding.scroll_into_view_if_needed()
    assert finding.is_visible()
    assert finding.get_by_role("cell", name="75,5 Tuổi", exact=True).is_visible()
    assert finding.get_by_role("cell", name="đạt khoảng 73,5 - 74 tuổi").is_visible()
    shot(page, "doi-chieu-phat-hien")
    axe_check(page)

    page.get_by_role("link", name="Liên kết chỉ tiêu giữa các văn bản").first.click()
    page.wait_for_load_state()
    row = page.locator("tr", has_text="Tỷ lệ che phủ của rừng").first
    row.scroll_into_view_if_needed()
    assert row.is_visible()
    axe_check(page)
    row.get_by_role("button", name="Là một").click()
    page.wait_for_load_state()
    done = page.get_by_text("là một chỉ tiêu.", exact=False).first
    assert done.is_visible()
    link = IndicatorLink.objects.get()
    assert (link.low.name, link.high.name, link.status) == (
        "Tỷ lệ che phủ rừng",
        "Tỷ lệ che phủ của rừng",
        "confirmed",
    )
    assert page.js_errors == []
    shot(page, "doi-chieu-lien-ket")
