"""Reminders before a deadline, on the day, and escalation after it — each sent exactly once.

Planning creates at most one Reminder row per (kind, instance or action): the database's unique
constraints refuse a second, whichever worker tries. Delivery locks the row, sends only if it is
not yet sent, and marks it sent in the same transaction as the in-app notification. A failing
mail server leaves the row failed with a later retry (back-off, see tasks), never marked sent;
after MAX_ATTEMPTS the administrator sees it (``given_up``) and can re-send it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from chitieu.core.calendar import VN, WorkCalendar, working_days_before
from chitieu.core.periods import Period
from chitieu.notices.choices import NoticeKind
from chitieu.notices.services import notify

from .choices import ActionStatus, ReminderKind, ReminderStatus
from .models import Action, Notification, ObligationInstance, Reminder
from .services import calendar_setting, work_calendar

MAX_ATTEMPTS = 6


@dataclass(frozen=True)
class Planned:
    kind: str
    organization_id: int
    organization: str
    due: datetime
    instance: ObligationInstance | None = None
    action: Action | None = None

    def as_dict(self) -> dict[str, object]:
        out: dict[str, object] = {
            "kind": self.kind,
            "organization": self.organization,
            "due": self.due.astimezone(VN).isoformat(),
            "channel": "email+app",
        }
        if self.instance is not None:
            out["obligation"] = f"{self.instance.obligation.name} ({self.instance.period_code})"
        if self.action is not None:
            out["action"] = self.action.title
        return out


def _kind_at(
    at: datetime, due: datetime, days_before: int, hour: int, holidays: WorkCalendar
) -> str | None:
    """Which reminder is due at ``at`` for a deadline ``due`` (None if none).

    "N days before" counts working days: a Monday deadline is announced on the Friday (or the
    Thursday), not on a Saturday nobody reads the mail.
    """
    local_due_day = due.astimezone(VN).date()
    morning = datetime.combine(local_due_day, time(hour), tzinfo=VN)
    if at > due:
        return ReminderKind.ESCALATION
    if at >= morning:
        return ReminderKind.ON_DAY
    before_day = working_days_before(local_due_day, days_before, holidays)
    if at >= datetime.combine(before_day, time(hour), tzinfo=VN):
        return ReminderKind.BEFORE
    return None


def due_reminders(at: datetime) -> list[Planned]:
    """Every reminder that should have gone out by ``at`` and has not (nothing is written)."""
    setting = calendar_setting()
    sent = {
        (r.kind, r.instance_id, r.action_id)
        for r in Reminder.objects.all().only("kind", "instance_id", "action_id")
    }
    out: list[Planned] = []
    holidays = work_calendar()
    # working days before a deadline can span Tết's week off: look far enough ahead
    horizon = at + timedelta(days=setting.remind_days_before + 21)
    for inst in ObligationInstance.objects.filter(
        submitted_at__isnull=True, due_at__lte=horizon
    ).select_related("obligation__organization"):
        kind = _kind_at(at, inst.due_at, setting.remind_days_before, setting.remind_hour, holidays)
        if kind and (kind, inst.pk, None) not in sent:
            org = inst.obligation.organization
            out.append(Planned(kind, org.pk, org.name, inst.due_at, instance=inst))
    for act in Action.objects.filter(
        status=ActionStatus.OPEN, deadline__isnull=False
    ).select_related("lead"):
        assert act.deadline is not None
        due = datetime.combine(act.deadline, time(23, 59, 59, 999999), tzinfo=VN)
        if due > horizon:
            continue
        kind = _kind_at(at, due, setting.remind_days_before, setting.remind_hour, holidays)
        if kind and (kind, None, act.pk) not in sent:
            out.append(Planned(kind, act.lead_id, act.lead.name, due, action=act))
    return sorted(out, key=lambda p: (p.due, p.organization, p.kind))


def plan(at: datetime) -> list[Reminder]:
    """Create the Reminder rows due at ``at``; a row another worker created first is skipped."""
    created = []
    for p in due_reminders(at):
        try:
            with transaction.atomic():
                created.append(
                    Reminder.objects.create(
                        kind=p.kind,
                        instance=p.instance,
                        action=p.action,
                        organization_id=p.organization_id,
                        due=p.due,
                    )
                )
        except IntegrityError:
            continue  # planned already, by this or another worker
    return created


def _text(r: Reminder) -> tuple[str, str, list[str]]:
    org = r.organization
    what = (
        f"{r.instance.obligation.name} kỳ {r.instance.period_code}"
        if r.instance_id and r.instance
        else (r.action.title if r.action else "")
    )
    due = r.due.astimezone(VN).strftime("%H:%M ngày %d/%m/%Y")
    if r.kind == ReminderKind.ESCALATION:
        subject = f"[chitieu] Quá hạn: {what}"
        to = [a for a in (org.head_email, org.email) if a]
        body = f"Kính gửi Thủ trưởng {org.name}: {what} đã quá hạn {due} mà chưa hoàn thành."
    else:
        subject = f"[chitieu] {'Hôm nay đến hạn' if r.kind == ReminderKind.ON_DAY else 'Sắp đến hạn'}: {what}"
        to = [org.email] if org.email else []
        body = f"Kính gửi {org.name}: {what} đến hạn lúc {due}."
    return subject, body, to


def _link(r: Reminder) -> str:
    """Where the notice leads: the action, or the reporting calendar (at the report's month)."""
    if r.action_id:
        return reverse("actions:detail", args=[r.action_id])
    calendar = reverse("actions:calendar")
    if r.instance is None:
        return calendar
    # the calendar lists one month's reports; a quarter's or a year's report opens it as it is
    period = Period.parse(r.instance.period_code)
    return f"{calendar}?thang={period.code}" if period.kind.value == "month" else calendar


def _notice_kind(r: Reminder) -> str:
    return NoticeKind.ESCALATION if r.kind == ReminderKind.ESCALATION else NoticeKind.REMINDER


def deliver(reminder_id: int) -> str:
    """Send one reminder exactly once; returns its status afterwards."""
    with transaction.atomic():
        r = (
            Reminder.objects.select_for_update(of=("self",))
            .select_related("organization", "instance__obligation", "action")
            .get(pk=reminder_id)
        )
        if r.status == ReminderStatus.SENT:
            return r.status
        subject, body, to = _text(r)
        r.attempts += 1
        try:
            if to:
                send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, to, fail_silently=False)
        except Exception as exc:  # any mail failure: keep the row pending and retry later
            r.status = ReminderStatus.FAILED
            r.last_error = f"{type(exc).__name__}: {exc}"
            r.save(update_fields=["status", "attempts", "last_error"])
            return r.status
        _, created = Notification.objects.get_or_create(
            reminder=r, defaults={"organization": r.organization, "text": body}
        )
        if created:
            # each member of the organisation sees it behind the bell, in this same transaction
            notify(r.organization, body, _link(r), _notice_kind(r))
        r.status = ReminderStatus.SENT
        r.sent_at = timezone.now()
        r.save(update_fields=["status", "attempts", "sent_at"])
        return r.status


def given_up() -> QuerySet[Reminder]:
    """Reminders that failed on every attempt: nobody will retry them unless someone re-sends."""
    return Reminder.objects.filter(status=ReminderStatus.FAILED, attempts__gte=MAX_ATTEMPTS)


def retry_delay(attempts: int) -> timedelta:
    """Back-off: 1, 2, 4, 8, 16 minutes …"""
    return timedelta(minutes=2 ** max(0, attempts - 1))
