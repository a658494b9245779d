"""`make bench-national`: the nation's communes' figures on one PostgreSQL server, in plain SQL.

Tables shaped like reporting's Figure plus the province key a national deployment would
distribute by (docs/scaling.md), in three layouts: one table, one partition per province (LIST),
one partition per year of periods (RANGE). Generated with COPY in period order, as monthly
reporting rounds fill them; the two partitioned copies are filled from the first by the server.
"""

from __future__ import annotations

import math
import random
import statistics
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from psycopg import Connection, sql

from .budget import Budget, OutOfBudget

LAYOUTS = ("unpartitioned", "by_province", "by_period")
FIRST_YEAR = 2021


@dataclass(frozen=True)
class Size:
    """How many provinces, communes per province, indicators and months."""

    provinces: int = 34
    communes: int = 100
    indicators: int = 50
    months: int = 60

    @property
    def figures(self) -> int:
        return self.provinces * self.communes * self.indicators * self.months

    @property
    def per_month(self) -> int:
        return self.provinces * self.communes * self.indicators

    def month(self, m: int) -> str:
        return f"{FIRST_YEAR + m // 12}-{m % 12 + 1:02d}"

    @property
    def years(self) -> list[int]:
        return list(range(FIRST_YEAR, FIRST_YEAR + (self.months + 11) // 12))


_COLUMNS = """
  province smallint NOT NULL,
  organization integer NOT NULL,
  indicator integer NOT NULL,
  period_code varchar(20) NOT NULL,
  vintage varchar(20) NOT NULL,
  status varchar(20) NOT NULL,
  value numeric(24, 6) NOT NULL,
  updated_at timestamptz NOT NULL
"""


def schema(size: Size, prefix: str = "nat") -> list[sql.Composed | sql.SQL]:
    """CREATE statements of the three layouts (partitions included), without indexes."""
    out: list[sql.Composed | sql.SQL] = []
    flat, prov, period = (sql.Identifier(f"{prefix}_{name}") for name in LAYOUTS)
    out.append(sql.SQL("CREATE TABLE {} (" + _COLUMNS + ")").format(flat))
    out.append(
        sql.SQL("CREATE TABLE {} (" + _COLUMNS + ") PARTITION BY LIST (province)").format(prov)
    )
    for p in range(1, size.provinces + 1):
        out.append(
            sql.SQL("CREATE TABLE {} PARTITION OF {} FOR VALUES IN ({})").format(
                sql.Identifier(f"{prefix}_by_province_{p:02d}"), prov, sql.Literal(p)
            )
        )
    out.append(
        sql.SQL("CREATE TABLE {} (" + _COLUMNS + ") PARTITION BY RANGE (period_code)").format(
            period
        )
    )
    for y in size.years:
        out.append(
            sql.SQL("CREATE TABLE {} PARTITION OF {} FOR VALUES FROM ({}) TO ({})").format(
                sql.Identifier(f"{prefix}_by_period_{y}"),
                period,
                sql.Literal(str(y)),
                sql.Literal(str(y + 1)),
            )
        )
    return out


def indexes(layout: str, prefix: str = "nat") -> list[sql.Composed]:
    """Figure's unique key with the province first (a distributed or partitioned table's unique
    key must hold its distribution and partition keys; it serves a province's own series), and
    (period_code, indicator) for one indicator's period and a whole period's overview. A
    partitioned table's index is made on every partition."""
    table = sql.Identifier(f"{prefix}_{layout}")
    return [
        sql.SQL(
            "CREATE UNIQUE INDEX {} ON {} (province, indicator, organization, period_code, vintage)"
        ).format(sql.Identifier(f"{prefix}_{layout}_key"), table),
        sql.SQL("CREATE INDEX {} ON {} (period_code, indicator)").format(
            sql.Identifier(f"{prefix}_{layout}_period_ind"), table
        ),
    ]


def rows(size: Size, rng: random.Random, at: object) -> Iterator[tuple[object, ...]]:
    """Month by month (a reporting round at a time), every province's communes' figures."""
    for m in range(size.months):
        code = size.month(m)
        for p in range(1, size.provinces + 1):
            for c in range(size.communes):
                org = p * 1000 + c
                for ind in range(1, size.indicators + 1):
                    status = "submitted" if rng.random() < 0.03 else "approved"
                    value = round(rng.uniform(30, 90), 2)
                    yield (p, org, ind, code, "estimate", status, value, at)


def copy_rows(
    conn: Connection[Any],
    size: Size,
    budget: Budget | None,
    rng: random.Random,
    prefix: str = "nat",
    batch: int = 200_000,
) -> tuple[int, str]:
    """COPY the figures into the unpartitioned table; returns how many and why it stopped, if so."""
    table = sql.Identifier(f"{prefix}_unpartitioned")
    copy_sql = sql.SQL(
        "COPY {} (province, organization, indicator, period_code, vintage, status, value, "
        "updated_at) FROM STDIN"
    ).format(table)
    written = 0
    source = rows(size, rng, time.strftime("%Y-%m-%d %H:%M:%S+00", time.gmtime()))
    with conn.cursor() as cur:
        while written < size.figures:
            if budget is not None:
                try:
                    budget.check()
                except OutOfBudget as exc:
                    return written, str(exc)
            n = 0
            with cur.copy(copy_sql) as copy:
                for row in source:
                    copy.write_row(row)
                    n += 1
                    if n >= batch:
                        break
            conn.commit()
            written += n
            if n == 0:
                break
    return written, ""


def fill_partitioned(conn: Connection[Any], prefix: str = "nat") -> None:
    """Both partitioned copies from the unpartitioned table, server side."""
    flat = sql.Identifier(f"{prefix}_unpartitioned")
    with conn.cursor() as cur:
        for layout in LAYOUTS[1:]:
            cur.execute(
                sql.SQL("INSERT INTO {} SELECT * FROM {}").format(
                    sql.Identifier(f"{prefix}_{layout}"), flat
                )
            )
            conn.commit()


# The communes' roll-up of one indicator and period by province (the sum rule): each commune's
# figure that counts (approved, best vintage, then latest), then a sum per province.
ROLLUP = """
SELECT province, sum(value) AS total, count(*) AS communes FROM (
  SELECT DISTINCT ON (organization) province, organization, value FROM {table}
  WHERE indicator = %(indicator)s AND period_code = %(period)s AND status = 'approved'
  ORDER BY organization,
           CASE vintage WHEN 'official' THEN 3 WHEN 'preliminary' THEN 2 ELSE 1 END DESC,
           updated_at DESC
) counted GROUP BY province ORDER BY province
"""

# The national overview of one period: every indicator's roll-up in every province.
OVERVIEW = """
SELECT indicator, province, sum(value) AS total, count(*) AS communes FROM (
  SELECT DISTINCT ON (indicator, organization) indicator, province, organization, value
  FROM {table}
  WHERE period_code = %(period)s AND status = 'approved'
  ORDER BY indicator, organization,
           CASE vintage WHEN 'official' THEN 3 WHEN 'preliminary' THEN 2 ELSE 1 END DESC,
           updated_at DESC
) counted GROUP BY indicator, province ORDER BY indicator, province
"""

# What one province's own pages ask: one indicator, all its communes, every month.
PROVINCE_SERIES = """
SELECT period_code, sum(value) FROM {table}
WHERE province = %(province)s AND indicator = %(indicator)s AND status = 'approved'
GROUP BY period_code ORDER BY period_code
"""

QUERIES = {"rollup": ROLLUP, "overview": OVERVIEW, "province_series": PROVINCE_SERIES}


def query(name: str, layout: str, prefix: str = "nat") -> sql.Composed:
    return sql.SQL(QUERIES[name]).format(table=sql.Identifier(f"{prefix}_{layout}"))  # type: ignore[arg-type]


def _summary(times: list[float]) -> dict[str, float]:
    times = sorted(times)
    return {
        "p50_ms": round(statistics.median(times), 1),
        "p95_ms": round(times[math.ceil(len(times) * 0.95) - 1], 1),
    }


def measure(
    conn: Connection[Any],
    layouts: Sequence[str],
    params: dict[str, Any],
    runs: int,
    prefix: str = "nat",
) -> dict[str, dict[str, dict[str, float]]]:
    """p50 and p95 of each query on each layout, after one warming run of each.

    The layouts take turns within every run, so a machine busy with other work slows them alike
    instead of whichever happened to be measured last.
    """
    times: dict[tuple[str, str], list[float]] = {(lay, q): [] for lay in layouts for q in QUERIES}
    with conn.cursor() as cur:
        for n in range(runs + 1):
            for layout in layouts:
                for name in QUERIES:
                    start = time.perf_counter()
                    cur.execute(query(name, layout, prefix), params)
                    cur.fetchall()
                    if n:  # the first run warms the caches
                        times[layout, name].append((time.perf_counter() - start) * 1000)
    return {lay: {q: _summary(times[lay, q]) for q in QUERIES} for lay in layouts}


def table_bytes(conn: Connection[Any], layout: str, prefix: str = "nat") -> int:
    """Bytes of a layout with its indexes (partitions summed)."""
    with conn.cursor() as cur:
        cur.execute(
            "SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) FROM pg_class c "
            "WHERE c.relname = %(t)s OR c.relname LIKE %(parts)s AND c.relkind = 'r'",
            {"t": f"{prefix}_{layout}", "parts": f"{prefix}_{layout}\\_%"},
        )
        row = cur.fetchone()
    return int(row[0]) if row else 0
