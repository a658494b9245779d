"""The database's roll-up of one indicator and period gives what `counting.select` gives."""

import random
from decimal import Decimal as D

import pytest

from chitieu.catalog.models import Indicator
from chitieu.core.aggregation import AggregationError
from chitieu.organizations.models import Organization
from chitieu.reporting.choices import Aggregation, FigureStatus, Vintage
from chitieu.reporting.counting import Basis, RollupSpec, select
from chitieu.reporting.models import Figure
from chitieu.reporting.rollup import commune_rollup

PERIOD = "2026-03"


@pytest.fixture
def world(db):
    """Eight communes and wards, a department, a rate and its weight, figures in every state and
    vintage (several per commune) for two months, and one commune with no weight."""
    rng = random.Random(15)
    orgs = [
        Organization.objects.create(name=f"{'Phường' if i < 2 else 'Xã'} {i}", kind=kind)
        for i, kind in enumerate(["ward", "ward", *["commune"] * 6])
    ]
    dept = Organization.objects.create(name="Sở thử", kind="department")
    rate = Indicator.objects.create(name="Tỷ lệ", key="t|rate", unit="%")
    weight = Indicator.objects.create(name="Số hộ", key="t|hh", unit="hộ")
    for ind in (rate, weight):
        for org in [*orgs, dept]:
            if ind is weight and org is orgs[-1]:
                continue  # a commune that never reported its households
            for period in (PERIOD, "2026-04"):
                for vintage in rng.sample(list(Vintage), k=rng.randint(1, 3)):
                    Figure.objects.create(
                        indicator=ind,
                        organization=org,
                        period_code=period,
                        vintage=vintage,
                        value=D(f"{rng.uniform(1, 900):.3f}"),
                        status=rng.choice(list(FigureStatus)),
                    )
    return rate, weight, len(orgs)


def _python(rate, spec, basis):
    figures = Figure.objects.filter(indicator__in=[rate, spec.weight_indicator_id or rate.pk])
    chosen = select(
        figures.select_related("organization"),
        indicator_id=rate.pk,
        responsible=set(),
        basis=basis,
        rollup=spec,
    )
    counted = chosen.rollups.get(PERIOD)
    return None if counted is None else counted.rollup


@pytest.mark.parametrize("basis", list(Basis))
@pytest.mark.parametrize(
    "rule", [Aggregation.SUM, Aggregation.MIN, Aggregation.MAX, Aggregation.WEIGHTED_MEAN]
)
def test_the_database_rolls_up_as_counting_does(world, rule, basis):
    # given communes' figures in every state and vintage, and a rule
    rate, weight, n = world
    spec = RollupSpec(rule, n + 2, weight.pk if rule == Aggregation.WEIGHTED_MEAN else None)
    # when the database chooses and the rule adds up
    got = commune_rollup(indicator_id=rate.pk, period_code=PERIOD, spec=spec, basis=basis)
    # then value, coverage and the communes left unweighted are those of the Python roll-up
    expected = _python(rate, spec, basis)
    assert expected is not None and got == expected
    assert got.expected == n + 2 and 0 < got.covered <= n


def test_a_later_figure_of_a_better_vintage_counts(db):
    commune = Organization.objects.create(name="Xã A", kind="commune")
    ind = Indicator.objects.create(name="Số nhà", key="t|houses")
    for vintage, value, status in [
        (Vintage.OFFICIAL, "10", FigureStatus.APPROVED),
        (Vintage.ESTIMATE, "99", FigureStatus.APPROVED),
        (Vintage.PRELIMINARY, "50", FigureStatus.DRAFT),
    ]:
        Figure.objects.create(
            indicator=ind,
            organization=commune,
            period_code=PERIOD,
            vintage=vintage,
            value=D(value),
            status=status,
        )
    spec = RollupSpec(Aggregation.SUM, 3)
    got = commune_rollup(indicator_id=ind.pk, period_code=PERIOD, spec=spec)
    assert (got.value, got.coverage) == (D(10), "1/3 xã, phường")
    assert commune_rollup(indicator_id=ind.pk, period_code="2026-05", spec=spec) is None


def test_a_weighted_mean_without_any_weight_is_refused(db):
    commune = Organization.objects.create(name="Xã B", kind="commune")
    ind = Indicator.objects.create(name="Tỷ lệ B", key="t|b")
    hh = Indicator.objects.create(name="Số hộ B", key="t|bhh")
    Figure.objects.create(
        indicator=ind,
        organization=commune,
        period_code=PERIOD,
        vintage=Vintage.OFFICIAL,
        value=D(40),
        status=FigureStatus.APPROVED,
    )
    spec = RollupSpec(Aggregation.WEIGHTED_MEAN, 1, hh.pk)
    with pytest.raises(AggregationError, match="mẫu số"):
        commune_rollup(indicator_id=ind.pk, period_code=PERIOD, spec=spec)
