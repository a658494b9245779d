"""python manage.py reminders --at 2026-12-11T08:00 [--dry-run] [--json]"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from chitieu.actions import reminders
from chitieu.core.calendar import VN


class Command(BaseCommand):
    help = "Cho biết (hoặc gửi) các lời nhắc đến hạn tại một thời điểm."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--at", help="thời điểm theo giờ Việt Nam, dạng 2026-12-11T08:00 (mặc định: bây giờ)"
        )
        parser.add_argument("--dry-run", action="store_true", help="không ghi, không gửi")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args: Any, **opts: Any) -> None:
        if opts["at"]:
            try:
                at = datetime.fromisoformat(opts["at"])
            except ValueError as exc:
                raise CommandError(
                    f"--at “{opts['at']}” không phải thời điểm dạng 2026-12-11T08:00."
                ) from exc
            at = at.replace(tzinfo=VN) if at.tzinfo is None else at
        else:
            at = timezone.now()
        planned = reminders.due_reminders(at)
        if not opts["dry_run"]:
            for r in reminders.plan(at):
                reminders.deliver(r.pk)
        if opts["json"]:
            self.stdout.write(
                json.dumps(
                    {
                        "at": at.astimezone(VN).isoformat(),
                        "reminders": [p.as_dict() for p in planned],
                    },
                    ensure_ascii=False,
                    indent=2,
                )
            )
        else:
            for p in planned:
                d = p.as_dict()
                self.stdout.write(
                    f"{d['kind']}: {d['organization']} — {d.get('obligation') or d.get('action')} (hạn {d['due']})"
                )
