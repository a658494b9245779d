"""A delivered reminder or escalation reaches each member of the organisation behind the bell."""

from datetime import datetime
from io import StringIO

import pytest
from django.core.management import call_command

from chitieu.actions import reminders
from chitieu.core.calendar import VN
from chitieu.notices.models import Notice

AT = datetime(2026, 12, 14, 9, 0, tzinfo=VN)  # Monday: November's reports are due today


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=StringIO())


def test_each_delivery_writes_one_notice_per_member_once(demo, monkeypatch):
    planned = reminders.plan(AT)
    health = [r for r in planned if r.organization.name == "Sở Y tế"]
    assert {r.kind for r in health} >= {"on_day", "escalation"}
    # a failed mail leaves no notice; the retry that succeeds writes it, a second run does not
    escalation = next(r for r in health if r.kind == "escalation")

    def broken(*args, **kwargs):
        raise ConnectionRefusedError("máy chủ thư không trả lời")

    monkeypatch.setattr(reminders, "send_mail", broken)
    assert reminders.deliver(escalation.pk) == "failed"
    assert not Notice.objects.exists()
    monkeypatch.undo()
    for r in health:
        reminders.deliver(r.pk)
        reminders.deliver(r.pk)
    notices = Notice.objects.filter(user__username="yte")
    assert notices.count() == len(health)
    escalation = notices.get(kind="escalation")
    assert escalation.text.startswith("Kính gửi Thủ trưởng Sở Y tế:")
    assert "quá hạn" in escalation.text
    assert escalation.link.startswith("/lich-bao-cao/?thang=2026-")
    # members of other organisations hear nothing of it
    assert not Notice.objects.exclude(user__membership__organization__name="Sở Y tế").exists()


def test_an_action_reminder_links_to_the_action(demo):
    r = next(r for r in reminders.plan(AT) if r.action_id and r.organization.members.exists())
    reminders.deliver(r.pk)
    members = r.organization.members.count()
    assert Notice.objects.filter(link=f"/nhiem-vu/{r.action_id}/").count() == members
    assert Notice.objects.count() == members
