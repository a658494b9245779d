"""python manage.py backup FILE: database snapshot, uploaded files and a manifest in one zip."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from chitieu.ops.manifest import BackupError
from chitieu.ops.services import backup_create


class Command(BaseCommand):
    help = "Sao lưu cơ sở dữ liệu và tệp tải lên vào một tệp zip (kèm manifest số dòng, tổng kiểm tra)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="tệp sao lưu sẽ ghi (.zip)")
        parser.add_argument("--database", default="default")

    def handle(self, *args: object, **opts: object) -> None:
        path = opts["file"]
        assert isinstance(path, Path)
        if path.exists():
            raise CommandError(f"Tệp {path} đã có: chọn tên khác để không ghi đè bản sao lưu cũ.")
        try:
            manifest = backup_create(path=path, using=str(opts["database"]))
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        rows = sum(t["rows"] for t in manifest["tables"].values())
        self.stdout.write(
            f"Đã sao lưu vào {path}: {len(manifest['tables'])} bảng, {rows} dòng, "
            f"{len(manifest['files'])} tệp tải lên."
        )
