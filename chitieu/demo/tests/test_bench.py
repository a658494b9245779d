"""The benchmarks' guards and generators, at a size that runs in seconds (no timing here)."""

import random
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from chitieu.demo import bench_data, scratch
from chitieu.demo.bench_data import Budget
from chitieu.organizations.models import Organization
from chitieu.reporting.choices import Aggregation
from chitieu.reporting.models import Figure, ReportingSpec


def test_the_bench_refuses_a_database_that_holds_data(db):
    # given a database with tables (the test database stands for a real one)
    before = Organization.objects.count()
    # when the bench is started on it
    with pytest.raises(CommandError) as refused:
        call_command("bench", stdout=StringIO(), stderr=StringIO())
    # then it says why, in Vietnamese, and writes nothing
    assert "Không đo trên cơ sở dữ liệu" in str(refused.value)
    assert "có thể là dữ liệu thật" in str(refused.value)
    assert Organization.objects.count() == before
    assert scratch.MARKER not in connection.introspection.table_names()


def test_its_own_scratch_database_is_measured_again_and_a_broken_one_refused(db):
    with connection.cursor() as cur:
        cur.execute(f"CREATE TABLE {scratch.MARKER} (about TEXT NOT NULL)")
    with pytest.raises(CommandError, match="còn dở từ một lần đo bị dừng"):
        scratch.claim()
    scratch.record({"scale": "large", "plan": 1, "figures": 5})
    assert scratch.claim() == {"scale": "large", "plan": 1, "figures": 5}
    with pytest.raises(CommandError, match="quy mô large, không phải province"):
        call_command("bench", "--scale", "province", stdout=StringIO(), stderr=StringIO())


@pytest.fixture
def tiny(db, monkeypatch):
    call_command("load_demo", stdout=StringIO())
    monkeypatch.setattr(bench_data, "COMMUNES", 3)
    monkeypatch.setattr(bench_data, "INDICATORS", 8)
    monkeypatch.setattr(bench_data, "MONTHS", 12)


def test_large_scale_gives_every_indicator_commune_figures_and_a_roll_up_rule(tiny):
    budget = Budget(600, 0, Path.cwd())
    made = bench_data.generate(random.Random(1), "large", budget)
    # 8 indicators × (12 months + 1 year) at the province, 8 × 3 communes × 12 months below
    assert (made.figures, made.stopped) == (8 * 13 + 8 * 3 * 12, "")
    bench = Figure.objects.filter(indicator__key__startswith="bench|")
    assert bench.count() == made.figures
    assert bench.filter(organization__kind__in=["commune", "ward"]).count() == 8 * 3 * 12
    rules = list(
        ReportingSpec.objects.filter(indicator__key__startswith="bench|")
        .order_by("indicator__key")
        .values_list("aggregation", "aggregation_weight__key")
    )
    assert rules[:3] == [
        (Aggregation.SUM, None),
        (Aggregation.WEIGHTED_MEAN, "bench|000"),
        (Aggregation.MIN, None),
    ]
    # the rows went in by COPY or executemany, past the ORM: they read back as the ORM's
    figure = bench.filter(period_code="2021", indicator__key="bench|000").get()
    assert figure.period_kind == "year" and figure.updated_at is not None


def test_province_scale_gives_commune_figures_to_every_tenth_indicator(tiny):
    made = bench_data.generate(random.Random(1), "province", Budget(600, 0, Path.cwd()))
    assert made.figures == 8 * 13 + 1 * 3 * 12


@pytest.mark.parametrize(
    ("budget", "why"),
    [
        (Budget(-1, 0, Path.cwd()), "hết thời gian cho phép"),
        (Budget(600, 2**62, Path.cwd()), "ổ đĩa chỉ còn"),
    ],
)
def test_generation_stops_cleanly_when_time_or_disk_runs_out(tiny, budget, why):
    made = bench_data.generate(random.Random(1), "large", budget)
    assert why in made.stopped
    assert made.figures == 0 == Figure.objects.filter(indicator__key__startswith="bench|").count()


@pytest.mark.skipif(connection.vendor == "postgresql", reason="the refusal is for other databases")
def test_the_national_bench_refuses_anything_but_postgresql(db):
    with pytest.raises(CommandError, match="chỉ chạy trên PostgreSQL"):
        call_command("bench_national", stdout=StringIO(), stderr=StringIO())
