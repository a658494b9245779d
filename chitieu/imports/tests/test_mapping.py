"""The preview asks which column is what: roles changed re-read the rows, confirmed ones are
remembered for the next file of the same layout, and nothing is saved before the confirmation."""

from dataclasses import replace
from datetime import UTC, datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from chitieu.access.choices import Role
from chitieu.access.models import Membership
from chitieu.catalog.models import Plan
from chitieu.importers.tests.shapes import ONE_YEAR_TWICE, REF, build
from chitieu.imports.models import ColumnMapping, ImportBatch
from chitieu.imports.selectors import signature_key
from chitieu.organizations.models import Organization
from chitieu.organizations.services import organizations_load_directory

GIAO, DAT_DUOC, NAM_2026 = "cot-0-3", "cot-0-4", "cot-0-5"
DECIDED = {GIAO: "target@2025", DAT_DUOC: "actual@2025"}
MOMENT = datetime(2026, 3, 9, 2, 30, tzinfo=UTC)


@pytest.fixture
def user(client, django_user_model, db):
    organizations_load_directory()
    user = django_user_model.objects.create_user("cv", password="x")
    Membership.objects.create(
        user=user, organization=Organization.objects.get(name="Sở Tài chính"), role=Role.COMPILER
    )
    client.force_login(user)
    return user


def _upload(client, shape=ONE_YEAR_TWICE, name="chi-tieu-2026.xlsx"):
    client.post(reverse("imports:upload"), {"file": SimpleUploadedFile(name, build(shape, "xlsx"))})
    return ImportBatch.objects.latest("pk")


def _rows(response):
    return [
        (r.row.name, r.row.kind, r.row.period, r.row.target_text)
        for r in response.context["p"].rows
    ]


def test_the_preview_names_each_columns_proposed_role_and_asks_for_the_unsure(client, user):
    batch = _upload(client)
    response = client.get(reverse("imports:preview", args=[batch.pk]))
    html = response.content.decode()
    table = response.context["p"].tables[0]
    assert [(c.header, c.proposed, c.confidence, c.value) for c in table.columns] == [
        ("TT", "Số thứ tự", "chắc chắn", "number"),
        ("Chỉ tiêu", "Chỉ tiêu", "gần như chắc chắn", "indicator"),
        ("Đơn vị tính", "Đơn vị tính", "gần như chắc chắn", "unit"),
        ("Năm 2025 / Giao", "Mục tiêu (kỳ 2025)", "không chắc — hãy chọn", ""),
        ("Năm 2025 / Đạt được", "Mục tiêu (kỳ 2025)", "không chắc — hãy chọn", ""),
        ("Năm 2026", "Mục tiêu (kỳ 2026)", "khá chắc", "target@2026"),
        ("Cơ quan chủ trì", "Chủ trì", "gần như chắc chắn", "lead"),
    ]
    # each column has its select, posting to the re-read for htmx, the unsure ones undecided
    assert f'<select name="{DAT_DUOC}"' in html
    assert f'hx-post="{reverse("imports:remap", args=[batch.pk])}"' in html
    assert '<option value="" selected>— Chưa rõ, hãy chọn —</option>' in html
    assert '<option value="actual@2025">Thực hiện/ước thực hiện (kỳ 2025)</option>' in html
    assert "cột 5 “Năm 2025 / Đạt được”: chưa rõ chứa gì" in html


def test_a_column_switched_to_actual_rereads_its_rows_as_actuals_and_saves_nothing(client, user):
    batch = _upload(client)
    parsed = batch.parsed
    response = client.post(
        reverse("imports:remap", args=[batch.pk]), DECIDED, HTTP_HX_REQUEST="true"
    )
    # the rows part only, read again: "Đạt được" gives actuals, "Giao" the 2025 targets
    html = response.content.decode()
    assert response.status_code == 200 and "<h1>" not in html and 'id="cac-dong"' not in html
    assert _rows(response) == [
        ("Tổng sản phẩm trên địa bàn (GRDP)", "target", "2025", "100.000"),
        ("Tổng sản phẩm trên địa bàn (GRDP)", "target", "2026", "112.000"),
        ("Tổng sản phẩm trên địa bàn (GRDP)", "actual", "2025", "101.500"),
        ("Tỷ lệ che phủ rừng", "target", "2025", "64"),
        ("Tỷ lệ che phủ rừng", "target", "2026", "64,5"),
        ("Tỷ lệ che phủ rừng", "actual", "2025", "64,3"),
    ]
    assert html.count("số thực hiện, không phải mục tiêu") == 2
    assert "(Giao)" not in html and "Cần chọn vai trò" not in html
    # nothing saved: no plan, no remembered mapping, the kept reading unchanged
    batch.refresh_from_db()
    assert Plan.objects.count() == 0 and ColumnMapping.objects.count() == 0
    assert batch.parsed == parsed


def test_without_javascript_the_reread_is_the_whole_page_with_the_choices_kept(client, user):
    batch = _upload(client)
    response = client.post(
        reverse("imports:remap", args=[batch.pk]),
        {**DECIDED, NAM_2026: "ignore", "number": "25/KH-UBND"},
    )
    html = response.content.decode()
    assert "<h1>Xem trước: chi-tieu-2026.xlsx</h1>" in html
    assert '<option value="actual@2025" selected>' in html
    assert '<option value="ignore" selected>Bỏ qua</option>' in html
    assert {r[2] for r in _rows(response)} == {"2025"}  # the 2026 column is no longer read
    assert 'name="number" id="id_number" value="25/KH-UBND"' in html


def test_confirming_before_the_unsure_columns_are_chosen_is_refused_naming_them(client, user):
    batch = _upload(client)
    response = client.post(reverse("imports:confirm", args=[batch.pk]), {GIAO: "target@2025"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "cột 5 “Năm 2025 / Đạt được”: chưa rõ chứa gì" in html
    assert "cột 4 “Năm 2025 / Giao”: chưa rõ" not in html  # decided: not asked again
    assert Plan.objects.count() == 0 and ColumnMapping.objects.count() == 0


@pytest.mark.parametrize(
    "posted, message",
    [
        ({"cot-0-1": "ignore"}, "chưa có cột nào là “Chỉ tiêu” — hãy chọn cột tên chỉ tiêu"),
        (
            {"cot-0-6": "unit"},
            "cột 3 “Đơn vị tính” và cột 7 “Cơ quan chủ trì” cùng là “Đơn vị tính”",
        ),
        ({"cot-0-5": "owner"}, "cột 6 “Năm 2026”: vai trò “owner” không có trong danh sách"),
    ],
)
def test_roles_that_cannot_be_read_are_refused_in_words(client, user, posted, message):
    batch = _upload(client)
    for url, status in (("imports:remap", 200), ("imports:confirm", 400)):
        response = client.post(reverse(url, args=[batch.pk]), {**DECIDED, **posted})
        assert response.status_code == status and message in response.content.decode()
    assert Plan.objects.count() == 0


def test_the_confirmation_saves_with_the_chosen_roles_and_remembers_them(client, user, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.now", lambda: MOMENT)
    batch = _upload(client)
    response = client.post(reverse("imports:confirm", args=[batch.pk]), DECIDED)
    plan = Plan.objects.get()
    assert response["Location"] == reverse("web:plan", args=[plan.pk])
    # targets from the "Giao" and 2026 columns; the "Đạt được" figures are named, not saved
    assert sorted((t.indicator.name, t.period_code) for t in plan.targets.all()) == [
        ("Tổng sản phẩm trên địa bàn (GRDP)", "2025"),
        ("Tổng sản phẩm trên địa bàn (GRDP)", "2026"),
        ("Tỷ lệ che phủ rừng", "2025"),
        ("Tỷ lệ che phủ rừng", "2026"),
    ]
    assert sum("là số ước thực hiện/thực hiện kỳ 2025" in w for w in plan.warnings) == 2
    remembered = ColumnMapping.objects.get()
    assert (remembered.confirmed_by, remembered.confirmed_at) == (user, MOMENT)
    assert remembered.source_name == "chi-tieu-2026.xlsx"
    assert [c["role"] for c in remembered.mapping["columns"]][3:5] == ["target", "actual"]


def test_the_next_file_of_the_same_layout_is_read_with_the_remembered_roles(
    client, user, monkeypatch
):
    # given a layout confirmed on 9 March 2026 (Hà Nội time)
    monkeypatch.setattr("django.utils.timezone.now", lambda: MOMENT)
    first = _upload(client)
    client.post(reverse("imports:confirm", args=[first.pk]), DECIDED)
    monkeypatch.undo()
    # when another plan of the same layout comes, its table one row lower and other figures
    later = replace(
        ONE_YEAR_TWICE,
        heading=["PHỤ LỤC", "Mẫu biểu số 02", "CHỈ TIÊU NĂM 2026", REF.replace("25/KH", "31/KH")],
        rows=[
            *ONE_YEAR_TWICE.rows[:2],
            [
                *ONE_YEAR_TWICE.rows[2][:3],
                *[replace(c, text="7,5") for c in ONE_YEAR_TWICE.rows[2][3:4]],
                *ONE_YEAR_TWICE.rows[2][4:],
            ],
        ],
    )
    batch = _upload(client, later, "chi-tieu-xa.xlsx")
    response = client.get(reverse("imports:preview", args=[batch.pk]))
    html = response.content.decode()
    # then the page says whose roles it uses, and reads with them without asking
    assert "Dùng cách đọc cột đã xác nhận ngày 09/03/2026 (cv) cho bảng cùng dạng." in html
    assert response.context["p"].asked == []
    assert _rows(response) == [
        ("Tổng sản phẩm trên địa bàn (GRDP)", "target", "2025", "7,5"),
        ("Tổng sản phẩm trên địa bàn (GRDP)", "target", "2026", "112.000"),
        ("Tổng sản phẩm trên địa bàn (GRDP)", "actual", "2025", "101.500"),
    ]
    # and a confirmation with nothing changed saves with those roles
    client.post(reverse("imports:confirm", args=[batch.pk]))
    plan = Plan.objects.get(number="31/KH-UBND")
    assert plan.targets.count() == 2


def test_a_layout_never_confirmed_is_not_said_to_be(client, user):
    batch = _upload(client)
    html = client.get(reverse("imports:preview", args=[batch.pk])).content.decode()
    assert "Dùng cách đọc cột đã xác nhận" not in html


def test_a_remembered_mapping_that_no_longer_reads_leaves_the_proposal(client, user):
    # given a layout remembered with no name column (a mapping edited by hand, say)
    first = _upload(client)
    table = first.parsed["document"]["tables"][0]
    broken = {**table["mapping"]}
    broken["columns"] = [{**c, "role": "ignore"} for c in broken["columns"]]
    ColumnMapping.objects.create(
        signature=table["signature"],
        signature_key=signature_key(table["signature"]),
        mapping=broken,
        source_name="cu.xlsx",
        confirmed_at=MOMENT,
    )
    # when a file of that layout comes, the reader's proposal is used and still asks
    batch = _upload(client, name="moi.xlsx")
    response = client.get(reverse("imports:preview", args=[batch.pk]))
    html = response.content.decode()
    assert "Cách đọc cột đã xác nhận cho bảng cùng dạng không đọc được tệp này" in html
    assert "Dùng cách đọc cột đã xác nhận ngày" not in html
    assert len(response.context["p"].asked) == 2


def test_only_a_compiler_rereads_the_columns(client, django_user_model, db):
    organizations_load_directory()
    compiler = django_user_model.objects.create_user("cv", password="x")
    Membership.objects.create(
        user=compiler,
        organization=Organization.objects.get(name="Sở Tài chính"),
        role=Role.COMPILER,
    )
    client.force_login(compiler)
    batch = _upload(client)
    reporter = django_user_model.objects.create_user("bao-cao", password="x")
    Membership.objects.create(
        user=reporter, organization=Organization.objects.get(name="Sở Y tế"), role=Role.REPORTER
    )
    client.force_login(reporter)
    response = client.post(reverse("imports:remap", args=[batch.pk]), DECIDED)
    assert response.status_code == 403
