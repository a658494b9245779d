"""Writes to organisations."""

from __future__ import annotations

import json
from pathlib import Path

from django.db import transaction

from chitieu.core.text import clean, fold
from chitieu.importers.agencies import DEFAULT_DIRECTORY_PATH

from .models import Organization, OrganizationAlias


def organization_create(
    *, name: str, kind: str, short_name: str = "", aliases: list[str] | None = None
) -> Organization:
    """Create one organisation with its aliases."""
    org = Organization.objects.create(name=clean(name), kind=kind, short_name=short_name)
    for alias in aliases or []:
        organization_alias_add(organization=org, name=alias)
    return org


def organization_alias_add(*, organization: Organization, name: str) -> OrganizationAlias | None:
    """Record another spelling of an organisation's name, unless some organisation already has it."""
    key = fold(name)
    if not key or OrganizationAlias.objects.filter(key=key).exists():
        return None
    return OrganizationAlias.objects.create(organization=organization, name=name)


@transaction.atomic
def organizations_load_directory(*, path: Path = DEFAULT_DIRECTORY_PATH) -> int:
    """Load (or update) the province's organisation directory; returns how many were created."""
    data = json.loads(path.read_text(encoding="utf-8"))
    created = 0
    entries = data["organizations"]
    for e in entries:
        org, was_created = Organization.objects.update_or_create(
            name=clean(e["name"]),
            defaults={
                "short_name": e.get("short_name", ""),
                "kind": e["kind"],
                "active": e.get("active", True),
                "member_kinds": e.get("members_kinds", []),
                "note": e.get("note", ""),
            },
        )
        created += was_created
        for alias in [e["name"], *e.get("aliases", [])]:
            organization_alias_add(organization=org, name=alias)
    for e in entries:
        if e.get("successor"):
            Organization.objects.filter(name=clean(e["name"])).update(
                successor=Organization.objects.get(name=clean(e["successor"]))
            )
    return created
