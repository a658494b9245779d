"""The audit trail as a person reads it: field names and choice values in Vietnamese.

A stored value stays as written (codes such as "draft"); only its display is translated, through
the model the entry is about, looked up by name so that this lowest layer imports no app above.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.db import models

from .choices import Entity

MODELS = {
    Entity.PLAN: "catalog.Plan",
    Entity.TARGET: "catalog.Target",
    Entity.SCENARIO: "scenarios.GrowthScenario",
    Entity.ACTION: "actions.Action",
    Entity.OBLIGATION: "actions.Obligation",
    Entity.OBLIGATION_INSTANCE: "actions.ObligationInstance",
    Entity.ORGANIZATION: "organizations.Organization",
}


def _model(entity: str) -> type[models.Model] | None:
    label = MODELS.get(entity)  # type: ignore[call-overload]
    if label is None:
        return None
    try:
        return apps.get_model(label)
    except LookupError:
        return None


def _field(model: type[models.Model] | None, name: str) -> models.Field | None:
    if model is None:
        return None
    try:
        f = model._meta.get_field(name)
    except Exception:  # noqa: BLE001 - a field since removed: shown by its stored name
        return None
    return f if isinstance(f, models.Field) else None


def shown_value(field: models.Field | None, value: Any) -> str:
    """A stored value in words: a choice by its label, yes/no, empty as a dash."""
    if value is None or value == "" or value == []:
        return "—"
    if field is not None and field.choices:
        labels = {str(k): str(v) for k, v in field.flatchoices}
        if str(value) in labels:
            return labels[str(value)]
    if isinstance(value, bool):
        return "có" if value else "không"
    return str(value)


def changes(entity: str, before: dict | None, after: dict | None) -> list[tuple[str, str, str]]:
    """(field, before, after) for every field whose value differs, in the model's words."""
    model = _model(entity)
    before, after = before or {}, after or {}
    rows = []
    for name in [*before, *[k for k in after if k not in before]]:
        old, new = before.get(name), after.get(name)
        if old == new or name.endswith("_id"):
            continue  # a foreign key's id travels with its name, which is shown
        field = _field(model, name)
        label = str(field.verbose_name) if field is not None else name
        rows.append((label, shown_value(field, old), shown_value(field, new)))
    return rows
