"""The reporter's entry page as people walked it: what a period lists, the page it opens on, a
save that changes nothing, rows sent on, the counters after a step, the upload's way back."""

from __future__ import annotations

import io
import re
from datetime import date, timedelta
from decimal import Decimal as D

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from chitieu.catalog.models import Indicator
from chitieu.core.periods import Period
from chitieu.organizations.models import Organization
from chitieu.reporting import selectors
from chitieu.reporting.choices import Frequency
from chitieu.reporting.excel import FIRST_ROW, build_template, read_upload
from chitieu.reporting.frequency import own_period, where_due
from chitieu.reporting.models import Figure, FigureAudit, ReportingSpec
from chitieu.reporting.services import figure_save, figure_transition
from chitieu.reporting.worklist import default_period, my_figures

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def reporter(client, people):
    client.force_login(people["reporter"])
    return people["reporter"]


@pytest.fixture
def monthly(forest):
    """The forest cover reported every month; every other NN&MT indicator stays yearly."""
    ReportingSpec.objects.update_or_create(
        indicator=forest, defaults={"frequency": Frequency.MONTH}
    )
    return forest


def _row(html: str, indicator: Indicator) -> str:
    found = re.search(rf'<tr id="chi-tieu-{indicator.pk}".*?</tr>', html, re.S)
    assert found, f"no row for {indicator.name}"
    return found.group(0)


def _mine(client, ky: str | None = None) -> str:
    url = reverse("reporting:mine") + (f"?ky={ky}" if ky else "")
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def _save(client, indicator, value, revision, period="2026", **extra):
    data = {
        "indicator": indicator.pk,
        "period": period,
        "vintage": "estimate",
        "value": value,
        "revision": revision,
        **extra,
    }
    return client.post(reverse("reporting:save"), data, **HTMX).content.decode()


# -- what a period lists --------------------------------------------------------------------


def test_own_period_is_the_one_of_the_frequencys_kind_holding_the_period():
    nov = Period.parse("2026-11")
    assert own_period(Frequency.YEAR, nov).code == "2026"
    assert own_period(Frequency.QUARTER, nov).code == "2026-Q4"
    assert own_period(Frequency.H1, Period.parse("2026-Q2")).code == "2026-H1"
    assert own_period(Frequency.H1, nov).code == "2026-H2"
    assert own_period(Frequency.M9, Period.parse("2026-08")).code == "2026-9M"
    assert [p.code for p in where_due([Frequency.YEAR, Frequency.QUARTER], nov)] == [
        "2026-Q4",
        "2026",
    ]
    assert where_due([Frequency.MONTH], nov) == []


def test_a_month_lists_only_the_indicators_reported_monthly(demo, nnmt, monthly):
    worklist = my_figures(nnmt, "2026-11")
    assert [r.indicator.pk for r in worklist.rows] == [monthly.pk]
    assert worklist.todo_count == 1
    # the rest: yearly, and GRDP growth (handed to all departments) quarterly
    rest = len(my_figures(nnmt, "2026").rows) - 1
    assert worklist.left_out == {Frequency.YEAR: rest - 1, Frequency.QUARTER: 1}
    assert [p.code for p in worklist.due_for] == ["2026-Q4", "2026"]


def test_a_month_with_nothing_due_says_so_and_points_to_the_year(demo, client, reporter):
    html = _mine(client, "2026-11")
    main = html.split("<main", 1)[1]
    assert 'name="value"' not in main
    assert "Không có chỉ tiêu nào phải nhập kỳ này, nên không có hạn gửi." in main
    n = len(my_figures(Organization.objects.get(name="Sở Nông nghiệp và Môi trường"), "2026").rows)
    assert (
        "Không có chỉ tiêu nào của Sở Nông nghiệp và Môi trường báo cáo cho tháng 11/2026. "
        f"{n - 1} chỉ tiêu báo cáo hằng năm, 1 chỉ tiêu báo cáo hằng quý không báo cáo cho "
        'tháng 11/2026: nhập ở <a href="?ky=2026-Q4">quý IV/2026</a>, <a href="?ky=2026">'
        "năm 2026</a>."
    ) in main
    assert "chưa được giao chủ trì" not in main
    assert "Tải mẫu Excel kỳ này" not in main  # a template of nothing is not offered


def _total(html: str) -> str:
    """The line above the list: what is left to do and by when."""
    found = re.search(r'<p id="todo-total">(.*?)</p>', html, re.S)
    assert found, "no counter line"
    return found.group(1)


def test_a_period_with_nothing_due_names_no_deadline(demo, client, reporter):
    # given November, for which NN&MT reports nothing (its indicators are yearly or quarterly)
    # when its page is open
    total = _total(_mine(client, "2020-11"))
    # then no deadline is printed, long past though November 2020's is, and none is missed
    assert total == "Không có chỉ tiêu nào phải nhập kỳ này, nên không có hạn gửi."
    assert "hạn gửi Thống kê tỉnh" not in total and "quá hạn" not in total


def test_a_period_with_something_due_names_its_deadline(demo, client, reporter, monthly):
    due = selectors.figures_deadline()("2026-11")
    total = _total(_mine(client, "2026-11"))
    assert total.startswith("<strong>1 chỉ tiêu còn phải nhập hoặc gửi</strong>")
    assert f"hạn gửi Thống kê tỉnh: {due:%d/%m/%Y}" in total


def test_a_month_page_and_its_template_hold_the_monthly_indicator_only(
    demo, client, reporter, nnmt, monthly
):
    main = _mine(client, "2026-11").split("<main", 1)[1]
    assert main.count('name="value"') == 1 and f'id="gia-tri-{monthly.pk}"' in main
    assert "<strong>1 chỉ tiêu còn phải nhập hoặc gửi</strong>" in main
    assert "chỉ tiêu báo cáo hằng quý không báo cáo cho tháng 11/2026: nhập ở" in main
    # the month's template: one row, and sent back filled it saves without an error
    data = build_template(nnmt, "2026-11")
    wb = openpyxl.load_workbook(io.BytesIO(data))
    ws = wb.active
    assert ws.max_row == FIRST_ROW and ws.cell(FIRST_ROW, 1).value == monthly.pk
    ws.cell(FIRST_ROW, 6).value = "65,1"
    buf = io.BytesIO()
    wb.save(buf)
    up = read_upload(buf.getvalue(), nnmt, "thang-11.xlsx")
    assert up.errors == [] and [r.value for r in up.rows] == [D("65.1")]


# -- the page it opens on -------------------------------------------------------------------


def _due(code: str) -> date:
    """The 12th of the month after the period ends (the rule, without the holidays)."""
    end = Period.parse(code).end
    return date(end.year + (end.month == 12), end.month % 12 + 1, 12)


def test_with_only_yearly_indicators_it_opens_on_the_year_whose_deadline_comes(yearly, nnmt):
    # last year's deadline is long past: the current year, not a year-old list
    assert default_period(nnmt, date(2026, 12, 6), _due) == "2026"
    assert default_period(nnmt, date(2031, 5, 20), _due) == "2031"


def test_it_opens_on_last_years_figures_while_their_deadline_is_near(yearly, nnmt):
    # 5 January 2032: year 2031 is due on the 12th and nothing of it is entered yet
    assert default_period(nnmt, date(2032, 1, 5), _due) == "2031"
    # a month after the deadline it is still work to do, shown as overdue
    assert default_period(nnmt, date(2032, 2, 20), _due) == "2031"
    # three months after, it is long past: the open year
    assert default_period(nnmt, date(2032, 4, 20), _due) == "2032"


def test_it_opens_on_the_earliest_month_with_work_left(yearly, nnmt, monthly, people):
    today = date(2031, 12, 20)
    # September's deadline (12 October) is long past; October's (12 November) and November's
    # (12 December) are recent, and October is still to enter
    assert default_period(nnmt, today, _due) == "2031-10"
    for month in ("2031-10", "2031-11"):
        f = figure_save(
            user=people["reporter"],
            indicator=monthly,
            organization=nnmt,
            period_code=month,
            vintage="estimate",
            value="60",
            expected_revision=0,
        ).figure
        figure_transition(user=people["reporter"], figure=f, action="submit")
    # both sent: next come December and the year 2031, both due on 12 January 2032 and both
    # still to enter; the year, begun earlier, opens
    assert default_period(nnmt, today, _due) == "2031"


def test_without_a_period_the_page_opens_on_the_chosen_one(demo, client, reporter, nnmt):
    chosen = default_period(nnmt, timezone.localdate(), selectors.figures_deadline())
    html = _mine(client)
    label = Period.parse(chosen).label
    label = label[:1].lower() + label[1:]  # "quý III/2026": only the first letter lowered
    assert f"<h1>Số liệu Sở Nông nghiệp và Môi trường — {label}</h1>" in html
    # never a year whose deadline is long past
    assert selectors.figures_deadline()(chosen) >= timezone.localdate() - timedelta(days=60)


def test_an_overdue_deadline_says_by_how_many_days(demo, client, reporter, nnmt):
    # the deadline as the scorecard reads it: not before thirty days after the plan in force
    # naming the agency was adopted (decision 0060)
    plans = [n.plan for n in selectors.Known.of(nnmt).named]
    due = selectors.figures_deadline_for(plans)("2020")
    assert due > selectors.figures_deadline()("2020")
    days = (timezone.localdate() - due).days
    html = _mine(client, "2020")
    assert (
        f'hạn gửi Thống kê tỉnh: {due:%d/%m/%Y} <strong class="st overdue">quá hạn {days} ngày'
        "</strong>"
    ) in html


# -- a save that changes nothing ------------------------------------------------------------


def test_a_save_that_changes_nothing_writes_nothing(demo, people, forest, nnmt):
    def save(revision):
        return figure_save(
            user=people["reporter"],
            indicator=forest,
            organization=nnmt,
            period_code="2026",
            vintage="estimate",
            value="42",
            comment="ước",
            expected_revision=revision,
        )

    first = save(0)
    assert first.created and first.changed
    audits = FigureAudit.objects.count()
    again = save(first.figure.revision)
    assert not again.changed and not again.created
    f = Figure.objects.get(pk=first.figure.pk)
    assert f.revision == first.figure.revision and f.value == D(42)
    assert FigureAudit.objects.count() == audits


def test_a_double_tap_on_lưu_saves_once_and_says_nothing_changed(demo, client, reporter, forest):
    _save(client, forest, "42", 0)
    f = Figure.objects.get(indicator=forest, period_code="2026")
    audits = FigureAudit.objects.filter(figure=f).count()
    first = _save(client, forest, "42", f.revision)
    second = _save(client, forest, "42", f.revision)
    for answer in (first, second):
        assert "Không có gì thay đổi; 42 % (ước tính) vẫn như đã lưu" in answer
        assert "Đã sửa" not in answer
    f.refresh_from_db()
    assert f.revision == 1 and FigureAudit.objects.filter(figure=f).count() == audits
    # the form drops a second request while the first is on its way
    row = _row(_mine(client, "2026"), forest)
    assert 'class="entry" hx-post=' in row and 'hx-sync="this:drop"' in row


def test_after_a_save_the_cursor_goes_on_to_the_next_value_not_the_submit_button(
    demo, client, reporter, forest
):
    answer = _save(client, forest, "42", 0)
    assert "data-focus-next" in answer.split(">", 1)[0]
    assert "<button data-focus>Gửi Thống kê" not in answer and "<button>Gửi Thống kê" in answer
    assert "Đã nhập 42 % (ước tính)" in answer


def test_the_value_box_names_its_unit_and_the_enter_key(demo, client, reporter, forest):
    html = _mine(client, "2026")
    row = _row(html, forest)
    assert 'placeholder="%"' in row and 'aria-label="Giá trị (%): Tỷ lệ che phủ rừng"' in row
    hints = re.findall(r'enterkeyhint="(\w+)"', html.split('<details class="shared"')[0])
    assert hints[-1] == "done" and set(hints[:-1]) == {"next"}


# -- rows sent on ---------------------------------------------------------------------------


def test_a_row_sent_on_is_read_only_and_says_what_can_be_done(
    demo, client, reporter, forest, people
):
    _save(client, forest, "42", 0, vintage="official")
    f = Figure.objects.get(indicator=forest, period_code="2026")
    figure_transition(user=reporter, figure=f, action="submit")
    row = _row(_mine(client, "2026"), forest)
    assert 'name="value"' not in row and "<select" not in row
    assert (
        "Chính thức: Đã gửi Thống kê tỉnh, đang chờ kiểm tra — chỉ sửa được khi bị trả lại."
    ) in row
    # approved: locked, and whom to ask
    figure_transition(user=people["reviewer"], figure=f, action="verify")
    figure_transition(user=people["compiler"], figure=f, action="approve")
    row = _row(_mine(client, "2026"), forest)
    assert 'name="value"' not in row
    assert "Chính thức: Đã duyệt (khóa) — muốn sửa, đề nghị Sở Tài chính mở lại." in row


def test_a_later_vintage_can_still_be_entered_beside_an_approved_estimate(
    demo, client, reporter, forest, people
):
    _save(client, forest, "42", 0)
    f = Figure.objects.get(indicator=forest, period_code="2026")
    figure_transition(user=reporter, figure=f, action="submit")
    figure_transition(user=people["reviewer"], figure=f, action="verify")
    figure_transition(user=people["compiler"], figure=f, action="approve")
    row = _row(_mine(client, "2026"), forest)
    assert (
        "Ước tính: Đã duyệt (khóa) — muốn sửa, đề nghị Sở Tài chính mở lại. Còn nhập được số "
        "liệu sơ bộ hoặc chính thức:"
    ) in row
    options = re.findall(r'<option value="(\w+)"', row)
    assert options == ["preliminary", "official"]
    assert 'name="revision" value="0"' in row and 'value="42"' not in row


# -- the counters after a step --------------------------------------------------------------


def test_the_counters_change_with_the_row_in_the_same_answer(demo, client, reporter, nnmt, forest):
    before = my_figures(nnmt, "2026")
    section = next(
        s for s in before.sections for _, rows in s.groups for r in rows if r.indicator == forest
    )
    answer = _save(client, forest, "42", 0)
    total = re.search(r'<p id="todo-total" hx-swap-oob="true">(.*?)</p>', answer, re.S)
    assert total and f"<strong>{before.todo_count} chỉ tiêu" in total.group(1)  # still "Chưa gửi"
    f = Figure.objects.get(indicator=forest, period_code="2026")
    sent = client.post(reverse("reporting:action", args=[f.pk, "submit"]), {"row": "1"}, **HTMX)
    answer = sent.content.decode()
    total = re.search(r'<p id="todo-total" hx-swap-oob="true">(.*?)</p>', answer, re.S)
    assert (
        total
        and f"<strong>{before.todo_count - 1} chỉ tiêu còn phải nhập hoặc gửi" in total.group(1)
    )
    plan = re.search(
        rf'<span id="todo-plan-{section.plan.pk}" class="muted" hx-swap-oob="true">(.*?)</span>',
        answer,
    )
    assert plan and plan.group(1) == f"— còn {section.todo_count - 1} chỉ tiêu phải làm"


# -- the upload's way there and back ----------------------------------------------------------


def _filled(nnmt, period, value):
    wb = openpyxl.load_workbook(io.BytesIO(build_template(nnmt, period)))
    ws = wb.active
    ws.cell(FIRST_ROW, 6).value = value
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_the_upload_page_keeps_the_period_and_offers_its_template(demo, client, reporter):
    html = client.get(reverse("reporting:upload") + "?ky=2026-Q4").content.decode()
    assert f'href="{reverse("reporting:template")}?ky=2026-Q4">Tải mẫu Excel quý IV/2026' in html
    assert 'action="?ky=2026-Q4"' in html
    mine = _mine(client, "2026")
    assert f'href="{reverse("reporting:upload")}?ky=2026"' in mine


def test_the_preview_puts_the_save_above_the_skipped_rows_folded(demo, client, reporter, nnmt):
    data = _filled(nnmt, "2026", "12")
    html = client.post(
        reverse("reporting:upload") + "?ky=2026",
        {"file": SimpleUploadedFile("so-lieu.xlsx", data)},
    ).content.decode()
    button = html.index("Lưu 1 số liệu</button>")
    assert html.index('id="tom-tat"') < button < html.index("<h3>Sẽ lưu")
    assert button < html.index('<details class="skipped"><summary>Bỏ qua (')


def test_the_result_goes_back_to_the_uploaded_period_and_says_the_rows_are_drafts(
    demo, client, reporter, nnmt
):
    data = _filled(nnmt, "2026", "12")
    client.post(reverse("reporting:upload"), {"file": SimpleUploadedFile("a.xlsx", data)})
    kept = Figure.objects.none()
    from chitieu.reporting.models import FigureUpload

    kept = FigureUpload.objects.get(source_name="a.xlsx")
    response = client.post(reverse("reporting:upload"), {"upload": kept.pk}, follow=True)
    html = response.content.decode()
    assert "Các số liệu vừa lưu là <strong>nháp</strong>: Thống kê tỉnh chưa nhận được." in html
    assert f'href="{reverse("reporting:mine")}?ky=2026">Về số liệu của tôi — năm 2026</a>' in html
    assert f'<a href="{reverse("reporting:mine")}?ky=2026">Số liệu của tôi — năm 2026</a>' in html


def test_the_upload_page_of_a_month_with_nothing_due_offers_no_template(demo, client, reporter):
    html = client.get(reverse("reporting:upload") + "?ky=2026-11").content.decode()
    assert "nên không có mẫu Excel kỳ này; tải lên số liệu" in html
    assert '<a href="?ky=2026-Q4">quý IV/2026</a>, <a href="?ky=2026">năm 2026</a>' in html
    assert reverse("reporting:template") not in html and 'type="file"' not in html
