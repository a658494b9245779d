"""python manage.py load_demo: the province's organisations, its plans from seeds, a demo login."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from chitieu.actions import demo as actions_demo
from chitieu.catalog.services import plan_import
from chitieu.importers import read_document
from chitieu.investment import demo as investment_demo
from chitieu.organizations.selectors import organization_directory
from chitieu.organizations.services import organizations_load_directory
from chitieu.reporting import demo as reporting_demo
from chitieu.reporting.stored import rebuild as evaluations_rebuild
from chitieu.scenarios import demo as scenario_demo
from chitieu.scenarios import demo_actuals as scenario_actuals_demo
from chitieu.scenarios.models import GrowthScenario
from chitieu.scenarios.services import scenario_create, scenario_version_save

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
DEMO_FILES = [
    "000_2572cdf0c591401d.txt",
    "001_f2f7cc9a5a75b946.txt",
    "003_9c9170de04c84ef3.txt",  # the 5-year plan in prose: its 31 numbered targets
]
DEMO_USER = "demo"
DEMO_PASSWORD = "chitieu-demo"


def _load_scenario() -> GrowthScenario:
    """The province's 2026 growth scenario, once: the start-of-year version its first-half sentence
    compares with, then seed 004's re-planned second half as the adjusted version."""
    title = "Kịch bản tăng trưởng kinh tế 6 tháng cuối năm 2026"
    existing = GrowthScenario.objects.filter(year=2026, title=title).first()
    if existing is not None:
        return existing
    scenario = scenario_create(
        year=2026,
        title=title,
        source="Kế hoạch thực hiện kịch bản tăng trưởng kinh tế 6 tháng cuối năm 2026 (UBND tỉnh Lạng Sơn)",
        data=scenario_actuals_demo.start_of_year_input(),
        published=None,
    )
    scenario_version_save(
        scenario=scenario,
        data=scenario_demo.engine_input(),
        based_on=1,
        note="Kịch bản 6 tháng cuối năm theo kết quả 6 tháng đầu năm",
        published=scenario_demo.published(),
    )
    return scenario


class Command(BaseCommand):
    help = "Nạp dữ liệu mẫu (chạy lại không tạo thêm gì)."

    def handle(self, *args: Any, **opts: Any) -> None:
        created = organizations_load_directory()
        self.stdout.write(f"Cơ quan: thêm {created}.")
        directory = organization_directory()
        for name in DEMO_FILES:
            data = (SEEDS / name).read_bytes()
            result = plan_import(
                document=read_document(data, name, directory),
                source_bytes=data,
                directory=directory,
            )
            state = "đã nhập" if result.created else "đã có"
            self.stdout.write(f"{result.plan}: {state}.")
        scenario = _load_scenario()
        self.stdout.write(f"Kịch bản: {scenario}.")
        User = get_user_model()
        if not User.objects.filter(username=DEMO_USER).exists():
            User.objects.create_superuser(DEMO_USER, "", DEMO_PASSWORD)
            self.stdout.write(f"Tài khoản mẫu: {DEMO_USER} / {DEMO_PASSWORD}")
        figures = reporting_demo.load()
        self.stdout.write(f"Số liệu thực hiện 2021-2025: thêm {figures}.")
        quarterly = scenario_actuals_demo.load(scenario)
        self.stdout.write(f"Số liệu GRDP 6 tháng đầu năm 2026 (ước tính): thêm {quarterly}.")
        actions = actions_demo.load()
        self.stdout.write(f"Nhiệm vụ và lịch báo cáo: thêm {actions} nhiệm vụ.")
        projects = investment_demo.load()
        self.stdout.write(f"Dự án đầu tư (minh họa giải ngân): thêm {projects}.")
        # the loaders above write with get_or_create and bulk paths: every evaluation afresh
        self.stdout.write(f"Đánh giá đã tính: {evaluations_rebuild()} mục tiêu.")
