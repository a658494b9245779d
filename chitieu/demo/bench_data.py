"""The bench's data: a province of 65 communes and wards, 300 indicators and 60 months of figures.

Province scale has commune figures for every tenth indicator (136.500 figures); large scale for
all of them (≈ 1,2 M). Figures go in by the fastest path each database has — COPY on PostgreSQL,
executemany in large transactions on SQLite — and generation stops cleanly, keeping what it
wrote, when its time budget or the free disk runs out.
"""

from __future__ import annotations

import os
import random
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from chitieu.access.choices import Role
from chitieu.access.models import Membership
from chitieu.catalog.choices import IndicatorGroup, PlanKind
from chitieu.catalog.choices import Role as RespRole
from chitieu.catalog.models import Indicator, Plan, Responsibility, Target
from chitieu.core.periods import Period
from chitieu.organizations.models import Organization
from chitieu.reporting.choices import Aggregation, FigureStatus, Frequency, Vintage
from chitieu.reporting.models import Figure, ReportingSpec

from .budget import Budget, OutOfBudget

COMMUNES, INDICATORS, MONTHS = 65, 300, 60
FIRST_YEAR = 2021
# indicator n has commune figures when n % every == 0
COMMUNE_EVERY = {"province": 10, "large": 1}
# the rules commune figures roll up by, in turn; a weighted mean is weighted by indicator 0
RULES = [Aggregation.SUM, Aggregation.WEIGHTED_MEAN, Aggregation.MIN, Aggregation.MAX]
BATCH = 50_000
COLUMNS = (
    "indicator_id, organization_id, period_code, period_kind, vintage, value, comment, source, "
    "status, return_reason, revision, entered_by_id, updated_at, submitted_at"
)


def database_disk() -> Path:
    """Where the database writes: the SQLite file's folder, or PostgreSQL's data directory when
    the server is on this machine (else the current folder, the best this process can see)."""
    if connection.vendor == "sqlite":
        return Path(str(connection.settings_dict["NAME"])).resolve().parent
    try:
        with connection.cursor() as cur:
            cur.execute("SHOW data_directory")
            row = cur.fetchone()
        if row and os.path.isdir(row[0]):
            return Path(row[0])
    except DatabaseError:  # not a superuser: the setting is hidden
        pass
    return Path.cwd()


@dataclass
class Generated:
    """What was generated, and why generation stopped early if it did."""

    plan: Plan
    agencies: list[Organization]
    figures: int
    stopped: str = ""


def _write(rows: Iterator[tuple[object, ...]], budget: Budget) -> tuple[int, str]:
    """Write figure rows in batches; returns how many were written and why it stopped, if so."""
    table = connection.ops.quote_name(Figure._meta.db_table)
    written = 0
    batch: list[tuple[object, ...]] = []

    def flush() -> None:
        nonlocal written
        budget.check()
        if connection.vendor == "postgresql":
            # psycopg 3: the raw cursor speaks COPY; rows go as Python values
            with (
                connection.cursor() as cur,
                transaction.atomic(),
                cur.cursor.copy(f"COPY {table} ({COLUMNS}) FROM STDIN") as copy,
            ):
                for row in batch:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(COLUMNS.split(",")))
            with connection.cursor() as cur, transaction.atomic():
                cur.executemany(f"INSERT INTO {table} ({COLUMNS}) VALUES ({marks})", batch)  # noqa: S608
        written += len(batch)
        batch.clear()

    try:
        for row in rows:
            batch.append(row)
            if len(batch) >= BATCH:
                flush()
        if batch:
            flush()
    except OutOfBudget as exc:
        return written, str(exc)
    return written, ""


def generate(rng: random.Random, scale: str, budget: Budget) -> Generated:
    """The plan, agencies, communes, indicators with their targets and roll-up rules, and figures."""
    every = COMMUNE_EVERY[scale]
    with transaction.atomic():
        Organization.objects.bulk_create(
            Organization(
                name=f"{'Phường' if i < 4 else 'Xã'} thử {i + 1:02d}",
                kind="ward" if i < 4 else "commune",
            )
            for i in range(COMMUNES)
        )
        communes = list(Organization.objects.filter(name__contains=" thử ").order_by("name"))
        agencies = list(Organization.objects.filter(kind="department", active=True))
        plan = Plan.objects.create(
            kind=PlanKind.FIVE_YEAR,
            title="Kế hoạch thử quy mô tỉnh",
            period_code="2026-2030",
            source_name="bench",
            source_checksum=f"bench-{time.time()}",
        )
        groups = [IndicatorGroup.ECONOMIC, IndicatorGroup.SOCIAL, IndicatorGroup.ENVIRONMENT]
        Indicator.objects.bulk_create(
            Indicator(
                name=f"Chỉ tiêu thử {i + 1:03d}",
                unit="%",
                key=f"bench|{i:03d}",
                group=groups[i % 3],
            )
            for i in range(INDICATORS)
        )
        indicators = list(Indicator.objects.filter(key__startswith="bench|").order_by("key"))
        specs = []
        for n, ind in enumerate(indicators):
            rule = RULES[(n // every) % len(RULES)] if n % every == 0 else Aggregation.NONE
            weight = indicators[0] if rule == Aggregation.WEIGHTED_MEAN else None
            specs.append(
                ReportingSpec(
                    indicator=ind,
                    frequency=Frequency.MONTH,
                    aggregation=rule,
                    aggregation_weight=weight,
                )
            )
        ReportingSpec.objects.bulk_create(specs)
        Target.objects.bulk_create(
            Target(
                plan=plan,
                indicator=ind,
                period_code="2026-2030",
                position=n,
                row_no=str(n + 1),
                printed_name=ind.name,
                printed_unit="%",
                printed_text="60 - 70",
                kind="range",
                low=Decimal(60),
                high=Decimal(70),
                source_line=n + 1,
            )
            for n, ind in enumerate(indicators)
        )
        targets = list(plan.targets.order_by("position"))
        group = Organization.objects.get(name="UBND các xã, phường")
        resp = []
        for n, t in enumerate(targets):
            lead = agencies[n % len(agencies)]
            resp.append(Responsibility(target=t, organization=lead, role=RespRole.LEAD))
            resp.append(Responsibility(target=t, organization=group, role=RespRole.COORDINATING))
        Responsibility.objects.bulk_create(resp)
        user = get_user_model().objects.create_user("bench-reporter", password="x")
        Membership.objects.create(user=user, organization=agencies[0], role=Role.REPORTER)
    budget.started = time.monotonic()
    written, stopped = _write(_rows(rng, indicators, agencies, communes, every), budget)
    with connection.cursor() as cur:
        # the planner's statistics as autovacuum would leave them in production, every table
        cur.execute("ANALYZE")
    return Generated(plan, agencies, written, stopped)


def _rows(
    rng: random.Random,
    indicators: list[Indicator],
    agencies: list[Organization],
    communes: list[Organization],
    every: int,
) -> Iterator[tuple[object, ...]]:
    """Province figures of every indicator first, then the communes' indicator by indicator, so a
    stop leaves whole indicators (the roll-up measured is one of the first)."""
    at = timezone.now()
    stamp = connection.ops.adapt_datetimefield_value
    now = stamp(at)
    months = [Period.month(FIRST_YEAR + m // 12, m % 12 + 1).code for m in range(MONTHS)]
    years = [str(FIRST_YEAR + y) for y in range(MONTHS // 12)]
    approved, official = FigureStatus.APPROVED.value, Vintage.OFFICIAL.value
    for n, ind in enumerate(indicators):
        lead = agencies[n % len(agencies)].pk
        level = rng.uniform(40, 75)
        for code in months:
            level += rng.uniform(-1, 1.2)
            submitted = stamp(at - timedelta(days=rng.randint(0, 900)))
            yield (ind.pk, lead, code, "month", official, f"{level:.2f}", "", "", approved,
                   "", 1, None, now, submitted)  # fmt: skip
        for code in years:
            yield (ind.pk, lead, code, "year", official, f"{level:.2f}", "", "", approved,
                   "", 1, None, now, now)  # fmt: skip
    estimate, submitted_state = Vintage.ESTIMATE.value, FigureStatus.SUBMITTED.value
    for n, ind in enumerate(indicators):
        if n % every:
            continue
        for c in communes:
            for code in months:
                # a few communes' figures wait for approval, as in any reporting round
                status = submitted_state if rng.random() < 0.03 else approved
                yield (ind.pk, c.pk, code, "month", estimate, f"{rng.uniform(30, 90):.2f}", "",
                       "", status, "", 1, None, now, now)  # fmt: skip
