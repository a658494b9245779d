"""Writes to figures: save with validation and audit, and the checking workflow. No update is lost."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from chitieu.access.choices import Role
from chitieu.access.permissions import require_acts_for, require_reporter, require_role
from chitieu.catalog.models import Indicator
from chitieu.core.numbers import NumberError, format_number, parse_number, trim_zeros
from chitieu.core.periods import Period, PeriodError, PeriodKind
from chitieu.notices.choices import NoticeKind
from chitieu.notices.services import notify
from chitieu.organizations.models import Organization

from .choices import Action, FigureStatus, Frequency, Vintage
from .models import Figure, FigureAudit, ReportingSpec
from .signals import figure_approved, figures_changed
from .validation import hard_errors


class FigureError(ValueError):
    """A figure refused: the message says which field and why."""


class FigureConflict(Exception):
    """Someone changed the figure since it was opened; both values are kept for the user to see."""

    def __init__(self, current: Figure, attempted: Decimal) -> None:
        super().__init__(
            f"Số liệu này vừa được {current.entered_by or 'người khác'} sửa thành {current.value.normalize()} "
            f"(lần sửa {current.revision}); giá trị bạn nhập {attempted.normalize()} chưa được lưu."
        )
        self.current = current
        self.attempted = attempted

    def is_repeat(self, user: Any, comment: str = "", source: str = "") -> bool:
        """The same person sent the same figure again (a double click, the back button, a
        reload): what they wanted is already stored, so this is no conflict to resolve."""
        c = self.current
        return (
            c.value == self.attempted
            and c.entered_by_id is not None
            and c.entered_by_id == getattr(user, "pk", None)
            and c.comment == comment
            and c.source == source
        )


MISSING_REVISION = (
    "Thiếu lần sửa của số liệu (revision), nên không biết bạn đã thấy giá trị nào; chưa lưu. "
    "Hãy mở lại trang hoặc tải mẫu Excel mới rồi nhập lại, để không ghi đè số liệu người khác vừa sửa."
)

# Periods each frequency may be reported for: its own and every longer one.
ALLOWED = {
    Frequency.MONTH: set(PeriodKind) - {PeriodKind.MULTI_YEAR},
    Frequency.QUARTER: {
        PeriodKind.QUARTER,
        PeriodKind.H1,
        PeriodKind.H2,
        PeriodKind.M9,
        PeriodKind.YEAR,
    },
    Frequency.H1: {PeriodKind.H1, PeriodKind.H2, PeriodKind.YEAR},
    Frequency.M9: {PeriodKind.M9, PeriodKind.YEAR},
    Frequency.YEAR: {PeriodKind.YEAR, PeriodKind.MULTI_YEAR},
}


def frequency_of(indicator: Indicator) -> str:
    spec = ReportingSpec.objects.filter(indicator=indicator).first()
    return spec.frequency if spec else Frequency.YEAR


def parse_period(indicator: Indicator, code: str) -> Period:
    try:
        period = Period.parse(code)
    except PeriodError as exc:
        raise FigureError(f"Kỳ: {exc}") from exc
    freq = frequency_of(indicator)
    if period.kind not in ALLOWED[Frequency(freq)]:
        raise FigureError(
            f"Kỳ: “{indicator.name}” báo cáo {Frequency(freq).label.lower()}, không báo cáo cho {period.label}."
        )
    return period


def parse_value(text: str | Decimal) -> Decimal:
    if isinstance(text, Decimal):
        return text
    try:
        return parse_number(str(text))
    except NumberError as exc:
        raise FigureError(f"Giá trị: {exc}") from exc


@dataclass
class SaveResult:
    figure: Figure
    created: bool


def _audit(
    figure: Figure,
    user: Any,
    action: str,
    old: Decimal | None,
    new: Decimal | None,
    status_from: str = "",
    status_to: str = "",
    reason: str = "",
) -> None:
    FigureAudit.objects.create(
        figure=figure,
        user=user if getattr(user, "pk", None) else None,
        action=action,
        old_value=old,
        new_value=new,
        vintage=figure.vintage,
        status_from=status_from,
        status_to=status_to,
        reason=reason,
    )


@transaction.atomic
def figure_save(
    *,
    user: Any,
    indicator: Indicator,
    organization: Organization,
    period_code: str,
    vintage: str,
    value: str | Decimal,
    comment: str = "",
    source: str = "",
    expected_revision: int | None,
) -> SaveResult:
    """Create or change a figure. A figure opened at ``expected_revision`` that has since changed is
    not overwritten: FigureConflict carries the current value. Approved figures are locked.

    ``expected_revision`` is the revision the writer saw: 0 for "there was none". It is required on
    every path (form, Excel, API): without it a save could only be "last writer wins"."""
    require_reporter(user, indicator, organization)
    if expected_revision is None or expected_revision < 0:
        raise FigureError(MISSING_REVISION)
    if vintage not in Vintage.values:
        raise FigureError(f"Loại số liệu: “{vintage}” không có (ước tính, sơ bộ, chính thức).")
    period = parse_period(indicator, period_code)
    number = parse_value(value)
    for message in hard_errors(indicator, number):
        raise FigureError(f"Giá trị: {message}")
    key = {
        "indicator": indicator,
        "organization": organization,
        "period_code": period.code,
        "vintage": vintage,
    }
    existing = Figure.objects.filter(**key).first()
    if existing is None:
        # the revision sent may be that of another vintage's figure on the same form: not a conflict
        try:
            with transaction.atomic():
                figure = Figure.objects.create(
                    **key,
                    value=number,
                    comment=comment,
                    source=source,
                    entered_by=user if getattr(user, "pk", None) else None,
                )
        except IntegrityError:
            current = Figure.objects.get(**key)
            raise FigureConflict(current, number) from None
        _audit(figure, user, Action.CREATE, None, number, "", figure.status)
        figures_changed.send(sender=Figure, indicator_ids={figure.indicator_id})
        return SaveResult(figure, True)
    if expected_revision == 0:
        # opened as a new figure, but someone entered it meanwhile: do not overwrite theirs
        raise FigureConflict(existing, number)
    if existing.status == FigureStatus.APPROVED:
        raise FigureError(
            "Số liệu đã được duyệt và khóa; chỉ thay đổi được sau khi mở lại có lý do."
        )
    if existing.status in (FigureStatus.SUBMITTED, FigureStatus.VERIFIED):
        raise FigureError("Số liệu đang chờ kiểm tra; chỉ sửa được khi bị trả lại.")
    changed = Figure.objects.filter(pk=existing.pk, revision=expected_revision).update(
        value=number,
        comment=comment,
        source=source,
        revision=F("revision") + 1,
        entered_by=user if getattr(user, "pk", None) else None,
        updated_at=timezone.now(),
    )
    if not changed:
        raise FigureConflict(
            Figure.objects.select_related("entered_by").get(pk=existing.pk), number
        )
    figure = Figure.objects.get(pk=existing.pk)
    _audit(figure, user, Action.UPDATE, existing.value, number, existing.status, figure.status)
    figures_changed.send(sender=Figure, indicator_ids={figure.indicator_id})
    return SaveResult(figure, False)


# action -> (allowed from, to, roles that may do it, reason required)
TRANSITIONS: dict[str, tuple[set[str], str, set[str], bool]] = {
    Action.SUBMIT: (
        {FigureStatus.DRAFT, FigureStatus.RETURNED},
        FigureStatus.SUBMITTED,
        {Role.REPORTER},
        False,
    ),
    Action.VERIFY: ({FigureStatus.SUBMITTED}, FigureStatus.VERIFIED, {Role.REVIEWER}, False),
    Action.APPROVE: ({FigureStatus.VERIFIED}, FigureStatus.APPROVED, {Role.COMPILER}, False),
    Action.RETURN: (
        {FigureStatus.SUBMITTED, FigureStatus.VERIFIED},
        FigureStatus.RETURNED,
        {Role.REVIEWER, Role.COMPILER},
        True,
    ),
    Action.REOPEN: ({FigureStatus.APPROVED}, FigureStatus.DRAFT, {Role.COMPILER}, True),
}


@transaction.atomic
def figure_transition(*, user: Any, figure: Figure, action: str, reason: str = "") -> Figure:
    """Move a figure one step in the workflow; a step is never skipped."""
    if action not in TRANSITIONS:
        raise FigureError(f"Thao tác “{action}” không có.")
    allowed_from, to, roles, needs_reason = TRANSITIONS[action]
    require_role(user, *roles)
    if action == Action.SUBMIT:
        require_acts_for(
            user, figure.organization_id, "Chỉ cơ quan nhập số liệu mới gửi được số liệu của mình."
        )
    locked = Figure.objects.select_for_update().get(pk=figure.pk)
    if locked.status not in allowed_from:
        raise FigureError(
            f"Không thể {Action(action).label.lower()} số liệu đang ở trạng thái "
            f"“{FigureStatus(locked.status).label}”."
        )
    if needs_reason and not reason.strip():
        raise FigureError(f"Cần ghi lý do để {Action(action).label.lower()}.")
    if action == Action.SUBMIT:
        from .validation import submission_problems

        problems = submission_problems(locked)
        if problems:
            raise FigureError("Chưa gửi được: " + "; ".join(problems))
    before = locked.status
    locked.status = to
    locked.revision += 1
    if action == Action.SUBMIT:
        locked.submitted_at = timezone.now()
    if action == Action.RETURN:
        locked.return_reason = reason
    locked.save(update_fields=["status", "revision", "submitted_at", "return_reason", "updated_at"])
    _audit(locked, user, action, locked.value, locked.value, before, to, reason)
    figures_changed.send(sender=Figure, indicator_ids={locked.indicator_id})
    if action in (Action.APPROVE, Action.RETURN):
        _tell_the_reporters(locked, action, reason)
    if to == FigureStatus.APPROVED:
        # robust: a listener that fails is logged and never turns a done approval into an error
        transaction.on_commit(
            lambda: figure_approved.send(sender=Figure, figure=locked), robust=True
        )
    return locked


def _tell_the_reporters(figure: Figure, action: str, reason: str) -> None:
    """The organisation that entered a figure learns in the application that it was approved or
    returned (and why), in the transaction that records it."""
    try:
        period = Period.parse(figure.period_code).label.lower()
    except PeriodError:
        period = figure.period_code
    what = f"Số liệu “{figure.indicator.name}” {period} ({format_number(trim_zeros(Decimal(figure.value)))})"
    if action == Action.APPROVE:
        text = f"{what} đã được duyệt và khóa."
    else:
        text = f"{what} bị trả lại: {reason.strip()}"
    notify(
        figure.organization,
        text,
        reverse("reporting:figure", args=[figure.pk]),
        NoticeKind.INFO,
    )
