"""One entry for the download views and the ``export`` command: which report, which format."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from chitieu.catalog.models import Plan
from chitieu.core.periods import Period, PeriodError
from chitieu.organizations.models import Organization
from chitieu.reporting.selectors import default_plan
from chitieu.scenarios.models import GrowthScenario, ScenarioVersion

from . import docx_layout, pdf_layout, reports, xlsx_layout
from .document import Report

FORMATS: dict[str, tuple[Callable[[Report], bytes], str]] = {
    "docx": (
        docx_layout.build,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    "xlsx": (
        xlsx_layout.build,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
    "pdf": (pdf_layout.build, "application/pdf"),
}


class ExportError(ValueError):
    """A request for a document that cannot be made; the message says why, in Vietnamese."""


@dataclass
class Request:
    """What a report is asked for; each report reads the parts it needs."""

    report: str
    on: date
    plan: Plan | None = None
    period: str | None = None
    organization: Organization | None = None
    scenario: GrowthScenario | None = None
    version: ScenarioVersion | None = None
    now: datetime | None = None  # the moment the data are read at (tests pin it)


def find_plan(text: str | None) -> Plan:
    """A plan by its number ("130/KH-UBND", or just "130") or id; without one, the default plan."""
    if not text:
        plan = default_plan()
        if plan is None:
            raise ExportError("Chưa có kế hoạch nào.")
        return plan
    text = text.strip()
    plan = (
        Plan.objects.filter(number=text).first()
        or Plan.objects.filter(number__startswith=f"{text}/").order_by("-issued_on").first()
    )
    if plan is None and text.isdigit():
        plan = Plan.objects.filter(pk=int(text)).first()
    if plan is None:
        raise ExportError(f"Không có kế hoạch số “{text}”.")
    return plan


def check_period(code: str | None) -> str | None:
    if not code:
        return None
    try:
        return Period.parse(code).code
    except (PeriodError, ValueError) as exc:
        raise ExportError(f"Kỳ “{code}” không hợp lệ: {exc}") from exc


def report_for(req: Request) -> Report:
    """The report asked for, built from the selectors behind its page."""
    if req.report == "appendix":
        return reports.appendix(req.plan or find_plan(None))
    if req.report == "evaluation":
        return reports.evaluation(req.plan or find_plan(None), check_period(req.period), req.on)
    if req.report == "scenario":
        s = req.scenario or GrowthScenario.objects.order_by("-year", "-pk").first()
        if s is None:
            raise ExportError("Chưa có kịch bản tăng trưởng nào.")
        return reports.scenario(s, req.version, req.on)
    if req.report == "scorecard":
        if req.organization is None:
            raise ExportError("Bảng điểm cần một cơ quan.")
        return reports.scorecard(req.organization, req.plan or find_plan(None), req.on)
    if req.report == "monthly":
        period = check_period(req.period) or Period.month(req.on.year, req.on.month).code
        return reports.monthly(period, req.on, req.now)
    raise ExportError(
        f"Không có báo cáo “{req.report}”; chọn một trong: {', '.join(reports.REPORTS)}."
    )


def render(report: Report, fmt: str) -> tuple[bytes, str, str]:
    """The file's bytes, its content type and its name."""
    if fmt not in FORMATS:
        raise ExportError(f"Định dạng “{fmt}” không hỗ trợ; chọn docx, xlsx hoặc pdf.")
    build, content_type = FORMATS[fmt]
    return build(report), content_type, f"{report.slug}.{fmt}"
