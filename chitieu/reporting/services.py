"""Writes to figures: save with validation and audit, and the checking workflow. No update is lost."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from chitieu.access.choices import Role
from chitieu.access.permissions import (
    not_responsible,
    require_acts_for,
    require_reporter,
    require_reporter_of,
    require_role,
    responsible_for,
)
from chitieu.catalog.models import Indicator
from chitieu.core.numbers import NumberError, format_number, parse_number, trim_zeros
from chitieu.core.periods import Period, PeriodError, PeriodKind
from chitieu.notices.choices import NoticeKind
from chitieu.notices.services import notify
from chitieu.organizations.models import Organization

from .choices import Action, FigureStatus, Frequency, Vintage
from .models import Figure, FigureAudit, ValidationRule
from .signals import figure_approved, figures_changed
from .validation import active_rules, hard_errors, rules_for


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


# The reads of a single save (how often the indicator is reported, its rules, the stored figure)
# are plain SQL: the ORM spends ten times as long building them as the database answering them
# (decision 0037). Writes stay with the ORM.
_FREQUENCY_SQL = (
    "SELECT indicator_id, frequency FROM reporting_reportingspec WHERE indicator_id IN ({})"
)
_FIGURE_SQL = (
    "SELECT {} FROM reporting_figure "
    "WHERE indicator_id = %s AND organization_id = %s AND period_code = %s AND vintage = %s"
)


def _placeholders(n: int) -> str:
    return ", ".join(["%s"] * n)


def frequencies(indicator_ids: Iterable[int]) -> dict[int, str]:
    """How often each indicator is reported (indicators without a spec are reported yearly)."""
    ids = sorted(set(indicator_ids))
    if not ids:
        return {}
    with connection.cursor() as cursor:
        cursor.execute(_FREQUENCY_SQL.format(_placeholders(len(ids))), ids)
        found = dict(cursor.fetchall())
    return {i: found.get(i, Frequency.YEAR) for i in ids}


def frequency_of(indicator: Indicator) -> str:
    return frequencies([indicator.pk])[indicator.pk]


def parse_period(indicator: Indicator, code: str, frequency: str | None = None) -> Period:
    """The period a figure is reported for; ``frequency`` when the caller has read it already."""
    try:
        period = Period.parse(code)
    except PeriodError as exc:
        raise FigureError(f"Kỳ: {exc}") from exc
    freq = Frequency(frequency if frequency is not None else frequency_of(indicator))
    if period.kind not in ALLOWED[freq]:
        raise FigureError(
            f"Kỳ: “{indicator.name}” báo cáo {freq.label.lower()}, không báo cáo cho {period.label}."
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


@dataclass(frozen=True)
class FigureInput:
    """One figure as a writer sends it (the entry form, a row of a sheet, the API)."""

    indicator: Indicator
    period_code: str
    vintage: str
    value: str | Decimal
    comment: str = ""
    source: str = ""
    expected_revision: int | None = None


# The states a reporter may change; the others are pending a check or approved and locked.
EDITABLE = (FigureStatus.DRAFT, FigureStatus.RETURNED)
APPROVED_LOCKED = "Số liệu đã được duyệt và khóa; chỉ thay đổi được sau khi mở lại có lý do."
PENDING = "Số liệu đang chờ kiểm tra; chỉ sửa được khi bị trả lại."


def _checked(
    item: FigureInput, frequency: str, rules: list[ValidationRule]
) -> tuple[Period, Decimal]:
    """What can be said of a figure before reading the stored one: revision sent, vintage, period,
    value and the rules that refuse a value outright (the first problem, as a FigureError)."""
    if item.expected_revision is None or item.expected_revision < 0:
        raise FigureError(MISSING_REVISION)
    if item.vintage not in Vintage.values:
        raise FigureError(f"Loại số liệu: “{item.vintage}” không có (ước tính, sơ bộ, chính thức).")
    period = parse_period(item.indicator, item.period_code, frequency)
    number = parse_value(item.value)
    for message in hard_errors(item.indicator, number, rules):
        raise FigureError(f"Giá trị: {message}")
    return period, number


def _refusal(stored: Figure, expected_revision: int, number: Decimal) -> Exception | None:
    """Why a stored figure may not be changed by a writer who saw ``expected_revision``, or None."""
    if expected_revision == 0:
        # opened as a new figure, but someone entered it meanwhile: do not overwrite theirs
        return FigureConflict(stored, number)
    if stored.status == FigureStatus.APPROVED:
        return FigureError(APPROVED_LOCKED)
    if stored.status not in EDITABLE:
        return FigureError(PENDING)
    if stored.revision != expected_revision:
        return FigureConflict(stored, number)
    return None


def _audit_row(
    figure: Figure,
    user: Any,
    action: str,
    old: Decimal | None,
    new: Decimal | None,
    status_from: str = "",
    status_to: str = "",
    reason: str = "",
) -> FigureAudit:
    return FigureAudit(
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
    _audit_row(figure, user, action, old, new, status_from, status_to, reason).save()


def _stored(
    organization: Organization, indicator: Indicator, period: Period, vintage: str
) -> Figure | None:
    columns = ", ".join(f.column for f in Figure._meta.concrete_fields)
    found = Figure.objects.raw(
        _FIGURE_SQL.format(columns), [indicator.pk, organization.pk, period.code, vintage]
    )
    return next(iter(found), None)


# Every change of a stored figure, single or bulk, is this statement: a row changes only if it is
# still at the revision the writer saw and still editable. On PostgreSQL a row another transaction
# is changing is waited for and then re-checked, so the later writer changes nothing.
_UPDATE_SQL = (
    "UPDATE reporting_figure SET value = %s, comment = %s, source = %s, revision = revision + 1, "
    "entered_by_id = %s, updated_at = %s WHERE id = %s AND revision = %s AND status IN (%s, %s)"
)


@dataclass(frozen=True)
class _Change:
    stored: Figure
    number: Decimal
    comment: str
    source: str
    expected_revision: int


def _update_checked(changes: list[_Change], entered_by: Any, now: datetime) -> int:
    """Write the changes (in the order given) and say how many rows matched their revision."""
    value = Figure._meta.get_field("value")
    at = Figure._meta.get_field("updated_at").get_db_prep_save(now, connection)
    by = getattr(entered_by, "pk", None)
    params = [
        (
            value.get_db_prep_save(c.number, connection),
            c.comment,
            c.source,
            by,
            at,
            c.stored.pk,
            c.expected_revision,
            *EDITABLE,
        )
        for c in changes
    ]
    with connection.cursor() as cursor:
        cursor.executemany(_UPDATE_SQL, params)
        return cursor.rowcount


def _changed(c: _Change, entered_by: Any, now: datetime, user: Any) -> FigureAudit:
    """Set on the stored figure what the UPDATE wrote (without reading it back); its audit row."""
    f, old = c.stored, c.stored.value
    f.value, f.comment, f.source = c.number, c.comment, c.source
    f.revision, f.entered_by, f.updated_at = c.expected_revision + 1, entered_by, now
    return _audit_row(f, user, Action.UPDATE, old, c.number, f.status, f.status)


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
    item = FigureInput(indicator, period_code, vintage, value, comment, source, expected_revision)
    period, number = _checked(item, frequency_of(indicator), rules_for(indicator))
    assert expected_revision is not None  # _checked refused a missing one
    entered_by = user if getattr(user, "pk", None) else None
    existing = _stored(organization, indicator, period, vintage)
    if existing is None:
        # the revision sent may be that of another vintage's figure on the same form: not a conflict
        key = {
            "indicator": indicator,
            "organization": organization,
            "period_code": period.code,
            "vintage": vintage,
        }
        try:
            with transaction.atomic():
                figure = Figure.objects.create(
                    **key, value=number, comment=comment, source=source, entered_by=entered_by
                )
        except IntegrityError:
            current = Figure.objects.get(**key)
            raise FigureConflict(current, number) from None
        _audit(figure, user, Action.CREATE, None, number, "", figure.status)
        figures_changed.send(sender=Figure, indicator_ids={figure.indicator_id})
        return SaveResult(figure, True)
    refusal = _refusal(existing, expected_revision, number)
    if refusal is not None:
        raise refusal
    change = _Change(existing, number, comment, source, expected_revision)
    now = timezone.now()
    if not _update_checked([change], entered_by, now):
        # changed by another transaction since it was read above (PostgreSQL)
        current = Figure.objects.select_related("entered_by").get(pk=existing.pk)
        raise _refusal(current, expected_revision, number) or FigureConflict(current, number)
    _changed(change, entered_by, now, user).save()
    figures_changed.send(sender=Figure, indicator_ids={existing.indicator_id})
    return SaveResult(existing, False)


class FiguresRefused(FigureError):
    """Figures of a batch refused, nothing saved: ``problems`` holds (position, message) for each,
    the message being the one ``figure_save`` gives for that figure alone."""

    def __init__(self, problems: list[tuple[int, str]]) -> None:
        super().__init__(" ".join(f"Số liệu thứ {n + 1}: {m}" for n, m in problems))
        self.problems = problems


DUPLICATE = (
    "Trùng chỉ tiêu, kỳ và loại số liệu với một số liệu trước trong cùng lần lưu; hãy giữ một."
)
CHANGED_MEANWHILE = (
    "Số liệu vừa được thay đổi trong lúc lưu; chưa lưu số liệu nào. Hãy mở lại và lưu lại."
)

Key = tuple[int, str, str]


@transaction.atomic
def figures_save_bulk(
    *, user: Any, organization: Organization, items: Sequence[FigureInput]
) -> list[SaveResult]:
    """Save many figures of one organisation at once (an Excel upload): all or none, each under the
    rules of ``figure_save`` (permission, revision, validation, locked states) with the same
    messages, in one transaction, the stored figures read in one query; one audit row each, and
    ``figures_changed`` sent once. Raise :class:`FiguresRefused` listing every refused figure."""
    admin = require_reporter_of(user, organization)
    ids = {i.indicator.pk for i in items}
    allowed = ids if admin else responsible_for(organization, ids)
    freq, rules = frequencies(ids), active_rules(ids)
    problems: list[tuple[int, str]] = []
    checked: list[tuple[int, FigureInput, Period, Decimal]] = []
    for n, item in enumerate(items):
        try:
            if item.indicator.pk not in allowed:
                raise not_responsible(organization, item.indicator)
            period, number = _checked(
                item, freq[item.indicator.pk], rules.get(item.indicator.pk, [])
            )
        except (FigureError, PermissionDenied) as exc:
            problems.append((n, str(exc)))
            continue
        checked.append((n, item, period, number))
    # read (and on PostgreSQL lock, in one order so two uploads cannot deadlock) what is stored
    stored: dict[Key, Figure] = {
        (f.indicator_id, f.period_code, f.vintage): f
        for f in Figure.objects.select_for_update(of=("self",))
        .filter(
            organization=organization,
            indicator_id__in={i.indicator.pk for _, i, _, _ in checked},
            period_code__in={p.code for _, _, p, _ in checked},
        )
        .order_by("pk")
    }
    seen: set[Key] = set()
    creates: list[tuple[int, Figure]] = []
    changes: list[tuple[int, _Change]] = []
    entered_by = user if getattr(user, "pk", None) else None
    for n, item, period, number in checked:
        key = (item.indicator.pk, period.code, item.vintage)
        if key in seen:
            problems.append((n, DUPLICATE))
            continue
        seen.add(key)
        existing = stored.get(key)
        assert item.expected_revision is not None  # _checked refused a missing one
        if existing is None:
            figure = Figure(
                indicator=item.indicator,
                organization=organization,
                period_code=period.code,
                period_kind=period.kind.value,
                vintage=item.vintage,
                value=number,
                comment=item.comment,
                source=item.source,
                entered_by=entered_by,
            )
            creates.append((n, figure))
            continue
        refusal = _refusal(existing, item.expected_revision, number)
        if refusal is not None:
            problems.append((n, str(refusal)))
            continue
        changes.append(
            (n, _Change(existing, number, item.comment, item.source, item.expected_revision))
        )
    if problems:
        raise FiguresRefused(sorted(problems))
    now = timezone.now()
    in_order = sorted((c for _, c in changes), key=lambda c: c.stored.pk)
    if in_order and _update_checked(in_order, entered_by, now) != len(in_order):
        raise FigureError(CHANGED_MEANWHILE)  # the rows are locked: only a bug gets here
    _create_all(organization, creates)
    audits = [_audit_row(f, user, Action.CREATE, None, f.value, "", f.status) for _, f in creates]
    audits += [_changed(c, entered_by, now, user) for _, c in changes]
    FigureAudit.objects.bulk_create(audits, batch_size=2000)
    if audits:
        figures_changed.send(sender=Figure, indicator_ids=ids & allowed)
    results = [(n, SaveResult(f, True)) for n, f in creates]
    results += [(n, SaveResult(c.stored, False)) for n, c in changes]
    return [r for _, r in sorted(results, key=lambda nr: nr[0])]


def _create_all(organization: Organization, creates: list[tuple[int, Figure]]) -> None:
    """Insert the new figures; one entered meanwhile by another transaction refuses them all."""
    figures = [f for _, f in creates]
    try:
        with transaction.atomic():
            Figure.objects.bulk_create(figures, batch_size=2000)
    except IntegrityError:
        keys = {(f.indicator_id, f.period_code, f.vintage): (n, f) for n, f in creates}
        problems = []
        for current in Figure.objects.filter(
            organization=organization,
            indicator_id__in={f.indicator_id for f in figures},
            period_code__in={f.period_code for f in figures},
        ):
            n_f = keys.get((current.indicator_id, current.period_code, current.vintage))
            if n_f is not None:
                problems.append((n_f[0], str(FigureConflict(current, n_f[1].value))))
        raise FiguresRefused(sorted(problems)) from None
    if any(f.pk is None for f in figures):  # a database that does not return the new ids
        ids = {
            (f.indicator_id, f.period_code, f.vintage): f.pk
            for f in Figure.objects.filter(
                organization=organization,
                indicator_id__in={f.indicator_id for f in figures},
                period_code__in={f.period_code for f in figures},
            ).only("pk", "indicator_id", "period_code", "vintage")
        }
        for f in figures:
            f.pk = ids[(f.indicator_id, f.period_code, f.vintage)]


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
