"""The scenario pages. The same view renders the whole page or, for htmx, the editor fragment."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from chitieu.access.choices import Role
from chitieu.access.params import int_param
from chitieu.access.permissions import require_role

from .actuals import actuals_view
from .forms import grid_to_data, paste_to_data
from .models import GrowthScenario, ScenarioVersion
from .selectors import scenario_view, series_labels
from .services import ScenarioConflict, scenario_create, scenario_version_save


def scenario_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "scenarios/list.html",
        {"scenarios": GrowthScenario.objects.prefetch_related("versions")},
    )


def _context(
    scenario: GrowthScenario, version: ScenarioVersion, data: dict[str, Any], errors: dict[str, str]
) -> dict[str, Any]:
    labels = series_labels(data)
    return {
        "scenario": scenario,
        "version": version,
        "latest": scenario.latest,
        "versions": scenario.versions.order_by("number"),
        "data": data,
        "grid": [
            (
                code,
                labels.get(code, code),
                list(
                    zip(
                        ("Q1", "Q2", "Q3", "Q4"),
                        data["growth"][code],
                        data["base"][code],
                        strict=True,
                    )
                ),
            )
            for code in data["components"]
        ],
        "target": (data.get("targets") or [{}])[0].get("growth", ""),
        "rule": (data.get("rule") or {}).get("kind", "additive"),
        "solve": set(data.get("solve") or []),
        "view": scenario_view(data, version.published, labels),
        "errors": errors,
    }


def _render(request: HttpRequest, context: dict[str, Any], status: int = 200) -> HttpResponse:
    template = (
        "scenarios/_editor.html" if request.headers.get("HX-Request") else "scenarios/detail.html"
    )
    return render(request, template, context, status=status)


def scenario_detail(request: HttpRequest, pk: int) -> HttpResponse:
    scenario = get_object_or_404(GrowthScenario, pk=pk)
    number = int_param(request.GET, "phien-ban")
    version = (
        get_object_or_404(ScenarioVersion, scenario=scenario, number=number)
        if number is not None
        else scenario.latest
    )
    context = _context(scenario, version, version.data, {})
    context["actuals"] = actuals_view(scenario, version)
    return _render(request, context)


def _posted(
    request: HttpRequest, version: ScenarioVersion
) -> tuple[dict[str, Any], dict[str, str]]:
    data, errors = grid_to_data(request.POST, version.data)
    paste = request.POST.get("paste", "")
    if paste.strip() and not errors:
        data, errors = paste_to_data(paste, data, series_labels(data))
    return (version.data if errors else data), errors


@require_POST
def scenario_compute(request: HttpRequest, pk: int) -> HttpResponse:
    """Recompute with the edited cells, saving nothing."""
    scenario = get_object_or_404(GrowthScenario, pk=pk)
    version = get_object_or_404(
        ScenarioVersion,
        scenario=scenario,
        number=int_param(request.POST, "based_on", required=True),
    )
    data, errors = _posted(request, version)
    context = _context(scenario, version, data, errors)
    if errors:
        context["grid_values"] = dict(request.POST.items())
    return _render(request, context, status=422 if errors else 200)


@require_POST
def scenario_save(request: HttpRequest, pk: int) -> HttpResponse:
    require_role(request.user, Role.COMPILER, Role.REVIEWER)
    scenario = get_object_or_404(GrowthScenario, pk=pk)
    based_on = int_param(request.POST, "based_on", required=True)
    version = get_object_or_404(ScenarioVersion, scenario=scenario, number=based_on)
    data, errors = _posted(request, version)
    if errors:
        context = _context(scenario, version, data, errors)
        context["grid_values"] = dict(request.POST.items())
        return _render(request, context, status=422)
    try:
        saved = scenario_version_save(
            scenario=scenario,
            data=data,
            based_on=based_on,
            note=request.POST.get("note", ""),
            user=request.user,
        )
    except ScenarioConflict as exc:
        context = _context(scenario, version, data, {})
        context["conflict"] = exc.latest
        context["conflict_message"] = str(exc)
        return _render(request, context, status=409)
    messages.success(request, f"Đã lưu phiên bản {saved.number}.")
    url = reverse("scenarios:detail", args=[scenario.pk])
    if request.headers.get("HX-Request"):
        return HttpResponse(status=204, headers={"HX-Redirect": url})
    return redirect(url)


@require_POST
def scenario_copy(request: HttpRequest, pk: int) -> HttpResponse:
    """Start a new scenario (another year, another version of the plan) from this one's inputs."""
    require_role(request.user, Role.COMPILER, Role.REVIEWER)
    source = get_object_or_404(GrowthScenario, pk=pk)
    title = request.POST.get("title", "").strip()
    year = request.POST.get("year", "").strip()
    if not title or not year.isdigit() or not 2000 <= int(year) <= 2100:
        messages.error(request, "Cần tên kịch bản và năm (ví dụ 2027) để tạo kịch bản mới.")
        return redirect("scenarios:detail", pk=pk)
    latest = source.latest
    new = scenario_create(
        year=int(year),
        title=title,
        source=f"Sao từ “{source.title}”",
        data=latest.data,
        published=None,
        user=request.user,
    )
    messages.success(request, f"Đã tạo “{new.title}”; sửa số liệu đầu vào rồi lưu.")
    return redirect("scenarios:detail", pk=new.pk)
