"""Figures a published table implies, as the range its printed inputs allow.

Each input may be anywhere within ±half of its printed value. The range is first-order: the value
at the printed inputs, widened by each input's effect over its own rounding interval (half the
difference between the value with that input half a unit up and half a unit down). The inputs move
by at most half a unit, so the second-order terms are negligible against the half unit allowed on
the published figure itself.

An implied figure is a ratio of sums over parts (sectors, or quarters), and nudging one input
changes the terms of one part only, or, for an aggregate's own figures, the quarter weights. So
what a nudge changes is worked out once per nudge and the terms are added in the same order as
at the printed inputs: every value carries the digits a direct evaluation gives, while seed 004's
table is checked in a fraction of the time (decision 0045).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from .model import PERIODS, QUARTERS

Range = tuple[Decimal, Decimal]
# A part's terms in a weighted mean: (base × growth, base).
Term = tuple[Decimal, Decimal]
ZERO = Decimal(0)
# The seven figures of a part that fix how its base splits over the year.
HALVES = ("Q1", "Q2", "Q3", "Q4", "H1", "H2", "year")
# For each period: the aggregate's own figures that fix the weight of each quarter in its base.
WEIGHT_INPUTS: dict[str, tuple[str, ...]] = {
    "H1": ("Q1", "Q2", "H1"),
    "H2": ("Q3", "Q4", "H2"),
    "year": ("Q1", "Q2", "Q3", "Q4", "H1", "H2", "year"),
}


def weight(total: Decimal, a: Decimal, b: Decimal) -> Decimal | None:
    """The share w of ``a`` in a mean ``total = w·a + (1-w)·b``; None when a and b are too close."""
    if a == b:
        return None
    return (total - b) / (a - b)


def quarter_weights(period: str, x: dict[str, Decimal]) -> list[Decimal] | None:
    """Weights of the quarters of ``period`` in the aggregate's base, implied by its own figures."""
    w1 = weight(x["H1"], x["Q1"], x["Q2"]) if "H1" in x else None
    w3 = weight(x["H2"], x["Q3"], x["Q4"]) if "H2" in x else None
    if period == "H1":
        return None if w1 is None else [w1, 1 - w1]
    if period == "H2":
        return None if w3 is None else [w3, 1 - w3]
    wh = weight(x["year"], x["H1"], x["H2"])
    if w1 is None or w3 is None or wh is None:
        return None
    return [wh * w1, wh * (1 - w1), (1 - wh) * w3, (1 - wh) * (1 - w3)]


class Split:
    """How a part's base splits over the year, given its share of the aggregate's base in the
    ``anchor`` period (contribution / growth) and its own seven figures ``g``, which fix how the
    base divides between quarters and half-years.

    Built ``like`` another split (the same part at the printed inputs), every intermediate whose
    operands are the very same objects is taken from it rather than worked out again: the same
    operation on the same operands gives the same digits, so a nudge of one input recomputes only
    what depends on it.
    """

    __slots__ = ("bases", "contribution", "g", "h1", "h2", "share", "w1", "w3", "wh", "year")

    def __init__(
        self, anchor: str, contribution: Decimal, g: dict[str, Decimal], like: Split | None = None
    ) -> None:
        self.contribution, self.g = contribution, g
        if like and contribution is like.contribution and g[anchor] is like.g[anchor]:
            self.share = like.share
        else:
            self.share = contribution / g[anchor]
        self.w1 = _weight_like(g, "H1", "Q1", "Q2", like, like and like.w1)
        self.w3 = _weight_like(g, "H2", "Q3", "Q4", like, like and like.w3)
        self.wh = _weight_like(g, "year", "H1", "H2", like, like and like.wh)
        if self.undetermined:
            return
        share, w1, w3, wh = self.share, self.w1, self.w3, self.wh
        assert w1 is not None and w3 is not None and wh is not None
        if like and share is like.share and wh is like.wh:
            self.year = like.year
        else:
            self.year = (
                share if anchor == "year" else share / wh if anchor == "H1" else share / (1 - wh)
            )
        if like and self.year is like.year and wh is like.wh:
            self.h1, self.h2 = like.h1, like.h2
        else:
            self.h1, self.h2 = self.year * wh, self.year * (1 - wh)
        bases = {"year": self.year, "H1": self.h1, "H2": self.h2}
        if like and self.h1 is like.h1 and w1 is like.w1:
            bases["Q1"], bases["Q2"] = like.bases["Q1"], like.bases["Q2"]
        else:
            bases["Q1"], bases["Q2"] = self.h1 * w1, self.h1 * (1 - w1)
        if like and self.h2 is like.h2 and w3 is like.w3:
            bases["Q3"], bases["Q4"] = like.bases["Q3"], like.bases["Q4"]
        else:
            bases["Q3"], bases["Q4"] = self.h2 * w3, self.h2 * (1 - w3)
        self.bases = bases

    @property
    def undetermined(self) -> bool:
        """The part's figures leave its split open (two equal figures, or no weight in a half)."""
        return self.w1 is None or self.w3 is None or self.wh is None or self.wh in (0, 1)


def _weight_like(
    g: dict[str, Decimal],
    total: str,
    a: str,
    b: str,
    like: Split | None,
    known: Decimal | None,
) -> Decimal | None:
    if like and g[total] is like.g[total] and g[a] is like.g[a] and g[b] is like.g[b]:
        return known
    return weight(g[total], g[a], g[b])


def _mean(terms: list[Term]) -> Decimal | None:
    num = den = ZERO
    for bg, b in terms:
        num += bg
        den += b
    return None if den == 0 else num / den


class _Sums:
    """The terms of a weighted mean at the printed inputs, with the running sums before each
    term, so that the mean with one term replaced is added up in the same order."""

    def __init__(self, terms: list[Term]) -> None:
        self.terms = terms
        self.before: list[Term] = []
        num = den = ZERO
        for bg, b in terms:
            self.before.append((num, den))
            num += bg
            den += b
        self.mean = None if den == 0 else num / den

    def mean_with(self, k: int, bg: Decimal, b: Decimal) -> Decimal | None:
        """The mean with term ``k`` replaced by (bg, b)."""
        num, den = self.before[k]
        num += bg
        den += b
        for bg, b in self.terms[k + 1 :]:
            num += bg
            den += b
        return None if den == 0 else num / den


def _widen(centre: Decimal, pairs: Iterator[tuple[Decimal | None, Decimal | None]]) -> Range | None:
    """The centre widened by each input's effect. None as soon as one nudge is undetermined: the
    pairs come from a generator, so the later nudges are never worked out."""
    spread = ZERO
    for up, down in pairs:
        if up is None or down is None:
            return None
        spread += abs(up - down) / 2
    return centre - spread, centre + spread


_UNSET: Any = object()
Part = tuple[dict[str, Decimal], dict[str, Decimal]]


class FromShares:
    """An aggregate's growth in each period, implied by contributions in ``anchor`` (which give
    each part's share of the aggregate's base there: contribution / growth) and each part's own
    seven figures (HALVES), which carry the share to every other quarter and half-year.

    ``values`` holds the n contributions, then each part's seven figures.
    """

    def __init__(self, values: list[Decimal], n: int, anchor: str, half: Decimal) -> None:
        self.values, self.n, self.anchor = values, n, anchor
        self.nudges = ([v - half for v in values], [v + half for v in values])
        self._centre: list[Split] | None = _UNSET
        self._nudged: dict[tuple[int, bool], Split] = {}

    def _part(self, k: int, j: int = -1, up: bool = False) -> Split:
        """Part k's split with input j nudged (-1: none)."""
        lo = self.n + 7 * k
        contribution, figures = self.values[k], self.values[lo : lo + 7]
        if j == k:
            contribution = self.nudges[up][j]
        elif lo <= j < lo + 7:
            figures = list(figures)
            figures[j - lo] = self.nudges[up][j]
        like = None if j < 0 else self._centre[k]  # type: ignore[index]
        return Split(self.anchor, contribution, dict(zip(HALVES, figures, strict=True)), like)

    def _centre_parts(self) -> list[Split] | None:
        if self._centre is _UNSET:
            parts = []
            for k in range(self.n):  # in order, and no further than the first undetermined
                part = self._part(k)
                if part.undetermined:
                    self._centre = None
                    return None
                parts.append(part)
            self._centre = parts
        return self._centre

    def range(self, period: str) -> Range | None:
        """The aggregate's growth in ``period`` as the printed inputs allow, or None."""
        parts = self._centre_parts()
        if parts is None:
            return None
        sums = _Sums([(p.bases[period] * p.g[period], p.bases[period]) for p in parts])
        centre = sums.mean
        if centre is None:
            return None
        n, nudged, spread, unmoved = self.n, self._nudged, ZERO, None
        for j in range(len(self.values)):
            k = j if j < n else (j - n) // 7
            means: list[Decimal | None] = []
            for up in (True, False):  # both worked out before either is looked at
                if (j, up) not in nudged:
                    nudged[j, up] = self._part(k, j, up)
                part = nudged[j, up]
                if part.undetermined:
                    means.append(None)
                    continue
                b, g = part.bases[period], part.g[period]
                if b is parts[k].bases[period] and g is parts[k].g[period]:
                    means.append(centre)  # the nudge does not reach this period's term
                else:
                    means.append(sums.mean_with(k, b * g, b))
            high, low = means
            if high is None or low is None:
                return None
            if high is centre and low is centre:
                if unmoved is None:
                    unmoved = abs(centre - centre) / 2
                spread += unmoved
            else:
                spread += abs(high - low) / 2
        return centre - spread, centre + spread


class TwoPart:
    """For X = P + Q, the growth of P or Q over ``period`` the table implies: the quarterly
    figures fix P's share of X's base each quarter, X's own half-year and year figures fix the
    weight of each quarter.

    ``values`` holds X's figures for WEIGHT_INPUTS[period], then P's quarters and Q's quarters.
    """

    def __init__(self, values: list[Decimal], period: str, half: Decimal) -> None:
        self.period = period
        self.x_periods = WEIGHT_INPUTS[period]
        self.quarters = [QUARTERS[i] for i in PERIODS[period]]
        n_x, n_q = len(self.x_periods), len(self.quarters)
        self.n_x, self.n_q = n_x, n_q
        self.values = values
        self.nudges = ([v - half for v in values], [v + half for v in values])
        self.x = dict(zip(self.x_periods, values[:n_x], strict=True))
        self.g = (values[n_x + n_q :], values[n_x : n_x + n_q])  # [first]: P's quarters, else Q's
        self.weights = quarter_weights(period, self.x)
        self.shares = [self._share(i, self.x[q], *self._pq(i)) for i, q in enumerate(self.quarters)]
        self._moved: dict[tuple[int, bool], tuple[list[Decimal] | None, list[Decimal | None]]] = {}
        self._nudged_shares: dict[tuple[int, bool], Decimal | None] = {}

    def _pq(self, i: int) -> tuple[Decimal, Decimal]:
        return self.g[True][i], self.g[False][i]

    def _share(self, i: int, x: Decimal, p: Decimal, q: Decimal) -> Decimal | None:
        """P's share of X's base in quarter i, from the three quarterly growth rates."""
        return weight(x, p, q)

    @staticmethod
    def _terms(
        first: bool,
        weights: list[Decimal] | None,
        shares: list[Decimal | None],
        g: list[Decimal],
    ) -> list[Term] | None:
        if weights is None:
            return None
        terms = []
        for w, share, gi in zip(weights, shares, g, strict=True):
            if share is None:
                return None
            b = w * (share if first else 1 - share)
            terms.append((b * gi, b))
        return terms

    def _x_moved(self, j: int, up: bool) -> tuple[list[Decimal] | None, list[Decimal | None]]:
        """Weights and shares with X's figure j nudged: the weights move, and the share of the
        quarter whose figure it is."""
        key = (j, up)
        if key not in self._moved:
            x = dict(self.x)
            name = self.x_periods[j]
            x[name] = self.nudges[up][j]
            shares = list(self.shares)
            if name in self.quarters:
                i = self.quarters.index(name)
                shares[i] = self._share(i, x[name], *self._pq(i))
            self._moved[key] = (quarter_weights(self.period, x), shares)
        return self._moved[key]

    def _nudged_mean(self, sums: _Sums, first: bool, j: int, up: bool) -> Decimal | None:
        if j < self.n_x:
            weights, shares = self._x_moved(j, up)
            terms = self._terms(first, weights, shares, self.g[first])
            return None if terms is None else _mean(terms)
        # one quarter of P or of Q: only that quarter's share and term move
        i, of_p = (j - self.n_x) % self.n_q, j < self.n_x + self.n_q
        key = (j, up)
        if key not in self._nudged_shares:
            p, q = self._pq(i)
            if of_p:
                p = self.nudges[up][j]
            else:
                q = self.nudges[up][j]
            self._nudged_shares[key] = self._share(i, self.x[self.quarters[i]], p, q)
        share = self._nudged_shares[key]
        if share is None:
            return None
        assert self.weights is not None  # the printed inputs gave a mean
        b = self.weights[i] * (share if first else 1 - share)
        gi = self.nudges[up][j] if of_p == first else self.g[first][i]
        return sums.mean_with(i, b * gi, b)

    def range(self, first: bool) -> Range | None:
        """P's growth (``first``) or Q's over the period, as the printed inputs allow, or None."""
        terms = self._terms(first, self.weights, self.shares, self.g[first])
        if terms is None:
            return None
        sums = _Sums(terms)
        if sums.mean is None:
            return None
        pairs = (
            (self._nudged_mean(sums, first, j, True), self._nudged_mean(sums, first, j, False))
            for j in range(len(self.values))
        )
        return _widen(sums.mean, pairs)
