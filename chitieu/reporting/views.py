"""Reporting and evaluation pages. Views check access, call services and selectors, render."""

from __future__ import annotations

import base64
from datetime import date

from django.contrib import messages
from django.core.exceptions import BadRequest, PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from chitieu.access.choices import Role
from chitieu.access.params import int_param, next_url
from chitieu.access.permissions import membership, role_of
from chitieu.catalog.models import Indicator, Plan
from chitieu.core.periods import Period, PeriodError
from chitieu.organizations.models import Organization

from . import selectors
from .choices import Action, FigureStatus, Status, Vintage
from .evaluation import SCORE_RULES
from .excel import build_template, read_upload, save_upload
from .models import Figure
from .services import FigureConflict, FigureError, figure_save, figure_transition


def _period(request: HttpRequest) -> str:
    code = request.GET.get("ky") or request.POST.get("period")
    if not code:
        return str(date.today().year - 1)
    try:
        return Period.parse(code).code
    except PeriodError as exc:
        # a period that cannot be read is said so, not silently replaced by last year
        raise BadRequest(f"Tham số “ky”={code[:40]!r} không hợp lệ: {exc}") from exc


def _my_org(request: HttpRequest) -> Organization:
    m = membership(request.user)
    if m is None:
        raise PermissionDenied("Tài khoản chưa gắn với cơ quan nào; hãy liên hệ quản trị.")
    return m.organization


def my_figures(request: HttpRequest) -> HttpResponse:
    org = _my_org(request)
    period = _period(request)
    context = {
        "org": org,
        "period": Period.parse(period),
        "rows": selectors.my_figures(org, period),
        "vintages": Vintage.choices,
        "can_edit": role_of(request.user) in (Role.REPORTER, Role.ADMIN),
        "conflict": request.session.pop("figure_conflict", None),
    }
    return render(request, "reporting/my_figures.html", context)


@require_POST
def figure_save_view(request: HttpRequest) -> HttpResponse:
    org = _my_org(request)
    indicator = get_object_or_404(Indicator, pk=int_param(request.POST, "indicator", required=True))
    period = request.POST.get("period", "")
    back = f"{reverse('reporting:mine')}?ky={period}#chi-tieu-{indicator.pk}"
    try:
        result = figure_save(
            user=request.user,
            indicator=indicator,
            organization=org,
            period_code=period,
            vintage=request.POST.get("vintage", ""),
            value=request.POST.get("value", ""),
            comment=request.POST.get("comment", ""),
            source=request.POST.get("source", ""),
            expected_revision=int(rev)
            if (rev := request.POST.get("revision", "")).isdigit()
            else None,
        )
    except FigureConflict as exc:
        request.session["figure_conflict"] = {
            "indicator": indicator.pk,
            "message": str(exc),
            "mine": request.POST.get("value", ""),
            "theirs": str(exc.current.value.normalize()),
        }
        messages.error(request, str(exc))
        return redirect(back)
    except FigureError as exc:
        messages.error(request, f"{indicator.name}: {exc} Chưa lưu.")
        return redirect(back)
    messages.success(
        request,
        f"Đã lưu {indicator.name}: {result.figure.value.normalize()} ({result.figure.get_vintage_display()}).",
    )
    return redirect(back)


@require_POST
def figure_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    figure = get_object_or_404(Figure, pk=pk)
    try:
        figure_transition(
            user=request.user, figure=figure, action=action, reason=request.POST.get("reason", "")
        )
    except FigureError as exc:
        messages.error(request, f"{figure.indicator.name}: {exc}")
    else:
        messages.success(request, f"{figure.indicator.name}: {Action(action).label}.")
    return redirect(next_url(request, reverse("reporting:figure", args=[pk])))


def figure_detail(request: HttpRequest, pk: int) -> HttpResponse:
    figure = get_object_or_404(
        Figure.objects.select_related("indicator", "organization", "entered_by"), pk=pk
    )
    return render(
        request,
        "reporting/figure.html",
        {
            "figure": figure,
            "audit": figure.audit.select_related("user"),
            "role": role_of(request.user),
            "workflow": selectors.WORKFLOW,
        },
    )


def review(request: HttpRequest) -> HttpResponse:
    role = role_of(request.user)
    if role not in (Role.REVIEWER, Role.COMPILER, Role.ADMIN):
        raise PermissionDenied("Chỉ Thống kê tỉnh và Sở Tài chính có danh sách chờ kiểm tra.")
    status = FigureStatus.SUBMITTED if role == Role.REVIEWER else FigureStatus.VERIFIED
    if role == Role.ADMIN and request.GET.get("buoc") == "duyet":
        status = FigureStatus.VERIFIED
    return render(
        request,
        "reporting/review.html",
        {"figures": selectors.review_queue(status), "status": FigureStatus(status), "role": role},
    )


def template_download(request: HttpRequest) -> HttpResponse:
    org = _my_org(request)
    period = _period(request)
    response = HttpResponse(
        build_template(org, period),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="so-lieu-{org.pk}-{period}.xlsx"'
    return response


def template_upload(request: HttpRequest) -> HttpResponse:
    org = _my_org(request)
    if role_of(request.user) not in (Role.REPORTER, Role.ADMIN):
        raise PermissionDenied("Chỉ cán bộ nhập số liệu mới được tải số liệu lên.")
    if request.method == "POST" and "file" in request.FILES:
        f = request.FILES["file"]
        data = f.read()
        request.session["upload"] = {"name": f.name, "data": base64.b64encode(data).decode()}
        up = read_upload(data, org, f.name)
        return render(request, "reporting/upload.html", {"org": org, "up": up, "name": f.name})
    if request.method == "POST" and request.POST.get("confirm"):
        stored = request.session.get("upload")
        if not stored:
            messages.error(request, "Không còn tệp đã tải lên; hãy tải lại.")
            return redirect("reporting:upload")
        up = read_upload(base64.b64decode(stored["data"]), org, stored["name"])
        try:
            saved = save_upload(up, request.user)
        except FigureError as exc:
            messages.error(request, str(exc))
            return render(
                request, "reporting/upload.html", {"org": org, "up": up, "name": stored["name"]}
            )
        request.session.pop("upload", None)
        messages.success(request, f"Đã lưu {saved} số liệu từ {stored['name']}.")
        return redirect("reporting:mine")
    return render(request, "reporting/upload.html", {"org": org})


def _plan(request: HttpRequest) -> Plan:
    pk = int_param(request.GET, "ke-hoach")
    plan = Plan.objects.filter(pk=pk).first() if pk is not None else selectors.default_plan()
    if plan is None:
        raise PermissionDenied("Chưa có kế hoạch nào để đánh giá.")
    return plan


def dashboard(request: HttpRequest) -> HttpResponse:
    plan = _plan(request)
    ov = selectors.overview(plan)
    return render(
        request,
        "reporting/overview.html",
        {
            "ov": ov,
            "plans": Plan.objects.all(),
            "statuses": [(s, Status(s).label) for s in selectors.STATUS_ORDER],
        },
    )


def agency(request: HttpRequest, pk: int) -> HttpResponse:
    org = get_object_or_404(Organization, pk=pk)
    plan = _plan(request)
    card = selectors.agency_scorecard(org, plan)
    return render(
        request,
        "reporting/scorecard.html",
        {
            "org": org,
            "plan": plan,
            "card": card,
            "rules": SCORE_RULES,
            "statuses": [(s, Status(s).label) for s in selectors.STATUS_ORDER],
        },
    )
