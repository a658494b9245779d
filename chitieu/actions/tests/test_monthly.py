"""The task force's monthly report on the demo (seed 004): one figure per cell, the same as the
actuals beside it; a computed figure that differs from a published one is shown with its
computation; the versions compared are named; the period the data covers is said plainly."""

import html
import io
import re
from datetime import datetime, timedelta
from decimal import Decimal as D

import docx
import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.template.loader import render_to_string
from django.urls import reverse
from docx.oxml.ns import qn

from chitieu.actions.models import ObligationInstance
from chitieu.actions.selectors import monthly_report
from chitieu.actions.services import obligation_instance_submit
from chitieu.core.calendar import VN


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


# Section 4 on the demo's reporting calendar: November's reports are due from 14 to 29 December;
# October's from Sở Y tế was never sent and Sở Xây dựng's came two days late.
EARLY_DECEMBER = datetime(2026, 12, 6, 10, 0, tzinfo=VN)
NOT_YET_DUE = "Chưa đến hạn báo cáo tháng 11/2026 (hạn từ 14/12/2026 đến 29/12/2026)."


def _section_4(document) -> tuple[list[str], list[list[str]]]:
    """The Word file's section 4: its paragraphs and the rows of the tables inside it."""
    body = document.element.body
    texts, rows, inside = [], [], False
    for el in body.iterchildren():
        if el.tag == qn("w:p"):
            text = "".join(t.text or "" for t in el.iter(qn("w:t")))
            inside = inside or text.startswith("4. Cơ quan báo cáo trễ")
            if inside:
                texts.append(text)
        elif el.tag == qn("w:tbl") and inside:
            rows += [
                ["".join(t.text or "" for t in tc.iter(qn("w:t"))) for tc in tr.iter(qn("w:tc"))]
                for tr in el.iter(qn("w:tr"))
            ]
    return texts, rows


def _monthly_files(code: str, now: datetime):
    from chitieu.exports.render import Request, render, report_for

    report = report_for(Request("monthly", now.date(), period=code, now=now))
    word = docx.Document(io.BytesIO(render(report, "docx")[0]))
    book = openpyxl.load_workbook(io.BytesIO(render(report, "xlsx")[0]))
    page = render_to_string("actions/monthly.html", {"r": monthly_report(code, now=now)})
    return page, word, book


def _sheet_rows(ws) -> list[list]:
    return [[c.value for c in row if c.value is not None] for row in ws.iter_rows()]


def test_november_says_its_reports_are_not_due_and_lists_octobers_missing_one(demo):
    # when
    t = monthly_report("2026-11", now=EARLY_DECEMBER).timeliness
    # then no "all on time": nothing of November is due, and October's missing one is listed
    assert t.summary == [NOT_YET_DUE]
    assert [(r.organization, r.period_label, r.due_text, r.state_text) for r in t.rows] == [
        ("Sở Y tế", "tháng 10/2026", "12/11/2026", "Chưa gửi (quá hạn)")
    ]
    assert t.note == (
        "Danh sách gồm cả 1 báo cáo của kỳ trước vẫn chưa gửi tính đến 10:00 ngày 06/12/2026."
    )


def test_the_page_the_word_and_the_excel_file_print_the_same_section_4(demo):
    # when
    page, word, book = _monthly_files("2026-11", EARLY_DECEMBER)
    # then the page
    section = _text(page[page.index("<h2>4.") :])
    assert NOT_YET_DUE in section and "Sở Y tế" in section
    assert "đều báo cáo đúng hạn" not in section
    # the Word file: the sentence, then a table with a header and one row
    texts, rows = _section_4(word)
    assert NOT_YET_DUE in texts
    assert rows[0] == ["TT", "Cơ quan", "Báo cáo", "Kỳ", "Hạn", "Tình trạng"]
    assert [r[1:2] + r[3:] for r in rows[1:]] == [
        ["Sở Y tế", "tháng 10/2026", "12/11/2026", "Chưa gửi (quá hạn)"]
    ]
    # the Excel sheet: the same
    cells = _sheet_rows(book["4. Báo cáo trễ"])
    assert [NOT_YET_DUE] in cells
    assert [1, "Sở Y tế", "Số liệu, kết quả thực hiện nhiệm vụ tăng trưởng tháng"] + [
        "tháng 10/2026",
        "12/11/2026",
        "Chưa gửi (quá hạn)",
    ] in cells


def test_when_every_due_report_came_on_time_there_is_no_table_anywhere(demo):
    # given October's missing report sent, and November's all sent on time
    late = ObligationInstance.objects.get(
        period_code="2026-10", obligation__organization__name="Sở Y tế"
    )
    obligation_instance_submit(instance=late, at=datetime(2026, 11, 20, 9, 0, tzinfo=VN))
    for inst in ObligationInstance.objects.filter(period_code="2026-11"):
        obligation_instance_submit(instance=inst, at=inst.due_at - timedelta(days=1))
    now = datetime(2027, 1, 5, 9, 0, tzinfo=VN)
    # when
    t = monthly_report("2026-11", now=now).timeliness
    page, word, book = _monthly_files("2026-11", now)
    # then one sentence, the same in the three, and no table, not even a header
    sentence = "Các báo cáo tháng 11/2026 đã đến hạn đều được gửi đúng hạn (9 báo cáo)."
    assert (t.summary, t.rows, t.note) == ([sentence], [], "")
    section = page[page.index("<h2>4.") :]
    assert sentence in _text(section) and "<table" not in section
    texts, rows = _section_4(word)
    assert sentence in texts and rows == []
    cells = _sheet_rows(book["4. Báo cáo trễ"])
    assert [sentence] in cells and not any("Cơ quan" in row for row in cells)


def test_a_later_periods_missing_report_stays_out_of_an_earlier_months_report(demo):
    # when October's report is read after November's reports fell due unsent
    t = monthly_report("2026-10", now=datetime(2026, 12, 31, 9, 0, tzinfo=VN)).timeliness
    # then it lists October's own late and missing reports, no November one
    assert [(r.organization, r.state_text) for r in t.rows] == [
        ("Sở Xây dựng", "Trễ hạn (gửi ngày 14/11/2026)"),
        ("Sở Y tế", "Chưa gửi (quá hạn)"),
    ]
    assert t.summary == [
        "Trong 9 báo cáo tháng 10/2026 đã đến hạn: 7 đúng hạn, 1 trễ hạn, 1 chưa gửi."
    ]
    assert t.note == ""
