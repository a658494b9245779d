"""Actions, the reporting calendar and the monthly report."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from chitieu.access.params import int_param, next_url
from chitieu.access.permissions import membership, require_works_for, works_for
from chitieu.catalog.models import Plan
from chitieu.core.periods import Period, PeriodError
from chitieu.organizations.models import Organization

from . import selectors
from .models import Action, ObligationInstance
from .services import ActionError, action_update_add, obligation_instance_submit


def action_list(request: HttpRequest) -> HttpResponse:
    org = int_param(request.GET, "co-quan")
    plan = int_param(request.GET, "ke-hoach")
    view = request.GET.get("loc", "")
    today = timezone.localdate()
    qs = selectors.actions(
        organization=org,
        plan=plan,
        overdue=view == "qua-han",
        due_month=today.replace(day=1) if view == "thang-nay" else None,
        today=today,
    )
    return render(
        request,
        "actions/list.html",
        {
            "actions": qs,
            "organizations": Organization.objects.filter(actions_led__isnull=False).distinct(),
            "plans": Plan.objects.all(),
            "view": view,
            "today": today,
            "org": org,
            "plan": plan,
        },
    )


def action_detail(request: HttpRequest, pk: int) -> HttpResponse:
    action = get_object_or_404(Action.objects.select_related("lead", "plan"), pk=pk)
    can_update = works_for(request.user, action.lead_id)
    return render(
        request,
        "actions/detail.html",
        {
            "action": action,
            "updates": action.updates.select_related("user"),
            "can_update": can_update,
            "today": timezone.localdate(),
        },
    )


@require_POST
def action_update(request: HttpRequest, pk: int) -> HttpResponse:
    action = get_object_or_404(Action, pk=pk)
    require_works_for(
        request.user, action.lead_id, "Chỉ cơ quan chủ trì cập nhật tiến độ nhiệm vụ."
    )
    try:
        percent = int(request.POST.get("percent", ""))
    except ValueError:
        messages.error(request, "Tiến độ phải là số phần trăm từ 0 đến 100.")
        return redirect("actions:detail", pk=pk)
    try:
        action_update_add(
            action=action,
            user=request.user,
            text=request.POST.get("text", ""),
            percent=percent,
            attachment=request.FILES.get("attachment"),
        )
    except ActionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Đã cập nhật tiến độ.")
    return redirect("actions:detail", pk=pk)


def _month(request: HttpRequest) -> Period:
    code = request.GET.get("thang", "")
    if code:
        try:
            p = Period.parse(code)
        except PeriodError as exc:
            raise BadRequest(f"Tham số “thang”={code[:40]!r} không hợp lệ: {exc}") from exc
        if p.kind.value != "month":
            raise BadRequest(f"Tham số “thang”={code[:40]!r} không phải một tháng (ví dụ 2026-10).")
        return p
    today = timezone.localdate()
    last = date(today.year - (today.month == 1), 12 if today.month == 1 else today.month - 1, 1)
    return Period.month(last.year, last.month)


def calendar(request: HttpRequest) -> HttpResponse:
    period = _month(request)
    my_org = getattr(membership(request.user), "organization_id", None)
    return render(
        request,
        "actions/calendar.html",
        {
            "period": period,
            "rows": selectors.calendar_month(period.code),
            "labels": selectors.STATE_LABELS,
            # the "sent" button is offered only to those who may press it (not the leader)
            "my_org": my_org if my_org is not None and works_for(request.user, my_org) else None,
        },
    )


@require_POST
def instance_submit(request: HttpRequest, pk: int) -> HttpResponse:
    inst = get_object_or_404(ObligationInstance.objects.select_related("obligation"), pk=pk)
    require_works_for(
        request.user,
        inst.obligation.organization_id,
        "Chỉ cơ quan có nghĩa vụ báo cáo mới đánh dấu đã gửi.",
    )
    obligation_instance_submit(instance=inst, user=request.user)
    try:
        label = Period.parse(inst.period_code).label
        period = label[:1].lower() + label[1:]  # "quý III/2026", not "quý iii/2026"
    except PeriodError:
        period = f"kỳ {inst.period_code}"
    messages.success(request, f"Đã ghi nhận gửi {inst.obligation.name} {period}.")
    return redirect(next_url(request, reverse("actions:calendar")))


def monthly(request: HttpRequest) -> HttpResponse:
    month = _month(request)
    fmt = request.GET.get("dinh-dang")
    if fmt in ("docx", "xlsx", "pdf"):
        # the old download link: the documents are the exports' own, in the Decree 30 layout
        return redirect(reverse("exports:monthly", args=[fmt]) + f"?thang={month.code}")
    report = selectors.monthly_report(month.code)
    return render(request, "actions/monthly.html", {"r": report})
