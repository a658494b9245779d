"""What bumps the versions of the stored evaluations' inputs (docs/decisions/0036).

The services send ``figures_changed`` and ``targets_changed`` inside their transactions; the model
signals cover every other save and delete through the ORM (the admin, the demo loaders'
get_or_create). A bulk_create, a QuerySet.update or raw SQL bypasses them: such a path calls
``stored.touch`` itself or ``stored.rebuild()`` after it (``manage.py evaluations_rebuild``).
"""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import receiver

from chitieu.catalog.models import Indicator, Responsibility, Target
from chitieu.catalog.selectors import targets_judged_by
from chitieu.catalog.signals import targets_changed
from chitieu.organizations.models import Organization

from . import stored
from .models import Figure, ReportingSpec
from .signals import figures_changed


@receiver(figures_changed)
def _figures_changed(sender: object, indicator_ids: set[int], **kwargs: Any) -> None:
    stored.touch(indicator_ids)


@receiver(targets_changed)
def _targets_changed(sender: object, target_ids: set[int], **kwargs: Any) -> None:
    stored.touch_targets(target_ids)


@receiver(post_save, sender=Figure)
@receiver(post_delete, sender=Figure)
@receiver(post_save, sender=ReportingSpec)
@receiver(post_delete, sender=ReportingSpec)
@receiver(post_save, sender=Target)
@receiver(post_delete, sender=Target)
def _indicator_input(
    sender: object, instance: Figure | ReportingSpec | Target, **kwargs: Any
) -> None:
    stored.touch([instance.indicator_id])


@receiver(post_save, sender=Target)
def _target_in_force_changed(
    sender: object, instance: Target, created: bool = False, **kwargs: Any
) -> None:
    # the targets an amendment replaced by this one are judged by its numbers (a new target
    # replaces nothing yet)
    if not created:
        stored.touch_targets(targets_judged_by({instance.pk}))


@receiver(pre_delete, sender=Target)
def _target_in_force_going(sender: object, instance: Target, **kwargs: Any) -> None:
    # before the delete: it clears their link to this target without a save signal
    stored.touch_targets(targets_judged_by({instance.pk}))


@receiver(post_save, sender=Indicator)
@receiver(post_delete, sender=Indicator)
def _indicator(sender: object, instance: Indicator, **kwargs: Any) -> None:
    stored.touch([instance.pk])


@receiver(post_save, sender=Responsibility)
@receiver(post_delete, sender=Responsibility)
def _responsibility(sender: object, instance: Responsibility, **kwargs: Any) -> None:
    if Responsibility._meta.get_field("target").is_cached(instance):  # as the import creates it
        stored.touch([instance.target.indicator_id])
    else:
        stored.touch_targets({instance.target_id})


@receiver(post_save, sender=Organization)
@receiver(post_delete, sender=Organization)
def _organization(sender: object, instance: Organization, **kwargs: Any) -> None:
    stored.touch_everything()
