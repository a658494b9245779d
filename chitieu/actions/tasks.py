"""Background jobs on django.tasks (database-backed worker: `manage.py db_worker`)."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.db.models import QuerySet
from django.tasks import task
from django.utils import timezone

from . import reminders
from .choices import ReminderStatus
from .models import Reminder

PLAN_EVERY = timedelta(minutes=15)


@task()
def deliver_reminder(reminder_id: int) -> str:
    status = reminders.deliver(reminder_id)
    if status == ReminderStatus.FAILED:
        attempts = Reminder.objects.get(pk=reminder_id).attempts
        if attempts < reminders.MAX_ATTEMPTS:
            deliver_reminder.using(
                run_after=timezone.now() + reminders.retry_delay(attempts)
            ).enqueue(reminder_id)
    return status


def reminder_resend(*, reminders_to_send: QuerySet[Reminder]) -> int:
    """Give failed reminders a fresh set of attempts and hand them to the worker; returns how many.

    A plain function, not a task: the administrator's action calls it (it sits here, beside the
    delivery task, because the services module is imported by the delivery code)."""
    ids = list(reminders_to_send.filter(status=ReminderStatus.FAILED).values_list("pk", flat=True))
    Reminder.objects.filter(pk__in=ids).update(attempts=0, status=ReminderStatus.PENDING)
    for pk in ids:
        transaction.on_commit(lambda pk=pk: deliver_reminder.enqueue(pk))
    return len(ids)


@task()
def plan_reminders(reschedule: bool = True) -> int:
    """Plan what is due now, hand each new reminder to the worker, and come back later."""
    created = reminders.plan(timezone.now())
    for r in created:
        deliver_reminder.enqueue(r.pk)
    if reschedule:
        plan_reminders.using(run_after=timezone.now() + PLAN_EVERY).enqueue()
    return len(created)
