"""The admin lists and reads the audit tables, and can neither add, change nor delete a row."""

import pytest
from django.contrib import admin
from django.urls import reverse

from chitieu.audit.db import append_only_models

MODELS = append_only_models()
LABELS = [m._meta.label_lower for m in MODELS]


def _url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.mark.parametrize("model", MODELS, ids=LABELS)
def test_the_admin_may_only_view(model, rf, admin_user):
    model_admin = admin.site._registry[model]
    request = rf.get("/")
    request.user = admin_user
    assert model_admin.has_view_permission(request)
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)
    assert model_admin.get_actions(request) == {}


@pytest.mark.parametrize("model", MODELS, ids=LABELS)
def test_the_list_and_the_row_read_but_add_and_delete_are_forbidden(
    model, audit_rows, admin_client
):
    row = audit_rows[model._meta.label_lower]
    listing = admin_client.get(_url(model, "changelist"))
    assert listing.status_code == 200
    assert listing.context["cl"].result_count == 1
    assert listing.context["action_form"] is None  # no "delete selected"
    page = admin_client.get(_url(model, "change", row.pk))
    assert page.status_code == 200
    assert page.context["has_change_permission"] is False
    assert "gốc" in page.content.decode()
    # a forged row, a change or a deletion posted by hand is refused
    assert admin_client.post(_url(model, "add"), {"reason": "giả"}).status_code == 403
    assert admin_client.post(_url(model, "change", row.pk), {"reason": "sửa"}).status_code == 403
    assert admin_client.post(_url(model, "delete", row.pk), {"post": "yes"}).status_code == 403
    assert model.objects.values_list("reason", flat=True).get(pk=row.pk) == "gốc"
    assert model.objects.count() == 1


def test_an_entry_reads_in_vietnamese(entry, admin_client):
    html = admin_client.get(_url(type(entry), "change", entry.pk)).content.decode()
    assert "Tạo mới" in html
    assert "&quot;name&quot;: &quot;Sở Thử nghiệm&quot;" in html  # JSON, not \\u escapes
