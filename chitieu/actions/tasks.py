"""Background jobs on django.tasks (database-backed worker: `manage.py db_worker`)."""

from __future__ import annotations

from datetime import timedelta

from django.tasks import task
from django.utils import timezone

from . import reminders
from .choices import ReminderStatus

PLAN_EVERY = timedelta(minutes=15)


@task()
def deliver_reminder(reminder_id: int) -> str:
    status = reminders.deliver(reminder_id)
    if status == ReminderStatus.FAILED:
        from .models import Reminder

        attempts = Reminder.objects.get(pk=reminder_id).attempts
        if attempts < reminders.MAX_ATTEMPTS:
            deliver_reminder.using(
                run_after=timezone.now() + reminders.retry_delay(attempts)
            ).enqueue(reminder_id)
    return status


@task()
def plan_reminders(reschedule: bool = True) -> int:
    """Plan what is due now, hand each new reminder to the worker, and come back later."""
    created = reminders.plan(timezone.now())
    for r in created:
        deliver_reminder.enqueue(r.pk)
    if reschedule:
        plan_reminders.using(run_after=timezone.now() + PLAN_EVERY).enqueue()
    return len(created)
