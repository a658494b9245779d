"""Importing or correcting a plan leaves its trail: who, when, what, before and after."""

import pytest
from django.urls import reverse

from chitieu.audit.models import AuditEntry
from chitieu.catalog.models import Plan, Target
from chitieu.catalog.services import ImportRefused, plan_import
from chitieu.conftest import SEED_000
from chitieu.importers import read_document
from chitieu.organizations.selectors import organization_directory

pytestmark = pytest.mark.django_db


def _import(data, user=None):
    doc = read_document(data, SEED_000, organization_directory())
    return plan_import(document=doc, source_bytes=data, user=user)


def test_an_import_records_the_plan_and_every_target(orgs, seed_bytes, django_user_model):
    user = django_user_model.objects.create_user("nhap", password="x")
    plan = _import(seed_bytes(SEED_000), user).plan
    [entry] = AuditEntry.objects.filter(entity="plan", object_id=plan.pk)
    assert (entry.user, entry.action, entry.get_action_display()) == (
        user,
        "import",
        "Nhập từ văn bản",
    )
    assert entry.before is None
    assert entry.after["number"] == "130/KH-UBND"
    assert entry.after["targets"] == plan.targets.count()
    targets = AuditEntry.objects.filter(entity="target", action="import", user=user)
    assert sorted(targets.values_list("object_id", flat=True)) == sorted(
        plan.targets.values_list("pk", flat=True)
    )
    forest = plan.targets.get(printed_name__startswith="Tỷ lệ che phủ rừng")
    after = targets.get(object_id=forest.pk).after
    assert (after["printed_text"], after["kind"]) == (forest.printed_text, forest.kind)
    assert after["responsibilities"] == [
        {"organization": r.organization.name, "role": r.role}
        for r in forest.responsibilities.order_by("-role", "position")
    ]


def test_a_refused_import_leaves_no_trail(orgs, seed_bytes):
    bad = seed_bytes(SEED_000).decode().replace("\t75,5\t", "\tbảy lăm\t").encode()
    with pytest.raises(ImportRefused):
        _import(bad)
    assert AuditEntry.objects.count() == 0


def test_an_admin_correction_of_a_target_is_recorded(orgs, seed_bytes, admin_client, admin_user):
    plan = _import(seed_bytes(SEED_000)).plan
    target = plan.targets.exclude(responsibilities=None).first()
    page = admin_client.get(reverse("admin:catalog_target_change", args=[target.pk]))
    form = page.context["adminform"].form
    data = {k: ("" if v is None else v) for k, v in form.initial.items() if k in form.fields}
    data.update(
        {
            "printed_text": "99",
            "indicator": target.indicator_id,
            "plan": plan.pk,
            "strict": "",
        }
    )
    inline = page.context["inline_admin_formsets"][0].formset
    data.update({f"{inline.prefix}-{k}": v for k, v in inline.management_form.initial.items()})
    for i, f in enumerate(inline.forms):
        r = f.instance
        row = {"id": r.pk, "target": target.pk, "organization": r.organization_id}
        row |= {"role": r.role, "position": r.position}
        data.update({f"{inline.prefix}-{i}-{k}": v for k, v in row.items()})
    data = {k: v for k, v in data.items() if v is not None and v is not False}
    response = admin_client.post(reverse("admin:catalog_target_change", args=[target.pk]), data)
    assert response.status_code == 302, (
        response.context["adminform"].form.errors,
        [f.formset.errors for f in response.context["inline_admin_formsets"]],
        data,
    )
    [entry] = AuditEntry.objects.filter(entity="target", object_id=target.pk, action="update")
    assert entry.user == admin_user
    assert (entry.before["printed_text"], entry.after["printed_text"]) == (
        target.printed_text,
        "99",
    )
    changed = {k for k in entry.after if entry.after[k] != entry.before.get(k)}
    assert changed == {"printed_text"}


def test_deleting_a_plan_in_the_admin_keeps_what_it_was(orgs, seed_bytes, admin_client):
    plan = _import(seed_bytes(SEED_000)).plan
    target_ids = set(plan.targets.values_list("pk", flat=True))
    response = admin_client.post(
        reverse("admin:catalog_plan_delete", args=[plan.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert not Plan.objects.filter(pk=plan.pk).exists() and not Target.objects.exists()
    entry = AuditEntry.objects.get(entity="plan", object_id=plan.pk, action="delete")
    assert entry.before["number"] == "130/KH-UBND" and entry.after is None
    deleted = AuditEntry.objects.filter(entity="target", action="delete")
    assert set(deleted.values_list("object_id", flat=True)) == target_ids
