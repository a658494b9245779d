"""Upload -> preview -> confirm. Views only call services and selectors."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from chitieu.access.choices import Role
from chitieu.access.params import int_list_param, int_param
from chitieu.access.permissions import IMPORT_ROLES, require_role, role_of
from chitieu.catalog.services import NEW_ORGANIZATION, ImportDecisions, ImportRefused
from chitieu.importers import ImportError_
from chitieu.organizations.models import Organization

from .forms import IdentityForm, UploadForm
from .models import ImportBatch
from .selectors import Preview, import_preview
from .services import import_batch_confirm, import_batch_create, import_batch_parse


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
    recent = ImportBatch.objects.select_related("plan").defer("data", "parsed")[:10]
    may_import = role_of(request.user) in IMPORT_ROLES
    return render(
        request,
        "imports/upload.html",
        {"form": form, "recent": recent, "may_import": may_import},
    )


def _decisions(
    request: HttpRequest, unresolved: list[str], identity: IdentityForm
) -> ImportDecisions:
    skip = int_list_param(request.POST, "skip")
    split = int_list_param(request.POST, "split")
    agencies = {}
    for i, name in enumerate(unresolved):
        choice = request.POST.get(f"agency_{i}", "")
        if choice == NEW_ORGANIZATION:
            agencies[name] = choice
        elif choice:
            agencies[name] = str(int_param(request.POST, f"agency_{i}"))
    typed = identity.cleaned_data
    return ImportDecisions(
        skip=skip,
        split=split,
        agencies=agencies,
        period_code=typed["period_code"],
        number=typed["number"],
        doc_kind=" ".join(typed["doc_kind"].split()),
        title=" ".join(typed["title"].split()),
        issued_on=typed["issued_on"],
    )


def _identity_form(p: Preview, data: object = None) -> IdentityForm:
    d = p.document
    initial = {
        "period_code": d.period_code,
        "number": d.number,
        "doc_kind": d.doc_kind,
        "issued_on": d.issued_on.strftime("%d/%m/%Y") if d.issued_on else "",
        "title": d.title,
    }
    return IdentityForm(data, initial=initial, needs_period=not d.period_code)


def _render_preview(
    request: HttpRequest, batch: ImportBatch, p: Preview, form: IdentityForm, status: int = 200
) -> HttpResponse:
    # htmx asks for the rows part only (a column's role changed); a plain post gets the page
    template = "imports/_rows.html" if request.headers.get("HX-Request") else "imports/preview.html"
    context = {
        "batch": batch,
        "p": p,
        "identity": form,
        "organizations": Organization.objects.order_by("name"),
        "new_org": NEW_ORGANIZATION,
    }
    return render(request, template, context, status=status)


def _reading(request: HttpRequest, batch: ImportBatch, template: str) -> HttpResponse:
    elapsed = int((timezone.now() - batch.created_at).total_seconds())
    return render(request, template, {"batch": batch, "elapsed": elapsed})


def progress(request: HttpRequest, pk: int) -> HttpResponse:
    """Polled by the preview page (htmx) while the worker reads a big file."""
    batch = get_object_or_404(ImportBatch.objects.defer("data", "parsed"), pk=pk)
    if batch.parse_state == ImportBatch.Parse.DONE:
        response = HttpResponse(status=204)
        response["HX-Redirect"] = reverse("imports:preview", args=[pk])
        return response
    return _reading(request, batch, "imports/_progress.html")


def preview(request: HttpRequest, pk: int) -> HttpResponse:
    batch = get_object_or_404(ImportBatch, pk=pk)
    if (
        batch.parse_state == ImportBatch.Parse.WAITING
        and len(batch.data) <= settings.IMPORT_INLINE_BYTES
    ):
        # a small batch kept before files were read at upload (older rows): read it now, once
        import_batch_parse(batch_id=pk)
        batch.refresh_from_db()
    if batch.parse_state != ImportBatch.Parse.DONE:
        return _reading(request, batch, "imports/reading.html")
    try:
        p = import_preview(batch)
    except ImportError_ as exc:
        messages.error(request, str(exc))
        return redirect("imports:upload")
    return _render_preview(request, batch, p, _identity_form(p))


@require_POST
def remap(request: HttpRequest, pk: int) -> HttpResponse:
    """The rows read again with the column roles chosen in the preview; nothing is saved."""
    require_role(request.user, Role.COMPILER)
    batch = get_object_or_404(ImportBatch, pk=pk)
    if batch.parse_state != ImportBatch.Parse.DONE:
        return redirect("imports:preview", pk=pk)
    p = import_preview(batch, request.POST)
    # the identity typed so far is kept, unchecked: its errors wait for the confirmation
    form = _identity_form(p)
    form.initial.update({k: request.POST[k] for k in form.fields if k in request.POST})
    # 200 even when the roles cannot be read: htmx swaps only a successful answer, and the
    # answer is the rows part saying why
    return _render_preview(request, batch, p, form)


@require_POST
def confirm(request: HttpRequest, pk: int) -> HttpResponse:
    require_role(request.user, Role.COMPILER)
    batch = get_object_or_404(ImportBatch, pk=pk)
    if batch.parse_state != ImportBatch.Parse.DONE:
        messages.error(request, f"{batch.source_name}: tệp chưa đọc xong; chưa lưu gì.")
        return redirect("imports:preview", pk=pk)
    p = import_preview(batch, request.POST)
    form = _identity_form(p, request.POST)
    if p.asked or p.problems:
        # a column the reader was unsure of is asked, never assumed
        for message in [*p.problems, *p.asked]:
            form.add_error(None, message)
        return _render_preview(request, batch, p, form, status=400)
    if not form.is_valid():
        # The preview again, with what was typed and what is wrong with it: never a dead end.
        return _render_preview(request, batch, p, form, status=400)
    decisions = _decisions(request, p.unresolved, form)
    try:
        result = import_batch_confirm(
            batch=batch,
            decisions=decisions,
            user=request.user,
            at=timezone.now(),
            mappings=p.mappings,
        )
    except ImportRefused as exc:
        form.add_error(None, str(exc))
        return _render_preview(request, batch, p, form, status=400)
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
