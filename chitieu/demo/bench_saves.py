"""Saving figures at the speed of a reporting round: single saves a second, and a 10.000-figure
Excel upload, each through the functions the pages use (the bench command prints both)."""

from __future__ import annotations

import random
import time
from typing import Any

from chitieu.catalog.models import Indicator
from chitieu.organizations.models import Organization
from chitieu.reporting.choices import Vintage
from chitieu.reporting.models import Figure
from chitieu.reporting.services import figure_save

SAVES = 300


def saves_per_second(agency: Organization, user: Any, rng: random.Random) -> float:
    """Revision-checked saves by a reporter of the agency, one after another, as the form sends them."""
    indicators = list(
        Indicator.objects.filter(
            key__startswith="bench|", targets__responsibilities__organization=agency
        )
    )
    start = time.perf_counter()
    for i in range(SAVES):
        indicator, period = indicators[i % len(indicators)], f"2026-{i % 12 + 1:02d}"
        # a writer sends the revision it saw (every save is revision-checked)
        seen = Figure.objects.filter(
            indicator=indicator,
            organization=agency,
            period_code=period,
            vintage=Vintage.ESTIMATE,
        ).values_list("revision", flat=True)
        figure_save(
            user=user,
            indicator=indicator,
            organization=agency,
            period_code=period,
            vintage=Vintage.ESTIMATE,
            value=f"{rng.uniform(40, 80):.2f}",
            expected_revision=next(iter(seen), 0),
        )
    return round(SAVES / (time.perf_counter() - start), 1)
