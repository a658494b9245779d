"""An approved actual of a scenario's series or driver may put the year behind its scenario."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.utils import timezone

from chitieu.core.periods import Period, PeriodError
from chitieu.reporting.models import Figure

from .models import GrowthScenario
from .services import scenario_notify_behind


def on_figure_approved(sender: Any, figure: Figure, **_: Any) -> None:
    """Check the scenarios of the figure's year that watch its indicator."""
    try:
        year = Period.parse(figure.period_code).year
    except PeriodError:
        return
    watching = GrowthScenario.objects.filter(year=year).filter(
        Q(series__indicator_id=figure.indicator_id) | Q(drivers__indicator_id=figure.indicator_id)
    )
    for scenario in watching.distinct().order_by("pk"):
        scenario_notify_behind(scenario=scenario, as_of=timezone.localdate())
