"""Reporting and evaluation pages. Views check access, call services and selectors, render."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.core.exceptions import BadRequest, PermissionDenied
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt, csrf_protect
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
from .excel import UploadRefused, build_template, figure_upload_create, figure_upload_save
from .models import Figure, FigureUpload
from .services import FigureConflict, FigureError, figure_save, figure_transition
from .sheet import SHEET_LIMITS


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


class _UploadLimit(FileUploadHandler):
    """Stops keeping an uploaded file once it passes the limit, so a huge file never sits in memory
    or on disk; the view then refuses it by name."""

    def __init__(self, request: HttpRequest, limit: int) -> None:
        super().__init__(request)
        self.limit = limit
        self.refused: tuple[str, int] | None = None

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        if start + len(raw_data) > self.limit:
            self.refused = (self.file_name or "tệp", start + len(raw_data))
            # the rest of the body is read and dropped, so the browser still gets the answer
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None


@csrf_exempt
def template_upload(request: HttpRequest) -> HttpResponse:
    # the limit must be in place before anything reads the body (the CSRF check does): the check
    # runs inside, once the handler is installed
    limit = _UploadLimit(request, SHEET_LIMITS.file.max_bytes)
    request.upload_handlers.insert(0, limit)
    return _template_upload(request, limit)


@csrf_protect
def _template_upload(request: HttpRequest, limit: _UploadLimit) -> HttpResponse:
    """Upload -> preview (the file kept as a FigureUpload) -> confirm; the session holds no file."""
    org = _my_org(request)
    if role_of(request.user) not in (Role.REPORTER, Role.ADMIN):
        raise PermissionDenied("Chỉ cán bộ nhập số liệu mới được tải số liệu lên.")
    context: dict[str, object] = {"org": org}
    if request.method == "POST":
        request.FILES  # noqa: B018 - parse the body now, through the limit, before asking it
    if request.method == "POST" and limit.refused:
        name, size = limit.refused
        context["refused"] = (
            f"{name}: tệp nặng hơn {size / 1024 / 1024:.1f} MB, vượt giới hạn "
            f"{limit.limit / 1024 / 1024:.0f} MB của mẫu nhập số liệu; bị từ chối."
        )
        return render(request, "reporting/upload.html", context)
    if request.method == "POST" and "file" in request.FILES:
        f = request.FILES["file"]
        name = f.name or "tệp"
        limit = SHEET_LIMITS.file.max_bytes
        if f.size is not None and f.size > limit:
            # refused before a byte is read into memory
            context["refused"] = (
                f"{name}: tệp nặng {f.size / 1024 / 1024:.1f} MB, vượt giới hạn "
                f"{limit / 1024 / 1024:.0f} MB của mẫu nhập số liệu; bị từ chối."
            )
            return render(request, "reporting/upload.html", context)
        kept, up = figure_upload_create(
            organization=org, name=name, data=f.read(), user=request.user
        )
        context.update({"up": up, "name": name, "kept": kept})
        return render(request, "reporting/upload.html", context)
    if request.method == "POST":
        pk = request.POST.get("upload", "")
        kept = (
            FigureUpload.objects.filter(
                pk=int(pk), organization=org, created_by=request.user
            ).first()
            if pk.isdigit()
            else None
        )
        if kept is None:
            messages.error(request, "Không còn tệp đã tải lên; hãy chọn tệp và tải lên lại.")
            return redirect("reporting:upload")
        try:
            up = figure_upload_save(upload=kept, user=request.user)
        except UploadRefused as exc:
            messages.error(request, str(exc))
            context.update({"up": exc.upload, "name": kept.source_name})
            return render(request, "reporting/upload.html", context)
        messages.success(
            request,
            f"Đã lưu {len(up.rows)} số liệu từ {kept.source_name}; "
            f"bỏ qua {len(up.skipped)} dòng (không đổi, đã khóa hoặc để trống).",
        )
        return redirect("reporting:upload_result", pk=kept.pk)
    return render(request, "reporting/upload.html", context)


def upload_result(request: HttpRequest, pk: int) -> HttpResponse:
    """What a saved upload did: rows saved, rows skipped and why."""
    org = _my_org(request)
    kept = get_object_or_404(
        FigureUpload.objects.defer("data"),
        pk=pk,
        organization=org,
        status=FigureUpload.Status.SAVED,
    )
    return render(request, "reporting/upload_result.html", {"org": org, "kept": kept})


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
