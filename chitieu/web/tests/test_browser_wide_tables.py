"""In a real browser: a table wider than a phone scrolls inside its own box, says so above it
("Vuốt ngang để xem thêm cột") and fades at its right edge until scrolled to the end; where the
table fits, as on a desktop, nothing is said (decision 0058)."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from chitieu.scenarios.models import GrowthScenario

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 412, "height": 915}
DESKTOP = {"width": 1366, "height": 768}
HINT = "Vuốt ngang để xem thêm cột"

# every table's box: how far it scrolls, whether the line above it is shown, whether it fades
BOXES = """() => [...document.querySelectorAll('main .table-box')].map(b => {
  const hint = b.previousElementSibling;
  const said = !!hint && hint.classList.contains('scroll-hint') && !hint.hidden
    && hint.getBoundingClientRect().height > 0;
  return {over: b.scrollWidth - b.clientWidth, said: said, fades: b.classList.contains('more-right'),
          hint: said ? hint.textContent : ''};
})"""


def _pages() -> list[str]:
    scenario = GrowthScenario.objects.get(year=2026)
    return ["/dau-tu/", "/kich-ban/", f"/kich-ban/{scenario.pk}/"]


def test_on_a_phone_a_wide_table_scrolls_in_its_box_and_says_so(tab_of, shot):
    # given the demo, on a phone
    call_command("load_demo", verbosity=0)
    tab = tab_of(PHONE)
    for url in _pages():
        # when the page is open
        tab.goto(url)
        tab.wait_for_load_state("networkidle")
        # then the page itself does not scroll sideways …
        assert tab.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], url
        boxes = tab.evaluate(BOXES)
        wide = [b for b in boxes if b["over"] > 1]
        assert wide, f"{url}: no table wider than the phone"
        # … every box wider than its table says so in words and fades at its right edge …
        for box in wide:
            assert box["said"] and box["hint"] == HINT and box["fades"], (url, box)
        # … and a box that fits says nothing
        for box in boxes:
            if box["over"] <= 1:
                assert not box["said"] and not box["fades"], (url, box)
        first = tab.locator(".scroll-hint:visible").first
        first.scroll_into_view_if_needed()
        box = first.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"] + 1, (url, box)
    shot(tab, "bang-rong-dien-thoai")
    assert tab.js_errors == []


def test_scrolled_to_its_end_a_wide_table_stops_fading(tab_of):
    call_command("load_demo", verbosity=0)
    tab = tab_of(PHONE)
    tab.goto("/kich-ban/")
    box = tab.locator("main .table-box").first
    assert box.evaluate("b => b.scrollWidth > b.clientWidth + 50")
    assert "more-right" in box.get_attribute("class")
    before = box.evaluate("b => b.scrollLeft")
    # when the box is scrolled to its end, the box moves and not the page
    box.evaluate("b => { b.scrollLeft = b.scrollWidth; }")
    tab.wait_for_function(
        "() => !document.querySelector('main .table-box').classList.contains('more-right')"
    )
    assert box.evaluate("b => b.scrollLeft") > before
    assert tab.evaluate("window.scrollX") == 0


@pytest.mark.parametrize("viewport", [DESKTOP], ids=["desktop"])
def test_on_a_desktop_a_table_that_fits_says_nothing(tab_of, viewport):
    call_command("load_demo", verbosity=0)
    tab = tab_of(viewport)
    for url in _pages():
        tab.goto(url)
        tab.wait_for_load_state("networkidle")
        boxes = tab.evaluate(BOXES)
        assert boxes and all(b["over"] <= 1 for b in boxes), (url, boxes)
        assert not any(b["said"] or b["fades"] for b in boxes), (url, boxes)
        assert tab.get_by_text(HINT).count() == 0 or not tab.get_by_text(HINT).first.is_visible()
