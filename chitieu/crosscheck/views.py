"""Pages: findings by plan and by indicator, proposed links to decide, targets side by side."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import BadRequest, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from chitieu.access.params import int_param
from chitieu.access.permissions import role_of
from chitieu.catalog.models import Indicator, Plan

from . import selectors
from .models import PlanAmendment
from .services import (
    DECIDERS,
    finding_explain,
    indicator_link_confirm,
    indicator_link_split,
    plan_amendment_record,
    plan_amendment_remove,
)


def _may_decide(request: HttpRequest) -> bool:
    return role_of(request.user) in DECIDERS


def index(request: HttpRequest) -> HttpResponse:
    report = selectors.crosscheck_report(request.GET.get("ke-hoach") or None)
    view = "chi-tieu" if request.GET.get("theo") == "chi-tieu" else "ke-hoach"
    grouped = report.by_indicator() if view == "chi-tieu" else report.by_plan()
    sections = [
        (
            title,
            [
                {
                    "finding": f,
                    "label": selectors.kind_label(f.kind),
                    "explanation": report.explanations.get(f.key),
                }
                for f in findings
            ],
        )
        for title, findings in grouped
    ]
    return render(
        request,
        "crosscheck/index.html",
        {
            "report": report,
            "sections": sections,
            "view": view,
            "may_decide": _may_decide(request),
            "failed_checks": [c for c in report.checks if c.ok is False],
            "passed_checks": [c for c in report.checks if c.ok is True],
            "open_checks": [c for c in report.checks if c.ok is None],
            "proposal_count": len(selectors.link_proposals()),
            "plans": Plan.objects.all(),
            "plan": request.GET.get("ke-hoach", ""),
        },
    )


def links(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "crosscheck/links.html",
        {
            "proposals": selectors.link_proposals(),
            "decided": selectors.decided_links(),
            "may_decide": _may_decide(request),
        },
    )


@require_POST
def link_decide(request: HttpRequest) -> HttpResponse:
    a = get_object_or_404(Indicator, pk=request.POST.get("a", "0") or 0)
    b = get_object_or_404(Indicator, pk=request.POST.get("b", "0") or 0)
    note = request.POST.get("note", "")
    decision = request.POST.get("decision")
    if decision not in ("confirm", "split"):
        raise BadRequest("Quyết định phải là “Là một” hoặc “Tách”.")
    try:
        if decision == "confirm":
            indicator_link_confirm(user=request.user, a=a, b=b, note=note)
            messages.success(request, f"Đã xác nhận “{a.name}” và “{b.name}” là một chỉ tiêu.")
        else:
            indicator_link_split(user=request.user, a=a, b=b, note=note)
            messages.success(request, f"Đã tách: “{a.name}” và “{b.name}” là hai chỉ tiêu.")
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(reverse("crosscheck:links"))


@require_POST
def finding_explain_view(request: HttpRequest) -> HttpResponse:
    try:
        finding_explain(
            user=request.user, key=request.POST.get("key", ""), note=request.POST.get("note", "")
        )
        messages.success(request, "Đã ghi giải trình.")
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    back = request.POST.get("back", "")
    return redirect(back if back.startswith("/doi-chieu/") else reverse("crosscheck:index"))


def side_by_side_view(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "crosscheck/side_by_side.html",
        {"tables": selectors.side_by_side(only_shared=request.GET.get("tat-ca") != "1")},
    )


def plan_diff_view(request: HttpRequest) -> HttpResponse:
    plans = list(Plan.objects.all())
    old = new = None
    rows: list[selectors.DiffRow] = []
    old_id, new_id = int_param(request.GET, "cu"), int_param(request.GET, "moi")
    if old_id and new_id and old_id != new_id:
        old = get_object_or_404(Plan, pk=old_id)
        new = get_object_or_404(Plan, pk=new_id)
        rows = selectors.plan_diff(old, new)
    return render(
        request,
        "crosscheck/diff.html",
        {
            "plans": plans,
            "old": old,
            "new": new,
            "rows": rows,
            "changed": [r for r in rows if r.changes],
            "amendments": selectors.amendments(),
            "may_decide": _may_decide(request),
        },
    )


@require_POST
def amendment_record(request: HttpRequest) -> HttpResponse:
    plan = get_object_or_404(Plan, pk=int_param(request.POST, "moi") or 0)
    amends = get_object_or_404(Plan, pk=int_param(request.POST, "cu") or 0)
    ids = [int(i) for i in request.POST.getlist("dong") if i.isdigit()]
    try:
        plan_amendment_record(
            user=request.user,
            plan=plan,
            amends=amends,
            scope=request.POST.get("scope", ""),
            indicators=list(Indicator.objects.filter(pk__in=ids)),
            note=request.POST.get("note", ""),
        )
        messages.success(request, "Đã ghi nhận văn bản sửa đổi, thay thế.")
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(f"{reverse('crosscheck:diff')}?cu={amends.pk}&moi={plan.pk}")


@require_POST
def amendment_remove(request: HttpRequest) -> HttpResponse:
    amendment = get_object_or_404(PlanAmendment, pk=int_param(request.POST, "id") or 0)
    old, new = amendment.amends_id, amendment.plan_id
    try:
        plan_amendment_remove(user=request.user, amendment=amendment)
        messages.success(request, "Đã bỏ ghi nhận; các mục tiêu của văn bản trước áp dụng trở lại.")
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(f"{reverse('crosscheck:diff')}?cu={old}&moi={new}")
