"""The growth still required: find unknown quarters' growth so that targets are met."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Context, Decimal

from chitieu.core.numbers import format_number

from .model import HUNDRED, PERIOD_LABELS, PERIODS, QUARTERS, GrowthError, Scenario

RULES = ("additive", "proportional", "fixed")


@dataclass(frozen=True)
class TargetSpec:
    """A series must grow ``growth`` % over ``period``."""

    series: str
    period: str
    growth: Decimal


@dataclass(frozen=True)
class Rule:
    """How the gap is shared among unknown cells.

    additive: every free cell gets the same uplift in points over its planned value;
    proportional: every free cell's planned growth is scaled by the same factor;
    fixed: cells of the listed series keep their planned values, the others share the gap additively.
    """

    kind: str = "additive"
    series: tuple[str, ...] = field(default_factory=tuple)


Cell = tuple[str, int]
_QUARTER_INDEX = {q: i for i, q in enumerate(QUARTERS)}


_CENT = Decimal("0.01")
# half-up to the hundredth, never trapping (the digits of a quantize do not depend on precision)
_ROUNDING = Context(prec=60, rounding=ROUND_HALF_UP, traps=[])


def _fmt(d: Decimal) -> str:
    """``format_number(d, 2)``, written directly for a number below a thousand (a growth rate):
    a note names two of them for every cell it solves, and the general path cost half of a
    province's solve. A quantized number always prints as plain digits with two decimals, so its
    length tells whether it needs a thousands point; negative zero and anything else go the
    general way. A number that already prints so (a planned growth as typed) is not quantized."""
    text = str(d)  # a planned growth as typed ("5.96") is already its own text
    if not (3 < len(text) < 7 and text[-3] == "."):
        text = str(_ROUNDING.quantize(d, _CENT))
    if 3 < len(text) < 7 and text[-3] == "." and text != "-0.00":
        return text.replace(".", ",")
    return format_number(d, 2)


def _uplift_note(
    s: Scenario, t: TargetSpec, free: list[Cell], uplift: Decimal, growth: dict[str, list[Decimal]]
) -> str:
    """The additive uplift in words a leader reads: which quarters of which sectors must grow
    how much more, and the growth that makes each of them ("quý IV: Dịch vụ 12,89 → 14,11 %"):
    a cell is moved by one target only, so its growth before is the planned one."""
    change = (
        f"phải tăng thêm {_fmt(uplift)} điểm %"
        if uplift >= 0
        else f"được phép tăng thấp hơn {_fmt(-uplift)} điểm %"
    )
    quarters = sorted({q for _, q in free})
    parts = []
    for q in quarters:
        names = [
            f"{s.components.get(c, c)} {_fmt(s.growth[c][q])} → {_fmt(growth[c][q])} %"
            for c, cq in free
            if cq == q
        ]
        label = PERIOD_LABELS[QUARTERS[q]]
        parts.append(f"{label[:1].upper()}{label[1:]}: {'; '.join(names)}.")
    sectors = len({c for c, _ in free})
    which = (
        f"{'mỗi khu vực' if sectors > 1 else 'khu vực'} trong {PERIOD_LABELS[QUARTERS[quarters[0]]]}"
        if len(quarters) == 1
        else f"mỗi khu vực trong mỗi quý còn lại ({', '.join(PERIOD_LABELS[QUARTERS[q]] for q in quarters)})"
    )
    return (
        f"Để {t.series} {PERIOD_LABELS[t.period]} đạt {_fmt(t.growth)} %, {which} {change} so với "
        f"kế hoạch. {' '.join(parts)}"
    )


def parse_cells(s: Scenario, cells: list[str]) -> list[Cell]:
    """ "A.Q3" -> ("A", 2); an aggregate's cell stands for the same quarter of all its components."""
    out: list[Cell] = []
    seen: set[Cell] = set()
    for i, text in enumerate(cells):
        name, _, quarter = str(text).rpartition(".")
        q = _QUARTER_INDEX.get(quarter)
        if q is None:
            raise GrowthError(f"solve[{i}]", f"“{text}” cần dạng CHUỖI.QUÝ, ví dụ A.Q3")
        if name not in s.components and name not in s.aggregates:
            raise GrowthError(f"solve[{i}]", f"không có chuỗi “{name}”")
        for leaf in s.leaf_tuple(name):
            cell = (leaf, q)
            if cell not in seen:
                seen.add(cell)
                out.append(cell)
    return out


def solve(
    s: Scenario, cells: list[Cell], targets: list[TargetSpec], rule: Rule
) -> tuple[Scenario, dict[str, Decimal], list[str]]:
    """A new scenario whose unknown cells meet the targets, the solved values, and notes.

    Targets on narrower series and shorter periods are met first; each later target moves only the
    cells no earlier target has claimed, so every target is met exactly or a reason is given.
    """
    if rule.kind not in RULES:
        raise GrowthError("rule.kind", f"“{rule.kind}” không có (dùng {', '.join(RULES)})")
    for name in rule.series:
        if name not in s.components and name not in s.aggregates:
            raise GrowthError("rule.series", f"không có chuỗi “{name}”")
    fixed = (
        {leaf for name in rule.series for leaf in s.leaf_tuple(name)}
        if rule.kind == "fixed"
        else set()
    )
    growth = {c: list(v) for c, v in s.growth.items()}
    out = s.with_growth(growth)
    claimed: set[Cell] = set()
    notes: list[str] = []
    order = sorted(
        range(len(targets)),
        key=lambda i: (len(s.leaf_tuple(targets[i].series)), len(PERIODS[targets[i].period])),
    )
    for i in order:
        t = targets[i]
        scope = {(c, q) for c in s.leaf_tuple(t.series) for q in PERIODS[t.period]}
        free = [c for c in cells if c in scope and c not in claimed and c[0] not in fixed]
        if not free:
            raise GrowthError(
                f"targets[{i}]",
                f"không còn ô nào được điều chỉnh để {t.series} {PERIOD_LABELS[t.period]} đạt "
                f"{_fmt(t.growth)} % (các ô chưa biết đều đã cố định hoặc đã dùng cho mục tiêu khác)",
            )
        base = out.base_sum(t.series, t.period)
        gap = (HUNDRED + t.growth) / HUNDRED * base - out.level_sum(t.series, t.period)
        if rule.kind == "proportional":
            weight = sum((s.base[c][q] * growth[c][q] for c, q in free), Decimal(0))
            if weight == 0:
                raise GrowthError(
                    "rule.kind",
                    "không thể chia theo tỷ lệ khi tăng trưởng kế hoạch của các ô đều bằng 0",
                )
            factor = 1 + gap * HUNDRED / weight
            for c, q in free:
                growth[c][q] *= factor
            notes.append(
                f"{t.series} {PERIOD_LABELS[t.period]} {_fmt(t.growth)} %: tăng trưởng kế hoạch của "
                f"{len(free)} ô được nhân với {factor:.6f}."
            )
        else:
            uplift = gap * HUNDRED / sum((s.base[c][q] for c, q in free), Decimal(0))
            for c, q in free:
                growth[c][q] += uplift
            notes.append(_uplift_note(s, t, free, uplift, growth))
        for c, q in free:
            if growth[c][q] <= -HUNDRED:
                raise GrowthError(
                    f"targets[{i}]",
                    f"mục tiêu đòi {c} {QUARTERS[q]} tăng {_fmt(growth[c][q])} %, tức giá trị âm: không thể đạt",
                )
        claimed.update(free)
    solved = {f"{c}.{QUARTERS[q]}": growth[c][q] for c, q in cells}
    untouched = [f"{c}.{QUARTERS[q]}" for c, q in cells if (c, q) not in claimed]
    if untouched:
        notes.append(
            f"Các ô không thuộc mục tiêu nào giữ giá trị kế hoạch: {', '.join(untouched)}."
        )
    return out, solved, notes
