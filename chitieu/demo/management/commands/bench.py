"""python manage.py bench: a province's data, page times, save rate, roll-up and a columnar floor.

Run by `make bench` (scripts/bench) on a scratch database it creates: a SQLite file, or with
DATABASE_URL=postgres://… a scratch PostgreSQL database, dropped afterwards. `--scale large` gives
every indicator commune figures (≈ 1,2 M). Prints one JSON object; refuses a database holding
anything but its own data (chitieu/demo/scratch.py).
"""

from __future__ import annotations

import io
import json
import math
import random
import statistics
import sys
import time
from collections.abc import Callable
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.test import Client
from django.urls import reverse

from chitieu.bench import core_figures
from chitieu.catalog.models import Indicator, Plan, Target
from chitieu.demo import scratch
from chitieu.demo.bench_data import (
    COMMUNE_EVERY,
    COMMUNES,
    FIRST_YEAR,
    INDICATORS,
    MONTHS,
    Budget,
    database_disk,
    generate,
)
from chitieu.demo.bench_saves import bulk_seconds, saves_per_second
from chitieu.organizations.models import Organization
from chitieu.reporting.choices import Aggregation
from chitieu.reporting.counting import select
from chitieu.reporting.evaluation import rollup_specs
from chitieu.reporting.models import Figure, ReportingSpec
from chitieu.reporting.rollup import best_commune_figures_qs, commune_rollup
from chitieu.reporting.views import OVERVIEW_TABLES


def _times(fn: Callable[[], object], runs: int) -> dict[str, float]:
    """p50 and p95 of ``runs`` calls, after one call not counted (the process's first request to
    a page loads its templates and, for the overview, renders the tables it then keeps: that
    cost is measured apart, as ``overview_uncached``)."""
    fn()
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
        "p95_ms": round(out[math.ceil(len(out) * 0.95) - 1], 2),
    }


class Command(BaseCommand):
    help = "Đo tốc độ trên dữ liệu quy mô tỉnh (in một đối tượng JSON); chỉ chạy trên cơ sở dữ liệu thử."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--runs", type=int, default=100)
        parser.add_argument("--scale", choices=sorted(COMMUNE_EVERY), default="province")
        parser.add_argument(
            "--budget-seconds",
            type=float,
            default=900,
            help="thời gian tối đa để sinh số liệu; hết thì dừng và đo trên phần đã sinh",
        )
        parser.add_argument(
            "--min-free-gb",
            type=float,
            default=2.0,
            help="dung lượng đĩa phải còn trống; thiếu thì dừng sinh số liệu",
        )
        parser.add_argument(
            "--explain",
            action="store_true",
            help="in EXPLAIN (ANALYZE) của truy vấn tổng hợp từ xã ra stderr (PostgreSQL)",
        )

    def handle(self, *args: Any, **opts: Any) -> None:
        scale = opts["scale"]
        recorded = scratch.claim()
        if recorded is None:
            self._progress("nạp dữ liệu mẫu")
            call_command("migrate", verbosity=0)
            call_command("load_demo", stdout=io.StringIO())
            budget = Budget(
                opts["budget_seconds"], int(opts["min_free_gb"] * 2**30), database_disk()
            )
            self._progress(f"sinh số liệu quy mô {scale}")
            started = time.perf_counter()
            made = generate(random.Random(2026), scale, budget)
            seconds = round(time.perf_counter() - started, 1)
            if made.stopped:
                self._progress(f"dừng sinh số liệu: {made.stopped}; đo trên {made.figures} số liệu")
            recorded = {
                "scale": scale,
                "plan": made.plan.pk,
                "figures": made.figures,
                "generated_s": seconds,
                "stopped": made.stopped,
            }
            scratch.record(recorded)
        elif recorded["scale"] != scale:
            raise CommandError(
                f"Cơ sở dữ liệu thử này đang chứa dữ liệu quy mô {recorded['scale']}, không phải "
                f"{scale}; hãy dùng một cơ sở dữ liệu trống."
            )
        plan = Plan.objects.get(pk=recorded["plan"])
        agencies = list(Organization.objects.filter(kind="department", active=True))
        client = Client(HTTP_HOST="localhost")
        client.force_login(get_user_model().objects.get(username="lanhdao"))
        ind = Indicator.objects.filter(key="bench|000").first()
        assert ind is not None
        agency = agencies[0]
        runs = opts["runs"]
        self._progress("đo các trang")
        pages = {
            "overview": _times(
                lambda: client.get(reverse("reporting:overview") + f"?ke-hoach={plan.pk}"), runs
            ),
            # the same page when its tables must be rendered again (the first request after an
            # approval or a changed target): the kept tables are dropped before every request
            "overview_uncached": _times(
                lambda: (
                    OVERVIEW_TABLES.clear(),
                    client.get(reverse("reporting:overview") + f"?ke-hoach={plan.pk}"),
                )[1],
                runs,
            ),
            "indicator": _times(lambda: client.get(reverse("web:indicator", args=[ind.pk])), runs),
            "scorecard": _times(
                lambda: client.get(
                    reverse("reporting:agency", args=[agency.pk]) + f"?ke-hoach={plan.pk}"
                ),
                runs,
            ),
        }
        rollup = self._rollup(runs, opts["explain"])
        reporter = get_user_model().objects.get(username="bench-reporter")
        self._progress("đo tốc độ lưu số liệu")
        out = {
            "scale": {
                "name": scale,
                "communes_and_wards": COMMUNES,
                "indicators": INDICATORS,
                "indicators_with_commune_figures": INDICATORS // COMMUNE_EVERY[scale],
                "months": MONTHS,
                "figures": recorded["figures"],
                "generated_s": recorded["generated_s"],
                "stopped": recorded["stopped"] or None,
                "database": connection.vendor,
            },
            "pages": pages,
            "saves_per_second": saves_per_second(agency, reporter, random.Random(2026)),
            # last: it leaves 10.000 draft figures behind (dated after the bench's own years)
            "bulk_10000_s": bulk_seconds(agency, reporter),
            "floor_ms": self._floor(runs)["p50_ms"],
            "rollup_ms": rollup["database"]["p95_ms"],
            "rollup": rollup,
            "core": core_figures(),
        }
        self.stdout.write(json.dumps(out, ensure_ascii=False, indent=2))

    def _progress(self, text: str) -> None:
        self.stderr.write(f"== đo: {text}")

    def _rollup(self, runs: int, explain: bool) -> dict[str, Any]:
        """The communes' roll-up of one weighted-mean indicator for its last month: by the
        database's selector, and by `counting.select` over that month's figures, which must agree."""
        spec_row = (
            ReportingSpec.objects.filter(
                indicator__key__startswith="bench|", aggregation=Aggregation.WEIGHTED_MEAN
            )
            .order_by("indicator__key")
            .first()
        )
        if spec_row is None:
            raise CommandError("Không có chỉ tiêu thử nào tổng hợp bình quân có trọng số.")
        ind_id = spec_row.indicator_id
        spec = rollup_specs([ind_id])[ind_id]
        period = f"{FIRST_YEAR + MONTHS // 12 - 1}-12"

        def database() -> object:
            return commune_rollup(indicator_id=ind_id, period_code=period, spec=spec)

        def python() -> object:
            figures = Figure.objects.filter(
                indicator_id__in=[ind_id, spec.weight_indicator_id], period_code=period
            ).select_related("organization")
            chosen = select(figures, indicator_id=ind_id, responsible=set(), rollup=spec)
            counted = chosen.rollups.get(period)  # none when generation stopped before it
            return None if counted is None else counted.rollup

        got, expected = database(), python()
        if got != expected:
            raise CommandError(f"Hai cách tổng hợp cho kết quả khác nhau: {got} và {expected}.")
        if explain and connection.vendor == "postgresql":
            for which in (ind_id, spec.weight_indicator_id):
                assert which is not None
                # QuerySet.explain() cannot wrap a query filtered on a window: EXPLAIN by hand
                query, params = best_commune_figures_qs(which, period).query.sql_with_params()
                with connection.cursor() as cur:
                    cur.execute(f"EXPLAIN (ANALYZE, BUFFERS) {query}", params)
                    plan = "\n".join(row[0] for row in cur.fetchall())
                sys.stderr.write(f"-- {connection.ops.compose_sql(query, params)}\n{plan}\n")
        return {
            "indicator": spec_row.indicator.name,
            "rule": spec.rule.value,
            "period": period,
            "communes": got.covered if got is not None else 0,  # type: ignore[attr-defined]
            "figures_of_communes": Figure.objects.filter(
                organization__kind__in=["commune", "ward"]
            ).count(),
            "database": _times(database, runs),
            "python_select": _times(python, runs),
        }

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
