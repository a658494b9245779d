"""Upload -> preview -> confirm, as a user does it."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from chitieu.access.choices import Role
from chitieu.access.models import Membership
from chitieu.catalog.models import Plan, Target
from chitieu.conftest import SEED_000, SEED_001
from chitieu.imports.models import ImportBatch
from chitieu.organizations.models import Organization


@pytest.fixture
def user_client(client, django_user_model, db):
    call_command("load_demo", verbosity=0)
    Plan.objects.all().delete()
    user = django_user_model.objects.create_user("cv", password="x")
    Membership.objects.create(
        user=user, organization=Organization.objects.get(name="Sở Tài chính"), role=Role.COMPILER
    )
    client.force_login(user)
    return client


def test_only_the_finance_department_imports_plans(client, django_user_model, db, seed_bytes):
    call_command("load_demo", verbosity=0)
    user = django_user_model.objects.create_user("bao-cao-y-te", password="x")
    Membership.objects.create(
        user=user, organization=Organization.objects.get(name="Sở Y tế"), role=Role.REPORTER
    )
    client.force_login(user)
    response = client.post(
        reverse("imports:upload"), {"file": SimpleUploadedFile(SEED_000, seed_bytes(SEED_000))}
    )
    assert response.status_code == 403 and ImportBatch.objects.count() == 0


def _upload(client, name, data):
    return client.post(reverse("imports:upload"), {"file": SimpleUploadedFile(name, data)})


def test_upload_preview_confirm(user_client, seed_bytes):
    response = _upload(user_client, SEED_001, seed_bytes(SEED_001))
    batch = ImportBatch.objects.get()
    assert response["Location"] == reverse("imports:preview", args=[batch.pk])
    html = user_client.get(response["Location"]).content.decode()
    assert "136/QĐ-UBND" in html and "Tốc độ tăng tổng sản phẩm trên địa bàn" in html
    assert "từ 7 đến 7,5 %" in html  # the parsed target is shown
    assert "số thứ tự 12 in lặp lại" in html  # warnings are shown
    assert Plan.objects.count() == 0  # nothing saved by the preview
    response = user_client.post(reverse("imports:confirm", args=[batch.pk]))
    plan = Plan.objects.get()
    assert response["Location"] == reverse("web:plan", args=[plan.pk])
    assert plan.targets.count() == 35
    batch.refresh_from_db()
    assert batch.status == "confirmed" and batch.plan == plan


def test_second_upload_of_the_same_document_creates_nothing(user_client, seed_bytes):
    for _ in range(2):
        _upload(user_client, SEED_000, seed_bytes(SEED_000))
        batch = ImportBatch.objects.latest("pk")
        user_client.post(reverse("imports:confirm", args=[batch.pk]))
    assert Plan.objects.count() == 1 and Target.objects.count() == 50
    assert ImportBatch.objects.latest("pk").status == "duplicate"


def test_a_corrupt_file_is_refused_and_nothing_kept(user_client):
    response = _upload(user_client, "hong.docx", b"PK\x03\x04 broken")
    assert response.status_code == 200
    assert "hong.docx: tệp Office bị hỏng" in response.content.decode()
    assert ImportBatch.objects.count() == 0


def test_a_file_over_the_limit_is_refused(user_client, settings):
    settings.IMPORT_MAX_BYTES = 100
    response = _upload(user_client, "lon.txt", b"x" * 200)
    assert "vượt giới hạn" in response.content.decode()
    assert ImportBatch.objects.count() == 0


def test_a_bad_row_blocks_confirmation_until_skipped(user_client, seed_bytes):
    data = seed_bytes(SEED_000).decode().replace("\t75,5\t", "\tbảy lăm\t").encode()
    _upload(user_client, "sai.txt", data)
    batch = ImportBatch.objects.get()
    html = user_client.get(reverse("imports:preview", args=[batch.pk])).content.decode()
    assert "mục tiêu không đọc được" in html and "bảy lăm" in html
    response = user_client.post(reverse("imports:confirm", args=[batch.pk]), follow=True)
    assert "Dòng 30: mục tiêu không đọc được" in response.content.decode()
    assert Plan.objects.count() == 0
    bad_position = next(r.position for r in response.context["p"].rows if r.row.error)
    user_client.post(reverse("imports:confirm", args=[batch.pk]), {"skip": [str(bad_position)]})
    assert Plan.objects.get().targets.count() == 49
