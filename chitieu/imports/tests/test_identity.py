"""The preview asks for what the heading did not say: a missing period or number is a field."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from chitieu.access.choices import Role
from chitieu.access.models import Membership
from chitieu.catalog.models import Plan
from chitieu.conftest import SEEDS
from chitieu.imports.models import ImportBatch
from chitieu.organizations.models import Organization
from chitieu.organizations.services import organizations_load_directory

SEED_002 = "002_ad4a9c0b18438c67.txt"


@pytest.fixture
def batch(client, django_user_model, db):
    organizations_load_directory()
    user = django_user_model.objects.create_user("cv", password="x")
    Membership.objects.create(
        user=user, organization=Organization.objects.get(name="Sở Tài chính"), role=Role.COMPILER
    )
    client.force_login(user)
    data = (SEEDS / SEED_002).read_bytes()
    client.post(reverse("imports:upload"), {"file": SimpleUploadedFile(SEED_002, data)})
    return ImportBatch.objects.get()


def _bad_positions(response):
    return [str(r.position) for r in response.context["p"].rows if r.row.error]


def test_preview_offers_the_missing_period_and_number_as_fields(client, batch):
    response = client.get(reverse("imports:preview", args=[batch.pk]))
    html = response.content.decode()
    assert 'name="period_code" id="id_period_code" value="" required' in html
    assert 'name="number" id="id_number" value=""' in html
    assert html.count("chưa đọc được") >= 2
    # each target shows the sentence it came from and its own period
    assert "Trích: Tốc độ tăng tổng sản phẩm trên địa bàn (GRDP) bình quân hằng năm" in html
    assert "<td>2021-2030</td>" in html


def test_confirm_without_the_period_shows_the_field_again_not_a_dead_end(client, batch):
    preview = client.get(reverse("imports:preview", args=[batch.pk]))
    response = client.post(
        reverse("imports:confirm", args=[batch.pk]),
        {"skip": _bad_positions(preview), "number": "25/KH-UBND"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Chưa đọc được kỳ kế hoạch từ văn bản: hãy ghi kỳ" in html
    assert 'name="number" id="id_number" value="25/KH-UBND"' in html  # what was typed stays
    assert Plan.objects.count() == 0


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("period_code", "năm sau", "Kỳ kế hoạch “nămsau” không hợp lệ"),
        ("number", "KH hai lăm", "Số văn bản “KH hai lăm” không đúng dạng"),
        ("issued_on", "31/02/2024", "Ngày ban hành “31/02/2024” không hợp lệ"),
    ],
)
def test_a_field_typed_wrongly_is_named(client, batch, field, value, message):
    data = {"period_code": "2024-2030", field: value}
    response = client.post(reverse("imports:confirm", args=[batch.pk]), data)
    assert response.status_code == 400 and message in response.content.decode()
    assert Plan.objects.count() == 0


def test_confirm_with_the_typed_period_saves_the_plan(client, batch):
    preview = client.get(reverse("imports:preview", args=[batch.pk]))
    response = client.post(
        reverse("imports:confirm", args=[batch.pk]),
        {
            "skip": _bad_positions(preview),
            "period_code": "2024 - 2030",
            "number": "25/KH-UBND",
            "issued_on": "01/02/2024",
        },
    )
    plan = Plan.objects.get()
    assert response["Location"] == reverse("web:plan", args=[plan.pk])
    assert (plan.period_code, plan.number, str(plan.issued_on)) == (
        "2024-2030",
        "25/KH-UBND",
        "2024-02-01",
    )
    assert plan.targets.count() == 33


def test_a_refusal_after_the_fields_keeps_the_preview(client, batch):
    # the row with a number but no readable target is not skipped: the loader refuses
    response = client.post(reverse("imports:confirm", args=[batch.pk]), {"period_code": "2030"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "chưa đọc được, hãy sửa tệp hoặc chọn bỏ qua" in html
    assert 'name="period_code" id="id_period_code" value="2030"' in html
