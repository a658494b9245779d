"""In a real browser: the scenario page shows the first half's actual beside the plan, the gap, the
re-solved third and fourth quarters and the drivers behind; the leader cannot save, and a refused
request says why on screen."""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command

from chitieu.scenarios.models import GrowthScenario

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _seen(locator) -> None:
    locator.scroll_into_view_if_needed()
    assert locator.is_visible()


def test_the_scenario_page_shows_actual_beside_plan(page, sign_in, shot, axe_check):
    call_command("load_demo", verbosity=0)
    scenario = GrowthScenario.objects.get(year=2026)
    sign_in(page, "taichinh")
    page.goto(f"/kich-ban/{scenario.pk}/")
    assert page.title().startswith("Kịch bản tăng trưởng kinh tế 6 tháng cuối năm 2026")
    # the first half: 7,02 % against the start-of-year scenario's 9,24 %, 2,22 points short
    _seen(page.get_by_role("heading", name="Thực hiện so với kịch bản"))
    grdp = page.locator("table.actuals tbody tr", has_text="Tốc độ tăng GRDP")
    cells = grdp.locator("td")
    assert [cells.nth(i).inner_text().split("\n")[0] for i in (7, 8, 9)] == [
        "7,02",
        "9,24",
        "-2,22",
    ]
    _seen(cells.nth(9))
    _seen(page.get_by_text("thấp hơn 2,22 điểm % so với kịch bản").first)
    # the rest of the year solved again: Q3 kept at 12,07 %, Q4 now needs 15,21 %
    required = page.locator("table.required")
    heads = required.locator("thead th")
    assert [heads.nth(i).inner_text() for i in (1, 2)] == ["Quý III", "Quý IV"]
    row = required.locator("tbody tr", has_text="Tốc độ tăng GRDP").locator("td")
    assert (row.nth(1).inner_text(), row.nth(2).inner_text()) == ("12,07", "15,21")
    _seen(row.nth(2))
    # the drivers behind the pace the scenario needs are flagged
    investment = page.locator("#drivers tbody tr", has_text="Vốn đầu tư công")
    _seen(investment.get_by_text("Chậm so với tiến độ kịch bản"))
    assert "86,4 %" in investment.inner_text() and "3.360,0" in investment.inner_text()
    retail = page.locator("#drivers tbody tr", has_text="Tổng mức bán lẻ")
    assert "Đạt tiến độ kịch bản" in retail.inner_text()
    # the chart is drawn
    chart = page.locator("#chart canvas").first
    chart.scroll_into_view_if_needed()
    chart.wait_for(state="visible")
    box = chart.bounding_box()
    assert box is not None and box["width"] > 200 and box["height"] > 100
    # finance may save and adopt
    assert page.get_by_role("button", name=re.compile("^Lưu thành phiên bản")).count() == 1
    assert page.js_errors == []
    page.locator("#drivers").scroll_into_view_if_needed()
    shot(page, "kich-ban-dong-luc")
    page.locator("#actuals").scroll_into_view_if_needed()
    shot(page, "kich-ban")
    axe_check(page)


def test_the_leader_has_no_save_and_a_refusal_is_shown(page, sign_in, shot):
    call_command("load_demo", verbosity=0)
    scenario = GrowthScenario.objects.get(year=2026)
    sign_in(page, "lanhdao")
    page.goto(f"/kich-ban/{scenario.pk}/")
    _seen(page.get_by_role("heading", name="Thực hiện so với kịch bản"))
    assert page.get_by_role("button", name=re.compile("^Lưu thành phiên bản")).count() == 0
    assert page.get_by_role("button", name="Lưu ngưỡng").count() == 0
    assert page.get_by_role("button", name="Thông qua").count() == 0
    refusal = page.locator("#refusal")
    assert refusal.is_hidden()
    # a save sent anyway (a page left open from before the account became read-only): the
    # server refuses it, and its reason appears on screen instead of nothing happening
    page.evaluate(
        "() => htmx.ajax('POST', document.querySelector('#scenario form').action,"
        " {source: '#scenario form', target: '#scenario', swap: 'outerHTML'})"
    )
    refusal.wait_for(state="visible")
    _seen(refusal)
    assert refusal.inner_text().startswith("Tài khoản lãnh đạo chỉ xem kịch bản")
    assert "Việc này do Sở Tài chính thực hiện." in refusal.inner_text()
    assert scenario.versions.count() == 2
    shot(page, "kich-ban-lanh-dao-bi-tu-choi")


def test_an_index_typed_in_the_grid_is_asked_about_on_screen(page, sign_in):
    call_command("load_demo", verbosity=0)
    scenario = GrowthScenario.objects.get(year=2026)
    sign_in(page, "taichinh")
    page.goto(f"/kich-ban/{scenario.pk}/")
    cell = page.get_by_label("Dịch vụ quý Q3", exact=True)
    cell.fill("111,64")
    cell.press("Tab")
    # the editor answers 422 with the question; it is swapped in and seen, nothing is saved
    question = page.get_by_text("có phải 11,64 %?")
    question.wait_for(state="visible")
    _seen(question)
    assert "trông như chỉ số (cùng kỳ = 100)" in question.inner_text()
    assert scenario.versions.count() == 2
    assert page.js_errors == []


# what is at the box's left edge, a few pixels in, at the height of each header row and of the
# first body row: the cell's text and whether it is painted opaque
LEFT_EDGE = """box => {
  const x = box.getBoundingClientRect().left + 4;
  const table = box.querySelector('table');
  const rows = [...table.tHead.rows, table.tBodies[0].rows[0]];
  return rows.map(tr => {
    const r = tr.getBoundingClientRect();
    const cell = document.elementFromPoint(x, r.top + r.height / 2).closest('th, td');
    return {text: cell.innerText.split('\\n')[0].trim(),
            background: getComputedStyle(cell).backgroundColor};
  });
}"""


@pytest.mark.parametrize("table", ["table.actuals", "table.grid"])
def test_on_a_phone_the_first_column_of_a_two_row_header_stays_whole(page, sign_in, shot, table):
    # given the scenario page on a 412 px phone
    call_command("load_demo", verbosity=0)
    scenario = GrowthScenario.objects.get(year=2026)
    page.set_viewport_size({"width": 412, "height": 915})
    sign_in(page, "taichinh")
    page.goto(f"/kich-ban/{scenario.pk}/")
    box = page.locator(".table-box", has=page.locator(table))
    box.scroll_into_view_if_needed()
    assert box.evaluate("b => b.scrollWidth > b.clientWidth + 200")
    first_row = page.locator(f"{table} tbody tr").first.locator("td").first.inner_text()
    # when the box is scrolled sideways
    box.evaluate("b => { b.scrollLeft = 240; }")
    page.wait_for_function("b => b.scrollLeft >= 240", arg=box.element_handle())
    # then both header rows show "Khu vực" at the left edge and the body row its own label,
    # each on an opaque cell, so no sub-heading or digit of a scrolled column shows there
    edge = box.evaluate(LEFT_EDGE)
    assert [e["text"] for e in edge] == ["Khu vực", "Khu vực", first_row.split("\n")[0].strip()]
    assert all(e["background"] not in ("rgba(0, 0, 0, 0)", "transparent") for e in edge), edge
    shot(page, f"kich-ban-cot-dau-{table.split('.')[1]}")
    assert page.js_errors == []
