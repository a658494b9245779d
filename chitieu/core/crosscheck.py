"""What the documents disagree on: findings between plans and arithmetic checks within one.

Pure: the caller hands over the targets as :class:`Fact` rows (plan, period, printed text and the
typed target) already grouped by indicator; every finding carries all the targets it is about, so
a finding never hides a target, and a sentence in Vietnamese that a specialist can act on.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from .matching import convert, normalise_name, parse_unit, units_convert
from .numbers import format_number, format_year
from .periods import Period, PeriodError, PeriodKind
from .targets import Kind
from .text import fold

__all__ = [
    "Check",
    "Fact",
    "Finding",
    "FindingKind",
    "compare_across_plans",
    "level_growth_check",
    "pace_findings",
    "rate_findings",
    "usd_rate_check",
    "per_head_check",
    "structure_check",
]


class FindingKind(StrEnum):
    VALUE = "value"  # different numbers for the same indicator and period
    QUALIFIER = "qualifier"  # the same number, worded as another kind of target
    UNIT = "unit"  # the same quantity in different units
    STRUCTURE = "structure"  # shares that cannot sum to 100
    PER_HEAD = "per_head"  # GRDP per head against GRDP and population
    LEVEL_GROWTH = "level_growth"  # a level against the growth over the period
    PACE = "pace"  # an annual target below the pace the multi-year plan needs
    RATE = "rate"  # the same figure in đồng and USD at exchange rates that differ between plans


KIND_LABELS = {
    FindingKind.VALUE: "Khác số",
    FindingKind.QUALIFIER: "Cùng số, khác cách ghi",
    FindingKind.UNIT: "Khác đơn vị",
    FindingKind.STRUCTURE: "Cơ cấu không thể bằng 100%",
    FindingKind.PER_HEAD: "Bình quân đầu người lệch với tổng và dân số",
    FindingKind.LEVEL_GROWTH: "Mức đạt được lệch với tốc độ tăng",
    FindingKind.PACE: "Kế hoạch năm chậm hơn nhịp cần thiết",
    FindingKind.RATE: "Tỷ giá ngầm định khác nhau",
}


@dataclass(frozen=True)
class Fact:
    """One target as printed in one plan, with what the checks need of it."""

    id: int
    plan_id: int
    plan: str  # the plan's legal reference or title
    plan_kind: str  # five_year / annual / program / scenario
    period_code: str
    name: str
    unit: str
    text: str
    kind: str
    low: Decimal | None = None
    high: Decimal | None = None
    value: Decimal | None = None
    strict: bool = False
    line: int = 0

    @property
    def period(self) -> Period:
        return Period.parse(self.period_code)

    @property
    def shown(self) -> str:
        """The target as the document printed it, with its unit when the text lacks it."""
        text = self.text or "(trống)"
        if self.unit and fold(self.unit) not in fold(text) and self.unit != "%":
            return f"“{text}” {self.unit}"
        if self.unit == "%" and "%" not in text:
            return f"“{text}” %"
        return f"“{text}”"

    def numbers(self) -> tuple[Decimal, ...]:
        """The numbers the target prints, in order."""
        match self.kind:
            case Kind.MIN:
                return (self.low,) if self.low is not None else ()
            case Kind.MAX:
                return (self.high,) if self.high is not None else ()
            case Kind.RANGE:
                return tuple(v for v in (self.low, self.high) if v is not None)
            case _:
                return (self.value,) if self.value is not None else ()

    def bounds(self) -> tuple[Decimal | None, Decimal | None]:
        """The interval the target allows (None: open on that side)."""
        match self.kind:
            case Kind.MIN:
                return self.low, None
            case Kind.MAX:
                return None, self.high
            case Kind.RANGE:
                return self.low, self.high
            case _:
                return self.value, self.value

    @property
    def yearly(self) -> bool:
        """A rate per year or a yearly average, not a level reached at the end."""
        key = f" {fold(self.name)} {fold(self.unit)} "
        if "/năm" in self.unit.replace(" ", "").lower():
            return True
        return any(f" {fold(w)} " in key for w in ("hằng năm", "hàng năm", "bình quân hằng năm"))

    @property
    def qualifier(self) -> str:
        """How the number is meant, in the words a reader compares."""
        approx = fold("khoảng") in fold(self.text)
        match self.kind:
            case Kind.MIN:
                q = "trên (không kể bằng)" if self.strict else "từ … trở lên (kể cả bằng)"
            case Kind.MAX:
                q = "dưới (không kể bằng)" if self.strict else "không quá (kể cả bằng)"
            case Kind.APPROX:
                q = "khoảng (gần đúng)"
            case Kind.MAINTAIN:
                q = "duy trì mức"
            case Kind.RANGE:
                q = "khoảng, trong đoạn" if approx else "trong đoạn"
            case Kind.REDUCE_BY:
                q = "giảm"
            case Kind.INCREASE_BY:
                q = "tăng thêm"
            case _:
                q = "khoảng (gần đúng)" if approx else "đúng bằng"
        return q + (", mỗi năm" if self.yearly else "")


@dataclass(frozen=True)
class Finding:
    """Something the documents disagree on, with every target concerned and a sentence."""

    kind: FindingKind
    indicator: str
    facts: tuple[Fact, ...]
    message: str

    @property
    def key(self) -> str:
        """A stable identity (kind and targets) so an explanation stays with its finding."""
        return f"{self.kind}:" + ",".join(str(f.id) for f in sorted(self.facts, key=lambda f: f.id))

    def as_dict(self) -> dict[str, object]:
        return {
            "kind": str(self.kind),
            "indicator": self.indicator,
            "targets": [
                {"plan": f.plan, "period": f.period_code, "text": f.text, "line": f.line}
                for f in self.facts
            ],
            "message": self.message,
        }


@dataclass(frozen=True)
class Check:
    """An arithmetic check within one plan: passed, failed (a finding) or not possible."""

    name: str
    plan: str
    ok: bool | None  # None: the data do not allow the check
    message: str
    finding: Finding | None = None


# -- across plans ------------------------------------------------------------------------


def _n(d: Decimal) -> str:
    return format_number(d.normalize() if d == d.to_integral_value() else d.normalize())


def _nums(values: tuple[Decimal, ...]) -> str:
    return " – ".join(_n(v) for v in values)


def _comparable(a: Fact, b: Fact) -> bool:
    """Same period, or a plan's span against the span's last year for a level target."""
    try:
        pa, pb = a.period, b.period
    except PeriodError:
        return False
    if pa == pb:
        return True
    for span, year in ((pa, pb), (pb, pa)):
        if (
            span.kind is PeriodKind.MULTI_YEAR
            and year.kind is PeriodKind.YEAR
            and span.end_year == year.year
        ):
            return not (a.yearly or b.yearly)
    return False


def _period_words(a: Fact, b: Fact) -> str:
    if a.period_code == b.period_code:
        return a.period.label.lower()
    years = [f.period for f in (a, b) if f.period.kind is PeriodKind.YEAR]
    return f"năm {format_year(years[0].year)}" if years else a.period.label.lower()


def _side(f: Fact) -> str:
    return f"{f.plan} ghi {f.shown} ({f.period.label.lower()}, dòng {f.line})"


def _pair(indicator: str, a: Fact, b: Fact) -> list[Finding]:
    ok, _why = units_convert(b.unit, a.unit)
    if not ok:
        return []  # two series (a confirmed link never joins units that do not convert)
    nb = tuple(convert(v, b.unit, a.unit) for v in b.numbers())
    na = a.numbers()
    out: list[Finding] = []
    ua, ub = parse_unit(a.unit), parse_unit(b.unit)
    scaled = ua.factor != ub.factor
    when = _period_words(a, b)
    if na != nb:
        note = f" (đổi sang {a.unit}: {_nums(nb)})" if scaled else ""
        out.append(
            Finding(
                FindingKind.VALUE,
                indicator,
                (a, b),
                f"{indicator}, {when}: hai văn bản đặt hai con số khác nhau — "
                f"{_side(a)}; {_side(b)}{note}.",
            )
        )
        return out
    if scaled:
        out.append(
            Finding(
                FindingKind.UNIT,
                indicator,
                (a, b),
                f"{indicator}, {when}: cùng một lượng ghi bằng hai đơn vị — "
                f"{_nums(na)} {a.unit} ({a.plan}) = {_nums(b.numbers())} {b.unit} ({b.plan}).",
            )
        )
    if a.qualifier != b.qualifier:
        out.append(
            Finding(
                FindingKind.QUALIFIER,
                indicator,
                (a, b),
                f"{indicator}, {when}: cùng số {_nums(na)} nhưng khác cách ghi — "
                f"{_side(a)}, nghĩa là “{a.qualifier}”; {_side(b)}, nghĩa là “{b.qualifier}”.",
            )
        )
    return out


def compare_across_plans(indicator: str, facts: list[Fact]) -> list[Finding]:
    """Findings between the targets of one indicator (or of linked indicators) in different plans."""
    usable = [f for f in facts if f.kind and f.numbers()]
    usable.sort(key=lambda f: (f.plan_id, f.id))
    out: list[Finding] = []
    for i, a in enumerate(usable):
        for b in usable[i + 1 :]:
            if a.plan_id != b.plan_id and _comparable(a, b):
                out.extend(_pair(indicator, a, b))
    return out


# -- within one plan ---------------------------------------------------------------------

HUNDRED = Decimal(100)


def _interval(f: Fact) -> tuple[Decimal, Decimal] | None:
    lo, hi = f.bounds()
    if lo is None or hi is None:
        return None
    return lo, hi


def structure_check(heading: str, plan: str, shares: list[Fact], extra: list[Fact]) -> Check:
    """Shares of a structure must be able to sum to 100 %.

    ``extra`` are rows of the same plan printed apart from the structure that would complete it
    (seed 000 prints the product taxes as row 4, outside "Cơ cấu"); they are named, not added.
    """
    parts = [_interval(s) for s in shares]
    if not shares or any(p is None for p in parts):
        return Check(
            "structure", plan, None, f"{heading}: có phần không ghi đủ số, không cộng được."
        )
    lo = sum((p[0] for p in parts if p), Decimal(0))
    hi = sum((p[1] for p in parts if p), Decimal(0))
    total = f"{_n(lo)} – {_n(hi)} %" if lo != hi else f"{_n(lo)} %"
    if lo <= HUNDRED <= hi:
        return Check(
            "structure", plan, True, f"{heading}: các phần cộng được {total}, có thể bằng 100 %."
        )
    message = (
        f"{heading} trong {plan}: {len(shares)} phần cộng lại được {total}, không thể bằng 100 %."
    )
    for e in extra:
        iv = _interval(e)
        if iv and lo + iv[0] <= HUNDRED <= hi + iv[1]:
            message += (
                f" Dòng “{e.name}” ({e.shown}, dòng {e.line}) in tách riêng; nếu là một phần của "
                f"cơ cấu thì tổng thành {_n(lo + iv[0])} – {_n(hi + iv[1])} %."
            )
    finding = Finding(FindingKind.STRUCTURE, heading, (*shares, *extra), message)
    return Check("structure", plan, False, message, finding)


# Rounding in a printed per-head figure ("khoảng 130"): this much relative gap is no finding.
PER_HEAD_TOLERANCE = Decimal("0.02")


def per_head_check(plan: str, total: Fact, population: Fact, per_head: Fact) -> Check:
    """GRDP per head against GRDP divided by the population, in the units each is printed in."""
    tiv, piv, hiv = _interval(total), _interval(population), _interval(per_head)
    if tiv is None or piv is None or hiv is None:
        return Check("per_head", plan, None, "Có chỉ tiêu không ghi đủ số, không chia được.")
    try:
        money = parse_unit(total.unit).factor / parse_unit(per_head.unit).factor
        people = parse_unit(population.unit).factor
        if parse_unit(total.unit).dimension != parse_unit(per_head.unit).dimension:
            raise ValueError
    except (ValueError, ArithmeticError):
        return Check("per_head", plan, None, "Đơn vị của tổng và của bình quân không cùng loại.")
    lo = tiv[0] * money / (piv[1] * people)
    hi = tiv[1] * money / (piv[0] * people)
    computed = f"{format_number(lo, 2)} – {format_number(hi, 2)}"
    slack_lo = hiv[0] * (1 - PER_HEAD_TOLERANCE)
    slack_hi = hiv[1] * (1 + PER_HEAD_TOLERANCE)
    words = (
        f"{total.name} {total.shown} chia cho {population.name.lower()} {population.shown} "
        f"được {computed} {per_head.unit}/người; {per_head.name} ghi {per_head.shown}"
    )
    if hi >= slack_lo and lo <= slack_hi:
        return Check("per_head", plan, True, f"{words}: khớp.")
    message = f"{plan}: {words}, lệch quá {format_number(PER_HEAD_TOLERANCE * 100)} %."
    finding = Finding(FindingKind.PER_HEAD, per_head.name, (total, population, per_head), message)
    return Check("per_head", plan, False, message, finding)


def level_growth_check(plan: str, base: Fact | None, level: Fact, growth: Fact) -> Check:
    """A level at the end of a span against the base year's level grown at the span's rate."""
    try:
        span = growth.period
    except PeriodError:
        span = None
    if span is None or span.kind is not PeriodKind.MULTI_YEAR:
        return Check("level_growth", plan, None, "Tốc độ tăng không ghi cho cả giai đoạn.")
    if base is None:
        return Check(
            "level_growth",
            plan,
            None,
            f"Chưa có số “{level.name}” năm {format_year(span.year - 1)} trong các văn bản đã nhập, "
            f"nên chưa đối chiếu được {level.shown} với tốc độ tăng {growth.shown}.",
        )
    biv, liv, giv = _interval(base), _interval(level), _interval(growth)
    if biv is None or liv is None or giv is None:
        return Check("level_growth", plan, None, "Có chỉ tiêu không ghi đủ số.")
    years = span.end_year - span.year + 1
    b = (biv[0] + biv[1]) / 2 * parse_unit(base.unit).factor / parse_unit(level.unit).factor
    lo = b * (1 + giv[0] / HUNDRED) ** years
    hi = b * (1 + giv[1] / HUNDRED) ** years
    words = (
        f"từ {base.shown} năm {format_year(span.year - 1)}, tăng {growth.shown} mỗi năm trong "
        f"{years} năm thì được {format_number(lo, 0)} – {format_number(hi, 0)} {level.unit}; "
        f"{level.name} ghi {level.shown}"
    )
    if liv[1] >= lo * (1 - PER_HEAD_TOLERANCE) and liv[0] <= hi * (1 + PER_HEAD_TOLERANCE):
        return Check("level_growth", plan, True, f"{words}: khớp.")
    message = (
        f"{plan}: {words} — không khớp (tốc độ tăng tính theo giá so sánh, mức có thể theo giá "
        f"hiện hành: cần xem lại giá dùng cho từng chỉ tiêu)."
    )
    finding = Finding(FindingKind.LEVEL_GROWTH, level.name, (base, level, growth), message)
    return Check("level_growth", plan, False, message, finding)


# Rates closer than this are the same rate rounded.
RATE_TOLERANCE = Decimal("0.02")


def _implied_rate(vnd: Fact, usd: Fact) -> Decimal | None:
    v, u = _interval(vnd), _interval(usd)
    if v is None or u is None or not u[0] or parse_unit(vnd.unit).dimension != "đồng":
        return None
    return (v[0] + v[1]) / 2 * parse_unit(vnd.unit).factor / ((u[0] + u[1]) / 2)


def usd_rate_check(plan: str, vnd: Fact, usd: Fact) -> Check:
    """The exchange rate a plan implies by printing one figure in đồng and in USD."""
    rate = _implied_rate(vnd, usd)
    if rate is None:
        return Check("usd_rate", plan, None, "Không suy ra được tỷ giá từ hai con số.")
    return Check(
        "usd_rate",
        plan,
        True,
        f"{vnd.name}: {vnd.shown} và {usd.shown} ngầm định tỷ giá {format_number(rate, 0)} đồng/USD "
        f"(văn bản không ghi tỷ giá).",
    )


def rate_findings(indicator: str, pairs: list[tuple[Fact, Fact]]) -> list[Finding]:
    """Plans whose đồng and USD figures imply exchange rates more than 2 % apart."""
    rated = [(v, u, r) for v, u in pairs if (r := _implied_rate(v, u)) is not None]
    out = []
    for i, (va, ua, ra) in enumerate(rated):
        for vb, ub, rb in rated[i + 1 :]:
            if va.plan_id == vb.plan_id or abs(ra - rb) <= RATE_TOLERANCE * min(ra, rb):
                continue
            out.append(
                Finding(
                    FindingKind.RATE,
                    indicator,
                    (va, ua, vb, ub),
                    f"{indicator}: {va.plan} ghi {va.shown} = {ua.shown}, tức "
                    f"{format_number(ra, 0)} đồng/USD; {vb.plan} ghi {vb.shown} = {ub.shown}, tức "
                    f"{format_number(rb, 0)} đồng/USD — hai văn bản quy đổi theo hai tỷ giá khác nhau.",
                )
            )
    return out


def pace_findings(indicator: str, facts: list[Fact]) -> list[Finding]:
    """An annual plan's growth for a year below the yearly average a longer plan requires for a
    span holding that year: the other years must then grow faster than the plan says."""
    out: list[Finding] = []
    annual = [f for f in facts if f.kind and f.numbers() and _is_year(f)]
    spans = [f for f in facts if f.kind and f.numbers() and _is_span(f) and f.yearly]
    for a in annual:
        for s in spans:
            if a.plan_id == s.plan_id or not s.period.contains(a.period):
                continue
            alo, ahi = a.bounds()
            slo, _shi = s.bounds()
            if ahi is None or slo is None or not units_convert(a.unit, s.unit)[0]:
                continue
            if convert(ahi, a.unit, s.unit) < slo:
                span = s.period
                out.append(
                    Finding(
                        FindingKind.PACE,
                        indicator,
                        (a, s),
                        f"{indicator}: {a.plan} đặt cho năm {format_year(a.period.year)} "
                        f"{a.shown}, thấp hơn mức bình quân {s.shown} mỗi năm mà {s.plan} yêu cầu "
                        f"cho {span.label.lower()}; giữ nhịp này thì các năm còn lại phải tăng "
                        f"nhanh hơn mức bình quân mới đạt mục tiêu cả giai đoạn.",
                    )
                )
    return out


def _is_year(f: Fact) -> bool:
    try:
        return f.period.kind is PeriodKind.YEAR
    except PeriodError:
        return False


def _is_span(f: Fact) -> bool:
    try:
        return f.period.kind is PeriodKind.MULTI_YEAR
    except PeriodError:
        return False


# -- what a plan's row is, for the checks within a plan ------------------------------------


def concept(name: str, unit: str) -> str:
    """ "grdp", "population", "grdp_per_head", "grdp_growth" or "" for a row of a plan."""
    key, _ = normalise_name(name)
    dim = parse_unit(unit).dimension
    grdp = fold("grdp")
    if key == grdp and dim == "đồng":
        return "grdp"
    if key == fold("dân số") and dim == "người":
        return "population"
    if key == fold("grdp bình quân đầu người"):
        return {"đồng": "grdp_per_head", "USD": "grdp_per_head_usd"}.get(dim, "")
    if key == fold("tăng grdp") and dim == "%":
        return "grdp_growth"
    return ""
