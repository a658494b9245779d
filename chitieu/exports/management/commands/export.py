"""python manage.py export appendix --format docx --out phu-luc.docx --plan 130/KH-UBND"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from chitieu.exports.render import FORMATS, ExportError, Request, find_plan, render, report_for
from chitieu.exports.reports import REPORTS
from chitieu.organizations.models import Organization
from chitieu.scenarios.models import GrowthScenario


class Command(BaseCommand):
    help = "Xuất một bảng (phụ lục, đánh giá, kịch bản, bảng điểm, báo cáo tháng) ra Word, Excel hoặc PDF."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("report", choices=REPORTS)
        parser.add_argument("--format", required=True, choices=sorted(FORMATS))
        parser.add_argument("--out", required=True, help="tệp ghi ra")
        parser.add_argument("--plan", help="số kế hoạch (130/KH-UBND hoặc 130) hay mã")
        parser.add_argument("--period", help="kỳ: 2026, 2026-Q2, 2026-06, 2026-2030 …")
        parser.add_argument("--organization", help="cơ quan của bảng điểm: mã hoặc tên")
        parser.add_argument("--scenario", type=int, help="mã kịch bản (mặc định: năm mới nhất)")

    def handle(self, *args: Any, **opts: Any) -> None:
        try:
            req = Request(
                report=opts["report"],
                on=timezone.localdate(),
                plan=find_plan(opts["plan"]) if opts["report"] != "monthly" else None,
                period=opts["period"],
                organization=self._organization(opts["organization"]),
                scenario=(
                    GrowthScenario.objects.filter(pk=opts["scenario"]).first()
                    if opts["scenario"]
                    else None
                ),
            )
            data, _, name = render(report_for(req), opts["format"])
        except ExportError as exc:
            raise CommandError(str(exc)) from exc
        Path(opts["out"]).write_bytes(data)
        self.stdout.write(f"Đã ghi {opts['out']} ({len(data):,} byte; tên gợi ý: {name}).")

    def _organization(self, text: str | None) -> Organization | None:
        if not text:
            return None
        org = (
            Organization.objects.filter(pk=int(text)).first()
            if text.isdigit()
            else Organization.objects.filter(name=text).first()
        )
        if org is None:
            raise ExportError(f"Không có cơ quan “{text}”.")
        return org
