"""Every write to actions and obligations leaves its trail, in the same transaction."""

from datetime import date, datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from chitieu.access.choices import Role
from chitieu.access.models import Membership
from chitieu.actions.models import Action, Obligation, ObligationInstance
from chitieu.actions.services import (
    ActionError,
    action_create,
    action_update_add,
    obligation_create,
    obligation_instances_generate,
    organization_emails_set,
)
from chitieu.audit.models import AuditEntry
from chitieu.organizations.models import Organization


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=StringIO())


def _org(name):
    return Organization.objects.get(name=name)


def _entries(entity, obj, action):
    return list(AuditEntry.objects.filter(entity=entity, object_id=obj.pk, action=action))


def test_creating_an_action_is_recorded(demo, django_user_model):
    user = django_user_model.objects.create_user("tc", password="x")
    action = action_create(
        title="Giải ngân vốn đầu tư công",
        lead=_org("Sở Tài chính"),
        coordinating=[_org("Sở Xây dựng"), _org("Sở Công Thương")],
        deadline=date(2026, 12, 31),
        user=user,
    )
    [entry] = _entries("action", action, "create")
    assert entry.user == user and entry.before is None
    assert (entry.after["title"], entry.after["lead"], entry.after["deadline"]) == (
        "Giải ngân vốn đầu tư công",
        "Sở Tài chính",
        "2026-12-31",
    )
    assert entry.after["coordinating"] == ["Sở Công Thương", "Sở Xây dựng"]


def test_a_refused_action_leaves_no_trail(demo):
    count = AuditEntry.objects.count()
    with pytest.raises(ActionError):
        action_create(title="X", lead=_org("Sở Tài chính"), recurrence_day=32)
    assert AuditEntry.objects.count() == count


def test_progress_reported_on_the_page_is_recorded(demo, client, django_user_model):
    user = django_user_model.objects.create_user("xd", password="x")
    Membership.objects.create(user=user, organization=_org("Sở Xây dựng"), role=Role.REPORTER)
    action = Action.objects.get(title="Hoàn thành căn hộ nhà ở xã hội năm 2026")
    before = {"progress": action.progress, "status": action.status}
    client.force_login(user)
    url = reverse("actions:update", args=[action.pk])
    assert client.post(url, {"text": "Đã bàn giao 200 căn", "percent": "100"}).status_code == 302
    [entry] = _entries("action", action, "progress")
    assert (entry.user, entry.get_action_display(), entry.before) == (
        user,
        "Cập nhật tiến độ",
        before,
    )
    assert entry.after == {
        "progress": 100,
        "status": "done",
        "text": "Đã bàn giao 200 căn",
        "attachment": "",
    }


def test_a_refused_progress_update_leaves_no_trail(demo):
    action = Action.objects.get(title="Hoàn thành căn hộ nhà ở xã hội năm 2026")
    with pytest.raises(ActionError):
        action_update_add(action=action, user=None, text="x", percent=120)
    assert _entries("action", action, "progress") == []


def test_an_obligation_and_its_dependency_are_recorded(demo):
    stats = Obligation.objects.get(name__startswith="Báo cáo tổng hợp số liệu tháng")
    ob = obligation_create(
        name="Báo cáo nhanh",
        organization=_org("Sở Tài chính"),
        recipient=_org("UBND tỉnh Lạng Sơn"),
        day=20,
        depends_on=[stats],
    )
    [created] = _entries("obligation", ob, "create")
    assert (created.after["name"], created.after["day"]) == ("Báo cáo nhanh", 20)
    [depend] = _entries("obligation", ob, "depend")
    assert depend.before == {"depends_on": []}
    assert depend.after == {"depends_on": [str(stats)]}


def test_generated_instances_are_recorded_once(demo):
    created = obligation_instances_generate(period_code="2026-12")
    generated = AuditEntry.objects.filter(entity="obligation_instance", action="generate")
    new = ObligationInstance.objects.filter(period_code="2026-12")
    assert created == new.count() > 0
    assert set(generated.values_list("object_id", flat=True)) >= set(
        new.values_list("pk", flat=True)
    )
    before = generated.count()
    assert obligation_instances_generate(period_code="2026-12") == 0
    assert generated.count() == before


def test_marking_a_report_sent_is_recorded_once(demo, client, django_user_model):
    # Sở Y tế never sent October's report in the demo
    inst = ObligationInstance.objects.get(
        period_code="2026-10", obligation__organization__name="Sở Y tế"
    )
    client.force_login(django_user_model.objects.get(username="yte"))
    url = reverse("actions:submit", args=[inst.pk])
    said = client.post(url, follow=True).content.decode()
    assert f"Đã ghi nhận gửi {inst.obligation.name} tháng 10/2026." in said
    client.post(url)
    [entry] = _entries("obligation_instance", inst, "submit")
    inst.refresh_from_db()
    assert entry.user.username == "yte"
    assert entry.before == {"submitted_at": None}
    assert datetime.fromisoformat(entry.after["submitted_at"]) == inst.submitted_at


def test_changing_where_reminders_go_is_recorded(demo):
    org = _org("Sở Y tế")
    old = {"email": org.email, "head_email": org.head_email}
    organization_emails_set(organization=org, email="syt@langson.gov.vn", head_email="")
    [entry] = _entries("organization", org, "emails")
    assert entry.before == old
    assert entry.after == {"email": "syt@langson.gov.vn", "head_email": ""}
