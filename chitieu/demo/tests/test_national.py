"""The national benchmark's SQL on a tiny size: three layouts hold the same rows and answer alike.

PostgreSQL only (partitions and COPY); a scratch database of its own, dropped at the end.
"""

import os
import random
from collections import defaultdict
from decimal import Decimal

import pytest
from django.db import connection

from chitieu.demo import national
from chitieu.demo.national import LAYOUTS, Size

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="partitions and COPY: PostgreSQL only"
)


@pytest.fixture
def pg():
    import psycopg
    from psycopg import sql

    s = connection.settings_dict
    params = {k.lower(): s.get(k) or None for k in ("HOST", "PORT", "USER", "PASSWORD")}
    name = f"chitieu_national_test_{os.getpid()}"
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        try:
            with psycopg.connect(dbname=name, **params) as conn:
                yield conn
        finally:
            admin.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))


def test_three_layouts_hold_the_same_figures_and_roll_up_alike(pg):
    # given two provinces of three communes, two indicators, thirteen months (two years)
    size = Size(provinces=2, communes=3, indicators=2, months=13)
    for statement in national.schema(size):
        pg.execute(statement)
    # when the figures are copied in and spread to the partitioned layouts
    written, stopped = national.copy_rows(pg, size, None, random.Random(7))
    national.fill_partitioned(pg)
    for layout in LAYOUTS:
        for statement in national.indexes(layout):
            pg.execute(statement)
    # then every layout holds them all, each partition its share
    assert (written, stopped) == (156, "")
    for layout in LAYOUTS:
        assert pg.execute(f"SELECT count(*) FROM nat_{layout}").fetchone() == (156,)
    assert pg.execute("SELECT count(*) FROM nat_by_province_02").fetchone() == (78,)
    assert pg.execute("SELECT count(*) FROM nat_by_period_2022").fetchone() == (12,)
    # and the national roll-up by province is the sum of the approved communes' figures
    expected: dict[int, Decimal] = defaultdict(Decimal)
    for p, _org, ind, code, _v, status, value, _at in national.rows(size, random.Random(7), 0):
        if ind == 1 and code == "2022-01" and status == "approved":
            expected[p] += Decimal(str(value))
    params = {"indicator": 1, "period": "2022-01", "province": 2}
    for layout in LAYOUTS:
        got = pg.execute(national.query("rollup", layout), params).fetchall()
        assert {p: total for p, total, _n in got} == expected
        overview = pg.execute(national.query("overview", layout), params).fetchall()
        assert len(overview) == 2 * 2
        series = pg.execute(national.query("province_series", layout), params).fetchall()
        assert [code for code, _ in series] == [size.month(m) for m in range(13)]
    # and every layout is measured on every question
    measured = national.measure(pg, LAYOUTS, params, runs=2)
    assert {lay: set(q) for lay, q in measured.items()} == {
        lay: {"rollup", "overview", "province_series"} for lay in LAYOUTS
    }
