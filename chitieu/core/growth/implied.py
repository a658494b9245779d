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

    __slots__ = (
        "bases",
        "contribution",
        "g",
        "h1",
        "h2",
        "share",
        "undetermined",
        "w1",
        "w3",
        "wh",
        "year",
    )
    bases: dict[str, Decimal]
    contribution: Decimal
    g: dict[str, Decimal]
    share: Decimal
    w1: Decimal | None
    w3: Decimal | None
    wh: Decimal | None
    year: Decimal
    h1: Decimal
    h2: Decimal
    undetermined: bool

    def __init__(
        self, anchor: str, contribution: Decimal, g: dict[str, Decimal], like: Split | None = None
    ) -> None:
        self.contribution, self.g = contribution, g
        if g[anchor] == 0:
            # a growth nudged to nought within its rounding: the share (contribution / growth) may
            # be anything, so the printed figures bound nothing
            self.w1 = self.w3 = self.wh = None
            self.undetermined = True
            return
        if like and contribution is like.contribution and g[anchor] is like.g[anchor]:
            self.share = like.share
        else:
            self.share = contribution / g[anchor]
        self.w1 = self._weight("H1", "Q1", "Q2", like, like.w1 if like else None)
        self.w3 = self._weight("H2", "Q3", "Q4", like, like.w3 if like else None)
        self.wh = self._weight("year", "H1", "H2", like, like.wh if like else None)
        share, w1, w3, wh = self.share, self.w1, self.w3, self.wh
        # the part's figures leave its split open (two equal figures, or no weight in a half)
        self.undetermined = w1 is None or w3 is None or wh is None or wh in (0, 1)
        if w1 is None or w3 is None or wh is None or self.undetermined:
            return
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

    def _weight(
        self, total: str, a: str, b: str, like: Split | None, known: Decimal | None
    ) -> Decimal | None:
        """weight() of three of the figures, or ``known`` when they are like's very objects."""
        g = self.g
        if like and g[total] is like.g[total] and g[a] is like.g[a] and g[b] is like.g[b]:
            return known
        return weight(g[total], g[a], g[b])


def _within(published: Decimal, centre: Decimal, spread: Decimal, half: Decimal) -> bool:
    """The published figure lies in centre ± spread, give or take its own half unit."""
    return not (published < centre - spread - half or published > centre + spread + half)


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
        return num / den if den else None


_UNSET: Any = object()


class FromShares:
    """An aggregate's growth in each period, implied by contributions in ``anchor`` (which give
    each part's share of the aggregate's base there: contribution / growth) and each part's own
    seven figures (HALVES), which carry the share to every other quarter and half-year.

    ``values`` holds the n contributions, then each part's seven figures.
    """

    def __init__(self, values: list[Decimal], n: int, anchor: str, half: Decimal) -> None:
        self.values, self.n, self.anchor, self.half = values, n, anchor, half
        self.nudges = ([v - half for v in values], [v + half for v in values])
        # a part's share is contribution / growth in the anchor period: a growth half a unit
        # from zero fails when nudged, and must then fail just as when every nudge is taken
        at = [n + 7 * k + HALVES.index(anchor) for k in range(n)]
        self.may_fail = any(not self.nudges[up][i] for i in at for up in (0, 1))
        self._centre: list[Split] | None = _UNSET
        self._nudged: dict[tuple[int, bool], Split] = {}

    def _part(self, k: int, j: int = -1, up: bool = False) -> Split:
        """Part k's split with input j nudged (-1: none)."""
        if j < 0:
            lo = self.n + 7 * k
            g = dict(zip(HALVES, self.values[lo : lo + 7], strict=True))
            return Split(self.anchor, self.values[k], g)
        like = self._centre[k]  # type: ignore[index]
        if j == k:  # the contribution: the part's figures are the printed ones
            return Split(self.anchor, self.nudges[up][j], like.g, like)
        g = dict(like.g)
        g[HALVES[(j - self.n) % 7]] = self.nudges[up][j]
        return Split(self.anchor, like.contribution, g, like)

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

    def outside(self, period: str, published: Decimal) -> Range | None:
        """The range of the aggregate's growth in ``period`` the printed inputs allow, when the
        published figure lies outside it (by more than its own half unit); else None.

        The range only widens as the nudges add up (each adds a spread of 0 or more, and
        rounding keeps the order), so once the published figure lies within it the other
        nudges cannot make a finding and are not worked out.
        """
        parts = self._centre_parts()
        if parts is None:
            return None
        terms = [(p.bases[period] * p.g[period], p.bases[period]) for p in parts]
        sums = _Sums(terms)
        centre = sums.mean
        if centre is None:
            return None
        n, nudged, spread, unmoved = self.n, self._nudged, ZERO, None
        for j in range(len(self.values)):
            if not self.may_fail and _within(published, centre, spread, self.half):
                return None
            k = j if j < n else (j - n) // 7
            at_centre = parts[k]
            means: list[Decimal | None] = []
            for up in (True, False):  # both worked out before either is looked at
                if (j, up) not in nudged:
                    nudged[j, up] = self._part(k, j, up)
                part = nudged[j, up]
                if part.undetermined:
                    means.append(None)
                    continue
                b, g = part.bases[period], part.g[period]
                if b is at_centre.bases[period] and g is at_centre.g[period]:
                    means.append(centre)  # the nudge does not reach this period's term
                    continue
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
        if _within(published, centre, spread, self.half):
            return None
        return centre - spread, centre + spread


Shares = tuple[Decimal, Decimal]  # P's share of X's base in a quarter, and Q's (1 - P's)


def _shares(x: Decimal, p: Decimal, q: Decimal) -> Shares | None:
    """P's and Q's shares of X's base in a quarter, from the three quarterly growth rates."""
    share = weight(x, p, q)
    return None if share is None else (share, 1 - share)


def _two_part_terms(
    weights: list[Decimal] | None, shares: list[Shares | None], g: list[Decimal], side: int
) -> list[Term] | None:
    if weights is None:
        return None
    terms = []
    for w, pair, gi in zip(weights, shares, g, strict=True):
        if pair is None:
            return None
        b = w * pair[side]
        terms.append((b * gi, b))
    return terms


class TwoPart:
    """For X = P + Q, the growth of P or Q over ``period`` the table implies: the quarterly
    figures fix P's share of X's base each quarter, X's own half-year and year figures fix the
    weight of each quarter.

    ``values`` holds X's figures for WEIGHT_INPUTS[period], then P's quarters and Q's quarters.
    What a nudge moves (the weights and one quarter's shares for X's figures; one quarter's
    shares for P's or Q's) is worked out once for both P and Q.
    """

    def __init__(self, values: list[Decimal], period: str, half: Decimal) -> None:
        self.period = period
        self.x_periods = WEIGHT_INPUTS[period]
        self.quarters = [QUARTERS[i] for i in PERIODS[period]]
        n_x, n_q = len(self.x_periods), len(self.quarters)
        self.n_x, self.n_q = n_x, n_q
        self.values, self.half = values, half
        self.nudges = ([v - half for v in values], [v + half for v in values])
        self.x = dict(zip(self.x_periods, values[:n_x], strict=True))
        self.gp, self.gq = values[n_x : n_x + n_q], values[n_x + n_q :]
        self.weights = quarter_weights(period, self.x)
        self.shares = [
            _shares(self.x[q], self.gp[i], self.gq[i]) for i, q in enumerate(self.quarters)
        ]
        self._moved: dict[tuple[int, bool], tuple[list[Decimal] | None, list[Shares | None]]] = {}
        self._nudged: dict[tuple[int, bool], Shares | None] = {}

    def _x_moved(self, j: int, up: bool) -> tuple[list[Decimal] | None, list[Shares | None]]:
        """Weights and shares with X's figure j nudged: the weights move, and the shares of the
        quarter whose figure it is."""
        key = (j, up)
        if key not in self._moved:
            x = dict(self.x)
            name = self.x_periods[j]
            x[name] = self.nudges[up][j]
            shares = list(self.shares)
            if name in self.quarters:
                i = self.quarters.index(name)
                shares[i] = _shares(x[name], self.gp[i], self.gq[i])
            self._moved[key] = (quarter_weights(self.period, x), shares)
        return self._moved[key]

    def _part_moved(self, j: int, up: bool, i: int, of_p: bool) -> Shares | None:
        """Quarter i's shares with P's (``of_p``) or Q's figure of it nudged."""
        key = (j, up)
        if key not in self._nudged:
            p, q, moved = self.gp[i], self.gq[i], self.nudges[up][j]
            self._nudged[key] = _shares(
                self.x[self.quarters[i]], *((moved, q) if of_p else (p, moved))
            )
        return self._nudged[key]

    def outside(self, first: bool, published: Decimal) -> Range | None:
        """The range of P's growth (``first``) or Q's over the period the printed inputs allow,
        when the published figure lies outside it (by more than its own half unit); else None.

        As with FromShares, the nudges stop once the published figure lies within the range;
        none of them can fail here (every division is by a difference checked to be non-zero).
        """
        side, g = (0, self.gp) if first else (1, self.gq)
        terms = _two_part_terms(self.weights, self.shares, g, side)
        if terms is None or self.weights is None:
            return None
        sums = _Sums(terms)
        centre = sums.mean
        if centre is None:
            return None
        n_x, n_q, spread = self.n_x, self.n_q, ZERO
        for j in range(len(self.values)):
            if _within(published, centre, spread, self.half):
                return None
            means: list[Decimal | None] = []
            for up in (True, False):  # both worked out before either is looked at
                if j < n_x:  # X's own figure: every quarter's term moves
                    moved = _two_part_terms(*self._x_moved(j, up), g, side)
                    means.append(None if moved is None else _mean(moved))
                    continue
                i, of_p = (j - n_x) % n_q, j < n_x + n_q  # one quarter of P or Q: its term only
                pair = self._part_moved(j, up, i, of_p)
                if pair is None:
                    means.append(None)
                    continue
                b = self.weights[i] * pair[side]
                gi = self.nudges[up][j] if of_p == first else g[i]
                means.append(sums.mean_with(i, b * gi, b))
            high, low = means
            if high is None or low is None:
                return None
            spread += abs(high - low) / 2
        if _within(published, centre, spread, self.half):
            return None
        return centre - spread, centre + spread
