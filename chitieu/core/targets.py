"""Target expressions: from the printed target and its wording to a typed, evaluable target."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from decimal import Decimal
from enum import StrEnum

from .numbers import NumberError, format_number, parse_number
from .text import clean, fold

__all__ = [
    "Direction",
    "Kind",
    "RelativeTargetError",
    "Status",
    "Target",
    "TargetError",
    "direction_for",
    "evaluate",
    "parse_target",
]


class Kind(StrEnum):
    RANGE = "range"
    MIN = "min"
    MAX = "max"
    EXACT = "exact"
    APPROX = "approx"
    MAINTAIN = "maintain"
    REDUCE_BY = "reduce_by"
    INCREASE_BY = "increase_by"


class Direction(StrEnum):
    UP = "up"  # higher is better
    DOWN = "down"  # lower is better (unemployment, poverty, accidents)
    NEUTRAL = "neutral"  # a share of a structure: inside the band is right, either side is off


class Status(StrEnum):
    ACHIEVED = "achieved"
    EXCEEDED = "exceeded"
    MISSED = "missed"


STATUS_LABELS = {
    Status.ACHIEVED: "Đạt",
    Status.EXCEEDED: "Vượt",
    Status.MISSED: "Không đạt",
}

# "khoảng" allows this relative distance either side before the target counts as missed or exceeded.
APPROX_TOLERANCE = Decimal("0.01")


class TargetError(ValueError):
    """A printed target that cannot be read."""


class RelativeTargetError(TargetError):
    """A target stated as a multiple of a base ("gấp 1,5 lần năm 2025"): no value in the row's
    unit can be read from it, and no kind of target holds it yet."""


@dataclass(frozen=True)
class Target:
    """A typed target: ``min`` carries ``low``, ``max`` carries ``high``, ``range`` both;
    the other kinds carry ``value``. ``strict`` marks an open bound (">", "trên", "dưới").
    ``reduce_by`` and ``increase_by`` carry ``low`` and ``high`` instead of ``value`` for a
    span ("giảm 1 - 1,5 %"). ``note`` says what the reading changed (a figure converted to the
    row's unit) or doubts; it is not part of the target's identity."""

    kind: Kind
    low: Decimal | None = None
    high: Decimal | None = None
    value: Decimal | None = None
    strict: bool = False
    unit: str = ""
    text: str = ""
    note: str = field(default="", compare=False)

    def as_dict(self) -> dict[str, object]:
        """The JSON shape used by the import command and the API (numbers as floats)."""

        def num(d: Decimal | None) -> float | int | None:
            if d is None:
                return None
            return int(d) if d == d.to_integral_value() else float(d)

        return {
            "kind": str(self.kind),
            "low": num(self.low),
            "high": num(self.high),
            "value": num(self.value),
            "strict": self.strict,
        }

    def describe(self) -> str:
        """The target in a Vietnamese sentence fragment, e.g. "từ 10 đến 11 %"."""
        u = f" {self.unit}" if self.unit else ""
        f = format_number
        match self.kind:
            case Kind.RANGE:
                assert self.low is not None and self.high is not None
                return f"từ {f(self.low)} đến {f(self.high)}{u}"
            case Kind.MIN:
                assert self.low is not None
                return f"trên {f(self.low)}{u}" if self.strict else f"từ {f(self.low)}{u} trở lên"
            case Kind.MAX:
                assert self.high is not None
                return f"dưới {f(self.high)}{u}" if self.strict else f"không quá {f(self.high)}{u}"
            case Kind.APPROX:
                return f"khoảng {f(self._v())}{u}"
            case Kind.MAINTAIN:
                return f"duy trì {f(self._v())}{u}"
            case Kind.REDUCE_BY | Kind.INCREASE_BY if self.value is None:
                assert self.low is not None and self.high is not None
                verb = "giảm" if self.kind is Kind.REDUCE_BY else "tăng thêm"
                return f"{verb} từ {f(self.low)} đến {f(self.high)}{u}"
            case Kind.REDUCE_BY:
                return f"giảm {f(self._v())}{u}"
            case Kind.INCREASE_BY:
                return f"tăng thêm {f(self._v())}{u}"
            case _:
                return f"đạt {f(self._v())}{u}"

    def _v(self) -> Decimal:
        assert self.value is not None
        return self.value


# Words in an indicator's name that make lower values better.
_LOWER_IS_BETTER = (
    "thất nghiệp",
    "hộ nghèo",
    "hộ cận nghèo",
    "suy dinh dưỡng",
    "tử vong",
    "tai nạn",
    "phạm tội",
    "phạm pháp",
    "lạm phát",
    "nợ xấu",
    "ô nhiễm",
)
_LOWER_KEYS = tuple(fold(w) for w in _LOWER_IS_BETTER)


def direction_for(name: str, *, structure: bool = False) -> Direction:
    """Which way is better for an indicator, read from its name; shares of a structure are neutral."""
    if structure:
        return Direction.NEUTRAL
    key = fold(name)
    if key.startswith(fold("giảm")) or key.startswith(fold("kiềm chế")):
        # "Giảm tỷ lệ hộ nghèo 2 %/năm": the figure reported is the reduction, more is better.
        return Direction.UP
    if any(k in key for k in _LOWER_KEYS):
        return Direction.DOWN
    return Direction.UP


_NUM = r"[-−]?\d[\d.,\s]*\d|\d"
# "10 - 11", "10%-11%", "từ 10 đến 11": the first number may repeat the unit "%"
_SPAN = rf"(?:từ\s+)?({_NUM})\s*%?\s*(?:-|–|—|đến|tới|÷)\s*({_NUM})"
_RANGE = re.compile(rf"^{_SPAN}\s*(.*)$", re.I)
_CHANGE_RANGE = re.compile(rf"^(giảm(?: thêm| bình quân)?|tăng thêm|tăng)\s+{_SPAN}\s*(.*)$", re.I)
_TIMES = re.compile(rf"(?:^|\s|gấp\s*)({_NUM})\s*lần\b", re.I)
_MAGNITUDES = {"nghìn": 3, "ngàn": 3, "vạn": 4, "triệu": 6, "tỷ": 9, "tỉ": 9}
_COMPARE = re.compile(rf"^(≥|>=|=>|≤|<=|=<|>|<)\s*({_NUM})\s*(.*)$")
_PLAIN = re.compile(rf"^({_NUM})\s*(.*)$")
_WORD_FORMS: list[tuple[re.Pattern[str], Kind, bool]] = [
    (re.compile(rf"^từ\s+({_NUM})\s*(.*?)\s*trở lên$", re.I), Kind.MIN, False),
    (
        re.compile(rf"^(?:tối thiểu|ít nhất|không dưới|không thấp hơn)\s+({_NUM})\s*(.*)$", re.I),
        Kind.MIN,
        False,
    ),
    (re.compile(rf"^(?:trên|hơn|cao hơn)\s+({_NUM})\s*(.*)$", re.I), Kind.MIN, True),
    (
        re.compile(rf"^(?:tối đa|không quá|không vượt quá|không cao hơn)\s+({_NUM})\s*(.*)$", re.I),
        Kind.MAX,
        False,
    ),
    (re.compile(rf"^(?:dưới|thấp hơn)\s+({_NUM})\s*(.*)$", re.I), Kind.MAX, True),
    (re.compile(rf"^(?:khoảng|xấp xỉ|gần)\s+({_NUM})\s*(.*)$", re.I), Kind.APPROX, False),
    (re.compile(rf"^(?:duy trì(?: ở mức)?)\s+({_NUM})\s*(.*)$", re.I), Kind.MAINTAIN, False),
    (
        re.compile(rf"^(?:giảm(?: thêm)?|giảm bình quân)\s+({_NUM})\s*(.*)$", re.I),
        Kind.REDUCE_BY,
        False,
    ),
    (re.compile(rf"^(?:tăng thêm|thêm|tăng)\s+({_NUM})\s*(.*)$", re.I), Kind.INCREASE_BY, False),
]
_COMPARE_KIND = {
    "≥": (Kind.MIN, False),
    ">=": (Kind.MIN, False),
    "=>": (Kind.MIN, False),
    ">": (Kind.MIN, True),
    "≤": (Kind.MAX, False),
    "<=": (Kind.MAX, False),
    "=<": (Kind.MAX, False),
    "<": (Kind.MAX, True),
}


_EXPONENT = re.compile(r"\d[eE][+\-\u2212]?\d")


def _num(text: str) -> Decimal:
    try:
        return parse_number(text)
    except NumberError as exc:
        raise TargetError(str(exc)) from exc


def _context_kind(name: str, unit: str) -> Kind | None:
    # When the cell holds only a number, the indicator's wording says what kind it is.
    key = fold(name)
    if key.startswith(fold("duy trì")):
        return Kind.MAINTAIN
    if key.startswith(fold("giảm")):
        return Kind.REDUCE_BY
    if " " + fold("thêm") + " " in f" {key} ":
        return Kind.INCREASE_BY
    if key.startswith(fold("khoảng")):
        return Kind.APPROX
    return None


def _magnitude(unit: str) -> tuple[int, str]:
    """("Nghìn người") -> (3, "người"); ("nghìn tỷ") -> (12, ""); ("%") -> (0, "%")."""
    words = fold(unit).split()
    power = 0
    keys = {fold(k): v for k, v in _MAGNITUDES.items()}
    while words and words[0] in keys:
        power += keys[words.pop(0)]
    return power, " ".join(words)


def _in_row_unit(t: Target, row_unit: str) -> Target:
    """The target with the figure the cell wrote in another magnitude of the row's unit
    converted ("1,2 triệu người" under "Nghìn người" is 1.200), or a note when the cell's unit
    names a magnitude that cannot be converted."""
    cell_unit = t.unit
    if not row_unit or not cell_unit or fold(cell_unit) == fold(row_unit):
        return replace(t, unit=row_unit or cell_unit)
    cell_power, cell_noun = _magnitude(cell_unit)
    row_power, row_noun = _magnitude(row_unit)
    if cell_power == row_power or not (cell_power or row_power):
        return replace(t, unit=row_unit)
    same_noun = cell_noun == row_noun or (not cell_noun and row_noun != "%")
    if not same_noun:
        return replace(
            t,
            unit=row_unit,
            note=f"ô mục tiêu ghi đơn vị “{cell_unit}” khác đơn vị của dòng “{row_unit}” — "
            "số được giữ như in, cần xem lại.",
        )
    factor = Decimal(10) ** (cell_power - row_power)

    def scaled(v: Decimal | None) -> Decimal | None:
        return None if v is None else (v * factor).normalize()

    out = replace(t, low=scaled(t.low), high=scaled(t.high), value=scaled(t.value), unit=row_unit)
    figure = next(v for v in (out.value, out.low, out.high) if v is not None)
    return replace(
        out,
        note=f"“{t.text}” được đổi sang đơn vị của dòng: {format_number(figure)} {row_unit}.",
    )


def parse_target(text: str, *, name: str = "", unit: str = "") -> Target:
    """Read a printed target ("10 - 11", ">30", "≥ 76", "khoảng 111.100", "giảm 2 %/năm").

    ``name`` and ``unit`` are the words around the cell: a bare number under
    "Giảm tỷ lệ hộ nghèo" is a reduction, under "Duy trì ..." a level to keep,
    under "Xây dựng thêm ..." an increase. A figure written in another magnitude of the
    row's unit ("30 nghìn tỷ" under "Tỷ đồng") is converted to it, with a ``note``.
    """
    raw = clean(text)
    s = raw.rstrip(".;")
    if not s:
        raise TargetError("ô mục tiêu trống")
    if _EXPONENT.search(s):
        # "1e400" would otherwise read as 1 with the unit "e400": a silently different value
        raise TargetError(f"“{raw}”: không nhận số viết dạng lũy thừa (1e400), hãy viết đủ chữ số")
    if _TIMES.search(s) and not fold(unit).startswith((fold("lần"), fold("lượt"))):
        raise RelativeTargetError(
            f"“{raw}” là mục tiêu gấp nhiều lần một năm gốc, không phải một giá trị theo đơn vị "
            + (f"“{unit}”" if unit else "của dòng")
            + " — chưa lưu thành mục tiêu có thể đánh giá; hãy ghi giá trị cụ thể nếu cần."
        )
    return _in_row_unit(_parse(s, raw, name, unit), unit)


def _parse(s: str, raw: str, name: str, unit: str) -> Target:
    """The target with the unit the cell itself wrote (or the row's if it wrote none)."""
    m = _CHANGE_RANGE.match(s)
    if m:
        low, high = sorted((_num(m.group(2)), _num(m.group(3))))
        verb = fold(m.group(1))
        kind = Kind.REDUCE_BY if verb.startswith(fold("giảm")) else Kind.INCREASE_BY
        return Target(kind, low=low, high=high, unit=m.group(4).strip() or unit, text=raw)
    for pattern, kind, strict in _WORD_FORMS:
        m = pattern.match(s)
        if m:
            v = _num(m.group(1))
            return _build(kind, v, strict, m.group(2).strip() or unit, raw)
    m = _RANGE.match(s)
    if m:
        low, high = _num(m.group(1)), _num(m.group(2))
        if low > high:
            low, high = high, low
        return Target(Kind.RANGE, low=low, high=high, unit=m.group(3).strip() or unit, text=raw)
    m = _COMPARE.match(s)
    if m:
        kind, strict = _COMPARE_KIND[m.group(1)]
        return _build(kind, _num(m.group(2)), strict, m.group(3).strip() or unit, raw)
    m = _PLAIN.match(s)
    if m:
        v = _num(m.group(1))
        kind = _context_kind(name, unit) or Kind.EXACT
        return _build(kind, v, False, m.group(2).strip() or unit, raw)
    raise TargetError(f"không đọc được mục tiêu “{raw}”")


def _build(kind: Kind, v: Decimal, strict: bool, unit: str, raw: str) -> Target:
    if kind is Kind.MIN:
        return Target(kind, low=v, strict=strict, unit=unit, text=raw)
    if kind is Kind.MAX:
        return Target(kind, high=v, strict=strict, unit=unit, text=raw)
    return Target(kind, value=v, unit=unit, text=raw)


def evaluate(target: Target, actual: Decimal, direction: Direction = Direction.UP) -> Status:
    """Achieved, exceeded or missed for an actual value, aware of which way is better.

    For ``reduce_by`` and ``increase_by`` the actual is the change achieved, so more is
    better whatever the indicator. ``min``/``max`` are floors and ceilings: meeting them
    is achieved. A bounded target (range, exact, approx, maintain) is exceeded when the
    actual lies beyond its better edge.
    """
    a = Decimal(actual)
    k = target.kind
    if k is Kind.MIN:
        assert target.low is not None
        ok = a > target.low if target.strict else a >= target.low
        return Status.ACHIEVED if ok else Status.MISSED
    if k is Kind.MAX:
        assert target.high is not None
        ok = a < target.high if target.strict else a <= target.high
        return Status.ACHIEVED if ok else Status.MISSED
    if k in (Kind.REDUCE_BY, Kind.INCREASE_BY):
        direction = Direction.UP
    if k is Kind.RANGE or (k in (Kind.REDUCE_BY, Kind.INCREASE_BY) and target.value is None):
        assert target.low is not None and target.high is not None
        low, high = target.low, target.high
    else:
        v = target._v()
        tol = abs(v) * APPROX_TOLERANCE if k is Kind.APPROX else Decimal(0)
        low, high = v - tol, v + tol
    if low <= a <= high:
        return Status.ACHIEVED
    above = a > high
    if direction is Direction.NEUTRAL:
        return Status.MISSED
    better = above if direction is Direction.UP else not above
    return Status.EXCEEDED if better else Status.MISSED
