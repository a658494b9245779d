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


def test_the_preview_and_the_confirmation_read_the_file_once(user_client, seed_bytes, monkeypatch):
    import chitieu.imports.services as services

    reads = []
    real = services.read_document
    monkeypatch.setattr(services, "read_document", lambda *a, **k: reads.append(1) or real(*a, **k))
    _upload(user_client, SEED_001, seed_bytes(SEED_001))
    batch = ImportBatch.objects.get()
    for _ in range(2):
        assert user_client.get(reverse("imports:preview", args=[batch.pk])).status_code == 200
    user_client.post(reverse("imports:confirm", args=[batch.pk]))
    assert len(reads) == 1 and Plan.objects.get().targets.count() == 35


def test_a_big_file_is_read_by_the_worker_and_the_page_shows_progress(
    user_client, seed_bytes, settings, django_capture_on_commit_callbacks
):
    settings.IMPORT_INLINE_BYTES = 10  # every file counts as big
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = _upload(user_client, SEED_001, seed_bytes(SEED_001))
    batch = ImportBatch.objects.get()
    assert response["Location"] == reverse("imports:preview", args=[batch.pk])
    assert batch.parse_state == "waiting" and batch.parsed is None  # nothing read in the request
    html = user_client.get(response["Location"]).content.decode()
    assert "Đang chờ đọc" in html and reverse("imports:progress", args=[batch.pk]) in html
    assert 'hx-trigger="every 2s"' in html
    # the worker runs (immediate backend in tests) once the upload is committed
    for callback in callbacks:
        callback()
    batch.refresh_from_db()
    assert batch.parse_state == "done"
    poll = user_client.get(reverse("imports:progress", args=[batch.pk]), HTTP_HX_REQUEST="true")
    assert poll["HX-Redirect"] == reverse("imports:preview", args=[batch.pk])
    assert "136/QĐ-UBND" in user_client.get(response["Location"]).content.decode()


def test_a_big_corrupt_file_fails_in_the_worker_and_says_why(
    user_client, settings, django_capture_on_commit_callbacks
):
    settings.IMPORT_INLINE_BYTES = 10
    with django_capture_on_commit_callbacks(execute=True):
        _upload(user_client, "hong.docx", b"PK\x03\x04 broken")
    batch = ImportBatch.objects.get()
    assert batch.parse_state == "failed"
    html = user_client.get(reverse("imports:preview", args=[batch.pk])).content.decode()
    assert "hong.docx: tệp Office bị hỏng" in html and "hx-trigger" not in html
    response = user_client.post(reverse("imports:confirm", args=[batch.pk]), follow=True)
    assert "tệp chưa đọc xong; chưa lưu gì" in response.content.decode()
    assert Plan.objects.count() == 0


def test_a_small_batch_kept_before_reading_at_upload_is_read_on_its_preview(
    user_client, seed_bytes
):
    data = seed_bytes(SEED_001)
    batch = ImportBatch.objects.create(source_name=SEED_001, data=data, checksum="x")
    html = user_client.get(reverse("imports:preview", args=[batch.pk])).content.decode()
    assert "136/QĐ-UBND" in html
    batch.refresh_from_db()
    assert batch.parse_state == "done"
