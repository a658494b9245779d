"""The scenario pages. The same view renders the whole page or, for htmx, the editor fragment."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from chitieu.access.params import int_param
from chitieu.core.numbers import NumberError, format_number, parse_number

from .actuals import Reads, actuals_view
from .drivers import drivers_view
from .forms import grid_to_data, paste_to_data
from .models import GrowthScenario, ScenarioVersion
from .selectors import scenario_view, series_labels
from .services import (
    ScenarioConflict,
    ScenarioStatusError,
    scenario_create,
    scenario_permissions,
    scenario_require,
    scenario_set_thresholds,
    scenario_version_adopt,
    scenario_version_propose,
    scenario_version_save,
)


def refusal_as_text(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """An htmx request that is refused gets the reason as plain text (status 403), which the
    page's script shows; a plain request gets the usual 403 page."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except PermissionDenied as exc:
            if not request.headers.get("HX-Request"):
                raise
            return HttpResponse(
                str(exc) or "Bạn không có quyền thực hiện thao tác này.",
                status=403,
                content_type="text/plain; charset=utf-8",
            )

    return wrapped


def scenario_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "scenarios/list.html",
        {"scenarios": GrowthScenario.objects.prefetch_related("versions")},
    )


def _context(
    scenario: GrowthScenario,
    version: ScenarioVersion,
    data: dict[str, Any],
    errors: dict[str, str],
    user: Any = None,
    versions: list[ScenarioVersion] | None = None,
) -> dict[str, Any]:
    labels = series_labels(data)
    if versions is None:
        versions = list(scenario.versions.order_by("number"))
    return {
        "scenario": scenario,
        "version": version,
        "latest": versions[-1] if versions else None,
        "adopted": _adopted(scenario, versions),
        "versions": versions,
        "may": scenario_permissions(user),
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


def _adopted(scenario: GrowthScenario, versions: list[ScenarioVersion]) -> ScenarioVersion | None:
    """``scenario.adopted`` from the versions already read; asked of the database only when a
    version was adopted without a date, whose place in the order the database decides."""
    adopted = [v for v in versions if v.status == ScenarioVersion.Status.ADOPTED]
    if any(v.adopted_at is None for v in adopted):
        return scenario.adopted
    return max(adopted, key=lambda v: (v.adopted_at, v.number), default=None)


def _render(request: HttpRequest, context: dict[str, Any], status: int = 200) -> HttpResponse:
    template = (
        "scenarios/_editor.html" if request.headers.get("HX-Request") else "scenarios/detail.html"
    )
    return render(request, template, context, status=status)


def scenario_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Opens on the adopted version; a trial is shown only when asked for by its number."""
    scenario = get_object_or_404(GrowthScenario, pk=pk)
    number = int_param(request.GET, "phien-ban")
    versions = list(scenario.versions.order_by("number"))
    adopted = _adopted(scenario, versions)
    if number is not None:
        version = next((v for v in versions if v.number == number), None)
    else:
        version = adopted or (versions[-1] if versions else None)
    if version is None:
        raise Http404("Không có phiên bản này.")
    context = _context(scenario, version, version.data, {}, request.user, versions)
    reads = Reads(scenario)
    context["actuals"] = actuals_view(scenario, version, reads=reads)
    context["drivers"] = drivers_view(scenario, version=context["adopted"], reads=reads)
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
    context = _context(scenario, version, data, errors, request.user)
    if errors:
        context["grid_values"] = dict(request.POST.items())
    return _render(request, context, status=422 if errors else 200)


@require_POST
@refusal_as_text
def scenario_save(request: HttpRequest, pk: int) -> HttpResponse:
    scenario_require(request.user, "save")
    scenario = get_object_or_404(GrowthScenario, pk=pk)
    based_on = int_param(request.POST, "based_on", required=True)
    version = get_object_or_404(ScenarioVersion, scenario=scenario, number=based_on)
    data, errors = _posted(request, version)
    if not errors and data == version.data:
        errors = {
            "unchanged": f"Không có ô nào khác phiên bản {version.number}: chưa lưu phiên bản mới."
        }
    if errors:
        context = _context(scenario, version, data, errors, request.user)
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
        context = _context(scenario, version, data, {}, request.user)
        context["conflict"] = exc.latest
        context["conflict_message"] = str(exc)
        return _render(request, context, status=409)
    messages.success(
        request,
        f"Đã lưu phiên bản {saved.number} (bản thử): chưa dùng cho báo cáo cho đến khi được thông qua.",
    )
    url = reverse("scenarios:detail", args=[scenario.pk]) + f"?phien-ban={saved.number}"
    if request.headers.get("HX-Request"):
        return HttpResponse(status=204, headers={"HX-Redirect": url})
    return redirect(url)


@require_POST
@refusal_as_text
def scenario_status(request: HttpRequest, pk: int, number: int, action: str) -> HttpResponse:
    """Propose a trial version, or adopt one (finance only)."""
    version = get_object_or_404(ScenarioVersion, scenario_id=pk, number=number)
    try:
        if action == "de-xuat":
            scenario_version_propose(version=version, user=request.user)
            messages.success(request, f"Đã đề xuất thông qua phiên bản {number}.")
        else:
            scenario_version_adopt(version=version, user=request.user, at=timezone.now())
            messages.success(
                request,
                f"Đã thông qua phiên bản {number}: từ nay trang kịch bản và báo cáo tháng dùng phiên bản này.",
            )
    except ScenarioStatusError as exc:
        messages.error(request, str(exc))
    url = reverse("scenarios:detail", args=[pk]) + f"?phien-ban={number}"
    if request.headers.get("HX-Request"):
        return HttpResponse(status=204, headers={"HX-Redirect": url})
    return redirect(url)


@require_POST
@refusal_as_text
def scenario_copy(request: HttpRequest, pk: int) -> HttpResponse:
    """Start a new scenario (another year, another version of the plan) from this one's inputs."""
    scenario_require(request.user, "save")
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


@require_POST
@refusal_as_text
def scenario_thresholds(request: HttpRequest, pk: int) -> HttpResponse:
    """Finance sets the thresholds beyond which a shortfall is told to the people concerned."""
    scenario = get_object_or_404(GrowthScenario, pk=pk)
    try:
        points = parse_number(request.POST.get("points", ""))
        percent = parse_number(request.POST.get("percent", ""))
    except NumberError as exc:
        messages.error(request, f"Ngưỡng không đọc được: {exc}")
    else:
        try:
            scenario_set_thresholds(
                scenario=scenario, user=request.user, points=points, percent=percent
            )
        except ScenarioStatusError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request,
                "Đã đặt ngưỡng báo chậm: tăng trưởng thấp hơn kịch bản quá "
                f"{format_number(points)} điểm %, chỉ tiêu dẫn dắt chậm quá {format_number(percent)} %.",
            )
    return redirect(reverse("scenarios:detail", args=[pk]) + "#nguong")
