"""Two Excel uploads of one template saved at once, on PostgreSQL with real threads."""

import io
import threading
from decimal import Decimal as D

import openpyxl
import pytest
from django.core.management import call_command
from django.db import connection

from chitieu.access.choices import Role
from chitieu.access.models import Membership
from chitieu.catalog.models import Indicator
from chitieu.organizations.models import Organization
from chitieu.reporting.excel import (
    UploadRefused,
    build_template,
    figure_upload_create,
    figure_upload_save,
)
from chitieu.reporting.models import Figure, FigureUpload
from chitieu.reporting.services import figure_save

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL")

WASTE = "Tỷ lệ chất thải nguy hại được thu gom, xử lý"


def _edit(data: bytes, values: dict[str, str]) -> bytes:
    wb = openpyxl.load_workbook(io.BytesIO(data))
    ws = wb.active
    for r in range(5, ws.max_row + 1):
        if ws.cell(r, 2).value in values:
            ws.cell(r, 6).value = values[ws.cell(r, 2).value]
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


@pytest.mark.django_db(transaction=True)
def test_two_uploads_of_one_template_at_once_one_saves_the_other_saves_nothing(
    django_user_model,
):
    call_command("load_demo", verbosity=0)
    org = Organization.objects.get(name="Sở Nông nghiệp và Môi trường")
    forest = Indicator.objects.get(name="Tỷ lệ che phủ rừng")
    users = []
    for name in ("a", "b"):
        u = django_user_model.objects.create_user(name, password="x")
        Membership.objects.create(user=u, organization=org, role=Role.REPORTER)
        users.append(u)
    f = figure_save(
        user=users[0],
        indicator=forest,
        organization=org,
        period_code="2026",
        vintage="estimate",
        value="65",
        expected_revision=0,
    ).figure
    template = build_template(org, "2026")
    # both change the forest row; the second also enters the waste row, which must not be saved alone
    edits = [{forest.name: "66"}, {forest.name: "67", WASTE: "97"}]
    kept = []
    for user, values in zip(users, edits, strict=True):
        upload, up = figure_upload_create(
            organization=org, name="so-lieu.xlsx", data=_edit(template, values), user=user
        )
        assert up.errors == [] and upload is not None
        kept.append(upload)
    barrier = threading.Barrier(2)
    results: list[object] = []

    def worker(user, upload):
        try:
            barrier.wait()
            results.append(figure_upload_save(upload=upload, user=user))
        except UploadRefused as exc:
            results.append(exc)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=worker, args=(u, k)) for u, k in zip(users, kept, strict=True)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    refused = [r for r in results if isinstance(r, UploadRefused)]
    assert len(refused) == 1 and len(results) == 2
    final = Figure.objects.get(pk=f.pk)
    assert final.value in (D(66), D(67)) and final.revision == 2
    waste = Figure.objects.filter(indicator__name=WASTE, period_code="2026")
    if final.value == D(66):  # the first upload won: the second's waste row is not saved either
        assert not waste.exists()
        assert FigureUpload.objects.get(pk=kept[1].pk).status == "preview"
    else:
        assert waste.get().value == D(97)
        assert FigureUpload.objects.get(pk=kept[0].pk).status == "preview"
    assert "Số liệu này vừa được" in str(refused[0])
