"""python manage.py bench: province-scale data, page times, save rate, and a columnar floor.

Run by `make bench` against a scratch SQLite file; prints one JSON object.
"""

from __future__ import annotations

import io
import json
import random
import statistics
import time
from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from chitieu.access.choices import Role
from chitieu.access.models import Membership
from chitieu.bench import core_figures
from chitieu.catalog.choices import IndicatorGroup, PlanKind
from chitieu.catalog.choices import Role as RespRole
from chitieu.catalog.models import Indicator, Plan, Responsibility, Target
from chitieu.core.periods import Period
from chitieu.organizations.models import Organization
from chitieu.reporting.choices import FigureStatus, Frequency, Vintage
from chitieu.reporting.models import Figure, ReportingSpec
from chitieu.reporting.services import figure_save

COMMUNES, INDICATORS, MONTHS = 65, 300, 60
FIRST_YEAR = 2021


def _times(fn: Callable[[], object], runs: int) -> dict[str, float]:
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        out.append((time.perf_counter() - start) * 1000)
        status = getattr(result, "status_code", 200)
        if status != 200:
            raise RuntimeError(f"trang trả về {status}; số đo không có nghĩa")
    out.sort()
    return {
        "p50_ms": round(statistics.median(out), 2),
        "p95_ms": round(out[max(0, int(len(out) * 0.95) - 1)], 2),
    }


class Command(BaseCommand):
    help = "Đo tốc độ các trang đánh giá trên dữ liệu quy mô tỉnh (in một đối tượng JSON)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--runs", type=int, default=20)

    def handle(self, *args: Any, **opts: Any) -> None:
        call_command("migrate", verbosity=0)
        call_command("load_demo", stdout=io.StringIO())
        rng = random.Random(2026)
        plan, agencies, figures = self._generate(rng)
        client = Client(HTTP_HOST="localhost")
        client.force_login(get_user_model().objects.get(username="lanhdao"))
        ind = Indicator.objects.filter(name__startswith="Chỉ tiêu thử").first()
        assert ind is not None
        agency = agencies[0]
        runs = opts["runs"]
        pages = {
            "overview": _times(
                lambda: client.get(reverse("reporting:overview") + f"?ke-hoach={plan.pk}"), runs
            ),
            "indicator": _times(lambda: client.get(reverse("web:indicator", args=[ind.pk])), runs),
            "scorecard": _times(
                lambda: client.get(
                    reverse("reporting:agency", args=[agency.pk]) + f"?ke-hoach={plan.pk}"
                ),
                runs,
            ),
        }
        out = {
            "scale": {
                "communes_and_wards": COMMUNES,
                "indicators": INDICATORS,
                "months": MONTHS,
                "figures": figures,
                "database": connection.vendor,
            },
            "pages": pages,
            "saves_per_second": self._saves(rng, agency),
            "floor_ms": self._floor(runs)["p50_ms"],
            "core": core_figures(),
        }
        self.stdout.write(json.dumps(out, ensure_ascii=False, indent=2))

    @transaction.atomic
    def _generate(self, rng: random.Random) -> tuple[Plan, list[Organization], int]:
        communes = [
            Organization(
                name=f"{'Phường' if i < 4 else 'Xã'} thử {i + 1:02d}",
                kind="ward" if i < 4 else "commune",
            )
            for i in range(COMMUNES)
        ]
        Organization.objects.bulk_create(communes)
        communes = list(Organization.objects.filter(name__contains=" thử "))
        agencies = list(Organization.objects.filter(kind="department", active=True))
        plan = Plan.objects.create(
            kind=PlanKind.FIVE_YEAR,
            title="Kế hoạch thử quy mô tỉnh",
            period_code="2026-2030",
            source_name="bench",
            source_checksum="bench-" + str(time.time()),
        )
        groups = [IndicatorGroup.ECONOMIC, IndicatorGroup.SOCIAL, IndicatorGroup.ENVIRONMENT]
        indicators = Indicator.objects.bulk_create(
            Indicator(
                name=f"Chỉ tiêu thử {i + 1:03d}", unit="%", key=f"bench|{i}", group=groups[i % 3]
            )
            for i in range(INDICATORS)
        )
        indicators = list(Indicator.objects.filter(key__startswith="bench|").order_by("key"))
        ReportingSpec.objects.bulk_create(
            ReportingSpec(indicator=i, frequency=Frequency.MONTH) for i in indicators
        )
        targets = Target.objects.bulk_create(
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
            resp.append(
                Responsibility(
                    target=t, organization=agencies[n % len(agencies)], role=RespRole.LEAD
                )
            )
            resp.append(Responsibility(target=t, organization=group, role=RespRole.COORDINATING))
        Responsibility.objects.bulk_create(resp)
        now = timezone.now()
        rows = []
        months = [Period.month(FIRST_YEAR + m // 12, m % 12 + 1).code for m in range(MONTHS)]
        years = [str(FIRST_YEAR + y) for y in range(MONTHS // 12)]
        for n, ind in enumerate(indicators):
            lead = agencies[n % len(agencies)]
            level = rng.uniform(40, 75)
            for code in months:
                level += rng.uniform(-1, 1.2)
                rows.append(
                    Figure(
                        indicator=ind,
                        organization=lead,
                        period_code=code,
                        period_kind="month",
                        vintage=Vintage.OFFICIAL,
                        value=Decimal(f"{level:.2f}"),
                        status=FigureStatus.APPROVED,
                        submitted_at=now - timedelta(days=rng.randint(0, 900)),
                    )
                )
            for code in years:
                rows.append(
                    Figure(
                        indicator=ind,
                        organization=lead,
                        period_code=code,
                        period_kind="year",
                        vintage=Vintage.OFFICIAL,
                        value=Decimal(f"{level:.2f}"),
                        status=FigureStatus.APPROVED,
                        submitted_at=now,
                    )
                )
            # every tenth indicator is also reported by each commune and ward, month by month
            if n % 10 == 0:
                for c in communes:
                    for code in months:
                        rows.append(
                            Figure(
                                indicator=ind,
                                organization=c,
                                period_code=code,
                                period_kind="month",
                                vintage=Vintage.ESTIMATE,
                                value=Decimal(f"{rng.uniform(30, 90):.2f}"),
                            )
                        )
        Figure.objects.bulk_create(rows, batch_size=5000)
        user = get_user_model().objects.create_user("bench-reporter", password="x")
        Membership.objects.create(user=user, organization=agencies[0], role=Role.REPORTER)
        return plan, agencies, len(rows)

    def _saves(self, rng: random.Random, agency: Organization) -> float:
        user = get_user_model().objects.get(username="bench-reporter")
        indicators = list(
            Indicator.objects.filter(
                key__startswith="bench|", targets__responsibilities__organization=agency
            )
        )
        n = 300
        start = time.perf_counter()
        for i in range(n):
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
        return round(n / (time.perf_counter() - start), 1)

    def _floor(self, runs: int) -> dict[str, float]:
        """The overview's aggregates computed by DuckDB over the same rows, for comparison."""
        import duckdb

        rows = list(
            Figure.objects.filter(period_kind__in=["year", "multi_year"]).values_list(
                "indicator_id", "period_code", "vintage", "value"
            )
        )
        targets = list(
            Target.objects.exclude(kind="").values_list(
                "indicator_id", "low", "high", "indicator__group"
            )
        )
        con = duckdb.connect()
        con.execute(
            "CREATE TABLE f (indicator BIGINT, period VARCHAR, vintage VARCHAR, value DOUBLE)"
        )
        con.executemany(
            "INSERT INTO f VALUES (?, ?, ?, ?)", [(a, b, c, float(d)) for a, b, c, d in rows]
        )
        con.execute("CREATE TABLE t (indicator BIGINT, low DOUBLE, high DOUBLE, grp VARCHAR)")
        con.executemany(
            "INSERT INTO t VALUES (?, ?, ?, ?)",
            [
                (a, float(b) if b is not None else None, float(c) if c is not None else None, g)
                for a, b, c, g in targets
            ],
        )
        query = """
            WITH latest AS (
              SELECT indicator, arg_max(value, period || vintage) AS value FROM f GROUP BY indicator
            )
            SELECT t.grp,
                   count(*) FILTER (WHERE l.value IS NULL) AS no_data,
                   count(*) FILTER (WHERE l.value BETWEEN t.low AND t.high) AS achieved,
                   count(*) FILTER (WHERE l.value < t.low) AS below,
                   count(*) FILTER (WHERE l.value > t.high) AS above
            FROM t LEFT JOIN latest l USING (indicator) GROUP BY t.grp
        """
        return _times(lambda: con.execute(query).fetchall(), runs)
