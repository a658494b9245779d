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

from collections.abc import Callable
from decimal import Decimal

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


def part_bases(anchor: str, share: Decimal, g: dict[str, Decimal]) -> dict[str, Decimal] | None:
    """A part's base in each period, given its base share in the ``anchor`` period and the part's
    own figures (which fix how its base splits between quarters and half-years)."""
    w1 = weight(g["H1"], g["Q1"], g["Q2"])
    w3 = weight(g["H2"], g["Q3"], g["Q4"])
    wh = weight(g["year"], g["H1"], g["H2"])
    if w1 is None or w3 is None or wh is None or wh in (0, 1):
        return None
    year = {"year": share, "H1": share / wh, "H2": share / (1 - wh)}[anchor]
    h1, h2 = year * wh, year * (1 - wh)
    return {
        "year": year,
        "H1": h1,
        "H2": h2,
        "Q1": h1 * w1,
        "Q2": h1 * (1 - w1),
        "Q3": h2 * w3,
        "Q4": h2 * (1 - w3),
    }


def _mean(terms: list[Term]) -> Decimal | None:
    num = den = ZERO
    for bg, b in terms:
        num += bg
        den += b
    return None if den == 0 else num / den


def _prefixes(terms: list[Term]) -> list[Term]:
    """The running sums before each term, as the mean adds them up."""
    out = []
    num = den = ZERO
    for bg, b in terms:
        out.append((num, den))
        num += bg
        den += b
    return out


def _mean_with(terms: list[Term], prefixes: list[Term], k: int, term: Term) -> Decimal | None:
    """The mean of ``terms`` with term ``k`` replaced, added up in the same order."""
    num, den = prefixes[k]
    num += term[0]
    den += term[1]
    for bg, b in terms[k + 1 :]:
        num += bg
        den += b
    return None if den == 0 else num / den


class _Nudges:
    """The inputs at their printed values and each moved half a unit up and down."""

    def __init__(self, values: list[Decimal], half: Decimal) -> None:
        self.values = values
        self.up = [v + half for v in values]
        self.down = [v - half for v in values]

    def slice(self, lo: int, hi: int, j: int, up: bool) -> list[Decimal]:
        """values[lo:hi] with input ``j`` nudged (``j`` = -1: none)."""
        out = self.values[lo:hi]
        if lo <= j < hi:
            out = list(out)
            out[j - lo] = (self.up if up else self.down)[j]
        return out


def _widen(
    centre: Decimal, nudged: Callable[[int, bool], Decimal | None], n_inputs: int
) -> Range | None:
    """The centre widened by each input's effect; None as soon as one nudge is undetermined (the
    later nudges are never worked out, so one that cannot be is never attempted)."""
    spread = ZERO
    for j in range(n_inputs):
        up, down = nudged(j, True), nudged(j, False)
        if up is None or down is None:
            return None
        spread += abs(up - down) / 2
    return centre - spread, centre + spread


class FromShares:
    """An aggregate's growth in each period, implied by contributions in ``anchor`` (which give
    each part's share of the aggregate's base there: contribution / growth) and each part's own
    seven figures (HALVES), which carry the share to every other quarter and half-year.

    ``values`` holds the n contributions, then each part's seven figures.
    """

    def __init__(self, values: list[Decimal], n: int, anchor: str, half: Decimal) -> None:
        self.n, self.anchor = n, anchor
        self.inputs = _Nudges(values, half)
        self._parts: dict[
            tuple[int, int, bool], tuple[dict[str, Decimal], dict[str, Decimal]] | None
        ]
        self._parts = {}

    def _part(
        self, k: int, j: int, up: bool
    ) -> tuple[dict[str, Decimal], dict[str, Decimal]] | None:
        """Part k's bases and figures with input ``j`` nudged (-1: none), or None if undetermined."""
        key = (k, j, up)
        if key in self._parts:
            return self._parts[key]
        lo = self.n + 7 * k
        contribution = self.inputs.slice(k, k + 1, j, up)[0]
        g = dict(zip(HALVES, self.inputs.slice(lo, lo + 7, j, up), strict=True))
        bases = part_bases(self.anchor, contribution / g[self.anchor], g)
        part = None if bases is None else (bases, g)
        self._parts[key] = part
        return part

    def _owner(self, j: int) -> int:
        return j if j < self.n else (j - self.n) // 7

    def range(self, period: str) -> Range | None:
        """The aggregate's growth in ``period`` as the printed inputs allow, or None."""
        terms: list[Term] = []
        for k in range(self.n):
            part = self._part(k, -1, False)
            if part is None:
                return None
            bases, g = part
            terms.append((bases[period] * g[period], bases[period]))
        centre = _mean(terms)
        if centre is None:
            return None
        prefixes = _prefixes(terms)

        def nudged(j: int, up: bool) -> Decimal | None:
            k = self._owner(j)
            part = self._part(k, j, up)
            if part is None:
                return None
            bases, g = part
            return _mean_with(terms, prefixes, k, (bases[period] * g[period], bases[period]))

        return _widen(centre, nudged, len(self.inputs.values))


class TwoPart:
    """For X = P + Q, the growth of P or Q over ``period`` the table implies: the quarterly
    figures fix P's share of X's base each quarter, X's own half-year and year figures fix the
    weight of each quarter.

    ``values`` holds X's figures for WEIGHT_INPUTS[period], then P's quarters and Q's quarters.
    """

    def __init__(self, values: list[Decimal], period: str, half: Decimal) -> None:
        self.x_periods = WEIGHT_INPUTS[period]
        self.period = period
        self.quarters = [QUARTERS[i] for i in PERIODS[period]]
        self.n_x, self.n_q = len(self.x_periods), len(self.quarters)
        self.inputs = _Nudges(values, half)
        # where each quarter's own inputs are: X's figure, P's and Q's
        self.at = [
            (self.x_periods.index(q), self.n_x + i, self.n_x + self.n_q + i)
            for i, q in enumerate(self.quarters)
        ]
        self._weights: dict[tuple[int, bool], list[Decimal] | None] = {}
        self._shares: dict[tuple[int, int, bool], Decimal | None] = {}

    def _weights_at(self, j: int, up: bool) -> list[Decimal] | None:
        key = (j, up) if j < self.n_x else (-1, False)
        if key not in self._weights:
            x = dict(zip(self.x_periods, self.inputs.slice(0, self.n_x, *key), strict=True))
            self._weights[key] = quarter_weights(self.period, x)
        return self._weights[key]

    def _share_at(self, i: int, j: int, up: bool) -> Decimal | None:
        """P's share of X's base in quarter i, with input j nudged if it is one of the quarter's."""
        key = (i, j, up) if j in self.at[i] else (i, -1, False)
        if key not in self._shares:
            x, p, q = (self.inputs.slice(k, k + 1, key[1], up)[0] for k in self.at[i])
            self._shares[key] = weight(x, p, q)
        return self._shares[key]

    def _terms(self, first: bool, j: int, up: bool) -> list[Term] | None:
        weights = self._weights_at(j, up)
        if weights is None:
            return None
        terms = []
        for i in range(self.n_q):
            share = self._share_at(i, j, up)
            if share is None:
                return None
            b = weights[i] * (share if first else 1 - share)
            g = self.inputs.slice(k := self.at[i][1 if first else 2], k + 1, j, up)[0]
            terms.append((b * g, b))
        return terms

    def range(self, first: bool) -> Range | None:
        """P's growth (``first``) or Q's over the period, as the printed inputs allow, or None."""
        terms = self._terms(first, -1, False)
        centre = None if terms is None else _mean(terms)
        if terms is None or centre is None:
            return None
        prefixes = _prefixes(terms)

        def nudged(j: int, up: bool) -> Decimal | None:
            if j < self.n_x:  # X's own figure: the weights move, and maybe one quarter's share
                moved = self._terms(first, j, up)
                return None if moved is None else _mean(moved)
            i = (j - self.n_x) % self.n_q  # one quarter of P or Q: only its term moves
            share = self._share_at(i, j, up)
            if share is None:
                return None
            weights = self._weights_at(-1, False)
            assert weights is not None
            b = weights[i] * (share if first else 1 - share)
            g = self.inputs.slice(k := self.at[i][1 if first else 2], k + 1, j, up)[0]
            return _mean_with(terms, prefixes, i, (b * g, b))

        return _widen(centre, nudged, len(self.inputs.values))
