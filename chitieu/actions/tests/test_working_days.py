"""Reminders on working days, the figures' deadline on the same calendar, failed reminders re-sent."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from chitieu.actions import reminders, tasks
from chitieu.actions.models import (
    CalendarSetting,
    Holiday,
    Obligation,
    ObligationInstance,
    Reminder,
)
from chitieu.actions.services import deadline_for
from chitieu.core.calendar import VN
from chitieu.core.periods import Period
from chitieu.core.timeliness import owed
from chitieu.organizations.models import Organization
from chitieu.reporting.selectors import figures_deadline

MONDAY_DUE = datetime(2027, 9, 13, 23, 59, 59, 999999, tzinfo=VN)


@pytest.fixture
def instance(db):
    """A report due on Monday 13/9/2027; one reminder the working day before (8:00)."""
    CalendarSetting.objects.create(remind_days_before=1, remind_hour=8)
    org = Organization.objects.create(name="Sở Y tế", kind="department", email="so.y.te@x.vn")
    ubnd = Organization.objects.create(name="UBND tỉnh", kind="committee")
    ob = Obligation.objects.create(name="Báo cáo tháng", organization=org, recipient=ubnd, day=13)
    return ObligationInstance.objects.create(
        obligation=ob, period_code="2027-08", due_at=MONDAY_DUE
    )


def _kinds(at):
    return [p.kind for p in reminders.due_reminders(at)]


def test_the_reminder_before_a_monday_deadline_goes_out_on_friday(instance):
    assert _kinds(datetime(2027, 9, 9, 17, 0, tzinfo=VN)) == []  # Thursday
    assert _kinds(datetime(2027, 9, 10, 7, 59, tzinfo=VN)) == []
    assert _kinds(datetime(2027, 9, 10, 8, 0, tzinfo=VN)) == ["before"]  # Friday, 8:00
    assert _kinds(datetime(2027, 9, 13, 8, 0, tzinfo=VN)) == ["on_day"]


def test_a_working_saturday_decided_by_the_government_carries_the_reminder(instance):
    Holiday.objects.create(day=date(2027, 9, 11), name="Làm bù cho 3/9", working=True)
    assert _kinds(datetime(2027, 9, 10, 9, 0, tzinfo=VN)) == []
    assert _kinds(datetime(2027, 9, 11, 8, 0, tzinfo=VN)) == ["before"]


def test_the_reminder_before_tet_goes_out_before_the_break(instance):
    # due Thursday 11/2/2027, the first working day after Tết (4-10 February off)
    instance.due_at = datetime(2027, 2, 11, 23, 59, tzinfo=VN)
    instance.save()
    assert _kinds(datetime(2027, 2, 2, 9, 0, tzinfo=VN)) == []
    assert _kinds(datetime(2027, 2, 3, 8, 0, tzinfo=VN)) == ["before"]


def test_obligation_deadlines_use_the_lunar_holidays_of_any_year(instance):
    # "ngày 8 tháng sau" of January 2035: Tết 2035 runs 6-12 February off (10, 11: a weekend)
    instance.obligation.day = 8
    instance.obligation.save()
    due = deadline_for(instance.obligation, Period.parse("2035-01"))
    assert due.astimezone(VN).date() == date(2035, 2, 13)


@pytest.mark.django_db
def test_the_figures_deadline_follows_the_holiday_rule():
    CalendarSetting.objects.create(shift="next")
    # 12/9/2027 is a Sunday: the figures of August are due on Monday 13/9
    assert figures_deadline()("2027-08") == date(2027, 9, 13)
    Holiday.objects.create(day=date(2027, 9, 13), name="Nghỉ thêm theo quyết định")
    assert figures_deadline()("2027-08") == date(2027, 9, 14)
    CalendarSetting.objects.update(shift="none")
    assert figures_deadline()("2027-08") == date(2027, 9, 12)


@pytest.mark.django_db
def test_a_figure_sent_on_the_monday_after_a_sunday_deadline_is_on_time():
    CalendarSetting.objects.create(shift="next")
    deadline = figures_deadline()("2027-08")  # Sunday 12/9 moved to Monday 13/9
    today = date(2027, 10, 1)
    monday = owed((1, "2027-08"), deadline, date(2027, 9, 13), today)
    tuesday = owed((1, "2027-08"), deadline, date(2027, 9, 14), today)
    assert monday.on_time and not tuesday.on_time and tuesday.days_late == 1


class FlakyMail:
    """A mail backend that refuses the first ``failures`` messages, then delivers to the outbox."""

    failures = 0

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        if FlakyMail.failures > 0:
            FlakyMail.failures -= 1
            raise ConnectionRefusedError("máy chủ thư không trả lời")
        mail.outbox.extend(messages)
        return len(messages)


@pytest.fixture
def clock(monkeypatch):
    """The moment every `timezone.now()` sees (the worker's "is it time yet" included)."""
    state = {"now": datetime(2027, 9, 10, 1, 0, tzinfo=UTC)}
    monkeypatch.setattr(timezone, "now", lambda: state["now"])
    return state


@pytest.mark.django_db(transaction=True)
def test_a_failing_mail_server_is_retried_with_back_off_until_it_answers(instance, settings, clock):
    # given a mail server that refuses two messages, and the database task worker
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.MAILERS = {"default": {"BACKEND": f"{__name__}.FlakyMail"}}
    FlakyMail.failures = 2
    mail.outbox = []

    def work():
        call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)

    # when the planner runs at 8:00 on the Friday before the deadline
    assert tasks.plan_reminders.call(reschedule=False) == 1
    work()
    r = Reminder.objects.get()
    assert (r.status, r.attempts) == ("failed", 1) and "ConnectionRefusedError" in r.last_error

    # then the retry waits one minute, then two, and the third attempt delivers once
    clock["now"] += timedelta(seconds=59)
    work()
    assert Reminder.objects.get().attempts == 1
    clock["now"] += timedelta(seconds=1)
    work()
    assert Reminder.objects.get().attempts == 2
    clock["now"] += timedelta(minutes=2)
    work()
    r = Reminder.objects.get()
    assert (r.status, r.attempts) == ("sent", 3)
    assert [m.to for m in mail.outbox] == [["so.y.te@x.vn"]]
    clock["now"] += timedelta(hours=1)
    work()
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_a_reminder_whose_retries_are_spent_is_shown_and_can_be_re_sent(
    instance, admin_client, django_capture_on_commit_callbacks
):
    # given one reminder that failed on every attempt and one still being retried
    spent = Reminder.objects.create(
        kind="before",
        instance=instance,
        organization=instance.obligation.organization,
        due=MONDAY_DUE,
        status="failed",
        attempts=reminders.MAX_ATTEMPTS,
        last_error="ConnectionRefusedError: máy chủ thư không trả lời",
    )
    retrying = Reminder.objects.create(
        kind="on_day",
        instance=instance,
        organization=instance.obligation.organization,
        due=MONDAY_DUE,
        status="failed",
        attempts=2,
    )
    url = reverse("admin:actions_reminder_changelist")

    # when the administrator filters the failed reminders nobody will retry
    page = admin_client.get(url, {"gui_loi": "het_luot"})

    # then only the spent one is listed, with its error
    assert list(page.context["cl"].result_list) == [spent]
    assert "máy chủ thư không trả lời" in page.text
    assert list(admin_client.get(url, {"gui_loi": "dang_thu"}).context["cl"].result_list) == [
        retrying
    ]

    # and re-sending it delivers it (the mail server answers now)
    mail.outbox = []
    with django_capture_on_commit_callbacks(execute=True):
        answer = admin_client.post(
            url, {"action": "resend", "_selected_action": [spent.pk]}, follow=True
        )
    assert "Đã đưa 1 lời nhắc vào hàng gửi lại" in answer.text
    spent.refresh_from_db()
    assert (spent.status, spent.attempts) == ("sent", 1)
    assert [m.to for m in mail.outbox] == [["so.y.te@x.vn"]]
