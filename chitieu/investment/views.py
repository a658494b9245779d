"""Public investment pages: the overview with the growth link, the projects holding growth back,
a project's page, the monthly meeting's list, the treasury import, transfers and coefficients."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from chitieu.access.params import int_param
from chitieu.organizations.models import Organization

from . import rules, selectors
from .choices import CapitalSource, DisbursementAction, MilestoneKind, ProjectGroup
from .models import Disbursement, GrowthCoefficient, Project
from .services import (
    DisbursementConflict,
    InvestmentError,
    capital_transfer_create,
    commitment_set,
    disbursement_save,
    disbursement_transition,
    disbursements_import,
    growth_coefficient_set,
    milestone_set,
    parse_amount,
)
from .treasury import TreasuryFileError, read_treasury

MAX_UPLOAD = 5 * 1024 * 1024


def _year(request: HttpRequest) -> int:
    year = int_param(request.GET, "nam")
    if year is not None:
        return year
    last = Project.objects.order_by("-year").values_list("year", flat=True).first()
    return last or date.today().year


def _month(request: HttpRequest, year: int) -> int:
    month = int_param(request.GET, "thang")
    if month is None:
        return selectors.latest_month(year)
    if not 1 <= month <= 12:
        raise BadRequest(f"Tháng {month} không có (1-12).")
    return month


def _filters(request: HttpRequest) -> selectors.Filters:
    source = request.GET.get("nguon", "")
    group = request.GET.get("nhom", "")
    if source and source not in CapitalSource.values:
        raise BadRequest(f"Nguồn vốn “{source[:40]}” không có.")
    if group and group not in ProjectGroup.values:
        raise BadRequest(f"Nhóm dự án “{group[:40]}” không có.")
    return selectors.Filters(
        agency=int_param(request.GET, "co-quan"),
        commune=int_param(request.GET, "xa"),
        source=source,
        group=group,
    )


def _filter_context(year: int) -> dict[str, Any]:
    return {
        "agencies": Organization.objects.filter(investment_projects__year=year).distinct(),
        "communes": Organization.objects.filter(investment_projects_located__year=year)
        .distinct()
        .order_by("name"),
        "sources": CapitalSource.choices,
        "groups": ProjectGroup.choices,
        "months": range(1, 13),
    }


def overview(request: HttpRequest) -> HttpResponse:
    rules.require_view(request.user)
    year = _year(request)
    month = _month(request, year)
    # every section reads the same projects and amounts: once
    inputs = selectors.overview_inputs(year=year)
    rows = selectors.project_rows(year=year, as_of_month=month, inputs=inputs)
    return render(
        request,
        "investment/overview.html",
        {
            "year": year,
            "month": month,
            "months": range(1, 13),
            "link": selectors.growth_link(year=year, as_of_month=month, inputs=inputs, rows=rows),
            "curve": selectors.overall_curve(year=year, as_of_month=month, inputs=inputs),
            "scope": selectors.budget_scope(year=year, as_of_month=month, rows=rows),
            "by_group": selectors.totals_by(year=year, as_of_month=month, key="group", rows=rows),
            "by_source": selectors.totals_by(year=year, as_of_month=month, key="source", rows=rows),
            "top": selectors.holding_back(year=year, as_of_month=month, rows=rows)[:5],
            "findings": selectors.plan_findings(year),
            "is_finance": rules.is_finance(request.user),
        },
    )


def holding_back(request: HttpRequest) -> HttpResponse:
    rules.require_view(request.user)
    year = _year(request)
    month = _month(request, year)
    filters = _filters(request)
    try:
        points = parse_amount(request.GET.get("cham", "") or selectors.BEHIND_POINTS, "Ngưỡng")
    except InvestmentError as exc:
        raise BadRequest(str(exc)) from None
    days = int_param(request.GET, "ngay")
    days = selectors.LATE_DAYS if days is None else days
    rows = selectors.holding_back(
        year=year, as_of_month=month, filters=filters, behind_points=points, late_days=days
    )
    return render(
        request,
        "investment/holding.html",
        {
            "year": year,
            "month": month,
            "rows": rows,
            "filters": filters,
            "points": points,
            "days": days,
            "stuck_total": sum((r.progress.stuck for r in rows), Decimal(0)),
            **_filter_context(year),
        },
    )


def _project_context(request: HttpRequest, project: Project, month: int) -> dict[str, Any]:
    row = selectors.project_row(project, as_of_month=month)
    milestones = {m.kind: m for m in project.milestones.all()}
    return {
        "project": project,
        "row": row,
        "month": month,
        "months": range(1, 13),
        "curve": selectors.project_curve(project, as_of_month=month),
        "milestones": [
            (kind, label, milestones.get(kind)) for kind, label in MilestoneKind.choices
        ],
        "disbursements": (disbursed := selectors.project_disbursements(project)),
        # a month already entered is changed from its own row (which carries its revision)
        "new_months": [m for m in range(1, 13) if m not in {d.month for d in disbursed}],
        "commitments": list(project.commitments.filter(year=project.year)),
        "obstacles": selectors.project_obstacles(project),
        "transfers_out": list(project.transfers_out.select_related("to_project")),
        "transfers_in": list(project.transfers_in.select_related("from_project")),
        "may_enter": rules.may_enter(request.user, project),
        "is_finance": rules.is_finance(request.user),
    }


def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    rules.require_view(request.user)
    project = get_object_or_404(Project.objects.select_related("agency"), pk=pk)
    return render(
        request,
        "investment/project.html",
        _project_context(request, project, _month(request, project.year)),
    )


@require_POST
def disbursement_enter(request: HttpRequest, pk: int) -> HttpResponse:
    project = get_object_or_404(Project.objects.select_related("agency"), pk=pk)
    rules.require_enter(request.user, project)
    month = int_param(request.POST, "thang", required=True)
    revision = int_param(request.POST, "phien-ban", required=True)
    assert month is not None
    try:
        disbursement_save(
            user=request.user,
            project=project,
            year=project.year,
            month=month,
            amount=request.POST.get("so-tien", ""),
            note=request.POST.get("ghi-chu", "")[:500],
            expected_revision=revision,
        )
    except DisbursementConflict as exc:
        context = _project_context(request, project, selectors.latest_month(project.year))
        context["conflict"] = exc
        return render(request, "investment/project.html", context, status=409)
    except InvestmentError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"Đã ghi số giải ngân tháng {month:02d}/{project.year} (nháp).")
    return redirect(reverse("investment:project", args=[project.pk]))


@require_POST
def disbursement_step(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    row = get_object_or_404(Disbursement.objects.select_related("project__agency"), pk=pk)
    if action not in DisbursementAction.values:
        raise BadRequest(f"Thao tác “{action[:20]}” không có.")
    revision = int_param(request.POST, "phien-ban", required=True)
    assert revision is not None
    try:
        disbursement_transition(
            user=request.user,
            disbursement=row,
            action=action,
            expected_revision=revision,
            reason=request.POST.get("ly-do", ""),
        )
    except DisbursementConflict:
        messages.error(
            request, "Số giải ngân vừa được người khác thay đổi; xem lại trước khi làm tiếp."
        )
        return redirect(reverse("investment:project", args=[row.project_id]))
    except InvestmentError as exc:
        messages.error(request, str(exc))
    else:
        label = DisbursementAction(action).label.lower()
        messages.success(request, f"Đã {label} số giải ngân tháng {row.month:02d}/{row.year}.")
    return redirect(reverse("investment:project", args=[row.project_id]))


def _date(value: str, label: str) -> date | None:
    if not value.strip():
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise InvestmentError(f"{label}: “{value[:20]}” không phải ngày hợp lệ.") from None


@require_POST
def milestone_enter(request: HttpRequest, pk: int) -> HttpResponse:
    project = get_object_or_404(Project.objects.select_related("agency"), pk=pk)
    kind = request.POST.get("moc", "")
    try:
        milestone_set(
            user=request.user,
            project=project,
            kind=kind,
            planned_on=_date(request.POST.get("ke-hoach", ""), "Ngày kế hoạch"),
            actual_on=_date(request.POST.get("thuc-te", ""), "Ngày thực tế"),
        )
    except InvestmentError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"Đã ghi mốc {MilestoneKind(kind).label.lower()}.")
    return redirect(reverse("investment:project", args=[project.pk]))


@require_POST
def commitment_enter(request: HttpRequest, pk: int) -> HttpResponse:
    project = get_object_or_404(Project.objects.select_related("agency"), pk=pk)
    month = int_param(request.POST, "thang", required=True)
    assert month is not None
    try:
        commitment_set(
            user=request.user,
            project=project,
            year=project.year,
            month=month,
            amount=request.POST.get("so-tien", ""),
            note=request.POST.get("ghi-chu", "")[:500],
        )
    except InvestmentError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"Đã ghi cam kết giải ngân tháng {month:02d}/{project.year}.")
    return redirect(reverse("investment:project", args=[project.pk]))


def meeting(request: HttpRequest) -> HttpResponse:
    rules.require_view(request.user)
    year = _year(request)
    month = _month(request, year)
    filters = _filters(request)
    rows = selectors.meeting_rows(year=year, month=month, filters=filters)
    return render(
        request,
        "investment/meeting.html",
        {
            "year": year,
            "month": month,
            "rows": rows,
            "filters": filters,
            "promised_total": sum((r.promised or Decimal(0) for r in rows), Decimal(0)),
            "approved_total": sum((r.approved or Decimal(0) for r in rows), Decimal(0)),
            **_filter_context(year),
        },
    )


def treasury_import(request: HttpRequest) -> HttpResponse:
    rules.require_finance(request.user, "nhập tệp giải ngân của Kho bạc")
    year = _year(request)
    context: dict[str, Any] = {"year": year}
    if request.method == "POST":
        upload = request.FILES.get("tep")
        if upload is None:
            context["errors"] = ["Chưa chọn tệp .xlsx."]
        elif upload.size is not None and upload.size > MAX_UPLOAD:
            context["errors"] = ["Tệp lớn hơn 5 MB; Kho bạc gửi mỗi tháng một tệp nhỏ hơn nhiều."]
        else:
            try:
                rows = read_treasury(upload.read())
            except TreasuryFileError as exc:
                context["errors"] = [str(exc)]
            else:
                result = disbursements_import(user=request.user, year=year, rows=rows)
                if result.errors:
                    context["errors"] = [str(e) for e in result.errors]
                else:
                    messages.success(
                        request,
                        f"Đã nhập {result.saved} dòng giải ngân (chờ Sở Tài chính duyệt).",
                    )
                    return redirect(reverse("investment:import"))
        return render(request, "investment/import.html", context, status=400)
    return render(request, "investment/import.html", context)


def transfers(request: HttpRequest) -> HttpResponse:
    rules.require_view(request.user)
    year = _year(request)
    context: dict[str, Any] = {
        "year": year,
        "transfers": selectors.transfers(year=year),
        "projects": Project.objects.filter(year=year, capital_plan__gt=0).order_by("code"),
        "is_finance": rules.is_finance(request.user),
        "form": {},
    }
    if request.method == "POST":
        rules.require_finance(request.user, "điều chuyển vốn")
        source = int_param(request.POST, "tu", required=True)
        target = int_param(request.POST, "den", required=True)
        context["form"] = request.POST
        try:
            decided = date.fromisoformat(request.POST.get("ngay-quyet-dinh", ""))
        except ValueError:
            context["error"] = "Ngày quyết định: cần ngày hợp lệ (dd/mm/yyyy)."
            return render(request, "investment/transfers.html", context, status=400)
        try:
            capital_transfer_create(
                user=request.user,
                from_project=get_object_or_404(Project, pk=source),
                to_project=get_object_or_404(Project, pk=target),
                amount=request.POST.get("so-von", ""),
                reason=request.POST.get("ly-do", ""),
                decision_number=request.POST.get("so-quyet-dinh", ""),
                decision_date=decided,
            )
        except InvestmentError as exc:
            context["error"] = str(exc)
            return render(request, "investment/transfers.html", context, status=400)
        messages.success(request, "Đã ghi quyết định điều chuyển vốn.")
        return redirect(reverse("investment:transfers"))
    return render(request, "investment/transfers.html", context)


def coefficients(request: HttpRequest) -> HttpResponse:
    rules.require_view(request.user)
    if request.method == "POST":
        source = request.POST.get("nguon", "")
        revision = int_param(request.POST, "phien-ban", required=True)
        assert revision is not None
        try:
            growth_coefficient_set(
                user=request.user,
                source=source,
                coefficient=request.POST.get("he-so", ""),
                note=request.POST.get("can-cu", "")[:2000],
                expected_revision=revision,
            )
        except InvestmentError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, f"Đã sửa hệ số của {CapitalSource(source).label}.")
        return redirect(reverse("investment:coefficients"))
    return render(
        request,
        "investment/coefficients.html",
        {"rows": GrowthCoefficient.objects.all(), "is_finance": rules.is_finance(request.user)},
    )
