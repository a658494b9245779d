"""Writes to scenarios: every save appends a version; a stale save is refused, not merged."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from chitieu.access.choices import Role
from chitieu.access.permissions import role_of
from chitieu.audit.choices import AuditAction, Entity
from chitieu.audit.services import audit_record
from chitieu.core.growth.report import parse_request
from chitieu.core.numbers import trim_zeros
from chitieu.notices.choices import NoticeKind
from chitieu.notices.models import Notice
from chitieu.notices.services import notify, recipients
from chitieu.organizations.models import Organization

from .drivers import behind_threshold
from .models import GrowthScenario, ScenarioVersion


class ScenarioConflict(Exception):
    """Someone saved a newer version since this one was opened."""

    def __init__(self, latest: ScenarioVersion) -> None:
        super().__init__(
            f"Phiên bản {latest.number} đã được lưu lúc {latest.created_at:%H:%M %d/%m/%Y} sau khi bạn mở trang; "
            "số của bạn chưa được lưu. Hãy xem phiên bản mới rồi nhập lại thay đổi."
        )
        self.latest = latest


# Who may do what to a scenario. Saving a version is a trial anyone who works on the scenario may
# make; adopting it is the finance department's (it chairs the task force's secretariat). The
# leader reads and tries numbers, and changes nothing.
SAVE_ROLES = (Role.COMPILER, Role.REVIEWER)
PROPOSE_ROLES = (Role.COMPILER, Role.REVIEWER)
ADOPT_ROLES = (Role.COMPILER,)
REFUSALS = {
    "save": "Chỉ Sở Tài chính và Thống kê tỉnh được lưu phiên bản kịch bản.",
    "propose": "Chỉ Sở Tài chính và Thống kê tỉnh được đề xuất phiên bản kịch bản.",
    "adopt": "Chỉ Sở Tài chính (thường trực Tổ công tác) được thông qua phiên bản kịch bản.",
}
LEADER_REFUSAL = (
    "Tài khoản lãnh đạo chỉ xem kịch bản: không lưu, đề xuất hay thông qua phiên bản. "
    "Việc này do Sở Tài chính thực hiện."
)


def scenario_may(user: Any, what: str) -> bool:
    """May ``user`` save, propose or adopt a scenario version (an administrator may all)?"""
    return scenario_permissions(user)[what]


def scenario_permissions(user: Any) -> dict[str, bool]:
    """What ``user`` may do to a scenario version (save, propose, adopt), asking for the role once."""
    role = role_of(user)
    return {
        what: role == Role.ADMIN or role in roles
        for what, roles in (
            ("save", SAVE_ROLES),
            ("propose", PROPOSE_ROLES),
            ("adopt", ADOPT_ROLES),
        )
    }


def scenario_require(user: Any, what: str) -> None:
    """Refuse with the reason a person reads on screen."""
    if scenario_may(user, what):
        return
    raise PermissionDenied(LEADER_REFUSAL if role_of(user) == Role.LEADER else REFUSALS[what])


class ScenarioStatusError(Exception):
    """A version cannot move to that status (e.g. proposing an adopted version)."""


@transaction.atomic
def scenario_create(
    *,
    year: int,
    title: str,
    source: str,
    data: dict[str, Any],
    published: dict[str, Any] | None,
    user: Any = None,
) -> GrowthScenario:
    """A new scenario with its original version (the input is validated by the engine first)."""
    parse_request(data)
    scenario = GrowthScenario.objects.create(year=year, title=title, source=source)
    version = ScenarioVersion.objects.create(
        scenario=scenario,
        number=1,
        kind=ScenarioVersion.Kind.ORIGINAL,
        data=data,
        published=published,
        created_by=user if getattr(user, "pk", None) else None,
    )
    audit_record(
        user=user,
        entity=Entity.SCENARIO,
        obj=scenario,
        action=AuditAction.CREATE,
        after={"year": year, "title": title, "source": source, "published": published}
        | version_values(version),
    )
    return scenario


@transaction.atomic
def scenario_version_save(
    *,
    scenario: GrowthScenario,
    data: dict[str, Any],
    based_on: int,
    note: str = "",
    user: Any = None,
    published: dict[str, Any] | None = None,
) -> ScenarioVersion:
    """Append an adjusted version, unless a newer version was saved since ``based_on``; it keeps
    the published table of the version before unless it comes with its own. The new version is a
    trial (draft) until it is adopted."""
    GrowthScenario.objects.select_for_update().get(pk=scenario.pk)
    latest = scenario.versions.order_by("-number").first()
    assert latest is not None
    if latest.number != based_on:
        raise ScenarioConflict(latest)
    parse_request(data)
    version = ScenarioVersion.objects.create(
        scenario=scenario,
        number=latest.number + 1,
        kind=ScenarioVersion.Kind.ADJUSTED,
        data=data,
        published=published if published is not None else latest.published,
        note=note,
        created_by=user if getattr(user, "pk", None) else None,
    )
    audit_record(
        user=user,
        entity=Entity.SCENARIO,
        obj=scenario,
        action=AuditAction.VERSION_SAVE,
        before={"number": latest.number},
        after=version_values(version),
    )
    return version


def version_values(version: ScenarioVersion) -> dict[str, Any]:
    """What the audit keeps of a saved version: its number, kind, note and the engine's input
    (the published table is kept once, when the scenario is created: versions only copy it).

    The input is copied, not referenced, so the audit still says what was saved even if the
    version row itself were altered later.
    """
    return {
        "number": version.number,
        "kind": version.kind,
        "note": version.note,
        "data": version.data,
    }


def _status_change(*, version: ScenarioVersion, user: Any, reason: str) -> ScenarioVersion:
    """Save the version's new status and record it beside its other writes."""
    stored = ScenarioVersion.objects.get(pk=version.pk)
    before: dict[str, Any] = {"number": stored.number, "status": stored.status}
    if stored.adopted_at is not None:
        before["adopted_at"] = stored.adopted_at.isoformat()
    version.save(update_fields=["status", "adopted_at"])
    after: dict[str, Any] = {"number": version.number, "status": version.status}
    if version.adopted_at is not None:
        after["adopted_at"] = version.adopted_at.isoformat()
    audit_record(
        user=user,
        entity=Entity.SCENARIO,
        obj=version.scenario,
        action=AuditAction.UPDATE,
        before=before,
        after=after,
        reason=reason,
    )
    return version


@transaction.atomic
def scenario_version_propose(*, version: ScenarioVersion, user: Any) -> ScenarioVersion:
    """Put a trial version forward for adoption (finance or statistics)."""
    scenario_require(user, "propose")
    version = ScenarioVersion.objects.select_for_update().get(pk=version.pk)
    if version.status != ScenarioVersion.Status.DRAFT:
        raise ScenarioStatusError(
            f"Phiên bản {version.number} đang ở trạng thái “{version.get_status_display()}”, "
            "chỉ bản thử mới đề xuất được."
        )
    version.status = ScenarioVersion.Status.PROPOSED
    return _status_change(version=version, user=user, reason="Đề xuất thông qua")


@transaction.atomic
def scenario_version_adopt(
    *, version: ScenarioVersion, user: Any, at: datetime | None = None
) -> ScenarioVersion:
    """Adopt a version (finance only): from ``at`` on, it is the one actuals are compared with,
    the page opens on and the monthly report uses."""
    scenario_require(user, "adopt")
    version = ScenarioVersion.objects.select_for_update().get(pk=version.pk)
    if version.status == ScenarioVersion.Status.ADOPTED:
        raise ScenarioStatusError(f"Phiên bản {version.number} đã được thông qua.")
    version.status = ScenarioVersion.Status.ADOPTED
    version.adopted_at = at or timezone.now()
    return _status_change(version=version, user=user, reason="Thông qua")


@transaction.atomic
def scenario_notify_behind(*, scenario: GrowthScenario, as_of: date) -> int:
    """Tell the task force and the sector's lead agencies what is behind the adopted scenario
    beyond the thresholds finance set; a reason already told to a person is not told again.
    Returns how many notices were written."""
    link = reverse("scenarios:detail", args=[scenario.pk])
    written = 0
    for item in behind_threshold(
        scenario,
        as_of=as_of,
        points=trim_zeros(scenario.alert_points),
        percent=trim_zeros(scenario.alert_percent),
    ):
        for name in item.organizations:
            org = Organization.objects.filter(name=name).order_by("pk").first()
            if org is None:
                continue
            told = set(
                Notice.objects.filter(text=item.reason, kind=NoticeKind.BEHIND).values_list(
                    "user_id", flat=True
                )
            )
            users = [u for u in recipients(org) if u.pk not in told]
            written += len(notify(users, item.reason, link, kind=NoticeKind.BEHIND))
    return written


def scenario_set_thresholds(
    *, scenario: GrowthScenario, user: Any, points: Decimal, percent: Decimal
) -> GrowthScenario:
    """Finance sets how far behind the scenario an actual may fall before people are told."""
    scenario_require(user, "adopt")
    if not (Decimal("0") < points <= Decimal("100")) or not (
        Decimal("0") < percent <= Decimal("100")
    ):
        raise ScenarioStatusError("Ngưỡng phải lớn hơn 0 và không quá 100.")
    if any(-v.as_tuple().exponent > 2 for v in (points.normalize(), percent.normalize())):  # type: ignore[operator]
        raise ScenarioStatusError("Ngưỡng ghi tối đa hai chữ số thập phân (ví dụ 1,25).")
    with transaction.atomic():
        before = {
            "alert_points": str(scenario.alert_points),
            "alert_percent": str(scenario.alert_percent),
        }
        scenario.alert_points = points
        scenario.alert_percent = percent
        scenario.save(update_fields=["alert_points", "alert_percent"])
        audit_record(
            entity=Entity.SCENARIO,
            obj=scenario,
            action=AuditAction.UPDATE,
            user=user,
            before=before,
            after={"alert_points": str(points), "alert_percent": str(percent)},
        )
    return scenario
