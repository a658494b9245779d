"""The scenario: components with base values and growth by quarter, and aggregates of them."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from chitieu.core.numbers import NumberError, check_magnitude

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


class GrowthError(ValueError):
    """Input that cannot be computed; ``field`` names where it is, the message says why."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


def dec(value: Any, field: str) -> Decimal:
    """A number from JSON (int, float or numeric string) as an exact decimal."""
    if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
        raise GrowthError(field, f"cần một số, nhận được {value!r}")
    try:
        d = Decimal(str(value))
    except ArithmeticError as exc:
        raise GrowthError(field, f"“{value}” không phải là số") from exc
    if not d.is_finite():
        raise GrowthError(field, "giá trị không hữu hạn")
    try:
        check_magnitude(d, f"“{value}”")
    except NumberError as exc:
        raise GrowthError(field, str(exc)) from exc
    return d


def quarters(value: Any, field: str) -> list[Decimal]:
    """Exactly four numbers, one a quarter."""
    if not isinstance(value, list):
        raise GrowthError(field, "cần danh sách 4 quý")
    if len(value) != 4:
        raise GrowthError(field, f"cần đủ 4 quý, có {len(value)}")
    return [dec(v, f"{field}[{i}]") for i, v in enumerate(value)]


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
        for key in ("base", "growth"):
            values = data.get(key)
            if not isinstance(values, dict):
                raise GrowthError(key, "cần một đối tượng {thành phần: [4 quý]}")
            for name in values:
                if name not in comps:
                    raise GrowthError(f"{key}.{name}", "không phải thành phần nào")
            for name in comps:
                if name not in values:
                    raise GrowthError(f"{key}.{name}", "thiếu số liệu của thành phần này")
                getattr(s, key)[name] = quarters(values[name], f"{key}.{name}")
        for name, qs in s.base.items():
            for i, b in enumerate(qs):
                if b <= 0:
                    raise GrowthError(
                        f"base.{name}[{i}]", f"giá trị gốc phải lớn hơn 0, nhận được {b}"
                    )
        for name, qs in s.growth.items():
            for i, g in enumerate(qs):
                if g <= -HUNDRED:
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
        if name and not _seen and name in cache:
            return list(cache[name])
        out = self._leaves(name, _seen)
        if name and not _seen:
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

    def base_sum(self, name: str, period: str) -> Decimal:
        qs = PERIODS[period]
        return sum((self.base[c][q] for c in self.leaves(name) for q in qs), Decimal(0))

    def level_sum(self, name: str, period: str) -> Decimal:
        """Value of the period at constant prices: base × (1 + growth)."""
        qs = PERIODS[period]
        return sum(
            (
                self.base[c][q] * (HUNDRED + self.growth[c][q]) / HUNDRED
                for c in self.leaves(name)
                for q in qs
            ),
            Decimal(0),
        )


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
