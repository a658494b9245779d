"""Reporting and evaluation pages. Views check access, call services and selectors, render."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import BadRequest, PermissionDenied
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from chitieu.access.choices import Role
from chitieu.access.params import int_param, next_url
from chitieu.access.permissions import membership, role_of
from chitieu.catalog.models import Indicator, Plan, Target
from chitieu.core.numbers import format_number, trim_zeros
from chitieu.core.periods import Period, PeriodError
from chitieu.organizations.models import Organization

from . import selectors
from .checks import rule_checks
from .choices import Action, FigureStatus, Status
from .evaluation import lower_first
from .excel import UploadRefused, build_template, figure_upload_create, figure_upload_save
from .links import links
from .models import Figure, FigureUpload
from .services import (
    TOGETHER,
    TRANSITIONS,
    FigureConflict,
    FigureError,
    figure_save,
    figure_transition,
    figures_transition,
)
from .sheet import SHEET_LIMITS


def _period(request: HttpRequest, org: Organization, work: selectors.WorkLeft | None = None) -> str:
    code = request.GET.get("ky") or request.POST.get("period")
    if not code:
        # the period with work still to do whose deadline is not long past, else the open one
        if work is not None:
            return work.default
        known = selectors.Known.of(org)
        due = selectors.figures_deadline_for(n.plan for n in known.named)
        return selectors.default_period(org, timezone.localdate(), due, known)
    try:
        return Period.parse(code).code
    except PeriodError as exc:
        # a period that cannot be read is said so, not silently replaced by last year
        raise BadRequest(f"Tham số “ky”={code[:40]!r} không hợp lệ: {exc}") from exc


NO_ORG = "Tài khoản chưa gắn với cơ quan nào; hãy liên hệ quản trị."


def _my_org(request: HttpRequest) -> Organization:
    m = membership(request.user)
    if m is None:
        raise PermissionDenied(NO_ORG)
    return m.organization


def vnnum(value: Decimal) -> str:
    """A stored figure as people write it: 1.234,5 (no trailing zeros)."""
    return format_number(trim_zeros(value))


# A row's notice (an error beside the field with what was typed, or a confirmation) waits in the
# session across the redirect after a plain POST, so reloading or going back never posts twice.
ROW_NOTICE = "figure_row_notice"
ENTRY_FIELDS = ("vintage", "value", "comment", "source")


def _sentence(exc: Exception) -> str:
    text = str(exc).strip()
    return text if text.endswith((".", "?", "!", "”")) else f"{text}."


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def _can_edit(request: HttpRequest) -> bool:
    return role_of(request.user) in (Role.REPORTER, Role.ADMIN)


def _mine_url(period: str, indicator_pk: int | None = None) -> str:
    url = f"{reverse('reporting:mine')}?ky={period}"
    return f"{url}#chi-tieu-{indicator_pk}" if indicator_pk else url


def _row_context(request: HttpRequest, row: object, period: Period, notice: dict | None) -> dict:
    return {
        "rows": [row],
        "period": period,
        "can_edit": _can_edit(request),
        "notice": notice,
        "next": _mine_url(period.code),
    }


def _answer_row(
    request: HttpRequest, org: Organization, period_code: str, indicator: Indicator, notice: dict
) -> HttpResponse:
    """htmx: the row itself, re-read, with the notice beside the field, and the page's counters
    out of band (they change when a figure is entered or sent); a plain POST: back to the list
    (PRG), the notice kept for that row."""
    if _is_htmx(request):
        period = Period.parse(period_code)
        known = selectors.Known.of(org)
        worklist = selectors.my_figures(org, period.code, known)
        row = next((r for r in worklist.rows if r.indicator.pk == indicator.pk), None)
        if row is None:  # not on the organisation's list (an administrator's save): the row alone
            row = selectors.due_row(org, period.code, indicator)
        context = _row_context(request, row, period, notice)
        context.update(
            {"worklist": worklist, "org": org, "oob": True},
            **_deadline(
                period.code,
                worklist.todo_count,
                timezone.localdate(),
                selectors.figures_deadline_for(n.plan for n in known.named),
            ),
        )
        return render(request, "reporting/_figure_row.html", context)
    request.session[ROW_NOTICE] = {**notice, "indicator": indicator.pk, "period": period_code}
    return redirect(_mine_url(period_code, indicator.pk))


def my_figures(request: HttpRequest) -> HttpResponse:
    m = membership(request.user)  # once: who the user is gives both the list and the right to edit
    if m is None:
        raise PermissionDenied(NO_ORG)
    org = m.organization
    # every period with work left, read once: the page names the others and opens on the default
    # the deadlines as the scorecard reads them (a plan asks for nothing before it exists)
    known = selectors.Known.of(org)
    due = selectors.figures_deadline_for(n.plan for n in known.named)
    work = selectors.work_left(org, timezone.localdate(), due, known)
    period = _period(request, org, work)
    notice = request.session.pop(ROW_NOTICE, None)
    if notice and notice.get("period") != period:
        notice = None  # about another period's row: not shown on this one
    worklist = selectors.my_figures(org, period, work.known)
    for row in worklist.rows:
        if notice and row.indicator.pk == notice.get("indicator"):
            row.notice = notice
    context = {
        "org": org,
        "period": Period.parse(period),
        "worklist": worklist,
        "can_edit": m.role in (Role.REPORTER, Role.ADMIN),
        "notice": None,  # each row carries its own
        "next": _mine_url(period),
        **_deadline(period, worklist.todo_count, timezone.localdate(), due),
        "other_periods": work.others(period),
        # the folded list opens by itself when it holds a figure of the organisation's not sent,
        # or when the notice is about one of its rows
        "shared_open": bool(worklist.shared_todo)
        or (
            bool(notice) and any(r.indicator.pk == notice.get("indicator") for r in worklist.shared)
        ),
    }
    return render(request, "reporting/my_figures.html", context)


def _deadline(
    period_code: str, todo: int, today: date, deadline: Callable[[str], date] | None = None
) -> dict[str, object]:
    """The period's deadline, and by how many days it is missed while work is still to do."""
    try:
        due = (deadline or selectors.figures_deadline())(period_code)
    except (PeriodError, ValueError):
        return {"due": None, "overdue": 0}
    return {"due": due, "overdue": (today - due).days if todo and due < today else 0}


@login_not_required
@require_POST
def figure_save_view(request: HttpRequest) -> HttpResponse:
    """Save one figure from its row. A refusal answers beside the field with what was typed."""
    typed = {k: request.POST.get(k, "") for k in ENTRY_FIELDS}
    period = request.POST.get("period", "")
    indicator_pk = int_param(request.POST, "indicator", required=True)
    if not request.user.is_authenticated:
        return _session_expired(request, period, indicator_pk, typed)
    org = _my_org(request)
    indicator = get_object_or_404(Indicator, pk=indicator_pk)
    try:
        Period.parse(period)
    except PeriodError as exc:
        raise BadRequest(f"Kỳ “{period[:40]}” không hợp lệ: {exc}") from exc
    try:
        result = figure_save(
            user=request.user,
            indicator=indicator,
            organization=org,
            period_code=period,
            vintage=typed["vintage"],
            value=typed["value"],
            comment=typed["comment"],
            source=typed["source"],
            expected_revision=int(rev)
            if (rev := request.POST.get("revision", "")).isdigit()
            else None,
        )
    except FigureConflict as exc:
        if exc.is_repeat(request.user, typed["comment"], typed["source"]):
            saved = exc.current
            message = (
                f"Đã lưu {vnnum(saved.value)} ({saved.get_vintage_display().lower()}) từ lần bấm "
                "trước; lần gửi lại này không lưu thêm gì."
            )
            return _answer_row(request, org, period, indicator, {"ok": message, "focus": "next"})
        notice = {
            "error": str(exc),
            "entry": typed,
            "conflict": {"mine": typed["value"], "theirs": vnnum(exc.current.value)},
        }
        return _answer_row(request, org, period, indicator, notice)
    except (FigureError, PermissionDenied) as exc:
        notice = {"error": f"{_sentence(exc)} Chưa lưu.", "entry": typed}
        return _answer_row(request, org, period, indicator, notice)
    f = result.figure
    if not result.changed:
        message = (
            f"Không có gì thay đổi; {vnnum(f.value)} {indicator.unit} "
            f"({f.get_vintage_display().lower()}) vẫn như đã lưu lúc "
            f"{timezone.localtime(f.updated_at):%H:%M}, không ghi thêm gì."
        )
        return _answer_row(request, org, period, indicator, {"ok": message, "focus": "next"})
    what = "Đã nhập" if result.created else "Đã sửa"
    message = (
        f"{what} {vnnum(f.value)} {indicator.unit} ({f.get_vintage_display().lower()}), "
        f"lúc {timezone.localtime(f.updated_at):%H:%M}. Số liệu là nháp cho đến khi bấm "
        "“Gửi Thống kê”."
    )
    # on to the next row's value, never onto a button that sends the figure on: on a phone a
    # second Enter would submit it to the statistics office, which the reporter cannot undo
    return _answer_row(request, org, period, indicator, {"ok": message, "focus": "next"})


def _session_expired(
    request: HttpRequest, period: str, indicator_pk: int | None, typed: dict[str, str]
) -> HttpResponse:
    """The session ended while the form was open: keep what was typed, ask to sign in again, and
    bring the person back to the same row with the value still in the field (nothing saved)."""
    try:
        period = Period.parse(period).code
        back = _mine_url(period)
    except PeriodError:
        back = reverse("reporting:mine")
    request.session[ROW_NOTICE] = {
        "indicator": indicator_pk,
        "period": period,
        "error": "Phiên đăng nhập đã hết trước khi bạn bấm Lưu, nên số liệu chưa được lưu. "
        "Giá trị bạn nhập vẫn ở ô dưới đây: hãy kiểm tra rồi bấm Lưu lại.",
        "entry": typed,
    }
    messages.warning(
        request,
        "Phiên đăng nhập đã hết nên số liệu vừa nhập chưa được lưu. Hãy đăng nhập lại: "
        "trang số liệu sẽ mở lại với giá trị bạn đã nhập.",
    )
    login = f"{reverse('login')}?{urlencode({'next': back})}"
    if _is_htmx(request):
        response = HttpResponse(status=204)
        response["HX-Redirect"] = login
        return response
    return redirect(login)


# What each accepted step did, said in full: who has the figure now.
DONE = {
    Action.SUBMIT: "Đã gửi Thống kê tỉnh kiểm tra",
    Action.VERIFY: "Đã kiểm tra xong; số liệu chuyển Sở Tài chính duyệt",
    # whether the figure counts for evaluation is said after it, figure by figure (figure_uses)
    Action.APPROVE: "Đã duyệt và khóa",
    # the reason typed is quoted after the figure (figure_action)
    Action.RETURN: "Đã trả lại cho cơ quan nhập",
    Action.REOPEN: "Đã mở lại; số liệu trở về nháp để cơ quan nhập sửa",
}


def _already_done(request: HttpRequest, figure: Figure, action: str) -> bool:
    """This person's last step on the figure was this very one, and it still stands."""
    if action not in TRANSITIONS or figure.status != TRANSITIONS[action][1]:
        return False
    last = figure.audit.order_by("-at", "-id").first()
    return last is not None and last.action == action and last.user_id == request.user.pk


@require_POST
def figure_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    figure = get_object_or_404(Figure.objects.select_related("indicator", "organization"), pk=pk)
    label = f"{figure.indicator.name} ({lower_first(Period.parse(figure.period_code).label)})"
    from_row = request.POST.get("row") == "1"
    if _already_done(request, figure, action):
        # a double click or the back button: the step is done, say so rather than refuse it
        done = f"{DONE[Action(action)]} từ lần bấm trước; lần bấm này không làm lại gì."
        if from_row:
            return _answer_row(
                request,
                figure.organization,
                figure.period_code,
                figure.indicator,
                {"ok": done, "focus": "next"},
            )
        messages.info(request, f"{label}: {done}")
        return redirect(next_url(request, reverse("reporting:figure", args=[pk])))
    try:
        done_figure = figure_transition(
            user=request.user, figure=figure, action=action, reason=request.POST.get("reason", "")
        )
    except (FigureError, PermissionDenied) as exc:
        if from_row:
            notice = {"error": _sentence(exc), "focus": "submit"}
            return _answer_row(
                request, figure.organization, figure.period_code, figure.indicator, notice
            )
        if _is_htmx(request):
            raise
        messages.error(request, f"{label}: {exc}")
    else:
        done = DONE.get(Action(action), Action(action).label)
        if from_row:
            notice = {"ok": f"{done}, lúc {timezone.localtime():%H:%M}.", "focus": "next"}
            return _answer_row(
                request, figure.organization, figure.period_code, figure.indicator, notice
            )
        said = f"{done}: {label}, {vnnum(figure.value)} {figure.indicator.unit}."
        if action == Action.RETURN:
            # the reason as stored, the one the agency will read; not the figure again
            said += f" Lý do trả lại: “{done_figure.return_reason.strip()}”."
        if action == Action.APPROVE:
            said += " " + selectors.figure_uses([figure])[figure.pk].summary
        messages.success(request, said)
    return redirect(next_url(request, reverse("reporting:figure", args=[pk])))


def _queue(request: HttpRequest, role: str | None) -> str | None:
    """The queue this person works through: the statistics office verifies what was submitted,
    the finance department approves what was verified; an administrator works as the finance
    department unless ``buoc=kiem-tra`` asks for the statistics office's queue."""
    if role == Role.REVIEWER:
        return FigureStatus.SUBMITTED
    if role == Role.COMPILER:
        return FigureStatus.VERIFIED
    if role == Role.ADMIN:
        return (
            FigureStatus.SUBMITTED
            if request.GET.get("buoc") == "kiem-tra"
            else FigureStatus.VERIFIED
        )
    return None


def _queue_url(status: str, role: str | None) -> str:
    url = reverse("reporting:review")
    return (
        f"{url}?buoc=kiem-tra" if role == Role.ADMIN and status == FigureStatus.SUBMITTED else url
    )


QUEUE_NAMES = {FigureStatus.SUBMITTED: "Chờ kiểm tra", FigureStatus.VERIFIED: "Chờ duyệt"}


def figure_detail(request: HttpRequest, pk: int) -> HttpResponse:
    figure = get_object_or_404(
        Figure.objects.select_related("indicator", "organization", "entered_by"), pk=pk
    )
    role = role_of(request.user)
    use = selectors.figure_uses([figure])[figure.pk]
    targets = Target.objects.select_related("plan").in_bulk([u.target_id for u in use.targets])
    queue = _queue(request, role)
    context: dict[str, object] = {
        "figure": figure,
        "audit": figure.audit.select_related("user"),
        "role": role,
        "workflow": selectors.WORKFLOW,
        "use": use,
        "uses": [(targets[u.target_id], u) for u in use.targets if u.target_id in targets],
        "earlier": selectors.earlier_figures(figure),
        "flags": rule_checks([figure])[figure.pk].flags,
    }
    if queue is not None:
        context["queue_url"] = _queue_url(queue, role)
        context["queue_name"] = QUEUE_NAMES[FigureStatus(queue)]
        context["next_figure"] = selectors.next_in_queue(queue, figure)
        context["buoc"] = "?buoc=kiem-tra" if _queue_url(queue, role).endswith("kiem-tra") else ""
    return render(request, "reporting/figure.html", context)


def review(request: HttpRequest) -> HttpResponse:
    role = role_of(request.user)
    if role not in (Role.REVIEWER, Role.COMPILER, Role.ADMIN):
        raise PermissionDenied("Chỉ Thống kê tỉnh và Sở Tài chính có danh sách chờ kiểm tra.")
    status = _queue(request, role)
    assert status is not None
    figures = selectors.review_queue(status)
    # each row says whether its figure counts and why (figure_uses: two queries for the queue)
    uses = selectors.figure_uses(figures)
    labels = selectors.indicator_labels(f.indicator for f in figures)
    # a rule the figure breaks, seen before it is verified or approved (decision 0061)
    checks = rule_checks(figures)
    for f in figures:
        f.use = uses[f.pk]  # type: ignore[attr-defined]
        f.flags = checks[f.pk].flags  # type: ignore[attr-defined]
        f.label = labels[f.indicator_id]  # type: ignore[attr-defined]
    return render(
        request,
        "reporting/review.html",
        {
            "figures": figures,
            "status": FigureStatus(status),
            "role": role,
            "queue_name": QUEUE_NAMES[FigureStatus(status)],
            "buoc": "?buoc=kiem-tra"
            if role == Role.ADMIN and status == FigureStatus.SUBMITTED
            else "",
        },
    )


@require_POST
def review_together(request: HttpRequest) -> HttpResponse:
    """Verify or approve the figures ticked in the queue, all or none (each audited)."""
    action = request.POST.get("action", "")
    ids = [int(v) for v in request.POST.getlist("figure") if v.isdigit()]
    back = next_url(request, reverse("reporting:review"))
    if action not in TOGETHER:
        raise BadRequest(f"Thao tác “{action[:40]}” không làm cùng lúc cho nhiều số liệu được.")
    try:
        done = figures_transition(user=request.user, figure_ids=ids, action=action)
    except FigureError as exc:
        messages.error(request, str(exc))
        return redirect(back)
    done = list(
        Figure.objects.select_related("indicator", "organization").filter(
            pk__in=[f.pk for f in done]
        )
    )
    if action == Action.VERIFY:
        messages.success(
            request, f"Đã kiểm tra xong {len(done)} số liệu; chuyển Sở Tài chính duyệt."
        )
    else:
        messages.success(request, f"Đã duyệt và khóa {len(done)} số liệu.")
    uses = selectors.figure_uses(done) if action == Action.APPROVE else {}
    # each figure that does not count is named under its own reason, the figure page's sentence
    by_reason: dict[str, list[str]] = {}
    for f in done:
        if f.pk in uses and not uses[f.pk].counts:
            by_reason.setdefault(uses[f.pk].summary, []).append(
                f"“{f.indicator.name}” ({lower_first(Period.parse(f.period_code).label)}) của {f.organization.name}"
            )
    for reason, names in by_reason.items():
        messages.warning(request, f"{'; '.join(names)} — {reason}")
    return redirect(back)


def template_download(request: HttpRequest) -> HttpResponse:
    org = _my_org(request)
    period = _period(request, org)
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
    period = _upload_period(request, org)
    context: dict[str, object] = {"org": org, "period": period}
    if request.method == "GET":
        # a period for which nothing is reported: say so and where to go, offer no empty template
        worklist = selectors.my_figures(org, period.code)
        context["nothing_due"] = not worklist.rows
        context["due_for"] = worklist.due_for
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
            return redirect(request.get_full_path())
        try:
            up = figure_upload_save(upload=kept, user=request.user)
        except UploadRefused as exc:
            messages.error(request, str(exc))
            context.update({"up": exc.upload, "name": kept.source_name})
            return render(request, "reporting/upload.html", context)
        messages.success(
            request,
            f"Đã lưu {len(up.rows)} số liệu từ {kept.source_name} (nháp, chưa gửi Thống kê); "
            f"bỏ qua {len(up.skipped)} dòng (không đổi, đã khóa hoặc để trống).",
        )
        return redirect("reporting:upload_result", pk=kept.pk)
    return render(request, "reporting/upload.html", context)


def _upload_period(request: HttpRequest, org: Organization) -> Period:
    """The period the upload page offers the template of: ?ky= (kept from the entry page)."""
    code = request.GET.get("ky")
    if code:
        try:
            return Period.parse(code)
        except PeriodError as exc:
            raise BadRequest(f"Tham số “ky”={code[:40]!r} không hợp lệ: {exc}") from exc
    return Period.parse(_period(request, org))


def upload_result(request: HttpRequest, pk: int) -> HttpResponse:
    """What a saved upload did: rows saved, rows skipped and why."""
    org = _my_org(request)
    kept = get_object_or_404(
        FigureUpload.objects.defer("data"),
        pk=pk,
        organization=org,
        status=FigureUpload.Status.SAVED,
    )
    # back to the period the file was for (the one most of its rows are of), not the default one
    result = kept.result or {}
    codes = [r["period"] for r in [*result.get("saved", []), *result.get("skipped", [])]]
    periods = sorted(set(codes), key=lambda c: (-codes.count(c), c))
    return render(
        request,
        "reporting/upload_result.html",
        {"org": org, "kept": kept, "mine": [(c, _mine_url(c)) for c in periods]},
    )


def _plan(request: HttpRequest) -> Plan:
    pk = int_param(request.GET, "ke-hoach")
    plan = Plan.objects.filter(pk=pk).first() if pk is not None else selectors.default_plan()
    if plan is None:
        raise PermissionDenied("Chưa có kế hoạch nào để đánh giá.")
    return plan


# The overview's tables (a plan of three hundred targets: 120 KB), kept per plan with the inputs
# they were made from. A request reads the inputs again (two queries: every stored result with
# its versions, the lead agencies with their names) and reuses the tables only when the inputs
# are the same to the last byte and every stored result is fresh: the same inputs make the same
# tables, so nothing is ever shown stale and nothing has to be invalidated (decision 0046).
# A filtered overview (``?trang-thai=…``) is kept apart, under (plan, status): a filter is never
# served the whole plan's tables, nor the whole plan a filter's.
OVERVIEW_TABLES: dict[int | tuple[int, str], tuple[tuple[object, ...], str]] = {}
OVERVIEW_PLANS_KEPT = 16
STATUS_PARAM = "trang-thai"


def _status_filter(request: HttpRequest) -> str:
    """The status the overview is filtered by ("" for all), refused by name when unknown."""
    code = request.GET.get(STATUS_PARAM, "")
    if code and code not in Status.values:
        known = ", ".join(f"{s.value} ({s.label})" for s in selectors.STATUS_ORDER)
        raise BadRequest(
            f"Tham số “{STATUS_PARAM}”={code[:40]!r} không có; dùng một trong: {known}."
        )
    return code


def _overview_tables(request: HttpRequest, plan: Plan, status: str = "") -> str:
    inputs = selectors.overview_inputs(plan)
    pattern = links("web:indicator", [0])[0]  # the addresses written in the rows
    key = (pattern, status, inputs.rows, inputs.leads)
    slot: int | tuple[int, str] = (plan.pk, status) if status else plan.pk
    kept = OVERVIEW_TABLES.get(slot)
    if kept is not None and kept[0] == key and inputs.fresh:
        return kept[1]
    ov = selectors.overview(plan, inputs)
    rows = [r for r in ov.rows if r.status == status] if status else ov.rows
    tables = render_to_string(
        "reporting/_overview_tables.html",
        {
            "ov": ov,
            "rows": rows,
            "status": status,
            "status_label": Status(status).label if status else "",
            "filter_link": f"{reverse('reporting:overview')}?ke-hoach={plan.pk}&{STATUS_PARAM}=",
            "indicator_links": links("web:indicator", {r.indicator_id for r in rows}),
            "statuses": [(s, Status(s).label) for s in selectors.STATUS_ORDER],
        },
        request,
    )
    if inputs.fresh:  # else some were recomputed: kept from the next request on
        if len(OVERVIEW_TABLES) >= OVERVIEW_PLANS_KEPT:
            OVERVIEW_TABLES.clear()
        OVERVIEW_TABLES[slot] = (key, tables)
    return tables


def dashboard(request: HttpRequest) -> HttpResponse:
    plan = _plan(request)
    status = _status_filter(request)
    return render(
        request,
        "reporting/overview.html",
        {
            "plan": plan,
            "status": status,
            # a rendered template
            "tables": mark_safe(_overview_tables(request, plan, status)),  # noqa: S308
            "plans": Plan.objects.all(),
        },
    )


def agency(request: HttpRequest, pk: int) -> HttpResponse:
    org = get_object_or_404(Organization, pk=pk)
    plan = _plan(request)
    card = selectors.agency_scorecard(org, plan)
    # the first twenty figures not on time, each named apart from others of its name
    shown = card.late[:LATE_SHOWN]
    labels = selectors.indicator_labels(
        Indicator.objects.filter(pk__in={o.indicator_id for o in shown})
    )
    return render(
        request,
        "reporting/scorecard.html",
        {
            "org": org,
            "plan": plan,
            "card": card,
            "late": [(o, labels.get(o.indicator_id, "")) for o in shown],
            "late_more": len(card.late) - len(shown),
            "rules": selectors.scorecard_rules(),
            "statuses": [(s, Status(s).label) for s in selectors.STATUS_ORDER],
        },
    )


LATE_SHOWN = 20
