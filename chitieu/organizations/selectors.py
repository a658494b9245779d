"""Reads of organisations."""

from __future__ import annotations

from chitieu.importers.agencies import Directory

from .models import Organization


def organization_directory() -> Directory:
    """The organisations in the database as a reader's directory; the shipped one if none yet."""
    orgs = list(Organization.objects.prefetch_related("aliases"))
    if not orgs:
        return Directory.default()
    directory = Directory()
    for org in orgs:
        directory.add(
            org.name,
            kind=org.kind,
            aliases=[a.name for a in org.aliases.all()],
            short_name=org.short_name,
        )
    # Ministries and common bodies are recognised whole even before they are organisations
    # here; the loader asks the person to map or create each one (see catalog.services).
    directory.add_national()
    return directory


def organization_by_name() -> dict[str, Organization]:
    return {o.name: o for o in Organization.objects.all()}
