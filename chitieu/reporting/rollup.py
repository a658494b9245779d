"""The communes' roll-up of one indicator and period, chosen by the database (docs/performance.md).

`counting.select` reads every figure of an indicator and chooses in Python: right for the yearly
figures a target rests on, wasteful when a province holds 65 communes × 60 months of them and a
page wants one period. Here the database picks, with the index of migration 0006, each commune's
figure that counts for that period (best vintage, then the latest) and its weight; the arithmetic
stays in `core.aggregation`, so the rule has one copy and the result is the one `select` gives.
"""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Case, F, IntegerField, QuerySet, Value, When, Window
from django.db.models.functions import RowNumber

from chitieu.core.aggregation import Part, Rollup, Rule, aggregate

from .choices import VINTAGE_RANK, Aggregation
from .counting import COMMUNE_KINDS, STATUSES_OF, Basis, RollupSpec
from .models import Figure

_RANK = Case(
    *(When(vintage=v, then=Value(r)) for v, r in VINTAGE_RANK.items()),
    default=Value(0),
    output_field=IntegerField(),
)


def best_commune_figures_qs(
    indicator_id: int, period_code: str, basis: Basis = Basis.SIGNED
) -> QuerySet[Figure, tuple[int, str, Decimal]]:
    """Each commune's and ward's (id, name, figure) that counts for one indicator and period.

    ROW_NUMBER rather than DISTINCT ON so SQLite answers too; the index (indicator, period_code)
    narrows the rows to the communes' few before anything is sorted.
    """
    return (
        Figure.objects.filter(
            indicator_id=indicator_id,
            period_code=period_code,
            status__in=STATUSES_OF[basis],
            organization__kind__in=COMMUNE_KINDS,
        )
        .annotate(
            n=Window(
                RowNumber(),
                partition_by=F("organization_id"),
                order_by=[_RANK.desc(), F("updated_at").desc(), F("id").desc()],
            )
        )
        .filter(n=1)
        .order_by()  # Figure's default ordering would join and sort by the indicator's name
        .values_list("organization_id", "organization__name", "value")
    )


def best_commune_figures(
    indicator_id: int, period_code: str, basis: Basis = Basis.SIGNED
) -> dict[int, tuple[str, Decimal]]:
    """Each commune's and ward's name and figure that counts, by the commune's id."""
    rows = best_commune_figures_qs(indicator_id, period_code, basis)
    return {org: (name, value) for org, name, value in rows}


def commune_rollup(
    *, indicator_id: int, period_code: str, spec: RollupSpec, basis: Basis = Basis.SIGNED
) -> Rollup | None:
    """The communes' roll-up of one indicator for one period under its rule, or None when no
    commune has reported; raises `AggregationError` as `core.aggregation.aggregate` does."""
    values = best_commune_figures(indicator_id, period_code, basis)
    if not values:
        return None
    weights: dict[int, tuple[str, Decimal]] = {}
    if spec.rule == Aggregation.WEIGHTED_MEAN and spec.weight_indicator_id is not None:
        weights = best_commune_figures(spec.weight_indicator_id, period_code, basis)
    # sorted by name as `counting` sorts them, so the unweighted communes are listed alike
    parts = sorted(
        (
            Part(name, value, weights[org][1] if org in weights else None)
            for org, (name, value) in values.items()
        ),
        key=lambda p: p.name,
    )
    return aggregate(Rule(spec.rule), parts, expected=spec.expected)
