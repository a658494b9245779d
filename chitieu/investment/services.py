"""Writes for public investment. Each one checks who may do it, refuses bad input with a Vietnamese
sentence naming the field, writes in one transaction and records the change in the audit trail."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F, Sum

from chitieu.actions.services import action_create
from chitieu.audit.choices import AuditAction
from chitieu.audit.services import audit_record, audit_values
from chitieu.core.investment import order_errors, over_plan_error, transfer_errors
from chitieu.core.numbers import NumberError, parse_number
from chitieu.core.text import fold
from chitieu.organizations.models import Organization

from . import rules
from .choices import (
    AUDIT_COEFFICIENT,
    AUDIT_DISBURSEMENT,
    AUDIT_PROJECT,
    AUDIT_TRANSFER,
    MILESTONE_ORDER,
    CapitalSource,
    DisbursementAction,
    DisbursementStatus,
    EntrySource,
    MilestoneKind,
)
from .models import (
    CapitalTransfer,
    Commitment,
    Disbursement,
    GrowthCoefficient,
    Milestone,
    Obstacle,
    Project,
)

MISSING_REVISION = (
    "Thiếu số phiên bản (revision) của bản ghi đã mở; gửi 0 nếu đây là số liệu mới của tháng."
)


class InvestmentError(ValueError):
    """Input refused; the message names the field and says why."""


class DisbursementConflict(Exception):
    """Someone changed the month's disbursement after the writer opened it."""

    def __init__(self, current: Disbursement, proposed: Decimal) -> None:
        self.current = current
        self.proposed = proposed
        super().__init__(
            f"Số giải ngân tháng {current.month:02d}/{current.year} của “{current.project}” vừa "
            f"được người khác sửa (phiên bản {current.revision}); chưa ghi {proposed}."
        )


def parse_amount(value: str | Decimal | int | float, what: str = "Số tiền") -> Decimal:
    """An amount in tỷ đồng from a form, a spreadsheet cell or JSON."""
    if isinstance(value, bool):
        raise InvestmentError(f"{what}: “{value}” không phải là số.")
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, int | float):
        number = Decimal(str(value))
    else:
        try:
            number = parse_number(str(value))
        except NumberError as exc:
            raise InvestmentError(f"{what}: {exc}.") from None
    if not number.is_finite():
        raise InvestmentError(f"{what}: “{value}” không phải là số hữu hạn.")
    return number


def _month_check(project: Project, year: int, month: int) -> None:
    if not 1 <= month <= 12:
        raise InvestmentError(f"Tháng: {month} không phải tháng của năm (1-12).")
    if year != project.year:
        raise InvestmentError(
            f"Năm: dự án “{project}” có kế hoạch vốn năm {project.year}, không phải năm {year}."
        )


def _entered_total(project: Project, year: int, *, except_month: int | None = None) -> Decimal:
    """Everything entered for the year in any status: money recorded cannot be planned away."""
    qs = Disbursement.objects.filter(project=project, year=year)
    if except_month is not None:
        qs = qs.exclude(month=except_month)
    return qs.aggregate(s=Sum("amount"))["s"] or Decimal(0)


def _audit_disbursement(
    user: Any, row: Disbursement, action: str, before: dict[str, Any] | None, reason: str = ""
) -> None:
    after = audit_values(row, ["project", "year", "month", "amount", "status", "revision", "note"])
    audit_record(
        user=user,
        entity=AUDIT_DISBURSEMENT,
        obj=row,
        action=action,
        before=before,
        after=after,
        reason=reason,
    )


@transaction.atomic
def disbursement_save(
    *,
    user: Any,
    project: Project,
    year: int,
    month: int,
    amount: str | Decimal,
    expected_revision: int | None,
    note: str = "",
    entry_source: str = EntrySource.FORM,
) -> Disbursement:
    """Create or change a month's disbursement (draft). A stale revision raises
    DisbursementConflict; approved and submitted months are locked; the year may not pass the plan."""
    rules.require_enter(user, project)
    if expected_revision is None or expected_revision < 0:
        raise InvestmentError(MISSING_REVISION)
    _month_check(project, year, month)
    number = parse_amount(amount)
    # the project row is the lock: two months saved at once cannot both slip past the plan
    locked = Project.objects.select_for_update().get(pk=project.pk)
    message = over_plan_error(
        plan=locked.capital_plan,
        other_months=_entered_total(locked, year, except_month=month),
        amount=number,
    )
    if message:
        raise InvestmentError(f"Số tiền: {message}")
    who = user if getattr(user, "pk", None) else None
    existing = Disbursement.objects.filter(project=project, year=year, month=month).first()
    if existing is None:
        try:
            with transaction.atomic():
                row = Disbursement.objects.create(
                    project=project,
                    year=year,
                    month=month,
                    amount=number,
                    note=note,
                    entry_source=entry_source,
                    entered_by=who,
                )
        except IntegrityError:
            current = Disbursement.objects.get(project=project, year=year, month=month)
            raise DisbursementConflict(current, number) from None
        _audit_disbursement(user, row, AuditAction.CREATE, None)
        return row
    if expected_revision == 0:
        raise DisbursementConflict(existing, number)
    if existing.status == DisbursementStatus.APPROVED:
        raise InvestmentError("Số giải ngân tháng này đã được duyệt và khóa.")
    if existing.status == DisbursementStatus.SUBMITTED:
        raise InvestmentError(
            "Số giải ngân tháng này đang chờ Sở Tài chính duyệt; chỉ sửa được khi bị trả lại."
        )
    before = audit_values(existing, ["amount", "status", "revision", "note"])
    changed = Disbursement.objects.filter(pk=existing.pk, revision=expected_revision).update(
        amount=number,
        note=note,
        entry_source=entry_source,
        entered_by=who,
        revision=F("revision") + 1,
    )
    if not changed:
        raise DisbursementConflict(Disbursement.objects.get(pk=existing.pk), number)
    row = Disbursement.objects.get(pk=existing.pk)
    _audit_disbursement(user, row, AuditAction.UPDATE, before)
    return row


# action -> (from statuses, to status, who may)
TRANSITIONS = {
    DisbursementAction.SUBMIT: ({DisbursementStatus.DRAFT}, DisbursementStatus.SUBMITTED),
    DisbursementAction.APPROVE: ({DisbursementStatus.SUBMITTED}, DisbursementStatus.APPROVED),
    DisbursementAction.RETURN: ({DisbursementStatus.SUBMITTED}, DisbursementStatus.DRAFT),
}


@transaction.atomic
def disbursement_transition(
    *, user: Any, disbursement: Disbursement, action: str, expected_revision: int, reason: str = ""
) -> Disbursement:
    """Submit (the agency), approve or return with a reason (the finance department)."""
    if action not in TRANSITIONS:
        raise InvestmentError(f"Thao tác “{action}” không có.")
    if action == DisbursementAction.SUBMIT:
        rules.require_enter(user, disbursement.project)
    else:
        rules.require_finance(user, "duyệt hoặc trả lại số giải ngân")
    if action == DisbursementAction.RETURN and not reason.strip():
        raise InvestmentError("Lý do: cần ghi lý do trả lại.")
    sources, target = TRANSITIONS[action]
    current = Disbursement.objects.select_for_update().get(pk=disbursement.pk)
    if current.revision != expected_revision:
        raise DisbursementConflict(current, current.amount)
    if current.status not in sources:
        raise InvestmentError(
            f"Không thể {DisbursementAction(action).label.lower()} số giải ngân ở trạng thái "
            f"“{current.get_status_display()}”."
        )
    before = audit_values(current, ["status", "revision"])
    current.status = target
    current.revision += 1
    current.save(update_fields=["status", "revision", "updated_at"])
    _audit_disbursement(user, current, action, before, reason)
    return current


@dataclass
class RowError:
    """A row of an imported file that cannot be saved, and why."""

    row: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"Dòng {self.row}, cột {self.field}: {self.message}"


@dataclass
class TreasuryRow:
    """One row of the treasury's spreadsheet as read, before it is checked."""

    row: int
    code: str = ""
    name: str = ""
    month: Any = None
    amount: Any = None


@dataclass
class ImportResult:
    saved: int = 0
    errors: list[RowError] = field(default_factory=list)


def _month_of(value: Any, year: int) -> int:
    """A month cell: 7, "7", "07/2026", "2026-07" or a date; another year is refused."""
    if isinstance(value, date):
        if value.year != year:
            raise InvestmentError(f"tháng {value:%m/%Y} không thuộc năm {year}")
        return value.month
    text = str(value if value is not None else "").strip()
    if not text:
        raise InvestmentError("bỏ trống")
    for sep in ("/", "-", "."):
        if sep in text:
            a, _, b = text.partition(sep)
            m, y = (b, a) if len(a) == 4 else (a, b)
            if not (m.strip().isdigit() and y.strip().isdigit()):
                break
            if int(y) != year:
                raise InvestmentError(f"“{text}” không thuộc năm {year}")
            text = m.strip()
            break
    if isinstance(value, float) and value.is_integer():
        text = str(int(value))
    if not text.isdigit() or not 1 <= int(text) <= 12:
        raise InvestmentError(f"“{value}” không phải tháng (1-12 hoặc mm/yyyy)")
    return int(text)


@transaction.atomic
def disbursements_import(*, user: Any, year: int, rows: list[TreasuryRow]) -> ImportResult:
    """Save the treasury's monthly disbursement as submitted entries, all or none: every bad row is
    listed with its row and column, and then nothing is written."""
    rules.require_finance(user, "nhập tệp giải ngân của Kho bạc")
    by_code = {p.code.strip().upper(): p for p in Project.objects.filter(year=year)}
    by_name = {fold(p.name): p for p in by_code.values()}
    errors: list[RowError] = []
    good: list[tuple[TreasuryRow, Project, int, Decimal]] = []
    seen: dict[tuple[int, int], int] = {}
    if not rows:
        errors.append(RowError(1, "Toàn bộ tệp", "không có dòng số liệu nào."))
    for r in rows:
        project = by_code.get(r.code.strip().upper()) if r.code.strip() else None
        if project is None and r.name.strip():
            project = by_name.get(fold(r.name))
        if project is None:
            label = r.code.strip() or r.name.strip()
            what = f"không có dự án “{label}” trong kế hoạch năm {year}" if label else "bỏ trống"
            errors.append(RowError(r.row, "Mã dự án / Tên dự án", what + "."))
        month = None
        try:
            month = _month_of(r.month, year)
        except InvestmentError as exc:
            errors.append(RowError(r.row, "Tháng", f"{exc}."))
        amount = None
        try:
            if r.amount is None or str(r.amount).strip() == "":
                raise InvestmentError("bỏ trống.")
            parsed = parse_amount(r.amount, "giá trị")
            if parsed < 0:
                raise InvestmentError(f"{r.amount} là số âm.")
            amount = parsed
        except InvestmentError as exc:
            errors.append(RowError(r.row, "Số tiền", str(exc).removeprefix("giá trị: ")))
        if project is None or month is None or amount is None:
            continue
        key = (project.pk, month)
        if key in seen:
            errors.append(
                RowError(r.row, "Tháng", f"tháng {month} của dự án này đã có ở dòng {seen[key]}.")
            )
            continue
        seen[key] = r.row
        good.append((r, project, month, amount))
    locked = {
        p.pk: p for p in Project.objects.select_for_update().filter(pk__in={g[1].pk for g in good})
    }
    existing = {
        (d.project_id, d.month): d
        for d in Disbursement.objects.filter(year=year, project_id__in=locked)
    }
    for r, project, month, _amount in good:
        current = existing.get((project.pk, month))
        if current is not None and current.status == DisbursementStatus.APPROVED:
            errors.append(
                RowError(r.row, "Tháng", f"tháng {month} của “{project}” đã được duyệt và khóa.")
            )
    for pk, project in locked.items():
        in_file = {m: a for _, p, m, a in good if p.pk == pk}
        kept = sum(
            (d.amount for (pid, m), d in existing.items() if pid == pk and m not in in_file),
            Decimal(0),
        )
        message = over_plan_error(
            plan=project.capital_plan, other_months=kept, amount=sum(in_file.values(), Decimal(0))
        )
        if message:
            first = min(r.row for r, p, _, _ in good if p.pk == pk)
            errors.append(RowError(first, "Số tiền", f"“{project}”: {message}"))
    if errors:
        errors.sort(key=lambda e: (e.row, e.field))
        return ImportResult(saved=0, errors=errors)
    who = user if getattr(user, "pk", None) else None
    for _r, project, month, amount in good:
        current = existing.get((project.pk, month))
        before = None
        if current is None:
            current = Disbursement(project=project, year=year, month=month)
        else:
            before = audit_values(current, ["amount", "status", "revision", "note"])
            current.revision += 1
        current.amount = amount
        current.status = DisbursementStatus.SUBMITTED
        current.entry_source = EntrySource.TREASURY
        current.entered_by = who
        current.save()
        _audit_disbursement(user, current, AuditAction.IMPORT, before)
    return ImportResult(saved=len(good))


@transaction.atomic
def capital_transfer_create(
    *,
    user: Any,
    from_project: Project,
    to_project: Project,
    amount: str | Decimal,
    reason: str,
    decision_number: str,
    decision_date: date,
) -> CapitalTransfer:
    """Move capital from a slow project to a faster one of the same source and year, as decided.
    The giving project keeps at least what it has already disbursed."""
    rules.require_finance(user, "điều chuyển vốn")
    number = parse_amount(amount, "Số vốn điều chuyển")
    problems: list[str] = []
    if not reason.strip():
        problems.append("Lý do: cần ghi lý do điều chuyển.")
    if not decision_number.strip():
        problems.append("Số quyết định: cần ghi số quyết định điều chuyển.")
    pks = sorted({from_project.pk, to_project.pk})
    locked = {
        p.pk: p for p in Project.objects.select_for_update().filter(pk__in=pks).order_by("pk")
    }
    giver, taker = locked[from_project.pk], locked[to_project.pk]
    if giver.year != taker.year:
        problems.append(f"Hai dự án thuộc kế hoạch hai năm khác nhau ({giver.year}, {taker.year}).")
    problems += transfer_errors(
        amount=number,
        same_project=giver.pk == taker.pk,
        source_from=CapitalSource(giver.source).label,
        source_to=CapitalSource(taker.source).label,
        from_plan=giver.capital_plan,
        from_disbursed=_entered_total(giver, giver.year),
    )
    if problems:
        raise InvestmentError("\n".join(problems))
    before = {"from_plan": str(giver.capital_plan), "to_plan": str(taker.capital_plan)}
    Project.objects.filter(pk=giver.pk).update(
        capital_plan=F("capital_plan") - number, revision=F("revision") + 1
    )
    Project.objects.filter(pk=taker.pk).update(
        capital_plan=F("capital_plan") + number, revision=F("revision") + 1
    )
    transfer = CapitalTransfer.objects.create(
        from_project=giver,
        to_project=taker,
        amount=number,
        reason=reason.strip(),
        decision_number=decision_number.strip(),
        decision_date=decision_date,
        created_by=user if getattr(user, "pk", None) else None,
    )
    giver.refresh_from_db()
    taker.refresh_from_db()
    audit_record(
        user=user,
        entity=AUDIT_TRANSFER,
        obj=transfer,
        action=AuditAction.CREATE,
        before=before,
        after=audit_values(transfer)
        | {"from_plan": str(giver.capital_plan), "to_plan": str(taker.capital_plan)},
        reason=reason.strip(),
    )
    return transfer


def _milestone_dates(
    project: Project, override: dict[str, tuple[date | None, date | None]]
) -> dict[str, tuple[date | None, date | None]]:
    dates = {m.kind: (m.planned_on, m.actual_on) for m in project.milestones.all()}
    dates.update(override)
    return dates


def milestone_errors(name: str, dates: dict[str, tuple[date | None, date | None]]) -> list[str]:
    """Planned dates, and actual dates, must follow start → completion → handover → operation."""
    labels = dict(MilestoneKind.choices)
    planned = [(labels[k], dates.get(k, (None, None))[0]) for k in MILESTONE_ORDER]
    actual = [(labels[k], dates.get(k, (None, None))[1]) for k in MILESTONE_ORDER]
    return order_errors(planned, f"{name}, ngày kế hoạch") + order_errors(
        actual, f"{name}, ngày thực tế"
    )


@transaction.atomic
def milestone_set(
    *,
    user: Any,
    project: Project,
    kind: str,
    planned_on: date | None,
    actual_on: date | None,
    note: str = "",
) -> Milestone:
    """Set a milestone's dates; dates out of order with the project's other milestones are refused."""
    rules.require_enter(user, project)
    if kind not in MILESTONE_ORDER:
        raise InvestmentError(f"Mốc: “{kind}” không có.")
    problems = milestone_errors(
        project.name, _milestone_dates(project, {kind: (planned_on, actual_on)})
    )
    if problems:
        raise InvestmentError("\n".join(problems))
    existing = Milestone.objects.filter(project=project, kind=kind).first()
    before = audit_values(existing, ["kind", "planned_on", "actual_on"]) if existing else None
    milestone, _ = Milestone.objects.update_or_create(
        project=project,
        kind=kind,
        defaults={"planned_on": planned_on, "actual_on": actual_on, "note": note},
    )
    audit_record(
        user=user,
        entity=AUDIT_PROJECT,
        obj=project,
        action=AuditAction.UPDATE,
        before=before,
        after=audit_values(milestone, ["kind", "planned_on", "actual_on"]),
        reason="Mốc tiến độ",
    )
    return milestone


@transaction.atomic
def project_create(
    *,
    user: Any,
    code: str,
    name: str,
    agency: Organization,
    source: str,
    group: str,
    year: int,
    capital_plan: Decimal,
    investor: str = "",
    sector: str = "",
    total_investment: Decimal | None = None,
    communes: list[Organization] | None = None,
    milestones: dict[str, tuple[date | None, date | None]] | None = None,
    **extra: Any,
) -> Project:
    """Create a project with its milestones (dates in order) in one go."""
    problems: list[str] = []
    if not name.strip():
        problems.append("Tên dự án: bỏ trống.")
    if capital_plan < 0:
        problems.append("Kế hoạch vốn năm: không được âm.")
    if source not in CapitalSource.values:
        problems.append(f"Nguồn vốn: “{source}” không có.")
    problems += milestone_errors(name, milestones or {})
    if problems:
        raise InvestmentError("\n".join(problems))
    project = Project.objects.create(
        code=code.strip(),
        name=name.strip(),
        agency=agency,
        source=source,
        group=group,
        year=year,
        capital_plan=capital_plan,
        investor=investor,
        sector=sector,
        total_investment=total_investment,
        **extra,
    )
    if communes:
        project.communes.set(communes)
    for kind, (planned, actual) in (milestones or {}).items():
        Milestone.objects.create(project=project, kind=kind, planned_on=planned, actual_on=actual)
    audit_record(
        user=user,
        entity=AUDIT_PROJECT,
        obj=project,
        action=AuditAction.CREATE,
        after=audit_values(project),
    )
    return project


@transaction.atomic
def obstacle_add(
    *,
    user: Any,
    project: Project,
    kind: str,
    title: str,
    lead: Organization,
    deadline: date | None,
    description: str = "",
) -> Obstacle:
    """Record an obstacle as an action of the actions module: who must resolve it, by when."""
    rules.require_enter(user, project)
    action = action_create(
        title=title,
        lead=lead,
        deadline=deadline,
        description=description,
        source=f"Vướng mắc của dự án “{project.name}”",
        user=user,
    )
    return Obstacle.objects.create(project=project, kind=kind, action=action)


@transaction.atomic
def commitment_set(
    *, user: Any, project: Project, year: int, month: int, amount: str | Decimal, note: str = ""
) -> Commitment:
    """Record what the investor promised for a month at the monthly meeting."""
    rules.require_enter(user, project)
    _month_check(project, year, month)
    number = parse_amount(amount, "Cam kết giải ngân")
    if number < 0:
        raise InvestmentError("Cam kết giải ngân: không được âm.")
    existing = Commitment.objects.filter(project=project, year=year, month=month).first()
    before = audit_values(existing, ["month", "amount", "note"]) if existing else None
    commitment, _ = Commitment.objects.update_or_create(
        project=project, year=year, month=month, defaults={"amount": number, "note": note}
    )
    audit_record(
        user=user,
        entity=AUDIT_PROJECT,
        obj=project,
        action=AuditAction.UPDATE,
        before=before,
        after=audit_values(commitment, ["month", "amount", "note"]),
        reason="Cam kết giải ngân tại cuộc họp tháng",
    )
    return commitment


@transaction.atomic
def growth_coefficient_set(
    *, user: Any, source: str, coefficient: str | Decimal, note: str, expected_revision: int
) -> GrowthCoefficient:
    """Change a source's value-added coefficient (0 < k ≤ 1); a stale revision is refused."""
    rules.require_finance(user, "sửa hệ số giá trị tăng thêm")
    number = parse_amount(coefficient, "Hệ số")
    if not Decimal(0) < number <= Decimal(1):
        raise InvestmentError(f"Hệ số: {coefficient} phải lớn hơn 0 và không quá 1.")
    row = GrowthCoefficient.objects.select_for_update().filter(source=source).first()
    if row is None:
        raise InvestmentError(f"Nguồn vốn: “{source}” chưa có hệ số.")
    if row.revision != expected_revision:
        raise InvestmentError(
            "Hệ số vừa được người khác sửa; tải lại trang để xem giá trị mới trước khi sửa."
        )
    before = audit_values(row, ["coefficient", "note", "revision"])
    row.coefficient = number
    row.note = note
    row.revision += 1
    row.save()
    audit_record(
        user=user,
        entity=AUDIT_COEFFICIENT,
        obj=row,
        action=AuditAction.UPDATE,
        before=before,
        after=audit_values(row, ["coefficient", "note", "revision"]),
    )
    return row
