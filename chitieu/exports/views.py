"""Downloads: each page's table as Word, Excel or PDF, from the same selector as the page.

The pages need only a signed-in user, so do the downloads (the login middleware sees to it)."""

from __future__ import annotations

from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone

from chitieu.access.params import int_param
from chitieu.catalog.models import Indicator, Plan
from chitieu.organizations.models import Organization
from chitieu.scenarios.models import GrowthScenario, ScenarioVersion

from . import sdmx
from .render import ExportError, Request, find_plan, render, report_for


def _plan(request: HttpRequest) -> Plan:
    pk = int_param(request.GET, "ke-hoach")
    return get_object_or_404(Plan, pk=pk) if pk is not None else find_plan(None)


def _send(req: Request, fmt: str) -> HttpResponse:
    try:
        data, content_type, name = render(report_for(req), fmt)
    except ExportError as exc:
        raise BadRequest(str(exc)) from exc
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def appendix(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    plan = get_object_or_404(Plan, pk=pk)
    return _send(Request("appendix", timezone.localdate(), plan=plan), fmt)


def evaluation(request: HttpRequest, fmt: str) -> HttpResponse:
    req = Request(
        "evaluation", timezone.localdate(), plan=_plan(request), period=request.GET.get("ky")
    )
    return _send(req, fmt)


def scenario(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    s = get_object_or_404(GrowthScenario, pk=pk)
    number = int_param(request.GET, "phien-ban")
    version = (
        get_object_or_404(ScenarioVersion, scenario=s, number=number)
        if number is not None
        else None
    )
    return _send(Request("scenario", timezone.localdate(), scenario=s, version=version), fmt)


def scorecard(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    org = get_object_or_404(Organization, pk=pk)
    req = Request("scorecard", timezone.localdate(), plan=_plan(request), organization=org)
    return _send(req, fmt)


def monthly(request: HttpRequest, fmt: str) -> HttpResponse:
    period = request.GET.get("thang") or None
    return _send(Request("monthly", timezone.localdate(), period=period), fmt)


def figures_sdmx(request: HttpRequest) -> HttpResponse:
    """Approved figures as SDMX-CSV 2.0 (the structure is at ``figures_structure``)."""
    response = HttpResponse(
        sdmx.sdmx_csv(sdmx.exchange_figures()),
        content_type="application/vnd.sdmx.data+csv; version=2.0.0; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="so-lieu.sdmx.csv"'
    return response


def figures_sdmx_xml(request: HttpRequest) -> HttpResponse:
    """The same approved figures as an SDMX-ML 2.1 structure-specific data message."""
    response = HttpResponse(
        sdmx.data_xml(sdmx.exchange_figures(), timezone.now()),
        content_type="application/vnd.sdmx.structurespecificdata+xml; version=2.1",
    )
    response["Content-Disposition"] = 'attachment; filename="so-lieu.sdmx.xml"'
    return response


def figures_structure(request: HttpRequest) -> HttpResponse:
    """The SDMX-ML structure message: codelists, concepts, the DSD and its dataflow."""
    data = sdmx.structure_xml(
        Indicator.objects.order_by("pk"), Organization.objects.order_by("pk"), timezone.now()
    )
    return HttpResponse(data, content_type="application/vnd.sdmx.structure+xml; version=2.1")


def figures_csv(request: HttpRequest) -> HttpResponse:
    """Approved figures as plain CSV with names, for a spreadsheet."""
    response = HttpResponse(
        "\ufeff" + sdmx.plain_csv(sdmx.exchange_figures()), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="so-lieu.csv"'
    return response
