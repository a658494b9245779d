"""python manage.py projects --json: the plan's project groups with their printed and listed totals,
and the findings of the plan's own arithmetic."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from chitieu.investment.models import Project
from chitieu.investment.selectors import projects_report


class Command(BaseCommand):
    help = "Liệt kê nhóm dự án đầu tư theo văn bản và các phát hiện khi cộng lại các con số."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--json", action="store_true", help="In JSON.")
        parser.add_argument(
            "--year", type=int, default=None, help="Năm kế hoạch (mặc định: năm mới nhất)."
        )

    def handle(self, *args: Any, **opts: Any) -> None:
        year = opts["year"] or (
            Project.objects.order_by("-year").values_list("year", flat=True).first() or 0
        )
        report = projects_report(year)
        if opts["json"]:
            self.stdout.write(json.dumps(report, ensure_ascii=False, indent=2))
            return
        for g in report["groups"]:
            listed = g["listed_total"]
            self.stdout.write(
                f"{g['group']}: in {g['printed_total']}, cộng các dự án {listed}, "
                f"{len(g['projects'])} dự án"
            )
        for f in report["findings"]:
            self.stdout.write(("✓ " if f["ok"] else "✗ ") + f["message"])
