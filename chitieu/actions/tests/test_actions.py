"""Actions, obligations, reminders exactly once, escalation, the monthly report."""

import io
import json
import threading
from datetime import date, datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from chitieu.actions import reminders
from chitieu.actions.models import Action, Notification, Obligation, ObligationInstance, Reminder
from chitieu.actions.services import (
    ActionError,
    action_create,
    obligation_create,
    obligation_depend,
    organization_emails_set,
)
from chitieu.core.calendar import VN
from chitieu.organizations.models import Organization

AT = datetime(2026, 12, 14, 9, 0, tzinfo=VN)  # Monday: November's reports are due today


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=StringIO())


def _org(name):
    return Organization.objects.get(name=name)


def test_seed_004_tasks_are_demo_data(demo):
    houses = Action.objects.get(title="Hoàn thành căn hộ nhà ở xã hội năm 2026")
    assert (houses.lead.name, houses.quantity, houses.quantity_unit, houses.deadline) == (
        "Sở Xây dựng",
        320,
        "căn hộ",
        date(2026, 12, 31),
    )
    # seed 004's own tasks; the investment demo's obstacles are actions too, counted apart
    tasks = Action.objects.filter(obstacle__isnull=True)
    assert tasks.filter(lead__name="Sở Tài chính").count() == 5
    assert tasks.filter(lead__name="Sở Công Thương").count() == 3
    assert Action.objects.get(title__startswith="Rà soát, hoàn thiện kế hoạch").deadline == date(
        2026, 7, 12
    )


def test_bad_input_is_refused(demo):
    org = _org("Sở Tài chính")
    with pytest.raises(ActionError, match="trước ngày bắt đầu"):
        action_create(title="X", lead=org, start_on=date(2026, 8, 1), deadline=date(2026, 7, 1))
    with pytest.raises(ActionError, match="không bao giờ đến"):
        action_create(title="X", lead=org, recurrence_day=32)
    with pytest.raises(ActionError, match="không bao giờ"):
        obligation_create(name="X", organization=org, recipient=org, day=0)
    with pytest.raises(ActionError, match="không đúng dạng địa chỉ thư"):
        organization_emails_set(organization=org, email="so tai chinh@")
    fin = Obligation.objects.get(organization=org)
    with pytest.raises(ActionError, match="chính nó"):
        obligation_depend(obligation=fin, on=fin)
    agency = Obligation.objects.filter(organization__name="Sở Y tế").first()
    with pytest.raises(ActionError, match="vòng qua báo cáo khác"):
        obligation_depend(
            obligation=agency, on=fin
        )  # finance already depends on it through statistics


def test_the_chain_of_deadlines(demo):
    due = {
        i.obligation.organization.name: i.due_at.astimezone(VN)
        for i in ObligationInstance.objects.filter(period_code="2026-10")
    }
    assert due["Sở Y tế"].date() == date(2026, 11, 12)
    assert due["Thống kê tỉnh"].date() == date(2026, 11, 16)
    assert due["Sở Tài chính"].date() == date(2026, 11, 18)
    # "trước ngày 30": 29 November 2026 is a Sunday, so it moves back to Friday 27, never past the 30th
    assert due["UBND tỉnh Lạng Sơn"].date() == date(2026, 11, 27)
    assert (due["Sở Y tế"].hour, due["Sở Y tế"].minute) == (23, 59)
    # November's: 12 December 2026 is a Saturday, moved to Monday 14
    nov = ObligationInstance.objects.filter(
        period_code="2026-11", obligation__organization__name="Sở Y tế"
    ).get()
    assert nov.due_at.astimezone(VN).date() == date(2026, 12, 14)


def test_reminders_command_dry_run_json(demo):
    out = StringIO()
    call_command("reminders", "--at", "2026-12-14T09:00", "--dry-run", "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert data["at"] == "2026-12-14T09:00:00+07:00"
    kinds = {(r["kind"], r["organization"]) for r in data["reminders"] if "obligation" in r}
    assert ("on_day", "Sở Y tế") in kinds and (
        "escalation",
        "Sở Y tế",
    ) in kinds  # November due, October missing
    assert all(set(r) >= {"kind", "organization", "due", "channel"} for r in data["reminders"])
    assert Reminder.objects.count() == 0  # a dry run writes nothing


def test_each_reminder_is_sent_exactly_once(demo):
    first = reminders.plan(AT)
    for r in first:
        reminders.deliver(r.pk)
        reminders.deliver(r.pk)  # a second worker, or a retry after restart
    again = reminders.plan(AT)  # planning again finds nothing new
    assert first and again == []
    assert len(mail.outbox) == sum(1 for r in first if r.organization.email)
    assert Notification.objects.count() == len(first)
    assert not reminders.due_reminders(AT)


def test_escalation_goes_to_the_head_of_the_agency(demo):
    for r in reminders.plan(AT):
        reminders.deliver(r.pk)
    health = _org("Sở Y tế")
    esc = [
        m
        for m in mail.outbox
        if m.subject.startswith("[chitieu] Quá hạn") and health.head_email in m.to
    ]
    assert esc and "2026-10" in esc[0].subject


def test_a_failing_mail_server_is_retried_and_never_duplicates(demo, settings, monkeypatch):
    r = next(r for r in reminders.plan(AT) if r.organization.email)
    calls = {"n": 0}

    def broken(*args, **kwargs):
        calls["n"] += 1
        raise ConnectionRefusedError("máy chủ thư không trả lời")

    monkeypatch.setattr(reminders, "send_mail", broken)
    assert reminders.deliver(r.pk) == "failed"
    r.refresh_from_db()
    assert (r.status, r.attempts) == ("failed", 1) and "ConnectionRefusedError" in r.last_error
    assert (
        reminders.retry_delay(1).total_seconds() == 60
        and reminders.retry_delay(3).total_seconds() == 240
    )
    monkeypatch.undo()
    assert reminders.deliver(r.pk) == "sent"
    assert reminders.deliver(r.pk) == "sent"
    assert calls["n"] == 1
    assert len([m for m in mail.outbox if r.organization.email in m.to]) == 1
    assert Notification.objects.filter(reminder=r).count() == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_two_workers_racing_send_each_reminder_once():
    call_command("load_demo", stdout=StringIO())
    barrier = threading.Barrier(2)

    def worker():
        try:
            barrier.wait()
            for r in reminders.plan(AT) + list(Reminder.objects.all()):
                reminders.deliver(r.pk)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    rows = list(Reminder.objects.all())
    assert rows and all(r.status == "sent" for r in rows)
    keys = [(r.kind, r.instance_id, r.action_id) for r in rows]
    assert len(keys) == len(set(keys))
    assert Notification.objects.count() == len(rows)
    assert len(mail.outbox) == sum(
        1 for r in rows if r.organization.email or r.organization.head_email
    )


def test_the_monthly_report_renders_from_demo_data(demo, client, django_user_model):
    client.force_login(django_user_model.objects.get(username="lanhdao"))
    html = client.get(reverse("actions:monthly") + "?thang=2026-10").content.decode()
    assert "Báo cáo Tổ công tác — Tháng 10/2026" in html
    assert (
        "<td>Sở Y tế</td><td>Số liệu, kết quả thực hiện nhiệm vụ tăng trưởng tháng</td>"
        '<td>tháng 10/2026</td><td>12/11/2026</td><td><span class="st overdue">Chưa gửi (quá hạn)'
    ) in html
    assert (
        "<td>Sở Xây dựng</td><td>Số liệu, kết quả thực hiện nhiệm vụ tăng trưởng tháng</td>"
        '<td>tháng 10/2026</td><td>12/11/2026</td><td><span class="st at_risk">Trễ hạn (gửi ngày '
        "14/11/2026)"
    ) in html
    assert "Khởi công Dự án nhà ở xã hội tại phường Đông Kinh" in html  # overdue by 31 October
    assert "Tốc độ tăng GRDP" in html and "số liệu gốc năm 2025, trước kỳ kế hoạch: 64,3 %" in html
    # the page's Word link is the exports' monthly report, in the Decree 30 layout
    link = reverse("exports:monthly", args=["docx"]) + "?thang=2026-10"
    assert f'href="{link}"' in html
    document = _word(client.get(link))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "KỊCH BẢN TĂNG TRƯỞNG THÁNG 10/2026" in text and "Báo cáo của Tổ công tác" in text
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert "Sở Y tế" in cells and "Chưa gửi (quá hạn)" in cells
    assert "Khởi công Dự án nhà ở xã hội tại phường Đông Kinh" in cells
    # the old download parameter still answers, with the same document
    old = client.get(reverse("actions:monthly") + "?thang=2026-10&dinh-dang=docx")
    assert old.status_code == 302 and old["Location"] == link


def _word(response):
    import docx

    assert response.status_code == 200
    return docx.Document(io.BytesIO(response.content))


def test_only_the_lead_updates_an_action(demo, client, django_user_model):
    client.force_login(django_user_model.objects.get(username="yte"))
    action = Action.objects.get(title="Hoàn thành căn hộ nhà ở xã hội năm 2026")
    assert (
        client.post(
            reverse("actions:update", args=[action.pk]), {"text": "x", "percent": "50"}
        ).status_code
        == 403
    )
    assert action.updates.count() == 0


def test_timeliness_feeds_the_agency_scorecard(demo):
    from chitieu.catalog.models import Plan
    from chitieu.reporting.selectors import agency_scorecard

    plan = Plan.objects.get(number="130/KH-UBND")
    now = datetime(2026, 11, 23, 12, 0, tzinfo=VN)  # November's reports are not due yet
    health = agency_scorecard(_org("Sở Y tế"), plan, now)
    assert health.missed_obligations == 1  # October's figures never sent
    # two reports due, September's on time (the rest of ``due`` are the figures owed)
    assert health.due - health.figures_due == 2
    assert health.on_time - (health.figures_due - len(health.late)) == 1
    assert agency_scorecard(_org("Sở Nông nghiệp và Môi trường"), plan, now).missed_obligations == 0


def test_the_monthly_report_sets_the_actuals_beside_the_scenario(demo, client, django_user_model):
    client.force_login(django_user_model.objects.get(username="lanhdao"))
    # July: the first half has ended, its estimates stand against the start-of-year version
    html = client.get(reverse("actions:monthly") + "?thang=2026-07").content.decode()
    assert "6 tháng đầu năm GRDP ước tăng 7,02 % so với cùng kỳ, thấp hơn 2,22 điểm %" in html
    assert "Các kỳ còn lại cần đạt" in html
    document = _word(client.get(reverse("exports:monthly", args=["docx"]) + "?thang=2026-07"))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "thấp hơn 1,35 điểm % so với cùng kỳ năm trước" in text
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert "Cần đạt quý IV" in cells
    # March: no half-year has ended yet, so no first-half sentence
    html = client.get(reverse("actions:monthly") + "?thang=2026-03").content.decode()
    assert "6 tháng đầu năm GRDP ước tăng" not in html
