"""python manage.py start_reminders: put the reminder planner on the worker's queue, once."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from chitieu.actions.tasks import plan_reminders


class Command(BaseCommand):
    help = "Đưa việc lập lời nhắc vào hàng đợi (chỉ một lần, dù chạy lại nhiều lần)."

    def handle(self, *args: Any, **opts: Any) -> None:
        from django_tasks_db.models import DBTaskResult

        path = f"{plan_reminders.func.__module__}.{plan_reminders.func.__qualname__}"
        waiting = DBTaskResult.objects.filter(
            task_path=path, status__in=["READY", "RUNNING"]
        ).exists()
        if waiting:
            self.stdout.write("Việc lập lời nhắc đã có trong hàng đợi.")
            return
        plan_reminders.enqueue()
        self.stdout.write(
            "Đã đưa việc lập lời nhắc vào hàng đợi; `manage.py db_worker` sẽ chạy nó."
        )
