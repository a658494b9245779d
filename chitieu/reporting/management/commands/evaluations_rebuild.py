"""python manage.py evaluations_rebuild [--check]: recompute every stored evaluation."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from chitieu.reporting import stored


class Command(BaseCommand):
    help = (
        "Tính lại và lưu đánh giá của mọi mục tiêu (sau khi nạp dữ liệu hàng loạt không qua các "
        "dịch vụ); với --check chỉ kiểm tra đánh giá đã lưu có khớp với tính lại không."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--check", action="store_true")

    def handle(self, *args: Any, **opts: Any) -> None:
        if opts["check"]:
            problems = stored.check()
            for p in problems:
                self.stderr.write(p)
            if problems:
                raise CommandError(f"{len(problems)} đánh giá đã lưu không khớp với tính lại.")
            self.stdout.write("Mọi đánh giá đã lưu khớp với tính lại.")
            return
        n = stored.rebuild()
        self.stdout.write(f"Đã tính lại và lưu đánh giá của {n} mục tiêu.")
