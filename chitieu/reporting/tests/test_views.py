"""Pages and endpoints: each role sees what it may, and nothing more; the Excel round trip."""

import io
from decimal import Decimal as D

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from chitieu.access.choices import Role
from chitieu.catalog.models import Indicator, Plan
from chitieu.organizations.models import Organization
from chitieu.reporting.models import Figure, FigureUpload
from chitieu.reporting.services import figure_save, figure_transition


@pytest.fixture
def as_user(client, user_of):
    def login(org_name, role):
        user = user_of(org_name, role)
        client.force_login(user)
        return user

    return login


def test_every_page_needs_login(demo, client):
    for url in [
        reverse("reporting:mine"),
        reverse("reporting:overview"),
        reverse("reporting:review"),
        reverse("reporting:template"),
        reverse("reporting:upload"),
    ]:
        assert client.get(url)["Location"].startswith(reverse("login"))


def test_my_figures_lists_what_the_agency_reports_with_the_rules(demo, client, as_user, forest):
    as_user("Sở Nông nghiệp và Môi trường", Role.REPORTER)
    html = client.get(reverse("reporting:mine") + "?ky=2025").content.decode()
    assert "Tỷ lệ che phủ rừng" in html and "64,3" in html
    assert "Giá trị là tỷ lệ phần trăm: phải từ 0 đến 100." in html
    assert 'name="value"' in html  # the entry form is there for a reporter


def test_a_reporter_gets_no_edit_form_for_another_agencys_figure_and_cannot_post_one(
    demo, client, as_user, forest, nnmt
):
    as_user("Sở Y tế", Role.REPORTER)
    # the save endpoint always writes for the user's own agency: it cannot target another one
    industrial_zones = Indicator.objects.get(name__startswith="Tỷ lệ khu công nghiệp, khu chế xuất")
    client.post(
        reverse("reporting:save"),
        {"indicator": industrial_zones.pk, "period": "2026", "vintage": "estimate", "value": "50"},
    )
    assert not Figure.objects.filter(indicator=industrial_zones).exists()
    other = Figure.objects.get(indicator=forest, period_code="2025")
    page = client.get(reverse("reporting:figure", args=[other.pk])).content.decode()
    assert "Kiểm tra xong" not in page and "Duyệt và khóa" not in page
    client.post(reverse("reporting:action", args=[other.pk, "reopen"]), {"reason": "x"})
    assert Figure.objects.get(pk=other.pk).status == "approved"


def test_review_queue_is_for_statistics_and_finance_only(demo, client, as_user):
    as_user("Sở Y tế", Role.REPORTER)
    assert client.get(reverse("reporting:review")).status_code == 403
    as_user("Thống kê tỉnh", Role.REVIEWER)
    assert client.get(reverse("reporting:review")).status_code == 200


def test_a_leader_reads_everything_and_edits_nothing(demo, client, as_user, forest):
    as_user("UBND tỉnh Lạng Sơn", Role.LEADER)
    assert client.get(reverse("reporting:overview")).status_code == 200
    assert client.get(reverse("web:indicator", args=[forest.pk])).status_code == 200
    html = client.get(reverse("reporting:mine")).content.decode()
    assert 'name="value"' not in html
    assert client.post(reverse("reporting:upload"), {}).status_code == 403


def test_overview_and_scorecard_explain_every_status(
    demo, client, as_user, django_assert_max_num_queries
):
    as_user("UBND tỉnh Lạng Sơn", Role.LEADER)
    with django_assert_max_num_queries(12):
        html = client.get(reverse("reporting:overview")).content.decode()
    # the demo's figures are 2021-2025: before the 2026-2030 plan, so baselines, not progress
    assert (
        "Chưa có số liệu trong kỳ (giai đoạn 2026 - 2030); số liệu gốc năm 2025, trước kỳ kế "
        "hoạch: 64,3 %; mục tiêu đạt 65 % đến 2030: cần tăng thêm 0,7 điểm %" in html
    )
    assert (
        "số liệu gốc năm 2025, trước kỳ kế hoạch: 8,41 %; mục tiêu từ 10 đến 11 % bình quân mỗi năm giai đoạn 2026-2030."
        in html
    )
    assert "Chưa có số liệu trong kỳ: 12" in html
    org = Organization.objects.get(name="Sở Nông nghiệp và Môi trường")
    plan = Plan.objects.get(number="130/KH-UBND")
    html = client.get(
        reverse("reporting:agency", args=[org.pk]) + f"?ke-hoach={plan.pk}"
    ).content.decode()
    assert "Cách tính điểm" in html and "Điểm chỉ tiêu (70 %)" in html
    assert "Tỷ lệ che phủ rừng" in html


def test_indicator_page_shows_the_trend_and_the_figures_with_vintages(demo, client, as_user):
    as_user("UBND tỉnh Lạng Sơn", Role.LEADER)
    ind = Indicator.objects.get(
        name__startswith="Tốc độ tăng tổng sản phẩm trên địa bàn (GRDP) bình quân"
    )
    response = client.get(reverse("web:indicator", args=[ind.pk]))
    chart = response.context["chart"]
    # the axis runs on to the end of the plan's period, so the target's years are on it
    assert chart["years"] == [str(y) for y in range(2021, 2031)]
    assert chart["values"] == [6.75, 6.63, 7.7, 6.01, 8.41, None, None, None, None, None]
    assert [(m["shape"], m["low"], m["high"], m["from"], m["to"]) for m in chart["targets"]] == [
        ("band", 10.0, 11.0, 2026, 2030)
    ]
    assert chart["range"] == [6.01, 11.0]
    html = response.content.decode()
    assert "Ước tính" in html and "Chính thức" in html and "chú thích [1]" in html


def _row(html: str, indicator) -> str:
    """The HTML of one indicator's row on the reporter's list."""
    start = html.index(f'id="chi-tieu-{indicator.pk}"')
    return html[start : html.index("</tr>", start)]


def _fill(data: bytes, values: dict[str, str]) -> bytes:
    wb = openpyxl.load_workbook(io.BytesIO(data))
    ws = wb.active
    for r in range(5, ws.max_row + 1):
        name = ws.cell(r, 2).value
        if name in values:
            ws.cell(r, 6).value = values[name]
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_excel_round_trip(demo, client, as_user, forest, nnmt):
    as_user("Sở Nông nghiệp và Môi trường", Role.REPORTER)
    data = client.get(reverse("reporting:template") + "?ky=2026").content
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    assert [c.value for c in sheet[4]] == [
        "Mã",
        "Chỉ tiêu",
        "Đơn vị tính",
        "Kỳ",
        "Loại số liệu",
        "Giá trị",
        "Giải thích",
        "Nguồn",
        "Mã số liệu",
        "Lần sửa",
    ]
    assert sheet.column_dimensions["I"].hidden and sheet.column_dimensions["J"].hidden
    names = [sheet.cell(r, 2).value for r in range(5, sheet.max_row + 1)]
    assert "Tỷ lệ che phủ rừng" in names
    filled = _fill(
        data, {"Tỷ lệ che phủ rừng": "64,8", "Tỷ lệ chất thải nguy hại được thu gom, xử lý": "97.5"}
    )
    preview = client.post(
        reverse("reporting:upload"), {"file": SimpleUploadedFile("so-lieu.xlsx", filled)}
    )
    shown = preview.content.decode()
    assert "Lưu 2 số liệu" in shown
    # the preview speaks as the sheet does: "Năm 2026", "Ước tính", never the stored codes
    assert "<td>Năm 2026</td><td>Ước tính</td>" in shown and "estimate" not in shown
    assert not Figure.objects.filter(period_code="2026").exists()  # nothing saved by the preview
    client.post(reverse("reporting:upload"), {"upload": preview.context["kept"].pk})
    assert Figure.objects.get(indicator=forest, period_code="2026", organization=nnmt).value == D(
        "64.8"
    )


def test_an_upload_with_bad_rows_saves_none_and_lists_every_bad_row(demo, client, as_user):
    as_user("Sở Nông nghiệp và Môi trường", Role.REPORTER)
    data = client.get(reverse("reporting:template") + "?ky=2026").content
    filled = _fill(
        data,
        {
            "Tỷ lệ che phủ rừng": "140",
            "Tỷ lệ chất thải nguy hại được thu gom, xử lý": "chín mươi",
            "Tỷ lệ xã được công nhận đạt chuẩn nông thôn mới": "61",
        },
    )
    html = client.post(
        reverse("reporting:upload"), {"file": SimpleUploadedFile("sai.xlsx", filled)}
    ).content.decode()
    assert "2 lỗi; chưa lưu dòng nào" in html
    assert "sai.xlsx, dòng" in html and "cột Giá trị: 140 nằm ngoài khoảng 0 - 100" in html
    assert "“chín mươi” không phải là số" in html
    assert FigureUpload.objects.count() == 0  # a file with bad rows is not kept
    assert not Figure.objects.filter(period_code="2026").exists()


def test_a_template_of_another_agency_is_refused(demo, client, as_user, user_of):
    as_user("Sở Y tế", Role.REPORTER)
    data = client.get(reverse("reporting:template") + "?ky=2026").content
    as_user("Sở Nông nghiệp và Môi trường", Role.REPORTER)
    html = client.post(
        reverse("reporting:upload"), {"file": SimpleUploadedFile("y-te.xlsx", data)}
    ).content.decode()
    assert "mẫu này của cơ quan khác" in html


def test_conflict_on_the_page_shows_both_values(demo, client, as_user, forest, nnmt):
    user = as_user("Sở Nông nghiệp và Môi trường", Role.REPORTER)
    f = figure_save(
        user=user,
        indicator=forest,
        organization=nnmt,
        period_code="2026",
        vintage="estimate",
        value="65",
        expected_revision=0,
    )
    figure_save(
        user=user,
        indicator=forest,
        organization=nnmt,
        period_code="2026",
        vintage="estimate",
        value="66",
        expected_revision=1,
    )
    response = client.post(
        reverse("reporting:save"),
        {
            "indicator": forest.pk,
            "period": "2026",
            "vintage": "estimate",
            "value": "67",
            "revision": str(f.figure.revision),
        },
        follow=True,
    )
    html = response.content.decode()
    row = _row(html, forest)
    assert "Bạn nhập 67, hiện đang lưu 66" in row
    assert 'value="67"' in row  # what was typed stays in the field
    assert Figure.objects.get(pk=f.figure.pk).value == D(66)


def test_a_refusal_is_explained_in_vietnamese(demo, client, as_user):
    as_user("Sở Y tế", Role.REPORTER)
    response = client.get(reverse("reporting:review"))
    assert response.status_code == 403
    html = response.content.decode()
    assert "Bạn không có quyền thực hiện việc này" in html
    assert "Chỉ Thống kê tỉnh và Sở Tài chính có danh sách chờ kiểm tra." in html


def test_the_demo_administrator_works_as_the_finance_department(demo, client, django_user_model):
    client.force_login(django_user_model.objects.get(username="demo"))
    html = client.get(reverse("reporting:mine") + "?ky=2025").content.decode()
    assert "Số liệu Sở Tài chính — năm 2025" in html and 'name="value"' in html


def test_the_form_without_a_revision_saves_nothing_and_says_so(demo, client, as_user, forest):
    as_user("Sở Nông nghiệp và Môi trường", Role.REPORTER)
    response = client.post(
        reverse("reporting:save"),
        {"indicator": forest.pk, "period": "2026", "vintage": "estimate", "value": "65"},
        follow=True,
    )
    assert "Thiếu lần sửa của số liệu (revision)" in _row(response.content.decode(), forest)
    assert not Figure.objects.filter(indicator=forest, period_code="2026").exists()


HTMX = {"HTTP_HX_REQUEST": "true"}


def _entry(indicator, value, revision="0", **extra):
    return {
        "indicator": indicator.pk,
        "period": "2026",
        "vintage": "estimate",
        "value": value,
        "revision": revision,
        **extra,
    }


def test_a_reporters_list_holds_what_it_is_named_for_grouped_by_plan(demo, client, as_user):
    as_user("Sở Y tế", Role.REPORTER)
    html = client.get(reverse("reporting:mine") + "?ky=2026").content.decode()
    folded = html.index('<details class="shared"')
    # the health indicators come first, under the plan that names the department
    assert html.index("Kế hoạch số 130/KH-UBND") < html.index(
        "Tỷ lệ người dân tham gia bảo hiểm y tế"
    )
    assert html.index("Tỷ lệ người dân tham gia bảo hiểm y tế") < folded
    # GRDP and tourism are handed to "all departments": listed apart, folded, not dropped
    assert html.index("Tổng sản phẩm trên địa bàn (GRDP)") > folded
    assert html.index("Tổng lượng khách du lịch") > folded


def test_within_a_group_what_is_left_to_do_comes_first(demo, client, as_user):
    as_user("Sở Y tế", Role.REPORTER)
    html = client.get(reverse("reporting:mine") + "?ky=2025").content.decode()
    # 2025: doctors and hospital beds are entered and approved; population is not
    assert html.index(">Dân số<") < html.index("Số bác sĩ bình quân trên 10.000 dân")


def test_htmx_answers_a_refused_value_with_the_row_keeping_what_was_typed(
    demo, client, as_user, forest
):
    as_user("Sở Nông nghiệp và Môi trường", Role.REPORTER)
    response = client.post(reverse("reporting:save"), _entry(forest, "150", comment="x"), **HTMX)
    row = response.content.decode()
    assert response.status_code == 200 and row.startswith(f'<tr id="chi-tieu-{forest.pk}"')
    assert 'value="150"' in row and 'value="x"' in row
    assert f'aria-describedby="loi-{forest.pk}"' in row and "autofocus" in row
    assert "150 nằm ngoài khoảng 0 - 100" in row
    assert not Figure.objects.filter(indicator=forest, period_code="2026").exists()


def test_a_double_post_saves_once_and_says_it_was_already_saved(demo, client, as_user, forest):
    as_user("Sở Nông nghiệp và Môi trường", Role.REPORTER)
    client.post(reverse("reporting:save"), _entry(forest, "64,9"), **HTMX)
    again = client.post(reverse("reporting:save"), _entry(forest, "64,9"), **HTMX)
    figure = Figure.objects.get(indicator=forest, period_code="2026")
    assert figure.audit.count() == 1
    assert "từ lần bấm trước; lần gửi lại này không lưu thêm gì" in again.content.decode()


def test_an_expired_session_keeps_the_entry_for_after_the_login(demo, client, user_of, forest):
    # given: the form was open, the session is gone
    response = client.post(reverse("reporting:save"), _entry(forest, "64,7"))
    # then: to the login, back to the list afterwards, nothing saved
    assert response["Location"].startswith(reverse("login"))
    assert "ky%3D2026" in response["Location"]
    assert not Figure.objects.filter(indicator=forest, period_code="2026").exists()
    client.force_login(user_of("Sở Nông nghiệp và Môi trường", Role.REPORTER))
    html = client.get(reverse("reporting:mine") + "?ky=2026").content.decode()
    row = _row(html, forest)
    assert 'value="64,7"' in row and "Phiên đăng nhập đã hết trước khi bạn bấm Lưu" in row


def test_an_htmx_save_without_a_session_sends_the_browser_to_the_login(demo, client, forest):
    response = client.post(reverse("reporting:save"), _entry(forest, "64,7"), **HTMX)
    assert response["HX-Redirect"].startswith(reverse("login"))


def test_sending_from_the_row_confirms_beside_it_and_a_stale_send_says_why(
    demo, client, as_user, user_of, forest, nnmt
):
    user = as_user("Sở Nông nghiệp và Môi trường", Role.REPORTER)
    figure = figure_save(
        user=user,
        indicator=forest,
        organization=nnmt,
        period_code="2026",
        vintage="estimate",
        value="65",
        expected_revision=0,
    ).figure
    url = reverse("reporting:action", args=[figure.pk, "submit"])
    sent = client.post(url, {"row": "1"}, **HTMX).content.decode()
    assert "Đã gửi Thống kê tỉnh kiểm tra" in sent
    # clicked again: done already, said so
    again = client.post(url, {"row": "1"}, **HTMX).content.decode()
    assert "từ lần bấm trước" in again
    # the same button on a page opened before the statistics office checked it: refused, and why
    figure_transition(user=user_of("Thống kê tỉnh", Role.REVIEWER), figure=figure, action="verify")
    stale = client.post(url, {"row": "1"}, **HTMX).content.decode()
    assert "Không thể gửi số liệu đang ở trạng thái “Thống kê đã kiểm tra”" in stale


def test_a_leader_sees_no_upload_or_import_controls(demo, client, as_user):
    as_user("UBND tỉnh Lạng Sơn", Role.LEADER)
    mine = client.get(reverse("reporting:mine")).content.decode()
    assert reverse("reporting:upload") not in mine.split("<main")[1]
    assert "Tải mẫu Excel" not in mine
    plans = client.get(reverse("web:plans")).content.decode()
    assert "Nhập phụ lục từ văn bản" not in plans


def test_a_second_click_on_a_done_step_says_it_is_done_not_refused(
    demo, client, user_of, forest, nnmt
):
    reporter = user_of("Sở Nông nghiệp và Môi trường", Role.REPORTER)
    figure = figure_save(
        user=reporter,
        indicator=forest,
        organization=nnmt,
        period_code="2027",
        vintage="estimate",
        value="65",
        expected_revision=0,
    ).figure
    client.force_login(user_of("Thống kê tỉnh", Role.REVIEWER))
    figure_transition(user=reporter, figure=figure, action="submit")
    url = reverse("reporting:action", args=[figure.pk, "verify"])
    first = client.post(url, follow=True).content.decode()
    assert (
        "Đã kiểm tra xong; số liệu chuyển Sở Tài chính duyệt: Tỷ lệ che phủ rừng (năm 2027)"
        in first
    )
    second = client.post(url, follow=True).content.decode()
    assert "từ lần bấm trước; lần bấm này không làm lại gì" in second
    assert "Không thể" not in second
    assert figure.audit.filter(action="verify").count() == 1


def test_the_reporters_list_costs_the_same_few_queries_however_long(
    demo, client, as_user, django_assert_max_num_queries
):
    as_user("Sở Y tế", Role.REPORTER)  # 13 named indicators and 54 shared ones
    # (one of them the header's: the role and the unread notices)
    with django_assert_max_num_queries(12):
        client.get(reverse("reporting:mine") + "?ky=2025")
