"""The task force's monthly report on the demo (seed 004): one figure per cell, the same as the
actuals beside it; a computed figure that differs from a published one is shown with its
computation; the versions compared are named; the period the data covers is said plainly."""

import html
import re
from decimal import Decimal as D

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from chitieu.actions.selectors import monthly_report


@pytest.fixture
def demo(db):
    call_command("load_demo", verbosity=0)


def _text(markup: str) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", markup)))


def test_the_scenario_table_prints_the_approved_figure_and_shows_the_recomputation(demo):
    # when
    report = monthly_report("2026-11")
    # then quý II of GRDP and the first half of industry and construction print the figures the
    # statistics office published (the actuals section prints them too), not the recomputation
    table = report.growth_table
    cells = {row.label: row.cells for row in table.rows}
    q2 = cells["Tốc độ tăng GRDP"][1]
    h1 = cells["Công nghiệp, Xây dựng"][2]
    assert (q2.value, q2.source, round(q2.other, 2), q2.mark) == (
        D("6.59"),
        "actual",
        D("6.60"),
        "1",
    )
    assert (h1.value, h1.source, round(h1.other, 2), h1.mark) == (
        D("8.24"),
        "actual",
        D("8.23"),
        "2",
    )
    actuals = {label: row for _, label, _, row in report.growth_actuals.rows}
    assert actuals["Tốc độ tăng GRDP"][1][0].value == D("6.59")
    assert actuals["Công nghiệp, Xây dựng"][2][0].value == D("8.24")
    # and the footnote writes the computation out
    notes = dict(table.footnotes)
    assert notes["1"].startswith(
        "Tốc độ tăng GRDP quý II: số đã duyệt (ước tính) 6,59 %. Hệ thống tính lại từ đầu vào "
        "của kịch bản: giá trị tăng thêm so với cùng kỳ 834,04 tỷ đồng ÷ quy mô cùng kỳ "
        "12.638,9 tỷ đồng × 100 = 6,599 %, làm tròn 6,60 %; chênh lệch này chỉ do làm tròn"
    )
    assert "409,11 tỷ đồng ÷ quy mô cùng kỳ 4.970,8 tỷ đồng × 100 = 8,230 %" in notes["2"]
    # a planned cell the document printed otherwise keeps the system's figure, both shown
    q4 = cells["Tốc độ tăng GRDP"][4]
    assert (round(q4.value, 2), q4.other, q4.mark) == (D("15.21"), D("14.01"), "*")
    assert "Bảng văn bản in không thể cùng đúng" in notes["*"]


def test_the_sentence_prints_the_contribution_of_the_growth_it_prints_beside_the_documents(demo):
    status = monthly_report("2026-11").growth_actuals.status
    # 8,24 % of industry and construction on its 21,39 % share of the base is 1,763 points; the
    # document printed 1,75: both are shown, with the product
    assert (
        "khu vực công nghiệp và xây dựng tăng 8,24 %, đóng góp 1,76 điểm % (văn bản in 1,75; hệ "
        "thống tính: tỷ trọng cùng kỳ 21,39 % × 8,24 % = 1,763)"
    ) in status.sentence
    assert "thủy sản tăng 4,82 %, đóng góp 1,07 điểm %;" in status.sentence


def test_the_page_names_the_versions_and_the_months_the_data_covers(demo, client):
    client.force_login(get_user_model().objects.get(username="lanhdao"))
    page = client.get(reverse("actions:monthly") + "?thang=2026-11").content.decode()
    text = _text(page)
    # the table's version, and the one each period is actually compared with, and why
    assert (
        "Bảng dưới là phiên bản 2 của kịch bản, thông qua ngày 02/07/2026: phiên bản được thông "
        "qua sau cùng tính đến hết ngày 30/11/2026."
    ) in text
    assert (
        "so mỗi kỳ với phiên bản được thông qua trước khi kỳ đó kết thúc: phiên bản 1 (thông "
        "qua 20/01/2026) cho quý I, quý II, 6 tháng đầu năm. Phiên bản 2 được thông qua sau khi "
        "các kỳ đó kết thúc"
    ) in text
    # the scenario table's cell shows the approved figure and the recomputation under it
    growth = page[page.index("2. Tăng trưởng so với kịch bản") : page.index('id="actuals"')]
    row = growth[growth.index("<td>Tốc độ tăng GRDP</td>") :]
    row = _text(row[: row.index("</tr>")])
    assert row.split()[:9] == ["Tốc", "độ", "tăng", "GRDP", "7,53", "6,59", "1", "tính", "lại:"]
    # no newer month is passed off as covered
    assert (
        "Quý III/2026 đã kết thúc nhưng chưa có số liệu tăng trưởng đã duyệt; số thực hiện mới "
        "nhất là 6 tháng đầu năm."
    ) in text
    assert (
        "Số liệu đã duyệt của các động lực tăng trưởng mới có đến hết tháng 9/2026; tháng "
        "10/2026, tháng 11/2026 chưa có số liệu đã duyệt"
    ) in text
    assert "đến hết tháng 9/2026" in text
    # the uplift in words, and amounts in tỷ đồng as the documents print them
    assert "mỗi ô" not in text
    assert (
        "Để GRDP cả năm đạt 10,61 %, mỗi khu vực trong quý IV phải tăng thêm 1,22 điểm % so với "
        "kế hoạch. Quý IV: Nông, lâm nghiệp và thủy sản 5,83 → 7,05 %;"
    ) in text
    drivers = _text(page[page.index("Động lực tăng trưởng chậm so với tiến độ") :])
    assert " 6.090 3.360,0 " in drivers and "6.090,0" not in drivers
    assert "Phạm vi: toàn bộ vốn đầu tư công từ ngân sách nhà nước của tỉnh" in drivers


def test_the_uplift_sentence_is_printed_once_on_the_page(demo, client):
    client.force_login(get_user_model().objects.get(username="lanhdao"))
    page = _text(client.get(reverse("actions:monthly") + "?thang=2026-11").content.decode())
    assert page.count("Để GRDP cả năm đạt 10,61 %, mỗi khu vực trong quý IV") == 1
