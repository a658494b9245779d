"""python manage.py import_accounts FILE --scenario ID --user NAME: the statistics office's workbook."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from chitieu.access.choices import Role
from chitieu.access.permissions import membership, role_of
from chitieu.importers.accounts import read_accounts
from chitieu.importers.records import ImportError_
from chitieu.organizations.models import Organization
from chitieu.scenarios.accounts import accounts_import
from chitieu.scenarios.models import GrowthScenario


class Command(BaseCommand):
    help = "Nhập số liệu tăng trưởng theo quý từ biểu của cơ quan thống kê (lưu dạng nháp)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file")
        parser.add_argument("--scenario", type=int, required=True)
        parser.add_argument("--user", required=True, help="người nhập (thuộc cơ quan thống kê)")
        parser.add_argument("--year", type=int)
        parser.add_argument(
            "--organization",
            default="Thống kê tỉnh",
            help="cơ quan có số liệu (mặc định: cơ quan của người nhập; quản trị: Thống kê tỉnh)",
        )

    def handle(self, *args: Any, **opts: Any) -> None:
        path = Path(opts["file"])
        if not path.is_file():
            raise CommandError(f"{path.name}: không tìm thấy tệp.")
        scenario = GrowthScenario.objects.filter(pk=opts["scenario"]).first()
        if scenario is None:
            raise CommandError(f"Không có kịch bản mã {opts['scenario']}.")
        user = get_user_model().objects.filter(username=opts["user"]).first()
        if user is None:
            raise CommandError(f"Không có người dùng “{opts['user']}”.")
        if role_of(user) == Role.ADMIN:
            organization = Organization.objects.filter(name=opts["organization"]).first()
        else:
            m = membership(user)
            organization = m.organization if m else None
        if organization is None:
            raise CommandError(
                f"Không xác định được cơ quan có số liệu (“{opts['organization']}”)."
            )
        try:
            book = read_accounts(path.read_bytes(), path.name)
        except ImportError_ as exc:
            raise CommandError(str(exc)) from exc
        result = accounts_import(
            user=user,
            scenario=scenario,
            workbook=book,
            organization=organization,
            year=opts["year"],
        )
        for note in result.notes:
            self.stdout.write(f"- {note}")
        if result.errors:
            raise CommandError("Không lưu gì:\n" + "\n".join(result.errors))
        self.stdout.write(f"Đã lưu {result.saved} số liệu (nháp); {result.unchanged} ô không đổi.")
