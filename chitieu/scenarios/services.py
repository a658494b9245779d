"""Writes to scenarios: every save appends a version; a stale save is refused, not merged."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from chitieu.audit.choices import AuditAction, Entity
from chitieu.audit.services import audit_record
from chitieu.core.growth.report import parse_request

from .models import GrowthScenario, ScenarioVersion


class ScenarioConflict(Exception):
    """Someone saved a newer version since this one was opened."""

    def __init__(self, latest: ScenarioVersion) -> None:
        super().__init__(
            f"Phiên bản {latest.number} đã được lưu lúc {latest.created_at:%H:%M %d/%m/%Y} sau khi bạn mở trang; "
            "số của bạn chưa được lưu. Hãy xem phiên bản mới rồi nhập lại thay đổi."
        )
        self.latest = latest


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
    the published table of the version before unless it comes with its own."""
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
