"""In a real browser: the import preview asks which column is what, re-reads the rows on screen
when a role changes, and saves with the roles chosen. Also draws each shape's preview for the
import guide (docs/import.md)."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from chitieu.access.choices import Role
from chitieu.access.models import Membership
from chitieu.conftest import ARTEFACTS, SEED_000, SEEDS
from chitieu.importers.tests.shapes import (
    ONE_YEAR_TWICE,
    ORGANISATIONS,
    PERIODS,
    SECTION_LEADS,
    TASKS,
    build,
)
from chitieu.organizations.models import Organization
from chitieu.organizations.services import organizations_load_directory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ACTUAL = "số thực hiện, không phải mục tiêu"


def _upload(page, path) -> None:
    page.goto("/nhap-lieu/")
    page.get_by_label("Tệp phụ lục").set_input_files(str(path))
    page.get_by_role("button", name="Đọc tệp và xem trước").click()
    expect(page.get_by_role("heading", name=f"Xem trước: {path.name}")).to_be_visible()


def _seen(locator) -> None:
    """Shown to the person: visible, and in the window once scrolled to (after htmx has finished
    swapping, so the element scrolled to is the one that stays)."""
    locator.page.wait_for_function(
        "() => !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling')"
    )
    expect(locator).to_be_visible()
    locator.scroll_into_view_if_needed()
    expect(locator).to_be_visible()
    expect(locator).to_be_in_viewport()


def test_the_import_page_walks_through_the_column_mapping(page, sign_in, shot, axe_check, tmp_path):
    call_command("load_demo", verbosity=0)
    path = tmp_path / "chi-tieu-2026.xlsx"
    path.write_bytes(build(ONE_YEAR_TWICE, "xlsx"))
    sign_in(page, "taichinh")
    _upload(page, path)
    # the reader cannot tell which 2025 column is the plan: it asks, and reads both as targets
    giao = page.get_by_label("Vai trò cột 4 “Năm 2025 / Giao”")
    achieved = page.get_by_label("Vai trò cột 5 “Năm 2025 / Đạt được”")
    _seen(achieved)
    assert achieved.input_value() == "" and giao.input_value() == ""
    asked = page.locator("section.mapping tr", has_text="Năm 2025 / Đạt được")
    expect(asked).to_contain_text("không chắc — hãy chọn")
    rows = page.locator("#cac-dong table.preview")
    _seen(rows.get_by_text("Tổng sản phẩm trên địa bàn (GRDP) (Đạt được)"))
    shot(page, "nhap-cot-de-xuat")
    _crop(page, "import-asked.png")
    page.evaluate("() => { window.sameDocument = true; }")  # gone if the page reloads

    # a role that leaves no name column is refused on the spot, the rows kept as they were
    name = page.get_by_label("Vai trò cột 2 “Chỉ tiêu”")
    name.select_option("ignore")
    _seen(page.get_by_text("chưa có cột nào là “Chỉ tiêu”", exact=False))
    name.select_option("indicator")
    expect(page.get_by_text("Chưa đọc lại được theo vai trò đã chọn")).to_have_count(0)

    # when the person says "Đạt được" is what was achieved, and "Giao" the 2025 plan
    achieved.select_option("actual@2025")
    achieved_row = rows.locator("tbody tr", has_text="101.500")
    expect(achieved_row).to_contain_text(ACTUAL)
    giao.select_option("target@2025")
    expect(rows).not_to_contain_text("(Giao)")

    # then the rows are read again in place: the achieved figure is no longer a target
    _seen(achieved_row.get_by_text(ACTUAL))
    expect(rows.locator("tbody tr", has_text="100.000")).not_to_contain_text(ACTUAL)
    expect(rows).not_to_contain_text("(Đạt được)")
    expect(rows).not_to_contain_text("(Giao)")
    expect(page.get_by_text("Cần chọn vai trò trước khi lưu")).to_have_count(0)
    assert page.evaluate("() => window.sameDocument === true")
    assert page.js_errors == []
    shot(page, "nhap-cot-da-chon")
    _crop(page, "import-chosen.png")
    axe_check(page)

    # and the plan saved holds the targets, not the achieved figures
    page.get_by_role("button", name="Lưu vào danh mục").click()
    _seen(page.get_by_text("Đã lưu"))
    plan_table = page.locator("table.plan")
    _seen(plan_table.get_by_text("112.000"))
    _seen(plan_table.get_by_text("100.000"))
    expect(plan_table).not_to_contain_text("101.500")
    shot(page, "nhap-ket-qua")


def test_without_javascript_the_button_rereads_the_rows(chromium, live_server, tmp_path, sign_in):
    call_command("load_demo", verbosity=0)
    context = chromium.new_context(
        base_url=live_server.url, java_script_enabled=False, viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    try:
        path = tmp_path / "chi-tieu-2026.xlsx"
        path.write_bytes(build(ONE_YEAR_TWICE, "xlsx"))
        sign_in(page, "taichinh")
        _upload(page, path)
        page.get_by_label("Vai trò cột 5 “Năm 2025 / Đạt được”").select_option("actual@2025")
        page.get_by_role("button", name="Đọc lại các dòng theo vai trò đã chọn").click()
        row = page.locator("#cac-dong tbody tr", has_text="101.500")
        _seen(row.get_by_text(ACTUAL))
        # the choice is kept on the page sent back
        assert page.get_by_label("Vai trò cột 5 “Năm 2025 / Đạt được”").input_value() == (
            "actual@2025"
        )
    finally:
        context.close()


SHAPES = [
    ("periods", PERIODS, "html", "GRDP bình quân đầu người"),
    ("organisations", ORGANISATIONS, "xlsx", "Xã Hòa An"),
    ("section-leads", SECTION_LEADS, "docx", "Kinh tế số chiếm 45% GRDP"),
    ("tasks", TASKS, "txt", "Xây dựng kế hoạch chuyển đổi số"),
]


def test_each_shape_has_its_preview(page, sign_in, tmp_path, django_user_model):
    # a compiler of the finance department, without the demo's plans
    organizations_load_directory()
    user = django_user_model.objects.create_user("nhaplieu", password="chitieu-demo")
    Membership.objects.create(
        user=user, organization=Organization.objects.get(name="Sở Tài chính"), role=Role.COMPILER
    )
    sign_in(page, "nhaplieu")
    files = [(name, build(shape, fmt), f"{name}.{fmt}", seen) for name, shape, fmt, seen in SHAPES]
    files += [
        ("province", (SEEDS / SEED_000).read_bytes(), "phu-luc-tinh.txt", "Tốc độ tăng"),
        ("prose", (SEEDS / "002_ad4a9c0b18438c67.txt").read_bytes(), "van-ban.txt", "Trích:"),
    ]
    for name, data, filename, seen in files:
        path = tmp_path / filename
        path.write_bytes(data)
        _upload(page, path)
        rows = page.locator("#cac-dong table.preview")
        _seen(rows.get_by_text(seen).first)
        assert page.locator("section.mapping").count() == (name not in ("province", "prose"))
        _crop(page, f"import-{name}.png")


def _crop(page, filename: str) -> None:
    """The column roles (when the shape has them) and the first rows, as one picture."""
    top = page.locator("section.mapping, #cac-dong").first.bounding_box()
    rows = page.locator("#cac-dong table.preview").bounding_box()
    assert top is not None and rows is not None
    scroll = page.evaluate("() => window.scrollY")
    y = top["y"] + scroll
    height = min(rows["y"] + scroll + rows["height"] - y, 900)
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(
        path=str(ARTEFACTS / filename),
        full_page=True,
        clip={"x": 0, "y": y, "width": 1280, "height": height},
    )
