"""The scenario: components with base values and growth by quarter, and aggregates of them."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from chitieu.core.numbers import MAX_DIGITS, NumberError, check_magnitude

QUARTERS = ("Q1", "Q2", "Q3", "Q4")
# Each period as the quarters it covers (0-based).
PERIODS: dict[str, tuple[int, ...]] = {
    "Q1": (0,),
    "Q2": (1,),
    "Q3": (2,),
    "Q4": (3,),
    "H1": (0, 1),
    "H2": (2, 3),
    "9M": (0, 1, 2),
    "year": (0, 1, 2, 3),
}
PERIOD_LABELS = {
    "Q1": "quý I",
    "Q2": "quý II",
    "Q3": "quý III",
    "Q4": "quý IV",
    "H1": "6 tháng đầu năm",
    "H2": "6 tháng cuối năm",
    "9M": "9 tháng",
    "year": "cả năm",
}
HUNDRED = Decimal(100)
_ZERO = Decimal(0)
_MINUS_HUNDRED = -HUNDRED
_NO_LEAVES: dict[str, tuple[str, ...]] = {}


class GrowthError(ValueError):
    """Input that cannot be computed; ``field`` names where it is, the message says why."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


_NUMBER_TYPES = (int, float, str, Decimal)
_LIMIT = 10**MAX_DIGITS


def dec(value: Any, field: str, key: int | None = None) -> Decimal:
    """A number from JSON (int, float or numeric string) as an exact decimal.

    ``field`` names where it is, ``key`` its position there (``base.A`` and 2 name ``base.A[2]``):
    the name is written only when there is an error to report with it.
    """
    if value.__class__ is bool or not isinstance(value, _NUMBER_TYPES):
        raise GrowthError(_at(field, key), f"cần một số, nhận được {value!r}")
    try:
        d = Decimal(value if value.__class__ is str else str(value))
    except ArithmeticError as exc:
        raise GrowthError(_at(field, key), f"“{value}” không phải là số") from exc
    if not d.is_finite():
        raise GrowthError(_at(field, key), "giá trị không hữu hạn")
    if d.adjusted() >= MAX_DIGITS:  # the only numbers check_magnitude may refuse
        try:
            check_magnitude(d, f"“{value}”")
        except NumberError as exc:
            raise GrowthError(_at(field, key), str(exc)) from exc
    return d


def _at(field: str, key: int | None) -> str:
    return field if key is None else f"{field}[{key}]"


def quarters(value: Any, field: str) -> list[Decimal]:
    """Exactly four numbers, one a quarter."""
    if not isinstance(value, list):
        raise GrowthError(field, "cần danh sách 4 quý")
    if len(value) != 4:
        raise GrowthError(field, f"cần đủ 4 quý, có {len(value)}")
    out = []
    for i, v in enumerate(value):
        # what JSON gives, taken as dec() takes it: an int below the limit is Decimal(str(v))
        # digit for digit, without writing it out
        if v.__class__ is int and -_LIMIT < v < _LIMIT:
            out.append(Decimal(v))
            continue
        if v.__class__ is float:
            d = Decimal(str(v))
            if d.is_finite() and d.adjusted() < MAX_DIGITS:
                out.append(d)
                continue
        out.append(dec(v, field, i))
    return out


@dataclass
class Scenario:
    """Components (leaves) with base values at constant prices of the previous year's quarters,
    and growth in % against the same quarter of the previous year; aggregates name their parts."""

    components: dict[str, str]
    aggregates: dict[str, list[str]] = field(default_factory=dict)
    base: dict[str, list[Decimal]] = field(default_factory=dict)
    growth: dict[str, list[Decimal]] = field(default_factory=dict)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Scenario:
        """Validate and build; every problem names its field."""
        comps = data.get("components")
        if not isinstance(comps, dict) or not comps:
            raise GrowthError("components", "cần ít nhất một thành phần")
        aggs = data.get("aggregates") or {}
        if not isinstance(aggs, dict):
            raise GrowthError("aggregates", "cần một đối tượng {tên: [các thành phần]}")
        for name in aggs:
            if name in comps:
                raise GrowthError(f"aggregates.{name}", "trùng tên với một thành phần")
        s = cls(components={str(k): str(v) for k, v in comps.items()})
        s.aggregates = {}
        for name, parts in aggs.items():
            if not isinstance(parts, list) or not parts:
                raise GrowthError(f"aggregates.{name}", "cần danh sách các phần")
            for i, p in enumerate(parts):
                if p not in comps and p not in aggs:
                    raise GrowthError(f"aggregates.{name}[{i}]", f"không có chuỗi “{p}”")
            s.aggregates[str(name)] = [str(p) for p in parts]
        for key, into in (("base", s.base), ("growth", s.growth)):
            values = data.get(key)
            if not isinstance(values, dict):
                raise GrowthError(key, "cần một đối tượng {thành phần: [4 quý]}")
            for name in values:
                if name not in comps:
                    raise GrowthError(f"{key}.{name}", "không phải thành phần nào")
            for name in comps:
                if name not in values:
                    raise GrowthError(f"{key}.{name}", "thiếu số liệu của thành phần này")
                into[name] = quarters(values[name], f"{key}.{name}")
        for name, qs in s.base.items():
            if min(qs) <= _ZERO:
                i, b = next((i, b) for i, b in enumerate(qs) if b <= _ZERO)
                raise GrowthError(f"base.{name}[{i}]", f"giá trị gốc phải lớn hơn 0, nhận được {b}")
        for name, qs in s.growth.items():
            if min(qs) <= _MINUS_HUNDRED:
                i, g = next((i, g) for i, g in enumerate(qs) if g <= _MINUS_HUNDRED)
                raise GrowthError(f"growth.{name}[{i}]", f"tăng {g} % nghĩa là giá trị âm")
        s.leaves("")  # detect cycles early
        return s

    # -- structure ------------------------------------------------------------------------
    @property
    def series(self) -> list[str]:
        return [*self.components, *self.aggregates]

    def leaves(self, name: str, _seen: frozenset[str] = frozenset()) -> list[str]:
        """The components an aggregate is made of (a component is its own leaf)."""
        cache = self.__dict__.setdefault("_leaf_cache", {})
        if name in cache:
            # kept only once complete, and a complete series reaches no cycle: one through it
            # would have been found while it was worked out
            return list(cache[name])
        out = self._leaves(name, _seen)
        if name:
            cache[name] = tuple(out)
        return out

    def _leaves(self, name: str, _seen: frozenset[str]) -> list[str]:
        if not name:
            for agg in self.aggregates:
                self.leaves(agg)
            return []
        if name in self.components:
            return [name]
        if name not in self.aggregates:
            raise GrowthError(name, f"không có chuỗi “{name}”")
        if name in _seen:
            raise GrowthError(f"aggregates.{name}", "tự chứa chính nó")
        out: list[str] = []
        for part in self.aggregates[name]:
            for leaf in self.leaves(part, _seen | {name}):
                if leaf not in out:
                    out.append(leaf)
        return out

    def leaf_tuple(self, name: str) -> tuple[str, ...]:
        """The leaves of ``name`` as kept once worked out (not a copy: do not change it)."""
        leaves = self.__dict__.get("_leaf_cache", _NO_LEAVES).get(name)
        return leaves if leaves is not None else tuple(self.leaves(name))

    def with_growth(self, growth: dict[str, list[Decimal]]) -> Scenario:
        """The same structure and bases with other growth; the leaves worked out so far are
        shared, since they depend on the structure only."""
        out = Scenario(self.components, self.aggregates, self.base, growth)
        out.__dict__["_leaf_cache"] = self.__dict__.setdefault("_leaf_cache", {})
        return out

    def base_sum(self, name: str, period: str) -> Decimal:
        qs = PERIODS[period]
        total = Decimal(0)
        for c in self.leaf_tuple(name):
            base = self.base[c]
            for q in qs:
                total += base[q]
        return total

    def level_sum(self, name: str, period: str) -> Decimal:
        """Value of the period at constant prices: base × (1 + growth)."""
        qs = PERIODS[period]
        total = Decimal(0)
        for c in self.leaf_tuple(name):
            base, growth = self.base[c], self.growth[c]
            for q in qs:
                total += base[q] * (HUNDRED + growth[q]) / HUNDRED
        return total


def period_growth(s: Scenario, name: str, period: str) -> Decimal:
    """Growth of a series over a period: the base-weighted mean of its parts and quarters."""
    if period not in PERIODS:
        raise GrowthError(period, f"kỳ “{period}” không có (dùng {', '.join(PERIODS)})")
    base = s.base_sum(name, period)
    return (s.level_sum(name, period) / base - 1) * HUNDRED


def contributions(s: Scenario, aggregate: str, period: str) -> dict[str, Decimal]:
    """Each part's contribution to the aggregate's growth in percentage points (they add up)."""
    total = s.base_sum(aggregate, period)
    return {
        part: s.base_sum(part, period) / total * period_growth(s, part, period)
        for part in s.aggregates[aggregate]
    }


def va_shares(
    s: Scenario, aggregate: str, period: str, taxes: str = "T"
) -> dict[str, Decimal] | None:
    """Each sector's share of value-added growth (taxes excluded), in % summing to 100.

    None when the aggregate has no taxes part, or value added did not grow or fall at all.
    """
    parts = s.aggregates.get(aggregate, [])
    if taxes not in parts:
        return None
    c = contributions(s, aggregate, period)
    va = {p: v for p, v in c.items() if p != taxes}
    total = sum(va.values(), Decimal(0))
    if total == 0:
        return None
    return {p: v / total * HUNDRED for p, v in va.items()}
