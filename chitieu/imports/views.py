"""Upload -> preview -> confirm. Views only call services and selectors."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from chitieu.access.choices import Role
from chitieu.access.params import int_list_param, int_param
from chitieu.access.permissions import require_role
from chitieu.catalog.services import NEW_ORGANIZATION, ImportDecisions, ImportRefused
from chitieu.importers import ImportError_
from chitieu.organizations.models import Organization

from .forms import UploadForm
from .models import ImportBatch
from .selectors import import_preview
from .services import import_batch_confirm, import_batch_create


def upload(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        require_role(request.user, Role.COMPILER)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        f = form.cleaned_data["file"]
        try:
            batch = import_batch_create(name=f.name, data=f.read(), user=request.user)
        except ImportError_ as exc:
            form.add_error("file", str(exc))
        else:
            return redirect("imports:preview", pk=batch.pk)
    recent = ImportBatch.objects.select_related("plan").defer("data")[:10]
    return render(request, "imports/upload.html", {"form": form, "recent": recent})


def _decisions(request: HttpRequest, unresolved: list[str]) -> ImportDecisions:
    skip = int_list_param(request.POST, "skip")
    split = int_list_param(request.POST, "split")
    agencies = {}
    for i, name in enumerate(unresolved):
        choice = request.POST.get(f"agency_{i}", "")
        if choice == NEW_ORGANIZATION:
            agencies[name] = choice
        elif choice:
            agencies[name] = str(int_param(request.POST, f"agency_{i}"))
    return ImportDecisions(skip=skip, split=split, agencies=agencies)


def preview(request: HttpRequest, pk: int) -> HttpResponse:
    batch = get_object_or_404(ImportBatch, pk=pk)
    try:
        p = import_preview(batch)
    except ImportError_ as exc:
        messages.error(request, str(exc))
        return redirect("imports:upload")
    context = {
        "batch": batch,
        "p": p,
        "organizations": Organization.objects.order_by("name"),
        "new_org": NEW_ORGANIZATION,
    }
    return render(request, "imports/preview.html", context)


@require_POST
def confirm(request: HttpRequest, pk: int) -> HttpResponse:
    require_role(request.user, Role.COMPILER)
    batch = get_object_or_404(ImportBatch, pk=pk)
    p = import_preview(batch)
    decisions = _decisions(request, p.unresolved)
    try:
        result = import_batch_confirm(batch=batch, decisions=decisions, user=request.user)
    except ImportRefused as exc:
        messages.error(request, str(exc))
        return redirect("imports:preview", pk=pk)
    if result.created:
        messages.success(
            request,
            f"Đã lưu {result.plan}: {result.indicators_created} chỉ tiêu mới, "
            f"{result.indicators_matched} chỉ tiêu khớp danh mục.",
        )
    else:
        messages.info(
            request, f"Văn bản này đã được nhập trước đây ({result.plan}); không tạo gì mới."
        )
    return redirect("web:plan", pk=result.plan.pk)
