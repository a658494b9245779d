"""Pages of the catalog. Views read through selectors and render; no business logic here."""

from __future__ import annotations

from itertools import groupby

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from chitieu.access.choices import Role
from chitieu.access.permissions import role_of
from chitieu.catalog import selectors
from chitieu.catalog.choices import IndicatorGroup
from chitieu.catalog.models import Indicator, Plan
from chitieu.organizations.models import Organization
from chitieu.reporting import selectors as reporting_selectors


def home(request: HttpRequest) -> HttpResponse:
    return redirect("web:plans")


def plans(request: HttpRequest) -> HttpResponse:
    # the leader reads; the import button is for those who do the work
    can_import = role_of(request.user) != Role.LEADER
    return render(
        request, "web/plans.html", {"plans": selectors.plan_list(), "can_import": can_import}
    )


def plan(request: HttpRequest, pk: int) -> HttpResponse:
    p = get_object_or_404(Plan.objects.select_related("imported_by"), pk=pk)
    lines = selectors.plan_appendix(p)
    unresolved = [ln.target for ln in lines if ln.target and ln.target.unresolved_agencies]
    return render(request, "web/plan.html", {"plan": p, "lines": lines, "unresolved": unresolved})


def indicators(request: HttpRequest) -> HttpResponse:
    items = selectors.indicator_list().order_by("group", "name")
    labels = dict(IndicatorGroup.choices)
    groups = [(labels.get(g, g), list(rows)) for g, rows in groupby(items, key=lambda i: i.group)]
    return render(request, "web/indicators.html", {"groups": groups})


def indicator(request: HttpRequest, pk: int) -> HttpResponse:
    ind = get_object_or_404(Indicator.objects.select_related("parent"), pk=pk)
    figures, figure_count = reporting_selectors.indicator_figures(ind)
    status = reporting_selectors.indicator_status(ind)
    context = {
        "indicator": ind,
        "targets": selectors.indicator_targets(ind),
        "children": ind.children.all(),
        "figures": figures,
        "figure_count": figure_count,
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
