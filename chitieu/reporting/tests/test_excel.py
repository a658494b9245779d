"""The figures' Excel upload: hostile files refused cheaply, the template round trip that forgives."""

import io
import zipfile
from decimal import Decimal as D

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from chitieu.access.choices import Role
from chitieu.reporting import excel
from chitieu.reporting.excel import (
    UploadRefused,
    build_template,
    figure_upload_create,
    figure_upload_save,
    read_upload,
)
from chitieu.reporting.models import Figure, FigureUpload
from chitieu.reporting.services import figure_save, figure_transition
from chitieu.reporting.sheet import SheetLimits


def _xlsx(fill) -> bytes:
    wb = openpyxl.Workbook()
    fill(wb.active)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _set_dimension(data: bytes, ref: str) -> bytes:
    """Rewrite the sheet's <dimension>, as a file made by another program may have it."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                text = body.decode()
                start = text.index("<dimension ref=")
                end = text.index("/>", start) + 2
                body = (text[:start] + f'<dimension ref="{ref}"/>' + text[end:]).encode()
            dst.writestr(info, body)
    return out.getvalue()


def test_a_sheet_claiming_a_million_rows_is_refused_before_any_row_is_read(nnmt):
    # given the 5 KB file of the report: one cell in row 1.048.576
    data = _xlsx(lambda ws: ws.cell(1048576, 1, "x"))
    # when it is read
    up = read_upload(data, nnmt, "mot-o.xlsx")
    # then it is refused in Vietnamese without visiting a row
    assert up.errors == [
        "mot-o.xlsx, trang “Sheet”: bảng khai báo tới dòng 1.048.576, vượt giới hạn 12.000 dòng "
        "của mẫu nhập số liệu; bị từ chối. Hãy xóa các dòng thừa phía dưới (hoặc tải mẫu mới) rồi "
        "tải lên lại."
    ]
    assert up.rows_visited == 0 and up.rows == []


def test_a_sheet_hiding_a_far_row_behind_a_small_dimension_stops_at_the_limit(nnmt):
    data = _set_dimension(_xlsx(lambda ws: ws.cell(1048576, 1, "x")), "A1:A1")
    limits = SheetLimits(max_rows=50)
    up = read_upload(data, nnmt, "gia.xlsx", limits=limits)
    assert up.errors == [
        "gia.xlsx, trang “Sheet”: có dữ liệu hoặc định dạng từ dòng 51 trở xuống, vượt giới hạn "
        "50 dòng; bị từ chối. Hãy xóa các dòng thừa rồi tải lên lại."
    ]
    assert up.rows_visited == 50  # the stream stopped at the limit, not at row 1.048.576


def test_a_zip_bomb_is_refused_by_the_importers_guard(nnmt):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.writestr("xl/worksheets/sheet1.xml", b"\0" * (20 * 1024 * 1024))
    up = read_upload(out.getvalue(), nnmt, "bom.xlsx")
    assert len(up.errors) == 1
    assert up.errors[0].startswith(
        "bom.xlsx: thành phần “xl/worksheets/sheet1.xml” nén bất thường (tỷ lệ"
    )
    assert up.errors[0].endswith(":1); bị từ chối.")


def test_too_many_entries_and_a_heavy_file_are_refused(nnmt):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for i in range(201):
            z.writestr(f"x/{i}.xml", "<a/>")
    up = read_upload(out.getvalue(), nnmt, "nhieu.xlsx")
    assert up.errors == ["nhieu.xlsx: tệp chứa 201 thành phần, vượt giới hạn 200; bị từ chối."]
    up = read_upload(b"PK\x03\x04" + b"x" * (6 * 1024 * 1024), nnmt, "nang.xlsx")
    assert up.errors == ["nang.xlsx: tệp nặng 6 MB, vượt giới hạn 5 MB; bị từ chối."]


def test_data_beyond_the_templates_columns_is_refused_naming_the_cell(nnmt):
    data = _xlsx(lambda ws: ws.cell(7, 12, "ghi chú"))
    up = read_upload(data, nnmt, "rong.xlsx")
    assert up.errors == [
        "rong.xlsx, dòng 7, cột L: có dữ liệu ngoài 10 cột của mẫu (A–J); bị từ chối. Hãy xóa "
        "hoặc chuyển nội dung đó vào cột Giải thích."
    ]


def test_reading_past_the_time_budget_is_refused(nnmt):
    # a clock that moves a second at every look: the budget of 3 s runs out at the fourth row
    ticks = iter(range(100))
    data = _xlsx(lambda ws: [ws.cell(r, 1, r) for r in range(1, 20)])
    up = read_upload(data, nnmt, "cham.xlsx", SheetLimits(seconds=3), clock=lambda: next(ticks))
    assert up.errors == [
        "cham.xlsx: đọc tệp quá 3 giây (mới tới dòng 4); tệp quá lớn hoặc bất thường, bị từ "
        "chối. Hãy tải mẫu mới, chép số liệu sang."
    ]
    assert up.rows_visited == 3


def test_an_oversized_upload_is_refused_on_the_page_and_nothing_is_kept(
    demo, client, user_of, nnmt
):
    client.force_login(user_of(nnmt.name, Role.REPORTER))
    big = SimpleUploadedFile("to.xlsx", b"PK\x03\x04" + b"\0" * (5 * 1024 * 1024 + 1))
    response = client.post(reverse("reporting:upload"), {"file": big})
    assert response.status_code == 200
    # the upload handler stopped keeping the file at the limit: the view never held 5 MB of it
    assert "to.xlsx: tệp nặng hơn 5.0 MB, vượt giới hạn 5 MB" in response.content.decode()
    assert FigureUpload.objects.count() == 0
    assert "upload" not in client.session


def _edit(data: bytes, edits: dict[int, dict[int, object]]) -> bytes:
    wb = openpyxl.load_workbook(io.BytesIO(data))
    ws = wb.active
    for row, cols in edits.items():
        for col, value in cols.items():
            ws.cell(row, col).value = value
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _line_of(data: bytes, name: str) -> int:
    ws = openpyxl.load_workbook(io.BytesIO(data)).active
    return next(r for r in range(5, ws.max_row + 1) if ws.cell(r, 2).value == name)


@pytest.fixture
def reporter(user_of, nnmt):
    return user_of(nnmt.name, Role.REPORTER)


def _approved(user_of, reporter, forest, nnmt, value="64,3"):
    f = figure_save(
        user=reporter,
        indicator=forest,
        organization=nnmt,
        period_code="2026",
        vintage="estimate",
        value=value,
        expected_revision=0,
    ).figure
    figure_transition(user=reporter, figure=f, action="submit")
    figure_transition(user=user_of("Thống kê tỉnh", Role.REVIEWER), figure=f, action="verify")
    figure_transition(user=user_of("Sở Tài chính", Role.COMPILER), figure=f, action="approve")
    return Figure.objects.get(pk=f.pk)


def test_the_downloaded_template_sent_back_unchanged_saves_nothing_and_says_why(
    demo, client, user_of, reporter, forest, nnmt
):
    # given an approved figure in the template (the report's "Dòng 24: đã duyệt và khóa")
    approved = _approved(user_of, reporter, forest, nnmt)
    client.force_login(reporter)
    data = client.get(reverse("reporting:template") + "?ky=2026").content
    # when the template goes back unchanged
    response = client.post(
        reverse("reporting:upload"), {"file": SimpleUploadedFile("nguyen.xlsx", data)}
    )
    up = response.context["up"]
    # then there is no error, nothing to save, and the locked row is listed as skipped
    assert up.errors == [] and up.rows == []
    locked = [r for r in up.skipped if r.indicator == forest]
    assert [(r.line, r.skip_reason, r.vintage_label) for r in locked] == [
        (_line_of(data, forest.name), "đã duyệt và khóa, không đổi", "Ước tính")
    ]
    assert {r.skip_reason for r in up.skipped} == {
        "đã duyệt và khóa, không đổi",
        "để trống, chưa báo cáo",
    }
    html = response.content.decode()
    assert "Không có dòng nào thay đổi." in html and "estimate" not in html
    assert Figure.objects.get(pk=approved.pk).revision == approved.revision


def test_only_changed_rows_are_saved_and_the_result_lists_the_skipped(
    demo, client, user_of, reporter, forest, nnmt
):
    _approved(user_of, reporter, forest, nnmt)
    client.force_login(reporter)
    data = client.get(reverse("reporting:template") + "?ky=2026").content
    waste = "Tỷ lệ chất thải nguy hại được thu gom, xử lý"
    filled = _edit(data, {_line_of(data, waste): {6: "97,5", 5: "Sơ bộ"}})
    preview = client.post(
        reverse("reporting:upload"), {"file": SimpleUploadedFile("sua.xlsx", filled)}
    )
    up = preview.context["up"]
    assert [(r.indicator.name, r.vintage_label, r.value) for r in up.rows] == [
        (waste, "Sơ bộ", D("97.5"))
    ]
    assert "Sơ bộ" in preview.content.decode() and "preliminary" not in preview.content.decode()
    kept = preview.context["kept"]
    response = client.post(reverse("reporting:upload"), {"upload": kept.pk}, follow=True)
    assert Figure.objects.get(indicator__name=waste, period_code="2026").value == D("97.5")
    html = response.content.decode()
    assert "Đã lưu 1 số liệu" in html and "đã duyệt và khóa, không đổi" in html
    # the same kept file is not saved twice (a double click, the back button)
    client.post(reverse("reporting:upload"), {"upload": kept.pk})
    assert Figure.objects.get(indicator__name=waste, period_code="2026").revision == 1


def test_a_changed_locked_row_is_refused_in_the_preview_not_at_save(
    demo, client, user_of, reporter, forest, nnmt
):
    _approved(user_of, reporter, forest, nnmt)
    client.force_login(reporter)
    data = client.get(reverse("reporting:template") + "?ky=2026").content
    line = _line_of(data, forest.name)
    up = read_upload(_edit(data, {line: {6: "70"}}), nnmt, "khoa.xlsx")
    assert up.errors == [
        f"khoa.xlsx, dòng {line}: số liệu đã được duyệt và khóa (64,3); muốn sửa phải đề nghị "
        "Sở Tài chính mở lại có lý do. Hãy để nguyên giá trị cũ."
    ]


def test_a_row_changed_by_someone_since_the_download_is_a_conflict(reporter, forest, nnmt):
    first = figure_save(
        user=reporter,
        indicator=forest,
        organization=nnmt,
        period_code="2026",
        vintage="estimate",
        value="65",
        expected_revision=0,
    ).figure
    data = build_template(nnmt, "2026")
    figure_save(
        user=reporter,
        indicator=forest,
        organization=nnmt,
        period_code="2026",
        vintage="estimate",
        value="66",
        expected_revision=first.revision,
    )
    line = _line_of(data, forest.name)
    up = read_upload(_edit(data, {line: {6: "67"}}), nnmt, "cu.xlsx")
    assert len(up.errors) == 1 and up.rows == []
    assert up.errors[0].startswith(f"cu.xlsx, dòng {line}: Số liệu này vừa được")
    assert "sửa thành 66 (lần sửa 2); giá trị bạn nhập 67 chưa được lưu." in up.errors[0]


def test_a_row_without_its_revision_is_refused(reporter, forest, nnmt):
    data = build_template(nnmt, "2026")
    line = _line_of(data, forest.name)
    up = read_upload(_edit(data, {line: {6: "65", 10: None}}), nnmt, "thieu.xlsx")
    assert up.errors == [
        f"thieu.xlsx, dòng {line}, cột Lần sửa (ẩn): Thiếu lần sửa của số liệu (revision), nên "
        "không biết bạn đã thấy giá trị nào; chưa lưu. Hãy mở lại trang hoặc tải mẫu Excel mới "
        "rồi nhập lại, để không ghi đè số liệu người khác vừa sửa."
    ]


def test_the_million_row_file_sent_to_the_page_is_refused_and_not_kept(demo, client, user_of, nnmt):
    client.force_login(user_of(nnmt.name, Role.REPORTER))
    data = _xlsx(lambda ws: ws.cell(1048576, 1, "x"))
    response = client.post(
        reverse("reporting:upload"), {"file": SimpleUploadedFile("mot-o.xlsx", data)}
    )
    assert response.status_code == 200
    assert response.context["up"].rows_visited == 0
    assert (
        "bảng khai báo tới dòng 1.048.576, vượt giới hạn 12.000 dòng" in response.content.decode()
    )
    assert FigureUpload.objects.count() == 0 and "upload" not in client.session


def test_clearing_an_entered_value_is_refused_not_taken_as_a_deletion(reporter, forest, nnmt):
    figure_save(
        user=reporter,
        indicator=forest,
        organization=nnmt,
        period_code="2026",
        vintage="estimate",
        value="65",
        expected_revision=0,
    )
    data = build_template(nnmt, "2026")
    line = _line_of(data, forest.name)
    up = read_upload(_edit(data, {line: {6: None}}), nnmt, "xoa.xlsx")
    assert up.errors == [
        f"xoa.xlsx, dòng {line}, cột Giá trị: để trống nhưng đã có số liệu 65; không xóa số liệu "
        "bằng tệp được. Hãy ghi lại giá trị (hoặc giá trị mới)."
    ]


def test_the_upload_page_still_checks_csrf(demo, user_of, nnmt):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(user_of(nnmt.name, Role.REPORTER))
    data = _xlsx(lambda ws: ws.cell(1, 1, "x"))
    response = strict.post(
        reverse("reporting:upload"), {"file": SimpleUploadedFile("a.xlsx", data)}
    )
    assert response.status_code == 403 and FigureUpload.objects.count() == 0


def _kept(reporter, nnmt, forest, name, value):
    """An upload previewed and kept: the template with the forest row's value changed."""
    data = build_template(nnmt, "2026")
    line = _line_of(data, forest.name)
    kept, up = figure_upload_create(
        organization=nnmt, name=name, data=_edit(data, {line: {6: value}}), user=reporter
    )
    assert kept is not None
    return kept, up, line


def test_saving_an_upload_checks_its_kept_rows_against_the_figures_as_they_are_then(
    reporter, forest, nnmt, monkeypatch
):
    # given an upload previewed and kept, its rows read once
    kept, up, line = _kept(reporter, nnmt, forest, "mot-lan.xlsx", "67")
    assert [r.line for r in up.rows] == [line]
    assert [n for n, _ in kept.cells] == [n for n, _ in up.cells] and line in dict(up.cells)
    # when someone enters the figure before it is saved, and the workbook is never read again
    monkeypatch.setattr(excel, "read_sheet", lambda *a, **k: pytest.fail("read a second time"))
    figure_save(
        user=reporter,
        indicator=forest,
        organization=nnmt,
        period_code="2026",
        vintage="estimate",
        value="66",
        expected_revision=0,
    )
    with pytest.raises(UploadRefused) as refused:
        figure_upload_save(upload=kept, user=reporter)
    # then the kept row meets the stored figure and is refused as the preview would refuse it
    assert f"mot-lan.xlsx, dòng {line}: Số liệu này vừa được" in str(refused.value)
    assert Figure.objects.get(indicator=forest, period_code="2026").value == D(66)


def test_a_kept_upload_saves_its_rows_without_reading_the_workbook_again(
    reporter, forest, nnmt, monkeypatch
):
    kept, _, line = _kept(reporter, nnmt, forest, "luu.xlsx", "67,5")
    monkeypatch.setattr(excel, "read_sheet", lambda *a, **k: pytest.fail("read a second time"))
    saved = figure_upload_save(upload=kept, user=reporter)
    assert [r.line for r in saved.rows] == [line]
    assert Figure.objects.get(indicator=forest, period_code="2026").value == D("67.5")


def test_an_upload_kept_before_its_rows_were_kept_is_read_from_its_file(reporter, forest, nnmt):
    kept, _, _ = _kept(reporter, nnmt, forest, "cu.xlsx", "68")
    FigureUpload.objects.filter(pk=kept.pk).update(cells=None)
    kept.refresh_from_db()
    figure_upload_save(upload=kept, user=reporter)
    assert Figure.objects.get(indicator=forest, period_code="2026").value == D(68)


# -- indicators of one name (decision 0057) --------------------------------------------------------
GRDP_SHARES = "Cơ cấu tổng sản phẩm trên địa bàn"
JOB_SHARES = "Tỷ trọng lao động có việc làm trong nền kinh tế"


def _cells(doc, heading: str) -> list[list[str]]:
    """The cells of the table under the heading that starts with ``heading``, row by row."""
    rows = doc.xpath(
        f"//*[self::h2 or self::h3 or self::summary][starts-with(normalize-space(.), '{heading}')]"
        "/following::table[1]/tbody/tr"
    )
    return [[" ".join(td.text_content().split()) for td in tr.xpath("./td")] for tr in rows]


def test_indicators_of_one_name_are_told_apart_in_the_template_the_preview_and_the_result(
    demo, client, reporter, forest, nnmt
):
    import lxml.html

    from chitieu.catalog.models import Indicator

    grdp = Indicator.objects.get(name="Dịch vụ", parent__name=GRDP_SHARES)
    jobs = Indicator.objects.get(name="Dịch vụ", parent__name=JOB_SHARES)
    economy = Indicator.objects.get(name="Dịch vụ", parent__name="Cơ cấu kinh tế")  # 2024's plan
    client.force_login(reporter)
    # given the template of NN&MT, which reports three "Dịch vụ"
    data = client.get(reverse("reporting:template") + "?ky=2026").content
    ws = openpyxl.load_workbook(io.BytesIO(data)).active
    named = {ws.cell(r, 1).value: ws.cell(r, 2).value for r in range(5, ws.max_row + 1)}
    # then each says its structure, and a name no other row has stays as it is
    assert {pk: label for pk, label in named.items() if label.startswith("Dịch vụ")} == {
        grdp.pk: f"Dịch vụ ({GRDP_SHARES})",
        jobs.pk: f"Dịch vụ ({JOB_SHARES})",
        economy.pk: "Dịch vụ (Cơ cấu kinh tế)",
    }
    assert named[forest.pk] == "Tỷ lệ che phủ rừng"
    # when the employment one is filled in and sent back
    line = next(r for r in range(5, ws.max_row + 1) if ws.cell(r, 1).value == jobs.pk)
    filled = _edit(data, {line: {6: "30,5"}})
    preview = client.post(
        reverse("reporting:upload"), {"file": SimpleUploadedFile("dich-vu.xlsx", filled)}
    )
    # then the row is read by its code, and the preview names it as the template did
    up = preview.context["up"]
    assert up.errors == []
    assert [(r.indicator.pk, r.value) for r in up.rows] == [(jobs.pk, D("30.5"))]
    doc = lxml.html.fromstring(preview.content.decode())
    assert [c[1] for c in _cells(doc, "Sẽ lưu")] == [f"Dịch vụ ({JOB_SHARES})"]
    skipped = [c[1] for c in _cells(doc, "Bỏ qua")]
    assert f"Dịch vụ ({GRDP_SHARES})" in skipped and "Dịch vụ" not in skipped
    # and so does the result once saved
    result = client.post(
        reverse("reporting:upload"), {"upload": preview.context["kept"].pk}, follow=True
    )
    doc = lxml.html.fromstring(result.content.decode())
    assert _cells(doc, "Đã lưu") == [
        [str(line), f"Dịch vụ ({JOB_SHARES})", "Năm 2026", "Ước tính", "30,5"]
    ]
    assert Figure.objects.get(indicator=jobs, organization=nnmt).value == D("30.5")
