"""Writes to figures: save with validation and audit, one at a time or a whole upload at once; the
checking workflow is in ``workflow`` (re-exported here). No update is lost."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from chitieu.access.permissions import (
    not_responsible,
    require_reporter,
    require_reporter_of,
    responsible_for,
)
from chitieu.catalog.models import Indicator
from chitieu.core.numbers import NumberError, parse_number
from chitieu.core.periods import Period, PeriodError
from chitieu.organizations.models import Organization

from .choices import Action, FigureStatus, Frequency, Vintage
from .errors import FigureConflict, FigureError, audit_row
from .figure_sql import (
    EDITABLE,
    figure_ids,
    figure_insert,
    frequencies,
    insert_all,
    stored_figure,
    update_checked,
)
from .frequency import ALLOWED, reported_for
from .models import Figure, FigureAudit, ValidationRule
from .signals import figures_changed
from .validation import active_rules, hard_errors, rules_for
from .workflow import TOGETHER, TRANSITIONS, figure_transition, figures_transition

__all__ = [
    "ALLOWED",
    "MISSING_REVISION",
    "TOGETHER",
    "TRANSITIONS",
    "FigureConflict",
    "FigureError",
    "FigureInput",
    "FiguresRefused",
    "SaveResult",
    "figure_save",
    "figure_transition",
    "figures_save_bulk",
    "figures_transition",
    "frequencies",
    "parse_period",
    "parse_value",
]


MISSING_REVISION = (
    "Thiếu lần sửa của số liệu (revision), nên không biết bạn đã thấy giá trị nào; chưa lưu. "
    "Hãy mở lại trang hoặc tải mẫu Excel mới rồi nhập lại, để không ghi đè số liệu người khác vừa sửa."
)


def frequency_of(indicator: Indicator) -> str:
    return frequencies([indicator.pk])[indicator.pk]


def parse_period(indicator: Indicator, code: str, frequency: str | None = None) -> Period:
    """The period a figure is reported for; ``frequency`` when the caller has read it already."""
    try:
        period = Period.parse(code)
    except PeriodError as exc:
        raise FigureError(f"Kỳ: {exc}") from exc
    freq = Frequency(frequency if frequency is not None else frequency_of(indicator))
    if not reported_for(freq, period.kind):
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
    changed: bool = True  # False: the figure already held exactly this; nothing was written


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


APPROVED_LOCKED = "Số liệu đã được duyệt và khóa; chỉ thay đổi được sau khi mở lại có lý do."
# said by where the figure is now: a verified figure waits for approval, not for checking
PENDING = {
    FigureStatus.SUBMITTED: "Số liệu đang chờ Thống kê tỉnh kiểm tra; chỉ sửa được khi bị trả lại.",
    FigureStatus.VERIFIED: "Số liệu đã được Thống kê tỉnh kiểm tra, đang chờ Sở Tài chính duyệt; "
    "chỉ sửa được khi bị trả lại.",
}
LOCKED_MESSAGES = frozenset({APPROVED_LOCKED, *PENDING.values()})


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
        return FigureError(PENDING.get(stored.status, PENDING[FigureStatus.SUBMITTED]))
    if stored.revision != expected_revision:
        return FigureConflict(stored, number)
    return None


@dataclass(frozen=True)
class _Change:
    stored: Figure
    number: Decimal
    comment: str
    source: str
    expected_revision: int


def _update_checked(changes: list[_Change], entered_by: Any, now: datetime) -> int:
    """Write the changes (in the order given) and say how many rows matched their revision."""
    rows = [(c.stored.pk, c.expected_revision, c.number, c.comment, c.source) for c in changes]
    return update_checked(rows, getattr(entered_by, "pk", None), now)


def _changed(c: _Change, entered_by: Any, now: datetime, user: Any) -> FigureAudit:
    """Set on the stored figure what the UPDATE wrote (without reading it back); its audit row."""
    f, old = c.stored, c.stored.value
    f.value, f.comment, f.source = c.number, c.comment, c.source
    f.revision, f.entered_by, f.updated_at = c.expected_revision + 1, entered_by, now
    return audit_row(f, user, Action.UPDATE, old, c.number, f.status, f.status)


def _same(stored: Figure, number: Decimal, comment: str, source: str) -> bool:
    """The save would store what is stored already (vintage and period are the figure's key)."""
    return stored.value == number and stored.comment == comment and stored.source == source


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
    existing = stored_figure(indicator.pk, organization.pk, period.code, vintage)
    if existing is None:
        # the revision sent may be that of another vintage's figure on the same form: not a conflict
        key = {
            "indicator": indicator,
            "organization": organization,
            "period_code": period.code,
            "vintage": vintage,
        }
        figure = Figure(
            **key,
            period_kind=period.kind.value,
            value=number,
            comment=comment,
            source=source,
            entered_by=entered_by,
        )
        if not figure_insert(figure):
            raise FigureConflict(Figure.objects.get(**key), number)
        insert_all([audit_row(figure, user, Action.CREATE, None, number, "", figure.status)])
        figures_changed.send(sender=Figure, indicator_ids={figure.indicator_id})
        return SaveResult(figure, True)
    if expected_revision and _same(existing, number, comment, source):
        # a second tap, or Lưu pressed on an untouched row: no revision, no audit row "42→42"
        # (a form opened as new, revision 0, still goes to the conflict and its is_repeat)
        return SaveResult(existing, False, changed=False)
    refusal = _refusal(existing, expected_revision, number)
    if refusal is not None:
        raise refusal
    change = _Change(existing, number, comment, source, expected_revision)
    now = timezone.now()
    if not _update_checked([change], entered_by, now):
        # changed by another transaction since it was read above (PostgreSQL)
        current = Figure.objects.select_related("entered_by").get(pk=existing.pk)
        raise _refusal(current, expected_revision, number) or FigureConflict(current, number)
    insert_all([_changed(change, entered_by, now, user)])
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
    audits = [audit_row(f, user, Action.CREATE, None, f.value, "", f.status) for _, f in creates]
    audits += [_changed(c, entered_by, now, user) for _, c in changes]
    insert_all(audits)
    if audits:
        figures_changed.send(sender=Figure, indicator_ids=ids & allowed)
    results = [(n, SaveResult(f, True)) for n, f in creates]
    results += [(n, SaveResult(c.stored, False)) for n, c in changes]
    return [r for _, r in sorted(results, key=lambda nr: nr[0])]


def _create_all(organization: Organization, creates: list[tuple[int, Figure]]) -> None:
    """Insert the new figures; one entered meanwhile by another transaction refuses them all."""
    figures = [f for _, f in creates]
    if not figures:
        return
    try:
        with transaction.atomic():
            insert_all(figures)
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
    ids = figure_ids(organization.pk, {(f.indicator_id, f.period_code, f.vintage) for f in figures})
    for f in figures:
        f.pk = ids[(f.indicator_id, f.period_code, f.vintage)]
        f._state.adding = False
        f._state.db = connection.alias
