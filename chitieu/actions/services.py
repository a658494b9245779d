"""Writes for actions, obligations and their instances. Every refusal says what and why."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from chitieu.audit.choices import AuditAction, Entity
from chitieu.audit.services import audit_record, audit_record_many, audit_values
from chitieu.core.calendar import DeadlineError, DueRule, Shift, WorkCalendar, due_at
from chitieu.core.periods import Period
from chitieu.organizations.models import Organization

from .choices import ActionStatus, ObligationFrequency
from .models import Action, ActionUpdate, CalendarSetting, Holiday, Obligation, ObligationInstance


class ActionError(ValueError):
    """Input refused; the message names the field."""


@transaction.atomic
def action_create(
    *,
    title: str,
    lead: Organization,
    coordinating: list[Organization] | None = None,
    start_on: date | None = None,
    deadline: date | None = None,
    recurrence_day: int | None = None,
    expected_result: str = "",
    quantity: Decimal | None = None,
    quantity_unit: str = "",
    source: str = "",
    section: str = "",
    description: str = "",
    user: Any = None,
    **extra: Any,
) -> Action:
    """Create an action; a deadline before its start or a monthly day that never comes is refused."""
    if not title.strip():
        raise ActionError("Nhiệm vụ: cần tên nhiệm vụ.")
    if start_on and deadline and deadline < start_on:
        raise ActionError(
            f"Hạn hoàn thành {deadline:%d/%m/%Y} trước ngày bắt đầu {start_on:%d/%m/%Y}."
        )
    if recurrence_day is not None and not 1 <= recurrence_day <= 31:
        raise ActionError(f"Lặp lại hằng tháng: ngày {recurrence_day} không bao giờ đến.")
    action = Action.objects.create(
        title=title.strip(),
        lead=lead,
        start_on=start_on,
        deadline=deadline,
        recurrence_day=recurrence_day,
        expected_result=expected_result,
        quantity=quantity,
        quantity_unit=quantity_unit,
        source=source,
        section=section,
        description=description,
        **extra,
    )
    if coordinating:
        action.coordinating.set(coordinating)
    audit_record(
        user=user,
        entity=Entity.ACTION,
        obj=action,
        action=AuditAction.CREATE,
        after=audit_values(action) | {"coordinating": sorted(str(o) for o in coordinating or [])},
    )
    return action


@transaction.atomic
def action_update_add(
    *, action: Action, user: Any, text: str, percent: int, attachment: Any = None
) -> ActionUpdate:
    """Record progress; 100 % closes the action."""
    if not 0 <= percent <= 100:
        raise ActionError(f"Tiến độ {percent} % phải từ 0 đến 100.")
    if not text.strip():
        raise ActionError("Cần ghi nội dung cập nhật.")
    before = {"progress": action.progress, "status": action.status}
    update = ActionUpdate.objects.create(
        action=action,
        user=user if getattr(user, "pk", None) else None,
        text=text,
        percent=percent,
        attachment=attachment or "",
    )
    action.progress = percent
    action.status = ActionStatus.DONE if percent == 100 else ActionStatus.OPEN
    action.save(update_fields=["progress", "status"])
    audit_record(
        user=user,
        entity=Entity.ACTION,
        obj=action,
        action=AuditAction.PROGRESS,
        before=before,
        after={
            "progress": action.progress,
            "status": action.status,
            "text": text,
            "attachment": update.attachment.name or "",
        },
    )
    return update


@transaction.atomic
def organization_emails_set(
    *, organization: Organization, email: str = "", head_email: str = "", user: Any = None
) -> None:
    """Set where reminders go; an address that does not parse is refused."""
    for label, value in (("Thư điện tử", email), ("Thư điện tử thủ trưởng", head_email)):
        if value:
            try:
                validate_email(value)
            except ValidationError as exc:
                raise ActionError(f"{label} “{value}” không đúng dạng địa chỉ thư.") from exc
    before = {"email": organization.email, "head_email": organization.head_email}
    organization.email, organization.head_email = email, head_email
    organization.save(update_fields=["email", "head_email"])
    audit_record(
        user=user,
        entity=Entity.ORGANIZATION,
        obj=organization,
        action=AuditAction.EMAILS,
        before=before,
        after={"email": email, "head_email": head_email},
    )


def _reaches(start: Obligation, goal: Obligation) -> bool:
    seen: set[int] = set()
    stack = [start]
    while stack:
        node = stack.pop()
        if node.pk == goal.pk:
            return True
        if node.pk in seen:
            continue
        seen.add(node.pk)
        stack.extend(node.depends_on.all())
    return False


@transaction.atomic
def obligation_create(
    *,
    name: str,
    organization: Organization,
    recipient: Organization,
    day: int,
    months_after: int = 1,
    before: bool = False,
    frequency: str = ObligationFrequency.MONTH,
    depends_on: list[Obligation] | None = None,
    user: Any = None,
) -> Obligation:
    """Create a reporting obligation; a rule that never fires or a circular dependency is refused."""
    try:
        DueRule(day, months_after, before)
    except DeadlineError as exc:
        raise ActionError(f"Hạn báo cáo: {exc} — quy tắc này không bao giờ đến hạn.") from exc
    ob = Obligation.objects.create(
        name=name,
        organization=organization,
        recipient=recipient,
        day=day,
        months_after=months_after,
        before=before,
        frequency=frequency,
    )
    audit_record(
        user=user,
        entity=Entity.OBLIGATION,
        obj=ob,
        action=AuditAction.CREATE,
        after=audit_values(ob),
    )
    for dep in depends_on or []:
        obligation_depend(obligation=ob, on=dep, user=user)
    return ob


def _dependency_names(obligation: Obligation) -> list[str]:
    return sorted(str(o) for o in obligation.depends_on.all())


@transaction.atomic
def obligation_depend(*, obligation: Obligation, on: Obligation, user: Any = None) -> None:
    """``obligation`` needs ``on`` first (the statistics report needs the agencies' figures)."""
    if on.pk == obligation.pk or _reaches(on, obligation):
        raise ActionError(
            f"“{obligation.name}” không thể phụ thuộc vào chính nó (trực tiếp hay vòng qua báo cáo khác)."
        )
    before = {"depends_on": _dependency_names(obligation)}
    obligation.depends_on.add(on)
    audit_record(
        user=user,
        entity=Entity.OBLIGATION,
        obj=obligation,
        action=AuditAction.DEPEND,
        before=before,
        after={"depends_on": _dependency_names(obligation)},
    )


def calendar_setting() -> CalendarSetting:
    return CalendarSetting.objects.first() or CalendarSetting.objects.create()


def work_calendar() -> WorkCalendar:
    """Vietnam's statutory holidays with the administrator's decisions (the Holiday table) on top."""
    off: set[date] = set()
    working: set[date] = set()
    for day, is_working in Holiday.objects.values_list("day", "working"):
        (working if is_working else off).add(day)
    return WorkCalendar(days_off=frozenset(off), working=frozenset(working))


def _periods_for(frequency: str, period: Period) -> bool:
    return {
        ObligationFrequency.MONTH: period.kind.value == "month",
        ObligationFrequency.QUARTER: period.kind.value == "quarter",
        ObligationFrequency.YEAR: period.kind.value == "year",
    }[ObligationFrequency(frequency)]


def deadline_for(obligation: Obligation, period: Period) -> datetime:
    setting = calendar_setting()
    return due_at(
        period,
        DueRule(obligation.day, obligation.months_after, obligation.before),
        Shift(setting.shift),
        work_calendar(),
    )


@transaction.atomic
def obligation_instances_generate(*, period_code: str, user: Any = None) -> int:
    """Create this period's instances of every active obligation (once); returns how many were new."""
    period = Period.parse(period_code)
    created = 0
    new: list[ObligationInstance] = []
    for ob in Obligation.objects.filter(active=True):
        if not _periods_for(ob.frequency, period):
            continue
        instance, was_created = ObligationInstance.objects.get_or_create(
            obligation=ob, period_code=period.code, defaults={"due_at": deadline_for(ob, period)}
        )
        created += was_created
        if was_created:
            new.append(instance)
    audit_record_many(
        user=user,
        entity=Entity.OBLIGATION_INSTANCE,
        action=AuditAction.GENERATE,
        changes=[(i, None, audit_values(i)) for i in new],
    )
    return created


@transaction.atomic
def obligation_instance_submit(
    *, instance: ObligationInstance, at: datetime | None = None, user: Any = None
) -> ObligationInstance:
    """Mark a report as sent (the first time counts, and only that one is audited)."""
    if instance.submitted_at is None:
        instance.submitted_at = at or timezone.now()
        instance.save(update_fields=["submitted_at"])
        audit_record(
            user=user,
            entity=Entity.OBLIGATION_INSTANCE,
            obj=instance,
            action=AuditAction.SUBMIT,
            before={"submitted_at": None},
            after={"submitted_at": instance.submitted_at},
        )
    return instance
