"""Writes: a person confirms or splits a proposed link, explains a finding, records or removes an
amendment; each is audited, and the targets in force follow in the same transaction."""

from __future__ import annotations

from typing import Any

from django.apps import apps as django_apps
from django.apps.registry import Apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from chitieu.access.choices import Role
from chitieu.access.permissions import role_of
from chitieu.catalog.models import Indicator, Plan, Target
from chitieu.catalog.selectors import targets_judged_by
from chitieu.catalog.signals import targets_changed
from chitieu.core.matching import name_similarity, units_convert

from .choices import AmendmentScope, EventAction, LinkStatus
from .models import CrosscheckEvent, FindingExplanation, IndicatorLink, PlanAmendment
from .selectors import finding_by_key, target_replacements

# The finance department compiles the plans; the administrator may do everything.
DECIDERS = (Role.COMPILER, Role.ADMIN)


class LinkRefused(ValidationError):
    """A link that cannot be made (same indicator, or units that do not convert)."""


def _require_decider(user: Any) -> None:
    if role_of(user) not in DECIDERS:
        raise PermissionDenied(
            "Chỉ Sở Tài chính (tổng hợp) hoặc quản trị mới được xác nhận liên kết và giải trình."
        )


def _link_values(link: IndicatorLink) -> dict[str, Any]:
    return {
        "low": str(link.low),
        "high": str(link.high),
        "status": link.status,
        "score": str(link.score),
        "reason": link.reason,
        "note": link.note,
    }


def _event(user: Any, action: str, subject: str, before: Any, after: Any) -> None:
    note = (after or {}).get("note", "") if isinstance(after, dict) else ""
    CrosscheckEvent.objects.create(
        user=user if getattr(user, "pk", None) else None,
        action=action,
        subject=subject[:600],
        before=before,
        after=after,
        reason=str(note or ""),
    )


@transaction.atomic
def _indicator_link_decide(
    *, user: Any, a: Indicator, b: Indicator, status: str, note: str
) -> IndicatorLink:
    _require_decider(user)
    if a.pk == b.pk:
        raise LinkRefused("Hai bên là cùng một chỉ tiêu trong danh mục, không cần liên kết.")
    low, high = (a, b) if a.pk < b.pk else (b, a)
    if status == LinkStatus.CONFIRMED:
        ok, why = units_convert(low.unit, high.unit)
        if not ok:
            raise LinkRefused(f"Không nối được “{low}” với “{high}”: {why}.")
    score, reasons = name_similarity(low.name, high.name)
    _ok, unit_why = units_convert(low.unit, high.unit)
    reason = "; ".join([*reasons, f"đơn vị: {unit_why}"])
    link = IndicatorLink.objects.select_for_update().filter(low=low, high=high).first()
    before = _link_values(link) if link else None
    if link is None:
        link = IndicatorLink(low=low, high=high)
    link.status = status
    link.score = score
    link.reason = reason
    link.note = note.strip()
    link.decided_by = user if getattr(user, "pk", None) else None
    link.decided_at = timezone.now()
    link.save()
    action = EventAction.LINK_CONFIRM if status == LinkStatus.CONFIRMED else EventAction.LINK_SPLIT
    _event(user, action, str(link), before, _link_values(link))
    # a link can join an amended row to the amending plan's, or part them
    superseded_by_sync()
    return link


def indicator_link_confirm(
    *, user: Any, a: Indicator, b: Indicator, note: str = ""
) -> IndicatorLink:
    """Record that two indicators of different plans are one; refused if units do not convert."""
    return _indicator_link_decide(user=user, a=a, b=b, status=LinkStatus.CONFIRMED, note=note)


def indicator_link_split(*, user: Any, a: Indicator, b: Indicator, note: str = "") -> IndicatorLink:
    """Record that two indicators are two things; the pair is never proposed again."""
    return _indicator_link_decide(user=user, a=a, b=b, status=LinkStatus.SPLIT, note=note)


@transaction.atomic
def finding_explain(*, user: Any, key: str, note: str) -> FindingExplanation:
    """Mark a finding explained with the person's note (kept, and a new note replaces it)."""
    _require_decider(user)
    note = note.strip()
    if not note:
        raise ValidationError("Hãy ghi nội dung giải trình.")
    finding = finding_by_key(key)
    if finding is None:
        raise ValidationError("Không còn phát hiện này (văn bản hoặc liên kết đã thay đổi).")
    current = FindingExplanation.objects.select_for_update().filter(key=key).first()
    before = {"note": current.note} if current else None
    explanation, _ = FindingExplanation.objects.update_or_create(
        key=key,
        defaults={
            "kind": str(finding.kind),
            "indicator": finding.indicator[:500],
            "message": finding.message,
            "note": note,
            "explained_by": user if getattr(user, "pk", None) else None,
            "explained_at": timezone.now(),
        },
    )
    _event(
        user,
        EventAction.FINDING_EXPLAIN,
        f"{finding.indicator}: {finding.message}",
        before,
        {"key": key, "note": note},
    )
    return explanation


@transaction.atomic
def plan_amendment_record(
    *,
    user: Any,
    plan: Plan,
    amends: Plan,
    scope: str,
    indicators: list[Indicator] | None = None,
    note: str = "",
) -> PlanAmendment:
    """Record that ``plan`` supersedes ``amends`` whole, or amends the rows of ``indicators``."""
    _require_decider(user)
    if plan.pk == amends.pk:
        raise ValidationError("Một văn bản không tự sửa đổi chính nó.")
    if plan.pk in _amended_through(amends):
        raise ValidationError(f"{amends} đã được ghi là sửa đổi {plan}; không ghi ngược lại được.")
    rows = list(indicators or [])
    if scope == AmendmentScope.ROWS and not rows:
        raise ValidationError("Hãy chọn các dòng được sửa đổi.")
    if scope == AmendmentScope.WHOLE:
        rows = []
    current = PlanAmendment.objects.select_for_update().filter(plan=plan, amends=amends).first()
    before = (
        {"scope": current.scope, "indicators": sorted(i.pk for i in current.indicators.all())}
        if current
        else None
    )
    amendment, _ = PlanAmendment.objects.update_or_create(
        plan=plan,
        amends=amends,
        defaults={
            "scope": scope,
            "note": note.strip(),
            "recorded_by": user if getattr(user, "pk", None) else None,
            "recorded_at": timezone.now(),
        },
    )
    amendment.indicators.set(rows)
    _event(
        user,
        EventAction.AMENDMENT_RECORD,
        str(amendment),
        before,
        {"scope": scope, "indicators": sorted(i.pk for i in rows), "note": note.strip()},
    )
    superseded_by_sync()
    return amendment


@transaction.atomic
def plan_amendment_remove(*, user: Any, amendment: PlanAmendment, note: str = "") -> None:
    """Remove an amendment recorded by mistake: the targets it replaced are in force again."""
    _require_decider(user)
    amendment = PlanAmendment.objects.select_for_update().get(pk=amendment.pk)
    before = {
        "scope": amendment.scope,
        "indicators": sorted(i.pk for i in amendment.indicators.all()),
        "note": amendment.note,
    }
    subject = str(amendment)
    amendment.delete()
    _event(user, EventAction.AMENDMENT_REMOVE, subject, before, {"note": note.strip()})
    superseded_by_sync()


def _amended_through(plan: Plan) -> set[int]:
    """The plans ``plan`` amends, directly or through plans it amends (so no cycle is recorded)."""
    edges: dict[int, set[int]] = {}
    for new, old in PlanAmendment.objects.values_list("plan_id", "amends_id"):
        edges.setdefault(new, set()).add(old)
    seen: set[int] = set()
    frontier = {plan.pk}
    while frontier:
        frontier = {o for p in frontier for o in edges.get(p, ())} - seen
        seen |= frontier
    return seen


def superseded_by_sync(*, apps: Apps = django_apps, notify: bool = True) -> set[int]:
    """Bring ``Target.superseded_by`` in line with the recorded amendments and links, and tell
    what is computed from targets which ones are now judged differently (decision 0039).

    Run inside the transaction that changed an amendment, a link or a plan; ``apps`` and
    ``notify=False`` let a data migration run it on its own models before the listeners exist.
    """
    targets = apps.get_model("catalog", "Target")
    want = target_replacements(apps)
    current = dict(
        targets.objects.filter(superseded_by__isnull=False).values_list("pk", "superseded_by_id")
    )
    changed = {pk for pk in want.keys() | current.keys() if want.get(pk) != current.get(pk)}
    if not changed:
        return set()
    targets.objects.filter(pk__in=changed - want.keys()).update(superseded_by=None)
    by_replacement: dict[int, list[int]] = {}
    for pk in changed & want.keys():
        by_replacement.setdefault(want[pk], []).append(pk)
    for replacement, pks in by_replacement.items():
        targets.objects.filter(pk__in=pks).update(superseded_by_id=replacement)
    if not notify:
        return changed
    # a target judged through a changed one (a chain of amendments) is judged differently too
    ids = changed | targets_judged_by(changed)
    targets_changed.send(sender=Target, target_ids=ids)
    return ids
