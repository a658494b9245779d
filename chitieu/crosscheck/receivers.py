"""A deleted plan takes its amendments and targets with it: the targets judged against them
are judged again by what remains (decision 0039)."""

from __future__ import annotations

from typing import Any

from chitieu.catalog.models import Plan, Target
from chitieu.catalog.selectors import targets_judged_by
from chitieu.catalog.signals import targets_changed

from .memo import touch
from .services import superseded_by_sync


def inputs_changed(sender: object, **kwargs: Any) -> None:
    """A row the findings or the proposed links read was written: they are computed again."""
    touch()


def plan_deleting(sender: type[Plan], instance: Plan, **kwargs: Any) -> None:
    """Before the delete: which other plans' targets are judged against this plan's targets."""
    own = set(instance.targets.values_list("pk", flat=True))
    instance._judged_by = targets_judged_by(own) - own  # type: ignore[attr-defined]


def plan_deleted(sender: type[Plan], instance: Plan, **kwargs: Any) -> None:
    """After the delete, in its transaction: the remaining amendments decide again, and every
    target whose target in force moved is reported."""
    changed = superseded_by_sync(notify=False)
    ids = changed | getattr(instance, "_judged_by", set())
    ids |= targets_judged_by(ids)
    if ids:
        targets_changed.send(sender=Target, target_ids=ids)
