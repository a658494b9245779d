"""The checking workflow of a figure: submit, verify, approve, return, reopen; never a step skipped."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from chitieu.access.choices import Role
from chitieu.access.permissions import require_acts_for, require_role
from chitieu.core.numbers import format_number, trim_zeros
from chitieu.core.periods import Period, PeriodError
from chitieu.notices.choices import NoticeKind
from chitieu.notices.services import notify

from .checks import rule_checks
from .choices import Action, FigureStatus
from .errors import FigureError, audit_row
from .evaluation import lower_first
from .figure_sql import insert_all
from .models import Figure
from .signals import figure_approved, figures_changed

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
        problems = rule_checks([locked])[locked.pk].refusals
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
    insert_all([audit_row(locked, user, action, locked.value, locked.value, before, to, reason)])
    figures_changed.send(sender=Figure, indicator_ids={locked.indicator_id})
    if action in (Action.APPROVE, Action.RETURN):
        _tell_the_reporters(locked, action, reason)
    if to == FigureStatus.APPROVED:
        # robust: a listener that fails is logged and never turns a done approval into an error
        transaction.on_commit(
            lambda: figure_approved.send(sender=Figure, figure=locked), robust=True
        )
    return locked


# the steps a checker may take on several figures at once (a return needs each figure's reason)
TOGETHER = (Action.VERIFY, Action.APPROVE)
# and a reporter: sending several figures, each under the rules of a single send
SENT_TOGETHER = (Action.SUBMIT, *TOGETHER)


@transaction.atomic
def figures_transition(*, user: Any, figure_ids: list[int], action: str) -> list[Figure]:
    """The same step on several figures, all or none: each is taken (and audited) as
    ``figure_transition`` takes it; the first refused undoes the others, naming the figure."""
    if action not in SENT_TOGETHER:
        raise FigureError(f"Thao tác “{action}” không làm cùng lúc cho nhiều số liệu được.")
    if not figure_ids:
        raise FigureError("Chưa chọn số liệu nào: hãy đánh dấu các dòng cần làm.")
    figures = Figure.objects.select_related("indicator").in_bulk(figure_ids)
    missing = [pk for pk in figure_ids if pk not in figures]
    if missing:
        raise FigureError(
            f"Không còn số liệu số {', '.join(map(str, missing))}; hãy tải lại trang."
        )
    done = []
    for pk in dict.fromkeys(figure_ids):
        f = figures[pk]
        try:
            done.append(figure_transition(user=user, figure=f, action=action))
        except FigureError as exc:
            try:
                period = lower_first(Period.parse(f.period_code).label)
            except PeriodError:
                period = f.period_code
            raise FigureError(
                f"“{f.indicator.name}” ({period}): {exc} Chưa số liệu nào được "
                f"{Action(action).label.lower()}."
            ) from exc
    return done


def _tell_the_reporters(figure: Figure, action: str, reason: str) -> None:
    """The organisation that entered a figure learns in the application that it was approved or
    returned (and why), in the transaction that records it."""
    try:
        period = lower_first(Period.parse(figure.period_code).label)
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
