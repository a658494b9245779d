"""python manage.py growth_status --period 2026-H1 [--scenario ID] [--json]: actual against the scenario."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from chitieu.core.growth import GrowthError
from chitieu.scenarios.actuals import KEYS, growth_status
from chitieu.scenarios.models import GrowthScenario


def _split(code: str) -> tuple[int, str]:
    """ "2026-H1" -> (2026, "H1"); "2026" -> (2026, "year")."""
    year, _, key = code.partition("-")
    if not year.isdigit() or (key and key not in KEYS):
        raise CommandError(
            f"--period “{code}”: cần dạng NĂM-KỲ, ví dụ 2026-H1, 2026-Q3, 2026-9M hoặc 2026."
        )
    return int(year), key or "year"


class Command(BaseCommand):
    help = "Tăng trưởng thực hiện so với kịch bản và mức các quý còn lại cần đạt."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--period", required=True, help="2026-H1, 2026-Q3, 2026-9M, 2026")
        parser.add_argument("--scenario", type=int, help="mã kịch bản (mặc định: mới nhất của năm)")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args: Any, **opts: Any) -> None:
        year, key = _split(opts["period"])
        qs = GrowthScenario.objects.filter(year=year)
        if opts["scenario"]:
            qs = qs.filter(pk=opts["scenario"])
        scenario = qs.filter(series__isnull=False).distinct().first() or qs.first()
        if scenario is None:
            raise CommandError(f"Không có kịch bản tăng trưởng nào cho năm {year}.")
        try:
            status = growth_status(scenario, key)
        except GrowthError as exc:
            raise CommandError(exc.message) from exc
        if status.error:
            raise CommandError(status.error)
        if opts["json"]:
            self.stdout.write(json.dumps(status.as_dict(), ensure_ascii=False, indent=2))
            return
        self.stdout.write(status.sentence or "Chưa có số liệu thực hiện cho kỳ này.")
        for note in [*status.notes, *status.moved]:
            self.stdout.write(f"- {note}")
