"""python manage.py restore FILE: put a backup back into an empty database, checked end to end."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from chitieu.ops.manifest import BackupError
from chitieu.ops.services import backup_restore


class Command(BaseCommand):
    help = "Phục hồi một bản sao lưu vào cơ sở dữ liệu trống; từ chối bản hỏng hoặc không khớp."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="tệp sao lưu (.zip) do lệnh backup ghi")
        parser.add_argument("--database", default="default")

    def handle(self, *args: object, **opts: object) -> None:
        path = opts["file"]
        assert isinstance(path, Path)
        try:
            manifest = backup_restore(path=path, using=str(opts["database"]))
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        rows = sum(t["rows"] for t in manifest["tables"].values())
        self.stdout.write(
            f"Đã phục hồi {path}: {len(manifest['tables'])} bảng, {rows} dòng, "
            f"{len(manifest['files'])} tệp tải lên — số dòng và tổng kiểm tra khớp manifest."
        )
