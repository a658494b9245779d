"""Pages of the catalog. Views read through selectors and render; no business logic here."""

from __future__ import annotations

from itertools import groupby

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from chitieu.access.params import int_param
from chitieu.access.permissions import IMPORT_ROLES, require_role, role_of
from chitieu.catalog import selectors
from chitieu.catalog.choices import IndicatorGroup
from chitieu.catalog.models import Indicator, Plan
from chitieu.catalog.services import plan_agency_resolve
from chitieu.organizations.models import Organization
from chitieu.reporting import selectors as reporting_selectors
from chitieu.reporting.choices import FigureStatus, Vintage
from chitieu.reporting.links import links


def home(request: HttpRequest) -> HttpResponse:
    return redirect("web:plans")


def plans(request: HttpRequest) -> HttpResponse:
    # the import button is for those who may import (finance, the administrator)
    can_import = role_of(request.user) in IMPORT_ROLES
    return render(
        request, "web/plans.html", {"plans": selectors.plan_list(), "can_import": can_import}
    )


def plan(request: HttpRequest, pk: int) -> HttpResponse:
    p = get_object_or_404(Plan.objects.select_related("imported_by"), pk=pk)
    lines = selectors.plan_appendix(p)
    unresolved = [ln.target for ln in lines if ln.target and ln.target.unresolved_agencies]
    names = sorted({n for t in unresolved for n in t.unresolved_agencies})
    may_fix = role_of(request.user) in IMPORT_ROLES
    return render(
        request,
        "web/plan.html",
        {
            "plan": p,
            "lines": lines,
            "unresolved": unresolved,
            "unresolved_names": names,
            "may_fix": may_fix,
            "organizations": Organization.objects.filter(active=True).order_by("name")
            if may_fix and names
            else [],
        },
    )


@require_POST
def plan_agency(request: HttpRequest, pk: int) -> HttpResponse:
    """Finance says which organisation an unrecognised agency name of a plan is."""
    require_role(request.user, *IMPORT_ROLES)
    p = get_object_or_404(Plan, pk=pk)
    name = request.POST.get("name", "")
    org_pk = int_param(request.POST, "organization")
    org = Organization.objects.filter(pk=org_pk).first() if org_pk is not None else None
    if org is None:
        messages.error(request, f"Chưa chọn cơ quan cho “{name[:80]}”.")
    else:
        changed = plan_agency_resolve(user=request.user, plan=p, name=name, organization=org)
        if changed:
            messages.success(
                request,
                f"Đã ghi “{name}” là {org.name} ở {changed} dòng; lần nhập sau tên này được nhận ra.",
            )
        else:
            messages.error(
                request, f"Không còn dòng nào của kế hoạch ghi “{name[:80]}” chưa nhận ra."
            )
    return redirect(reverse("web:plan", args=[pk]))


def indicators(request: HttpRequest) -> HttpResponse:
    items = selectors.indicator_list().order_by("group", "name")
    labels = dict(IndicatorGroup.choices)
    groups = [(labels.get(g, g), list(rows)) for g, rows in groupby(items, key=lambda i: i.group)]
    return render(request, "web/indicators.html", {"groups": groups})


def indicator(request: HttpRequest, pk: int) -> HttpResponse:
    # with its reporting spec: the statuses' roll-up rule needs no query of its own
    ind = get_object_or_404(Indicator.objects.select_related("parent", "reporting"), pk=pk)
    figures, figure_count = reporting_selectors.indicator_figures(ind)
    status = reporting_selectors.indicator_status(ind)
    context = {
        "indicator": ind,
        "targets": selectors.indicator_targets(ind),
        "children": ind.children.all(),
        "figures": figures,
        "figure_count": figure_count,
        # a hundred rows: their addresses reversed once, their labels from plain dicts
        "figure_links": links("reporting:figure", (f.pk for f in figures)),
        "vintage_labels": dict(Vintage.choices),
        "status_labels": dict(FigureStatus.choices),
        "status": status,
        "chart": status.chart,
    }
    return render(request, "web/indicator.html", context)


def organizations(request: HttpRequest) -> HttpResponse:
    return render(
        request, "web/organizations.html", {"organizations": selectors.organization_list()}
    )


def organization(request: HttpRequest, pk: int) -> HttpResponse:
    org = get_object_or_404(Organization.objects.select_related("successor"), pk=pk)
    work = selectors.organization_work(org)
    return render(
        request,
        "web/organization.html",
        {
            "org": org,
            "leads": work["lead"],
            "coordinates": work["coordinating"],
            "predecessors": org.predecessors.all(),
        },
    )
