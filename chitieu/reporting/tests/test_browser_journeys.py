"""In a real browser, a figure's working day: the health department enters it (a wrong value
first), sends it; the statistics office checks it; finance approves it; the leader reads it on a
phone. Each step asserts what is on screen and inside the window, not only in the HTML."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.contrib.sessions.models import Session
from django.core.management import call_command

from chitieu.catalog.models import Indicator
from chitieu.reporting.models import Figure, FigureAudit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

INSURANCE = "Tỷ lệ người dân tham gia bảo hiểm y tế"
CHECKUP = "Tỉ lệ người dân được hưởng chính sách khám sức khỏe hằng năm"


def in_viewport(tab, locator) -> bool:
    """The element is drawn and wholly inside the window, where the person is looking."""
    box = locator.bounding_box()
    size = tab.viewport_size
    return (
        locator.is_visible()
        and box is not None
        and box["y"] >= 0
        and box["y"] + box["height"] <= size["height"]
        and box["x"] >= 0
        and box["x"] + box["width"] <= size["width"]
    )


def focused_id(tab) -> str:
    return tab.evaluate("() => document.activeElement && document.activeElement.id")


def sign_out(tab) -> None:
    tab.get_by_role("button", name="Đăng xuất").click()
    tab.wait_for_url(re.compile("/dang-nhap/"))


def test_a_figure_goes_from_the_reporter_to_the_leader(page, phone, sign_in, shot, axe_check):
    call_command("load_demo", verbosity=0)
    insurance = Indicator.objects.get(name=INSURANCE)
    checkup = Indicator.objects.get(name=CHECKUP)
    row = page.locator(f"#chi-tieu-{insurance.pk}")
    field = row.locator("input[name=value]")

    # the health department's list starts with its own indicators; GRDP is folded away
    sign_in(page, "yte")
    page.goto("/so-lieu/?ky=2026")
    assert page.get_by_role("heading", name="Số liệu Sở Y tế — năm 2026").is_visible()
    first = page.locator("table.figures tbody tr").first
    assert "Dân số" in first.inner_text()
    assert not page.get_by_text("Tổng sản phẩm trên địa bàn (GRDP)", exact=True).is_visible()
    axe_check(page)

    # 150 % is refused beside the field, in view, with the value kept and the cursor in it
    field.fill("150")
    row.get_by_role("button", name="Lưu").click()
    error = page.locator(f"#loi-{insurance.pk}")
    error.wait_for(state="visible")
    assert "150 nằm ngoài khoảng 0 - 100 của tỷ lệ này. Chưa lưu." in error.inner_text()
    assert in_viewport(page, error)
    assert field.input_value() == "150"
    assert focused_id(page) == f"gia-tri-{insurance.pk}"
    assert not Figure.objects.filter(indicator=insurance).exists()
    shot(page, "nhap-so-lieu-loi")

    # corrected from the keyboard alone: the cursor is already in the field, Enter saves
    page.keyboard.press("Control+A")
    page.keyboard.type("92,5")
    page.keyboard.press("Enter")
    saved = row.locator(".field-ok")
    saved.wait_for(state="visible")
    assert "Đã nhập 92,5 %" in saved.inner_text()
    assert in_viewport(page, saved)
    figure = Figure.objects.get(indicator=insurance, period_code="2026")
    assert figure.value == Decimal("92.5") and figure.status == "draft"

    # the cursor goes on to the next indicator's value, never onto "Gửi Thống kê": sending is a
    # step of its own, and it brings the page's count down at once, without a reload
    page.wait_for_function(
        f"() => document.activeElement.id === 'gia-tri-{checkup.pk}'", timeout=5_000
    )
    left = int(page.locator("#todo-total strong").inner_text().split()[0])
    row.get_by_role("button", name="Gửi Thống kê").click()
    row.get_by_text("Đã gửi Thống kê tỉnh kiểm tra").wait_for(state="visible")
    assert row.locator(".st.submitted").is_visible()
    figure.refresh_from_db()
    assert figure.status == "submitted"
    assert page.locator("#todo-total strong").inner_text() == (
        f"{left - 1} chỉ tiêu còn phải nhập hoặc gửi"
    )

    # then straight on to the next indicator, still without the mouse: Tab to the comment, Enter
    page.wait_for_function(
        f"() => document.activeElement.id === 'gia-tri-{checkup.pk}'", timeout=5_000
    )
    page.keyboard.type("80")
    page.keyboard.press("Tab")
    page.keyboard.type("ước theo báo cáo quý")
    page.keyboard.press("Enter")
    page.locator(f"#chi-tieu-{checkup.pk} .field-ok").wait_for(state="visible")
    assert Figure.objects.get(indicator=checkup, period_code="2026").comment == (
        "ước theo báo cáo quý"
    )
    sign_out(page)

    # the statistics office finds it in its queue, period written out, and checks it
    sign_in(page, "thongke")
    page.goto("/so-lieu/kiem-tra/")
    queued = page.locator("tbody tr", has_text=INSURANCE)
    assert queued.get_by_role("cell", name="Năm 2026", exact=True).is_visible()
    axe_check(page)
    queued.get_by_role("link", name="Xem, kiểm tra").click()
    assert page.get_by_role("heading", name=f"{INSURANCE} — năm 2026").is_visible()
    axe_check(page)
    page.get_by_role("button", name="Kiểm tra xong").click()
    done = page.get_by_text("Đã kiểm tra xong; số liệu chuyển Sở Tài chính duyệt")
    assert done.is_visible() and in_viewport(page, done)
    assert page.get_by_role("cell", name="Đã gửi → Thống kê đã kiểm tra").is_visible()
    sign_out(page)

    # finance approves and locks it
    sign_in(page, "taichinh")
    page.goto("/so-lieu/kiem-tra/")
    page.locator("tbody tr", has_text=INSURANCE).get_by_role("link", name="Xem, duyệt").click()
    page.get_by_role("button", name="Duyệt và khóa").click()
    # it says whether the figure counts: Sở Y tế leads the target, so it does
    done = page.get_by_text(re.compile(r"Đã duyệt và khóa: .* Số liệu được dùng để đánh giá"))
    assert done.is_visible() and in_viewport(page, done)
    figure.refresh_from_db()
    assert figure.status == "approved"
    assert (
        FigureAudit.objects.filter(figure=figure).count() == 4
    )  # entered, sent, checked, approved

    # the leader, on a phone, reads the indicator: approved, and nothing to change anywhere
    sign_in(phone, "lanhdao")
    phone.goto(f"/chi-tieu/{insurance.pk}/")
    figures = phone.locator(
        "table.list", has=phone.get_by_role("columnheader", name="Loại số liệu")
    )
    line = figures.locator("tbody tr", has_text="Năm 2026").filter(has_text="92,5")
    line.scroll_into_view_if_needed()
    assert line.get_by_text("Đã duyệt (khóa)").is_visible()
    # and the evaluation of the plan now reads the approved figure
    evaluation = (
        phone.locator("table.list", has=phone.get_by_role("columnheader", name="Giải thích"))
        .locator("tbody tr", has_text="Kế hoạch số 130/KH-UBND")
        .first
    )
    assert "92,5" in evaluation.inner_text()
    assert not evaluation.get_by_text("Chưa có số liệu", exact=True).is_visible()
    for tab_path in (f"/chi-tieu/{insurance.pk}/", f"/so-lieu/{figure.pk}/", "/so-lieu/?ky=2026"):
        phone.goto(tab_path)
        assert phone.locator("main input[name=value]").count() == 0
        for control in ("Lưu", "Gửi Thống kê", "Kiểm tra xong", "Duyệt và khóa", "Mở lại"):
            assert not phone.get_by_role("button", name=control).is_visible()
        for link in ("Tải số liệu từ Excel lên", "Tải mẫu Excel kỳ này", "+ Nhập phụ lục"):
            assert not phone.get_by_role("link", name=link).is_visible()
    phone.goto("/so-lieu/kiem-tra/")
    assert phone.get_by_text(
        "Chỉ Thống kê tỉnh và Sở Tài chính có danh sách chờ kiểm tra."
    ).is_visible()


def test_an_expired_session_or_a_refused_request_loses_nothing_typed(page, sign_in):
    call_command("load_demo", verbosity=0)
    insurance = Indicator.objects.get(name=INSURANCE)
    sign_in(page, "yte")
    page.goto("/so-lieu/?ky=2026")
    field = page.locator(f"#gia-tri-{insurance.pk}")
    field.fill("91,2")
    Session.objects.all().delete()  # the session ends while the form is open

    page.locator(f"#chi-tieu-{insurance.pk}").get_by_role("button", name="Lưu").click()
    page.wait_for_url(re.compile("/dang-nhap/"))
    assert page.get_by_text(
        "Phiên đăng nhập đã hết nên số liệu vừa nhập chưa được lưu"
    ).is_visible()
    assert not Figure.objects.filter(indicator=insurance).exists()

    page.get_by_label("Tên đăng nhập").fill("yte")
    page.get_by_label("Mật khẩu").fill("chitieu-demo")
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(re.compile("/so-lieu/"))
    # back on the same row: the typed value is in the field, the cursor in it, the reason beside
    assert field.input_value() == "91,2"
    assert focused_id(page) == f"gia-tri-{insurance.pk}"
    assert in_viewport(page, page.locator(f"#loi-{insurance.pk}"))

    # a double click saves once
    page.locator(f"#chi-tieu-{insurance.pk}").get_by_role("button", name="Lưu").dblclick()
    page.locator(f"#chi-tieu-{insurance.pk} .field-ok").wait_for(state="visible")
    figure = Figure.objects.get(indicator=insurance, period_code="2026")
    assert figure.value == Decimal("91.2")
    assert FigureAudit.objects.filter(figure=figure).count() == 1

    # a request the server refuses (here: the security cookie is gone) says so beside the form,
    # and the typed value stays
    page.context.clear_cookies(name="csrftoken")
    other = page.locator(f"#gia-tri-{insurance.pk}")
    other.fill("91,3")
    page.locator(f"#chi-tieu-{insurance.pk}").get_by_role("button", name="Lưu").click()
    refused = page.locator(f"#chi-tieu-{insurance.pk} .action-error")
    refused.wait_for(state="visible")
    assert "Không thực hiện được (mã 403)" in refused.inner_text()
    assert "Chưa lưu gì" in refused.inner_text() and in_viewport(page, refused)
    assert other.input_value() == "91,3"
    figure.refresh_from_db()
    assert figure.value == Decimal("91.2")


def test_on_a_phone_enter_twice_saves_once_and_keeps_the_figure_a_draft(phone, sign_in):
    call_command("load_demo", verbosity=0)
    insurance = Indicator.objects.get(name=INSURANCE)
    checkup = Indicator.objects.get(name=CHECKUP)
    sign_in(phone, "yte")
    phone.goto("/so-lieu/?ky=2026")
    posts: list[str] = []
    phone.on("request", lambda r: posts.append(r.url) if r.method == "POST" else None)
    field = phone.locator(f"#gia-tri-{insurance.pk}")
    # the value box says its unit and that Enter goes on to the next one
    assert field.get_attribute("placeholder") == "%"
    assert field.get_attribute("enterkeyhint") == "next"
    field.tap()
    phone.keyboard.type("92,5")
    # "Go" twice, as a thumb does
    phone.keyboard.press("Enter")
    phone.locator(f"#chi-tieu-{insurance.pk} .field-ok").wait_for(state="visible")
    phone.wait_for_function(
        f"() => document.activeElement.id === 'gia-tri-{checkup.pk}'", timeout=5_000
    )
    phone.keyboard.press("Enter")
    # the second Enter lands in the next, empty value field: the browser holds that form back
    assert phone.evaluate("() => document.activeElement.validity.valueMissing")
    assert focused_id(phone) == f"gia-tri-{checkup.pk}"
    figure = Figure.objects.get(indicator=insurance, period_code="2026")
    assert figure.status == "draft" and figure.revision == 1
    assert FigureAudit.objects.filter(figure=figure).count() == 1
    assert not Figure.objects.filter(indicator=checkup, period_code="2026").exists()
    saved = phone.locator(f"#chi-tieu-{insurance.pk} .field-ok")
    assert "Đã nhập 92,5 %" in saved.inner_text() and in_viewport(phone, saved)
    assert len(posts) == 1, posts  # one save sent, nothing else (no "Gửi Thống kê")

    # Lưu tapped twice on the same value writes nothing more, and says so
    button = phone.locator(f"#chi-tieu-{insurance.pk}").get_by_role("button", name="Lưu")
    button.scroll_into_view_if_needed()
    button.dblclick()
    phone.get_by_text("Không có gì thay đổi; 92,5 %").wait_for(state="visible")
    figure.refresh_from_db()
    assert figure.revision == 1 and FigureAudit.objects.filter(figure=figure).count() == 1
