"""Growth at constant prices: periods and aggregates as base-weighted means, contributions,
shares of value-added growth, the growth still required, and consistency checks of tables.

Pure Python on Decimal, so results are exact to any published decimal.
"""

from .checks import Finding, check_table
from .model import (
    PERIODS,
    QUARTERS,
    GrowthError,
    Scenario,
    contributions,
    period_growth,
    va_shares,
)
from .rates import geometric_mean, index_to_rate, rate_to_index, required_average_growth
from .solve import Rule, TargetSpec, solve

__all__ = [
    "PERIODS",
    "QUARTERS",
    "Finding",
    "GrowthError",
    "Rule",
    "Scenario",
    "TargetSpec",
    "check_table",
    "contributions",
    "geometric_mean",
    "index_to_rate",
    "period_growth",
    "rate_to_index",
    "required_average_growth",
    "solve",
    "va_shares",
]
