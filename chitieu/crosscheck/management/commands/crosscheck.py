"""python manage.py crosscheck [--plan NUMBER] [--json]: what the imported documents disagree on."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand

from chitieu.crosscheck.selectors import crosscheck_report, kind_label


class Command(BaseCommand):
    help = "Đối chiếu các văn bản đã nhập: khác số, khác cách ghi, khác đơn vị, phép tính trong từng kế hoạch."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--plan", default="", help="chỉ các phát hiện của kế hoạch số này (vd 130)"
        )
        parser.add_argument("--json", action="store_true", help="in JSON")

    def handle(self, *args: Any, **opts: Any) -> None:
        report = crosscheck_report(opts["plan"] or None)
        if opts["json"]:
            data = {"findings": [f.as_dict() for f in report.findings]}
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        for f in report.findings:
            self.stdout.write(f"[{kind_label(f.kind)}] {f.message}")
        self.stdout.write(f"Tổng cộng {len(report.findings)} phát hiện.")
