"""Consistency checks of a published growth table: figures that cannot all be true.

Without base values the table still constrains itself: a period's growth is a weighted mean of
its quarters' (so it lies between them), an aggregate's is a weighted mean of its parts', and
contributions add up to the aggregate and are each a positive share of the part's growth. Where an
aggregate has two parts, their quarterly figures fix the weights exactly, and the table implies
the parts' longer-period growth, which is then compared with what is printed. Every figure is
taken as printed, that is, anywhere within half a unit of its last decimal.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from chitieu.core.numbers import format_number

from .implied import HALVES, WEIGHT_INPUTS, FromShares, TwoPart
from .model import (
    HUNDRED,
    PERIOD_LABELS,
    PERIODS,
    QUARTERS,
    GrowthError,
    Scenario,
    dec,
    period_growth,
)

# Shorter periods whose base-weighted mean a longer period is.
SPLITS: dict[str, list[tuple[str, ...]]] = {
    "H1": [("Q1", "Q2")],
    "H2": [("Q3", "Q4")],
    "9M": [("Q1", "Q2", "Q3"), ("H1", "Q3")],
    "year": [("Q1", "Q2", "Q3", "Q4"), ("H1", "H2"), ("9M", "Q4")],
}


@dataclass(frozen=True)
class Finding:
    """One figure that does not hold with the rest, and what the rest implies."""

    series: str
    period: str
    published: Decimal
    implied: Decimal | tuple[Decimal, Decimal]
    message: str

    def as_dict(self) -> dict[str, Any]:
        implied: Any = (
            [float(self.implied[0]), float(self.implied[1])]
            if isinstance(self.implied, tuple)
            else float(self.implied)
        )
        return {
            "series": self.series,
            "period": self.period,
            "published": float(self.published),
            "implied": implied,
            "message": self.message,
        }


def _f(d: Decimal, places: int = 2) -> str:
    return format_number(d, places)


_NONE: dict[str, Decimal] = {}


class _Table:
    def __init__(self, data: dict[str, Any]) -> None:
        growth = data.get("growth")
        if not isinstance(growth, dict) or not growth:
            raise GrowthError("growth", "cần bảng {chuỗi: {kỳ: tốc độ tăng}}")
        self.g: dict[str, dict[str, Decimal]] = {}
        for name, periods in growth.items():
            if not isinstance(periods, dict):
                raise GrowthError(f"growth.{name}", "cần {kỳ: giá trị}")
            for period, value in periods.items():
                if period not in PERIODS:
                    raise GrowthError(f"growth.{name}.{period}", f"kỳ “{period}” không có")
                self.g.setdefault(str(name), {})[period] = dec(value, f"growth.{name}.{period}")
        aggs = data.get("aggregates") or {}
        self.aggregates: dict[str, list[str]] = {
            str(k): [str(p) for p in v] for k, v in aggs.items()
        }
        for name, parts in self.aggregates.items():
            for p in [name, *parts]:
                if p not in self.g:
                    raise GrowthError(f"aggregates.{name}", f"chuỗi “{p}” không có trong bảng")
        decimals = data.get("decimals", 2)
        if not isinstance(decimals, int) or not 0 <= decimals <= 6:
            raise GrowthError("decimals", "cần số nguyên 0-6")
        self.half = Decimal(1).scaleb(-decimals) / 2
        self.places = decimals
        self.contrib: dict[str, dict[str, Decimal]] = {}
        for period, parts in (data.get("contributions") or {}).items():
            if period not in PERIODS:
                raise GrowthError(f"contributions.{period}", f"kỳ “{period}” không có")
            self.contrib[period] = {
                str(p): dec(v, f"contributions.{period}.{p}") for p, v in parts.items()
            }
        self.base = data.get("base")
        # which aggregate each period's contributions are to, and its parts as the table groups them
        self.contrib_parts: dict[str, list[tuple[str, list[str]]]] = {
            period: self._contribution_targets(period, list(parts))
            for period, parts in self.contrib.items()
        }

    def leaves(self, series: str) -> frozenset[str]:
        parts = self.aggregates.get(series)
        if not parts:
            return frozenset({series})
        return frozenset().union(*(self.leaves(p) for p in parts))

    def _contribution_targets(self, period: str, keys: list[str]) -> list[tuple[str, list[str]]]:
        """The aggregates whose parts the contributions cover exactly once, nested or flat: with
        GRDP = A + I + C + S + T and IC = I + C, contributions of A, IC, S and T are GRDP's."""
        for k in keys:
            if k not in self.g:
                raise GrowthError(f"contributions.{period}.{k}", f"chuỗi “{k}” không có trong bảng")
        found = []
        for agg in self.aggregates:
            sets = [self.leaves(k) for k in keys]
            union = frozenset().union(*sets)
            if union == self.leaves(agg) and sum(len(x) for x in sets) == len(union):
                found.append((agg, keys))
        if not found:
            raise GrowthError(
                f"contributions.{period}",
                f"đóng góp của {', '.join(keys)} không chia đúng một tổng nào trong aggregates: "
                "mỗi mục phải là một phần của tổng (hoặc một tổng con gồm các phần của nó), "
                "đủ các phần và không trùng nhau",
            )
        return found

    def has(self, series: str, *periods: str) -> bool:
        values = self.g.get(series, _NONE)
        for p in periods:  # noqa: SIM110 - a plain loop: asked a hundred times a table
            if p not in values:
                return False
        return True


def check_table(data: dict[str, Any]) -> list[Finding]:
    """Every published figure that cannot hold together with the others."""
    t = _Table(data)
    if t.base:
        return _check_with_base(t, data)
    findings: list[Finding] = []
    findings += _periods_between_parts(t)
    findings += _aggregates_between_parts(t)
    findings += _two_part_aggregates(t)
    findings += _contributions(t)
    findings += _shares_from_contributions(t)
    return findings


def _outside(value: Decimal, low: Decimal, high: Decimal, half: Decimal) -> bool:
    return value < low - half or value > high + half


def _periods_between_parts(t: _Table) -> list[Finding]:
    out = []
    for series, values in t.g.items():
        for period, splits in SPLITS.items():
            if period not in values:
                continue
            for parts in splits:
                if not t.has(series, *parts):
                    continue
                lo = min(values[p] for p in parts)
                hi = max(values[p] for p in parts)
                if _outside(values[period], lo, hi, t.half):
                    names = ", ".join(PERIOD_LABELS[p] for p in parts)
                    out.append(
                        Finding(
                            series,
                            period,
                            values[period],
                            (lo, hi),
                            f"{series} {PERIOD_LABELS[period]} in {_f(values[period], t.places)} % nhưng "
                            f"{names} tăng từ {_f(lo, t.places)} đến {_f(hi, t.places)} %: tăng trưởng của kỳ "
                            "là bình quân gia quyền của các kỳ con nên phải nằm trong khoảng đó.",
                        )
                    )
                    break
    return out


def _aggregates_between_parts(t: _Table) -> list[Finding]:
    out = []
    for agg, parts in t.aggregates.items():
        for period in PERIODS:
            if not t.has(agg, period) or not all(t.has(p, period) for p in parts):
                continue
            lo = min(t.g[p][period] for p in parts)
            hi = max(t.g[p][period] for p in parts)
            value = t.g[agg][period]
            if _outside(value, lo, hi, t.half):
                out.append(
                    Finding(
                        agg,
                        period,
                        value,
                        (lo, hi),
                        f"{agg} {PERIOD_LABELS[period]} in {_f(value, t.places)} % nhưng các phần "
                        f"({', '.join(parts)}) tăng từ {_f(lo, t.places)} đến {_f(hi, t.places)} %: "
                        "tổng không thể tăng ngoài khoảng của các phần.",
                    )
                )
    return out


def _two_part_aggregates(t: _Table) -> list[Finding]:
    """For X = P + Q, the quarterly figures fix P's share of X's base each quarter; X's own
    half-year and year figures fix the weight of each quarter. Together they imply P's and Q's
    growth over the longer period, which must agree with what is printed."""
    out = []
    for agg, parts in t.aggregates.items():
        if len(parts) != 2:
            continue
        p, q = parts
        for period, x_periods in WEIGHT_INPUTS.items():
            qs = [QUARTERS[i] for i in PERIODS[period]]
            if not (t.has(agg, *x_periods) and t.has(p, *qs) and t.has(q, *qs)):
                continue
            if any(abs(t.g[p][x] - t.g[q][x]) < 4 * t.half for x in qs):
                continue  # a part's share is not determined to any useful precision
            values = (
                [t.g[agg][x] for x in x_periods] + [t.g[p][x] for x in qs] + [t.g[q][x] for x in qs]
            )
            implied = TwoPart(values, period, t.half)
            for target in (p, q):
                if not t.has(target, period):
                    continue
                published = t.g[target][period]
                rng = implied.outside(target == p, published)
                if rng is not None:
                    out.append(
                        Finding(
                            target,
                            period,
                            published,
                            rng,
                            f"{target} {PERIOD_LABELS[period]} in {_f(published, t.places)} %, nhưng các số "
                            f"quý của {p}, {q} và số của {agg} ({', '.join(PERIOD_LABELS[x] for x in x_periods)}) "
                            f"buộc {target} tăng từ {_f(rng[0], t.places)} đến {_f(rng[1], t.places)} %: tỷ trọng "
                            f"gốc của {target} trong {agg} từng quý và của từng quý trong kỳ đều suy ra từ chính bảng.",
                        )
                    )
    return out


def _contributions(t: _Table) -> list[Finding]:
    out = []
    for period, contribs in t.contrib.items():
        for agg, parts in t.contrib_parts[period]:
            out += _shares_sum(t, period, agg, parts, contribs)
            total = sum((contribs[p] for p in parts), Decimal(0))
            if t.has(agg, period):
                value = t.g[agg][period]
                tol = t.half * (len(parts) + 1)
                if abs(total - value) > tol:
                    out.append(
                        Finding(
                            agg,
                            period,
                            value,
                            total,
                            f"Đóng góp của các phần {PERIOD_LABELS[period]} cộng lại {_f(total, t.places)} "
                            f"điểm %, nhưng {agg} in {_f(value, t.places)} %: đóng góp phải cộng bằng tốc độ tăng.",
                        )
                    )
            for p in parts:
                if not t.has(p, period) or t.g[p][period] == 0:
                    continue
                share = contribs[p] / t.g[p][period]
                if share <= 0 or share > 1:
                    out.append(
                        Finding(
                            p,
                            period,
                            contribs[p],
                            share * HUNDRED,
                            f"Đóng góp {_f(contribs[p], t.places)} điểm % của {p} với tốc độ tăng "
                            f"{_f(t.g[p][period], t.places)} % ứng với tỷ trọng {_f(share * HUNDRED)} % của "
                            f"{agg}: tỷ trọng phải nằm giữa 0 và 100 %.",
                        )
                    )
    return out


def _shares_sum(
    t: _Table, period: str, agg: str, parts: list[str], contribs: dict[str, Decimal]
) -> list[Finding]:
    """Contribution / growth is each part's share of the aggregate's base; the shares make 100 %."""
    if not all(t.has(p, period) and t.g[p][period] != 0 for p in parts):
        return []  # a part with no growth printed (or none at all) leaves its share undetermined
    shares, tol = [], Decimal(0)
    for p in parts:
        g, c = t.g[p][period], contribs[p]
        shares.append(c / g)
        tol += t.half / abs(g) + abs(c) * t.half / (g * g)
    total = sum(shares, Decimal(0))
    if abs(total - 1) <= tol:
        return []
    listed = "; ".join(f"{p} {_f(s * HUNDRED, 1)}" for p, s in zip(parts, shares, strict=True))
    return [
        Finding(
            agg,
            period,
            total * HUNDRED,
            HUNDRED,
            f"Đóng góp {PERIOD_LABELS[period]} chia cho tốc độ tăng của từng phần cho tỷ trọng gốc "
            f"{listed} %, cộng lại {_f(total * HUNDRED, 1)} %: tỷ trọng gốc của các phần trong "
            f"{agg} phải cộng bằng 100 %.",
        )
    ]


def _check_with_base(t: _Table, data: dict[str, Any]) -> list[Finding]:
    """With base values, recompute every figure from the components' quarters and compare."""
    comps = {name: name for name, values in t.g.items() if name not in t.aggregates}
    growth = {}
    for name in comps:
        if not t.has(name, *QUARTERS):
            raise GrowthError(
                f"growth.{name}", "cần đủ 4 quý của mỗi thành phần khi có giá trị gốc"
            )
        growth[name] = [t.g[name][q] for q in QUARTERS]
    s = Scenario.from_json(
        {
            "components": comps,
            "aggregates": t.aggregates,
            "base": data["base"],
            "growth": {k: [str(v) for v in g] for k, g in growth.items()},
        }
    )
    out = []
    for series, values in t.g.items():
        for period, published in values.items():
            if series in comps and period in QUARTERS:
                continue
            computed = period_growth(s, series, period)
            if abs(computed - published) > 2 * t.half:
                out.append(
                    Finding(
                        series,
                        period,
                        published,
                        computed,
                        f"{series} {PERIOD_LABELS[period]} in {_f(published, t.places)} %, tính từ giá trị "
                        f"gốc và số quý của các thành phần được {_f(computed, 4)} %.",
                    )
                )
    return out


def _shares_from_contributions(t: _Table) -> list[Finding]:
    """Contributions in one period give each part's share of the aggregate's base there
    (contribution / growth). Each part's own figures then carry that share to every other
    quarter and half-year, so the table implies the aggregate's growth in each of them."""
    out = []
    for anchor, contribs in t.contrib.items():
        if anchor not in ("H1", "H2", "year"):
            continue
        for agg, parts in t.contrib_parts[anchor]:
            if not all(t.has(p, *HALVES) for p in parts):
                continue
            if any(t.g[p][anchor] == 0 for p in parts):
                continue
            values = [contribs[p] for p in parts] + [t.g[p][x] for p in parts for x in HALVES]
            implied = FromShares(values, len(parts), anchor, t.half)
            for period in HALVES:
                if period == anchor or not t.has(agg, period):
                    continue
                published = t.g[agg][period]
                rng = implied.outside(period, published)
                if rng is not None:
                    out.append(
                        Finding(
                            agg,
                            period,
                            published,
                            rng,
                            f"{agg} {PERIOD_LABELS[period]} in {_f(published, t.places)} %, nhưng đóng góp "
                            f"{PERIOD_LABELS[anchor]} (cho tỷ trọng gốc của {', '.join(parts)}) cùng tốc độ "
                            f"tăng từng kỳ của các phần buộc {agg} tăng từ {_f(rng[0], t.places)} đến "
                            f"{_f(rng[1], t.places)} %.",
                        )
                    )
    return out
