"""Numbers in a clause: which are targets (a number with a unit, or with a word that makes it
a target before it: "đạt", "khoảng", "trên", "≥" …), which are never targets (years, dates,
document numbers, "05 nhiệm vụ", footnote marks, "trên 1 vạn dân"), and which are malformed."""

from __future__ import annotations

import re
from dataclasses import dataclass

from chitieu.core.numbers import parse_number
from chitieu.core.targets import Kind, Target
from chitieu.core.text import clean, fold

_NUM = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"


_VALUE = re.compile(rf"(?P<a>{_NUM})\s*(?P<pa>%)?(?:\s*(?:-|–|đến)\s*(?P<b>{_NUM})(?!\s*/))?")


# Units, longest first; "count" units are things counted ("13,5 bác sĩ"), named after the number.
_MEASURES = [
    "%/năm",
    "%",
    "nghìn tỷ đồng",
    "tỷ đồng",
    "tỉ đồng",
    "triệu đồng/lao động/năm",
    "triệu đồng/người",
    "triệu đồng",
    "nghìn đồng",
    "tỷ USD",
    "tỉ USD",
    "triệu USD",
    "tỉ đô la Mỹ",
    "tỷ đô la Mỹ",
    "đô la Mỹ",
    "USD",
    "triệu lượt người",
    "triệu lượt",
    "lượt người",
    "nghìn lượt",
    "lượt khách",
    "lượt",
    "nghìn người",
    "triệu người",
    "người",
    "tuổi",
    "nghìn tấn",
    "triệu tấn",
    "tấn",
    "ha",
    "km",
    "MW",
    "lần",
    "điểm phần trăm",
    "điểm %",
    "điểm",
]


COUNTS = [
    "bác sĩ",
    "bác sỹ",
    "giường bệnh",
    "căn",
    "khu công nghiệp",
    "cụm công nghiệp",
    "tập đoàn",
    "doanh nghiệp",
    "hợp tác xã",
    "sản phẩm",
    "dự án",
    "trường",
    "xã",
    "phường",
    "thôn",
]


_UNIT = re.compile(
    r"\s*(?P<unit>"
    + "|".join(re.escape(u) for u in sorted(_MEASURES + COUNTS, key=len, reverse=True))
    + r")(?![^\W\d_])",
    re.I,
)


_MARKERS = [
    "không vượt quá",
    "không quá",
    "không dưới",
    "không thấp hơn",
    "tối thiểu",
    "ít nhất",
    "tối đa",
    "khoảng",
    "xấp xỉ",
    "trên",
    "hơn",
    "dưới",
    "từ",
    "đạt",
    "là",
    "chiếm",
    "bằng",
    "ở mức",
    "mức",
    "duy trì",
    "giảm",
    "tăng thêm",
    "tăng",
    "gấp",
    "có",
    "thu hút",
    "≥",
    "≤",
    ">=",
    "<=",
    ">",
    "<",
]


_MARKER_END = re.compile(
    r"(?:^|(?<=[\s,(]))(?P<m>" + "|".join(re.escape(m) for m in _MARKERS) + r")\s*$", re.I
)


# Numbers that are never targets.
_NOT_TARGETS = [
    re.compile(r"\[\d+\]"),  # footnote marks
    re.compile(r"\b\d{1,2}/\d{1,2}/\d{4}\b"),  # dates
    re.compile(r"\bngày\s+\d{1,2}(?:\s+tháng\s+\d{1,2})?(?:\s+năm\s+\d{4})?", re.I),
    re.compile(r"\b\d+[-/][A-ZĐ][\w/\-]*"),  # document numbers "98-CTr/TU", "18/KH-UBND"
    re.compile(r"\b\d+/\d{4}/[A-ZĐ][\w\-]*"),  # "244/2025/QH15"
    re.compile(r"\bsố\s+\d+", re.I),
    re.compile(r"\b(?:Điều|khoản|mục|chương|phần|phụ lục)\s+\d+", re.I),
    re.compile(r"\b(?:19|20)\d{2}\s*[-–]\s*(?:19|20)\d{2}\b"),
    re.compile(r"\b(?:năm|giai đoạn|thời kỳ)\s+(?:19|20)\d{2}\b", re.I),
    re.compile(
        r"\b\d+\s+(?:tháng|nhiệm vụ|giải pháp|nhóm|tiêu chí|lĩnh vực|nội dung|điều|khoản|lần thứ)\b",
        re.I,
    ),
    re.compile(r"(?:trên|/|mỗi)\s*\d+(?:[.,]\d+)?\s*(?:vạn|nghìn|triệu)?\s*dân\b", re.I),
]


@dataclass
class Found:
    start: int  # where the target's words begin in the clause
    end: int
    markers: list[str]
    low: str
    high: str
    unit: str
    at_least: bool  # "… trở lên"
    text: str


def _masked(text: str) -> list[tuple[int, int]]:
    spans = [m.span() for p in _NOT_TARGETS for m in p.finditer(text)]
    # A parenthesis is a qualifier ("(theo chuẩn nghèo … 2026 - 2030)") unless it adds a target.
    for m in re.finditer(r"\(([^()]*)\)", text):
        if not re.match(r"\s*(?:tương đương|trong đó)", m.group(1), re.I):
            spans.append(m.span())
    return spans


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in spans)


_TOKEN = re.compile(r"\d[\d.,]*\d|\d")


def find(clause: str) -> tuple[list[Found], list[str], list[str]]:
    """Targets in a clause, the numbers left that are no target, and numbers written wrongly
    ("1.23.456": a figure read differently from what was meant is worse than none)."""
    spans = _masked(clause)
    found: list[Found] = []
    stray: list[str] = []
    malformed: list[str] = []
    pos = 0
    for m in _VALUE.finditer(clause):
        if m.start() < pos or _inside(m.start(), spans):
            continue
        token = _TOKEN.match(clause, m.start())
        if token and token.group(0) != m.group("a"):
            malformed.append(token.group(0))
            pos = token.end()
            continue
        if m.start() > 0 and (clause[m.start() - 1].isalnum() or clause[m.start() - 1] in ".,/"):
            continue
        end = m.end()
        unit = "%" if m.group("pa") and not m.group("b") else ""
        u = _UNIT.match(clause, end)
        if u and not unit:
            unit, end = u.group("unit"), u.end()
        elif m.group("pa") or (
            m.group("b") and clause[m.end() : m.end() + 2].strip().startswith("%")
        ):
            if clause[end:].lstrip().startswith("%"):
                end = clause.index("%", end) + 1
            if clause[end:].startswith("/năm"):
                end += 4
                unit = "%/năm"
            else:
                unit = "%"
        at_least = False
        if t := re.match(r"\s*trở lên", clause[end:], re.I):
            at_least, end = True, end + t.end()
        before = clause[: m.start()]
        markers: list[str] = []
        while mk := _MARKER_END.search(before):
            markers.insert(0, mk.group("m").lower())
            before = before[: mk.start()]
        if not unit and not markers:
            stray.append(m.group(0).strip())
            continue
        start = len(before.rstrip())
        found.append(
            Found(
                start,
                end,
                markers,
                m.group("a"),
                m.group("b") or "",
                unit,
                at_least,
                clean(clause[start:end]),
            )
        )
        pos = end
    return found, stray, malformed


def target_of(f: Found, stem: str) -> Target:
    low = parse_number(f.low)
    high = parse_number(f.high) if f.high else None
    ms = set(f.markers)
    s_key = fold(stem)
    if high is not None and not f.at_least:
        low, high = min(low, high), max(low, high)
        return Target(Kind.RANGE, low=low, high=high, unit=f.unit, text=f.text)
    if f.at_least or ms & {"tối thiểu", "ít nhất", "không dưới", "không thấp hơn", "≥", ">="}:
        return Target(Kind.MIN, low=low, unit=f.unit, text=f.text)
    if ms & {"trên", "hơn", ">"}:
        return Target(Kind.MIN, low=low, strict=True, unit=f.unit, text=f.text)
    if ms & {"tối đa", "không quá", "không vượt quá", "≤", "<="}:
        return Target(Kind.MAX, high=low, unit=f.unit, text=f.text)
    if ms & {"dưới", "<"}:
        return Target(Kind.MAX, high=low, strict=True, unit=f.unit, text=f.text)
    if "duy trì" in ms or s_key.startswith(fold("duy trì")):
        return Target(Kind.MAINTAIN, value=low, unit=f.unit, text=f.text)
    if f.markers and f.markers[-1] == "giảm":
        return Target(Kind.REDUCE_BY, value=low, unit=f.unit, text=f.text)
    if "tăng thêm" in ms:
        return Target(Kind.INCREASE_BY, value=low, unit=f.unit, text=f.text)
    if ms & {"khoảng", "xấp xỉ"}:
        return Target(Kind.APPROX, value=low, unit=f.unit, text=f.text)
    return Target(Kind.EXACT, value=low, unit=f.unit, text=f.text)
