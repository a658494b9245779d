"""python manage.py import_plan FILE [--dry-run] [--json]"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from chitieu.catalog.services import ImportRefused, plan_import_safely
from chitieu.importers import ImportError_, read_document
from chitieu.organizations.selectors import organization_directory


class Command(BaseCommand):
    help = "Nhập phụ lục chỉ tiêu của một kế hoạch từ tệp .docx, .xlsx, .pdf hoặc .txt."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--dry-run", action="store_true", help="chỉ đọc và in kết quả, không lưu"
        )
        parser.add_argument("--json", action="store_true", help="in một đối tượng JSON")

    def handle(self, *args: Any, **opts: Any) -> None:
        path: Path = opts["file"]
        if not path.is_file():
            raise CommandError(f"Không tìm thấy tệp {path}.")
        data = path.read_bytes()
        directory = organization_directory()
        try:
            document = read_document(data, path.name, directory)
        except ImportError_ as exc:
            raise CommandError(str(exc)) from exc
        if opts["json"] and opts["dry_run"]:
            self.stdout.write(json.dumps(document.as_dict(), ensure_ascii=False, indent=2))
            return
        if opts["dry_run"]:
            self.stdout.write(
                f"{document.source_name}: {len(document.rows)} dòng, {len(document.warnings)} cảnh báo"
            )
            for w in document.warnings:
                self.stdout.write(f"  - {w}")
            return
        try:
            result = plan_import_safely(document=document, source_bytes=data, directory=directory)
        except ImportRefused as exc:
            raise CommandError(str(exc)) from exc
        summary = {
            "plan": result.plan.pk,
            "reference": str(result.plan),
            "created": result.created,
            "indicators_created": result.indicators_created,
            "indicators_matched": result.indicators_matched,
            "warnings": document.warnings,
        }
        if opts["json"]:
            self.stdout.write(json.dumps(summary, ensure_ascii=False, indent=2))
        elif result.created:
            self.stdout.write(
                f"Đã nhập {result.plan}: {result.indicators_created} chỉ tiêu mới, "
                f"{result.indicators_matched} khớp danh mục."
            )
        else:
            self.stdout.write(f"{result.plan} đã có từ trước; không tạo gì mới.")
