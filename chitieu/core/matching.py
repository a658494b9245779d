"""One indicator across documents: how alike two names are, and whether their units convert.

Plans word the same indicator differently ("Tỷ lệ che phủ rừng" / "Tỷ lệ che phủ của rừng";
"GRDP bình quân đầu người" / "Tổng sản phẩm trên địa bàn bình quân đầu người"). The catalog's key
(docs/decisions/0003) matches only exact folded names, so that no two things merge silently; this
module only *proposes* a link, with a score and the reasons, for a person to confirm or split.
"""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from decimal import Decimal

from .numbers import format_number
from .text import fold

__all__ = [
    "LinkProposal",
    "NamedIndicator",
    "Unit",
    "UnitError",
    "convert",
    "name_similarity",
    "normalise_name",
    "parse_unit",
    "propose_links",
    "units_convert",
]

# -- names -------------------------------------------------------------------------------


def _f(text: str) -> str:
    return fold(text)


# Phrases that name the same thing, rewritten to one form (folded on both sides). Longest first.
_SYNONYMS_VI: list[tuple[str, str, str]] = [
    ("tổng sản phẩm trên địa bàn grdp", "grdp", "GRDP = Tổng sản phẩm trên địa bàn"),
    ("tổng sản phẩm trên địa bàn", "grdp", "GRDP = Tổng sản phẩm trên địa bàn"),
    ("tổng sản phẩm", "grdp", "GRDP = Tổng sản phẩm trên địa bàn"),
    ("cơ cấu kinh tế", "cơ cấu grdp", "“Cơ cấu kinh tế” là cơ cấu GRDP"),
    ("tổng vốn đầu tư xã hội", "vốn đầu tư", "vốn đầu tư xã hội = vốn đầu tư thực hiện"),
    ("vốn đầu tư phát triển", "vốn đầu tư", "vốn đầu tư phát triển = vốn đầu tư thực hiện"),
    ("vốn đầu tư thực hiện", "vốn đầu tư", "vốn đầu tư phát triển = vốn đầu tư thực hiện"),
    ("thu từ khách du lịch", "doanh thu du lịch", "thu từ khách du lịch = doanh thu du lịch"),
    ("doanh thu từ du lịch", "doanh thu du lịch", "thu từ khách du lịch = doanh thu du lịch"),
    ("lượt khách", "lượng khách", "lượt khách = lượng khách"),
    ("số khách", "lượng khách", "số khách = lượng khách"),
    ("che phủ của rừng", "che phủ rừng", "“che phủ của rừng” = “che phủ rừng”"),
    ("1 vạn dân", "10000 dân", "1 vạn dân = 10.000 dân"),
    ("10 000 dân", "10000 dân", ""),
    ("bác sỹ", "bác sĩ", ""),
    ("tỉ lệ", "tỷ lệ", ""),
    ("tỉ trọng", "tỷ trọng", ""),
    ("hàng năm", "hằng năm", ""),
    ("thuỷ sản", "thủy sản", ""),
    ("số căn nhà", "nhà", "số căn nhà = số nhà"),
    ("số nhà", "nhà", "số căn nhà = số nhà"),
    ("kiểm chế", "kiềm chế", ""),
]
_SYNONYMS = sorted(((_f(a), _f(b), why) for a, b, why in _SYNONYMS_VI), key=lambda s: -len(s[0]))
# Words that do not change what is measured: every figure is the province's, "đạt" is the verb
# of the target, "tổng" adds nothing to a level. Phrases first.
_FILLER_VI = [
    "trên địa bàn tỉnh",
    "trên địa bàn",
    "của tỉnh",
    "toàn tỉnh",
    "theo giá hiện hành",
    "trong nền kinh tế",
    "cả giai đoạn",
    "các cấp",
    "tổng",
    "đạt",
    "đã",
    "là",
    "có",
    "và",
]
_FILLER = sorted((_f(w) for w in _FILLER_VI), key=lambda s: -len(s))
_SPEED = _f("tốc độ")
_GROWTH_FILLER = [_f(w) for w in ("bình quân hằng năm", "theo giá so sánh")]
_PERIOD = re.compile(r"\s*(?:đến|tới|vào)?\s*(?:hết\s+)?năm\s+\d{4}\s*$", re.I)


def _sub_words(text: str, old: str, new: str) -> tuple[str, bool]:
    padded = f" {text} "
    if f" {old} " not in padded:
        return text, False
    return " ".join(padded.replace(f" {old} ", f" {new} ").split()), True


def normalise_name(name: str) -> tuple[str, list[str]]:
    """The name reduced to what it measures, and why each step was taken (in Vietnamese)."""
    reasons: list[str] = []
    stripped = _PERIOD.sub("", name.strip())
    if stripped != name.strip():
        reasons.append("bỏ mốc thời gian (“đến năm …”) khỏi tên")
    text = _f(stripped)
    for old, new, why in _SYNONYMS:
        text, hit = _sub_words(text, old, new)
        if hit and why and why not in reasons:
            reasons.append(why)
    # "Tốc độ tăng thu nội địa" and "Thu nội địa tăng": the speed is the growth itself
    if _f("tăng") in text.split():
        text, hit = _sub_words(text, _SPEED, "")
        if hit:
            reasons.append("“tốc độ tăng X” = “X tăng”")
        # a growth rate is one series whether a plan sets it for a year or as the span's average
        # (the target's period says which); it is always measured at constant prices
        for words in _GROWTH_FILLER:
            text, hit = _sub_words(text, words, "")
            if hit and "tốc độ tăng: bình quân hay từng năm do kỳ của mục tiêu nói" not in reasons:
                reasons.append("tốc độ tăng: bình quân hay từng năm do kỳ của mục tiêu nói")
    dropped = []
    for word in _FILLER:
        text, hit = _sub_words(text, word, "")
        if hit:
            dropped.append(word)
    if dropped:
        reasons.append("bỏ từ không đổi nghĩa")
    return " ".join(text.split()), reasons


def _dice(a: set[str], b: set[str]) -> Decimal:
    if not a or not b:
        return Decimal(0)
    return Decimal(2 * len(a & b)) / Decimal(len(a) + len(b))


def _bigrams(words: list[str]) -> set[str]:
    # Vietnamese words are mostly two syllables: pairs keep "công nghiệp" apart from "nông nghiệp"
    return {f"{x} {y}" for x, y in zip(words, words[1:], strict=False)} or set(words)


def name_similarity(a: str, b: str) -> tuple[Decimal, list[str]]:
    """A score in [0, 1] (Dice over the syllables and syllable pairs that carry meaning)."""
    na, ra = normalise_name(a)
    nb, rb = normalise_name(b)
    reasons = list(dict.fromkeys(ra + rb))
    if na == nb:
        if _f(a) == _f(b):
            return Decimal(1), ["cùng tên"]
        return Decimal(1), ["cùng tên sau khi chuẩn hóa", *reasons]
    wa, wb = na.split(), nb.split()
    ta, tb = set(wa), set(wb)
    # half on the syllables shared, half on the syllable pairs shared (word order and compounds)
    score = (_dice(ta, tb) + _dice(_bigrams(wa), _bigrams(wb))) / 2
    if ta and tb and (ta <= tb or tb <= ta):
        reasons.append("tên này chứa trọn tên kia")
    return score.quantize(Decimal("0.01")), reasons


# -- units -------------------------------------------------------------------------------


class UnitError(ValueError):
    """Two units that do not measure the same thing."""


@dataclass(frozen=True)
class Unit:
    """A unit as a dimension and a factor to the dimension's base (người, đồng, USD, …)."""

    dimension: str
    factor: Decimal
    label: str


_SCALES = {
    _f("nghìn"): Decimal(1000),
    _f("ngàn"): Decimal(1000),
    _f("triệu"): Decimal(10**6),
    _f("tỷ"): Decimal(10**9),
    _f("tỉ"): Decimal(10**9),
}
# base words -> dimension; "lượt" counts visits, and a plan counts tourists as "người" or "lượt"
_BASES = {
    _f("người"): "người",
    _f("lượt người"): "người",
    _f("lượt"): "người",
    _f("lượt khách"): "người",
    _f("khách"): "người",
    _f("đồng"): "đồng",
    _f("đồng/người"): "đồng",
    _f("usd"): "USD",
    _f("usd/người"): "USD",
    _f("%"): "%",
    _f(""): "",
    _f("giường"): "giường",
    _f("giường bệnh"): "giường",
    _f("bác sĩ"): "bác sĩ",
    _f("bác sỹ"): "bác sĩ",
    _f("nhà"): "nhà",
    _f("căn"): "nhà",
    _f("căn nhà"): "nhà",
    _f("tuổi"): "năm tuổi",
    _f("năm"): "năm",
}
_DIMENSION_LABELS = {
    "người": "số người (người, lượt)",
    "đồng": "tiền đồng",
    "USD": "tiền đô la Mỹ",
    "%": "tỷ lệ phần trăm",
    "": "chỉ số không đơn vị",
}


def parse_unit(text: str) -> Unit:
    """ "Nghìn người" -> (người, 1000); "tỷ đồng" -> (đồng, 10^9); unknown words keep their own dimension."""
    raw = text.strip()
    key = _f(raw)
    if "%" in raw:
        # "%/năm" is a yearly rate, not a level share
        return Unit("%/năm" if "năm" in raw.lower() else "%", Decimal(1), raw)
    words = key.split()
    factor = Decimal(1)
    while words and words[0] in _SCALES:
        factor *= _SCALES[words[0]]
        words = words[1:]
    rest = " ".join(words)
    # "triệu đồng/người": per head, the same money per person that "Triệu đồng" means under a
    # per-head indicator; "/lao động/năm" likewise names the productivity's own denominator.
    for tail in (" người", " lao động năm", " lao động"):
        if rest.endswith(tail) and rest[: -len(tail)] in (_f("đồng"), _f("usd")):
            rest = rest[: -len(tail)]
    dimension = _BASES.get(rest, rest)
    return Unit(dimension, factor, raw)


def units_convert(a: str, b: str) -> tuple[bool, str]:
    """Whether a value in ``a`` can be stated in ``b``, and the reason in Vietnamese."""
    ua, ub = parse_unit(a), parse_unit(b)
    la, lb = a.strip() or "không đơn vị", b.strip() or "không đơn vị"
    if ua.dimension != ub.dimension:
        what_a = _DIMENSION_LABELS.get(ua.dimension, f"“{ua.dimension}”")
        what_b = _DIMENSION_LABELS.get(ub.dimension, f"“{ub.dimension}”")
        why = f"“{la}” đo {what_a}, “{lb}” đo {what_b}: không đổi được"
        if {ua.dimension, ub.dimension} == {"đồng", "USD"}:
            why += " (đổi giữa đồng và USD cần tỷ giá, không phải đổi đơn vị)"
        return False, why
    if ua.factor == ub.factor and _f(a) == _f(b):
        return True, "cùng đơn vị"
    ratio = ua.factor / ub.factor
    if ratio >= 1:
        return True, f"1 {la} = {format_number(ratio)} {lb}"
    return True, f"1 {lb} = {format_number(1 / ratio)} {la}"


def convert(value: Decimal, from_unit: str, to_unit: str) -> Decimal:
    """``value`` in ``from_unit`` stated in ``to_unit``; refuses units that do not convert."""
    ok, why = units_convert(from_unit, to_unit)
    if not ok:
        raise UnitError(why)
    return value * parse_unit(from_unit).factor / parse_unit(to_unit).factor


# -- proposals ---------------------------------------------------------------------------

# Below this a pair is too unlike to put before a person.
PROPOSE_AT = Decimal("0.7")


@dataclass(frozen=True)
class NamedIndicator:
    """What matching needs of a catalog indicator: its id, name, unit, parent and plans."""

    id: int
    name: str
    unit: str
    parent_name: str = ""
    plans: frozenset[int] = field(default_factory=frozenset)


@dataclass(frozen=True)
class LinkProposal:
    """Two indicators that look like one, with a score in [0, 1] and the reasons."""

    a: int
    b: int
    score: Decimal
    reasons: tuple[str, ...]

    @property
    def reason(self) -> str:
        return "; ".join(self.reasons)


def _full_name(ind: NamedIndicator) -> str:
    return f"{ind.parent_name} {ind.name}" if ind.parent_name else ind.name


def _pair_score(a: NamedIndicator, b: NamedIndicator) -> LinkProposal | None:
    ok, unit_reason = units_convert(a.unit, b.unit)
    if not ok:
        return None
    score, reasons = name_similarity(_full_name(a), _full_name(b))
    if score < PROPOSE_AT:
        return None
    if bool(a.parent_name) != bool(b.parent_name):
        reasons = [*reasons, "một bên là dòng con của cơ cấu, bên kia là dòng riêng"]
    if unit_reason != "cùng đơn vị":
        reasons = [*reasons, f"đơn vị đổi được: {unit_reason}"]
    lo, hi = sorted((a.id, b.id))
    return LinkProposal(lo, hi, score, tuple(reasons))


def propose_links(
    indicators: list[NamedIndicator],
    *,
    refused: AbstractSet[tuple[int, int]] = frozenset(),
) -> list[LinkProposal]:
    """Pairs that look like one indicator, best first.

    Two indicators set in the same plan are two things (the plan would not set one twice);
    a pair in ``refused`` (split or already decided by a person) is never proposed again.
    """
    out: list[LinkProposal] = []
    for i, a in enumerate(indicators):
        for b in indicators[i + 1 :]:
            if a.plans & b.plans:
                continue
            pair = (min(a.id, b.id), max(a.id, b.id))
            if pair in refused:
                continue
            p = _pair_score(a, b)
            if p is not None:
                out.append(p)
    out.sort(key=lambda p: (-p.score, p.a, p.b))
    return out
