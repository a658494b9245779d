"""Reader for plans written in prose: numbered targets "(1) … đạt khoảng 111.100 tỷ đồng",
dash and bullet lists, several targets in one sentence, targets inside paragraphs.

Only the sections whose heading speaks of targets ("Các chỉ tiêu chủ yếu", "Mục tiêu cụ thể")
are read: elsewhere a plan's numbers are results, counts of tasks or dates. Inside them every
clause (the text between semicolons) is searched for targets: a number with a unit or with a
word that makes it a target before it ("đạt", "khoảng", "trên", "≥" …). Numbers that are never
targets (years, dates, document numbers, "05 nhiệm vụ", footnote marks, "trên 1 vạn dân") are
masked first; a clause left with numbers but no readable target becomes a row with an error for
the person to type or skip, never a guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from chitieu.core.numbers import NumberError, parse_number
from chitieu.core.targets import Kind, Target
from chitieu.core.text import clean, fold

from .agencies import Directory
from .heading import apply_identity, read_identity, read_text_identity
from .records import Document, ImportError_, Row

_NUM = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
_VALUE = re.compile(rf"(?P<a>{_NUM})\s*(?P<pa>%)?(?:\s*(?:-|–|đến)\s*(?P<b>{_NUM})(?!\s*/))?")
# Units, longest first; "count" units are things counted ("13,5 bác sĩ"), named after the number.
_MEASURES = [
    "%/năm", "%", "nghìn tỷ đồng", "tỷ đồng", "tỉ đồng", "triệu đồng/lao động/năm",
    "triệu đồng/người", "triệu đồng", "nghìn đồng", "tỷ USD", "tỉ USD", "triệu USD",
    "tỉ đô la Mỹ", "tỷ đô la Mỹ", "USD", "triệu lượt người", "triệu lượt", "lượt người",
    "nghìn lượt", "lượt khách", "lượt", "nghìn người", "triệu người", "người", "tuổi",
    "nghìn tấn", "triệu tấn", "tấn", "ha", "km", "MW", "lần", "điểm",
]
_COUNTS = [
    "bác sĩ", "bác sỹ", "giường bệnh", "căn", "khu công nghiệp", "cụm công nghiệp", "tập đoàn",
    "doanh nghiệp", "hợp tác xã", "sản phẩm", "dự án", "trường", "xã", "phường", "thôn",
]
_UNIT = re.compile(
    r"\s*(?P<unit>"
    + "|".join(re.escape(u) for u in sorted(_MEASURES + _COUNTS, key=len, reverse=True))
    + r")(?![^\W\d_])",
    re.I,
)
_MARKERS = [
    "không vượt quá", "không quá", "không dưới", "không thấp hơn", "tối thiểu", "ít nhất",
    "tối đa", "khoảng", "xấp xỉ", "trên", "hơn", "dưới", "từ", "đạt", "là", "chiếm", "bằng",
    "ở mức", "mức", "duy trì", "giảm", "tăng thêm", "tăng", "gấp", "có", "thu hút", "≥", "≤",
    ">=", "<=", ">", "<",
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
    re.compile(r"\bsố\s+\d+", re.I),
    re.compile(r"\b(?:Điều|khoản|mục|chương|phần|phụ lục)\s+\d+", re.I),
    re.compile(r"\b(?:19|20)\d{2}\s*[-–]\s*(?:19|20)\d{2}\b"),
    re.compile(r"\b(?:năm|giai đoạn|thời kỳ)\s+(?:19|20)\d{2}\b", re.I),
    re.compile(r"\b\d+\s+(?:tháng|nhiệm vụ|giải pháp|nhóm|tiêu chí|lĩnh vực|nội dung|điều|khoản|lần thứ)\b", re.I),
    re.compile(r"(?:trên|/|mỗi)\s*\d+(?:[.,]\d+)?\s*(?:vạn|nghìn|triệu)?\s*dân\b", re.I),
]
_HEADING = re.compile(
    r"^(?P<mark>Phần\s+[IVX\d]+\.?|Điều\s+\d+\.|[IVX]+\.|\d+(?:\.\d+)*\.|[a-zđ]\))\s+(?P<text>\S.*)$"
)
_ITEM_NO = re.compile(r"(?:^|(?<=[\s.;]))\((?P<n>\d{1,3})\)\s+")
_BULLET = re.compile(r"^(?P<b>[-+•–*])\s+")
_HORIZON_LEAD = re.compile(r"^(?:Đến|Tới|Vào)\s+(?:hết\s+)?năm\s+(?P<y>\d{4})\s*[,:]?\s*", re.I)
_HORIZON = re.compile(r"\s*,?\s*(?:đến|tới|vào)\s+(?:hết\s+)?năm\s+(?P<y>\d{4})\b", re.I)
_SPAN_IN = re.compile(r"\s*(?:thời kỳ|giai đoạn)\s+(?P<a>\d{4})\s*[-–]\s*(?P<b>\d{4})", re.I)
_YEARLY = re.compile(r"hằng năm|hàng năm|mỗi năm|/năm|cả giai đoạn", re.I)
_TARGET_WORDS = (fold("chỉ tiêu"), fold("mục tiêu"))
_NOT_TARGET_SECTIONS = ("mục tiêu tổng quát", "mục tiêu chung", "tầm nhìn", "định hướng", "mục đích", "quan điểm")
_CONNECTORS = ("tương đương", "và", "hay", "hoặc", "trong đó", "trong đó có", "riêng")


@dataclass
class _Found:
    start: int  # where the target's words begin in the clause
    end: int
    markers: list[str]
    low: str
    high: str
    unit: str
    at_least: bool  # "… trở lên"
    text: str


@dataclass
class _Section:
    level: int
    reads: bool
    horizon: str
    group: str


@dataclass
class _Item:
    line: int
    no: str | None
    text: str
    group: str
    horizon: str
    rows: list[Row] = field(default_factory=list)


def _level(mark: str) -> int:
    if not mark:
        return 5  # "Mục tiêu đến năm 2030" without a number: below numbered headings
    if mark.lower().startswith("phần"):
        return 0
    if mark.startswith("Điều") or re.fullmatch(r"[IVX]+\.", mark):
        return 1
    if mark.endswith(")"):
        return 9
    return 1 + mark.count(".")


_BARE_HEADING = re.compile(r"^(?P<mark>)(?P<text>(?:Các |Một số )?(?:mục tiêu|chỉ tiêu)\b[^.;:]{0,90})$", re.I)


def _is_heading(text: str) -> re.Match[str] | None:
    """A numbered heading ("2.1. Chỉ tiêu kinh tế"), or an unnumbered one naming targets."""
    if m := _BARE_HEADING.match(text):
        return m
    m = _HEADING.match(text)
    if m and len(text) < 220 and not text.rstrip().endswith((".", ";")):
        return m
    return None


def paragraphs(lines: list[str]) -> list[tuple[int, str]]:
    """Lines joined back into paragraphs where a PDF broke them: a line that does not open a
    heading, a list item or a numbered target continues the one above when that one did not end
    its sentence, or when it starts in lower case or with a figure."""
    out: list[tuple[int, str]] = []
    for n, raw in enumerate(lines, start=1):
        text = clean(re.sub(r"\*+", "", raw))
        if not text or set(text) <= set("-_=|"):
            continue
        if out:
            prev_line, prev = out[-1]
            opens = bool(_HEADING.match(text) or _BULLET.match(text) or _ITEM_NO.match(text))
            lower = text[:1].islower() or (text[:1].isdigit() and not opens)
            prev_open = not prev.endswith((".", ";", ":", "!", "?"))
            prev_heading = bool(_is_heading(prev))
            caps_cont = prev_heading and prev.upper() == prev and text.upper() == text
            if not opens and (lower or caps_cont or (prev_open and not prev_heading)):
                out[-1] = (prev_line, f"{prev} {text}")
                continue
        out.append((n, text))
    return out


def _items(doc: Document, paras: list[tuple[int, str]]) -> list[_Item]:
    """The paragraphs of the target sections, split into numbered or listed items."""
    items: list[_Item] = []
    stack: list[_Section] = []
    expected = 1
    for line, text in paras:
        if (h := _is_heading(text)) and not _ITEM_NO.match(text):
            level = _level(h.group("mark"))
            while stack and stack[-1].level >= level:
                stack.pop()
            key = fold(h.group("text"))
            parent_reads = bool(stack) and stack[-1].reads
            skip = any(key.startswith(fold(w)) for w in _NOT_TARGET_SECTIONS)
            reads = (parent_reads or any(w in key for w in _TARGET_WORDS)) and not skip
            if skip and parent_reads:
                doc.warnings.append(
                    f"Dòng {line}: mục “{h.group('text')}” là mục tiêu chung/định hướng, "
                    "không đọc thành chỉ tiêu."
                )
            hz = _HORIZON.search(h.group("text"))
            horizon = hz.group("y") if hz else (stack[-1].horizon if stack else "")
            group = h.group("text") if reads else ""
            if reads and parent_reads and level < 9 and not any(w in key for w in _TARGET_WORDS):
                group = h.group("text")
            stack.append(_Section(level, reads, horizon, group or (stack[-1].group if stack else "")))
            continue
        if not stack or not stack[-1].reads:
            continue
        sec = stack[-1]
        starts = [m for m in _ITEM_NO.finditer(text)]
        numbered = [m for m in starts if int(m.group("n")) >= expected]
        if numbered and numbered[0].start() == 0:
            bounds = []
            for m in numbered:
                if int(m.group("n")) == expected:
                    bounds.append(m)
                    expected += 1
            for k, m in enumerate(bounds):
                end = bounds[k + 1].start() if k + 1 < len(bounds) else len(text)
                items.append(_Item(line, m.group("n"), text[m.end() : end].strip(), sec.group, sec.horizon))
            continue
        b = _BULLET.match(text)
        items.append(
            _Item(line, b.group("b") if b else None, text[b.end() :] if b else text, sec.group, sec.horizon)
        )
    return items


def _masked(text: str) -> list[tuple[int, int]]:
    spans = [m.span() for p in _NOT_TARGETS for m in p.finditer(text)]
    # A parenthesis is a qualifier ("(theo chuẩn nghèo … 2026 - 2030)") unless it adds a target.
    for m in re.finditer(r"\(([^()]*)\)", text):
        if not re.match(r"\s*(?:tương đương|trong đó)", m.group(1), re.I):
            spans.append(m.span())
    return spans


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in spans)


def _find(clause: str) -> tuple[list[_Found], list[str]]:
    """Targets in a clause, and the numbers left that are no target."""
    spans = _masked(clause)
    found: list[_Found] = []
    stray: list[str] = []
    pos = 0
    for m in _VALUE.finditer(clause):
        if m.start() < pos or _inside(m.start(), spans):
            continue
        if m.start() > 0 and (clause[m.start() - 1].isalnum() or clause[m.start() - 1] in ".,/"):
            continue
        end = m.end()
        unit = "%" if m.group("pa") and not m.group("b") else ""
        u = _UNIT.match(clause, end)
        if u and not unit:
            unit, end = u.group("unit"), u.end()
        elif m.group("pa") or (m.group("b") and clause[m.end() : m.end() + 2].strip().startswith("%")):
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
            _Found(start, end, markers, m.group("a"), m.group("b") or "", unit, at_least, clean(clause[start:end]))
        )
        pos = end
    return found, stray


def _target(f: _Found, stem: str) -> Target:
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


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _tidy(stem: str) -> str:
    s = clean(stem).strip(" ,;:.")
    s = re.sub(r"^(?:trong đó|riêng)\s*,?\s*(?:có\s+)?", "", s, flags=re.I)
    s = re.sub(r"^duy trì\s+", "", s, flags=re.I)
    s = re.sub(r"\s+(?:đạt|là|ở|bằng|chiếm|mức)$", "", s, flags=re.I)
    return clean(s).strip(" ,;:")


def _split_clauses(text: str) -> list[str]:
    """Clauses: split at semicolons and full stops outside parentheses."""
    out, depth, cur = [], 0, ""
    for k, ch in enumerate(text):
        depth += ch == "("
        depth -= ch == ")" and depth > 0
        end_sentence = ch == "." and depth == 0 and text[k + 1 : k + 2] == " " and text[k + 2 : k + 3].isupper()
        if (ch == ";" and depth == 0) or end_sentence:
            out.append(cur)
            cur = ""
            continue
        cur += ch
    out.append(cur)
    return [c.strip(" .") for c in out if c.strip(" .")]


def _period(stem: str, sticky: str, plan: str) -> tuple[str, str, str]:
    """The row's period and the stem without its period words; the horizon that sticks."""
    # Years inside a qualifier ("(theo chuẩn nghèo … giai đoạn 2026 - 2030)") are not the period.
    flat = re.sub(r"\([^()]*\)", lambda m: " " * len(m.group(0)), stem)
    if m := _SPAN_IN.search(flat):
        return f"{m.group('a')}-{m.group('b')}", clean(stem[: m.start()] + stem[m.end() :]), sticky
    if m := _HORIZON.search(flat):
        return m.group("y"), clean(stem[: m.start()] + stem[m.end() :]), m.group("y")
    if _YEARLY.search(flat):
        stem = re.sub(r"\s*cả giai đoạn", "", stem, flags=re.I)
        return plan, clean(stem), sticky
    return sticky or plan, stem, sticky


def _item_rows(item: _Item, doc: Document) -> list[Row]:
    rows: list[Row] = []
    # "(tương đương khoảng 5.400 USD)", "(trong đó, công nghiệp tăng 14 - 15%)" add targets.
    text = re.sub(r"\(\s*(tương đương[^()]*)\)", r", \1", item.text, flags=re.I)
    text = re.sub(r"\(\s*trong đó,?\s*([^()]*)\)", r"; trong đó \1", text, flags=re.I)
    sticky = item.horizon
    if m := _HORIZON_LEAD.match(text):
        sticky, text = m.group("y"), text[m.end() :]
    parent: Row | None = None
    structure = False
    head, sep, rest = text.partition(":")
    if sep and rest.strip() and not _find(head)[0] and not _find(head)[1]:
        if m := _HORIZON_LEAD.match(head.strip() + " "):
            sticky = m.group("y")
            text = rest
        else:
            period, name, sticky = _period(head, sticky, doc.period_code)
            parent = Row(line=item.line, no=item.no, parent_no=None, group=item.group, name=_cap(_tidy(name)), raw=text, period=period, source=item.text)
            rows.append(parent)
            structure = True
            text = rest
    first: Row | None = None
    breakdown = False
    for clause in _split_clauses(text):
        found, stray = _find(clause)
        if not found:
            if stray:
                rows.append(Row(line=item.line, no=None, parent_no=None, group=item.group, name=_cap(clean(clause)), raw=clause, source=item.text, error=(
                    f"câu có số ({', '.join(stray)}) nhưng không đọc được mục tiêu; hãy nhập mục tiêu hoặc bỏ qua dòng này")))
            continue
        prev_name = ""
        prev_end = 0
        for k, f in enumerate(found):
            stem = clause[prev_end : f.start]
            in_td = fold("trong đó") in fold(stem)  # "…, trong đó ngành X tăng 3%"
            breakdown = breakdown or in_td
            tail_end = found[k + 1].start if k + 1 < len(found) else len(clause)
            raw_tail = clause[f.end : tail_end]
            # A tail that opens with a comma or "và" is the next target's subject, not this one's.
            tail = "" if re.match(r"\s*(?:,|và\b)", raw_tail) and k + 1 < len(found) else raw_tail
            tail = re.sub(r"^\s*(?:và|,)\s*|\s*(?:,|và)\s*$", "", tail).strip()
            period, stem, sticky = _period(stem, sticky, doc.period_code)
            name = _tidy(stem)
            connector = not name or fold(name) in {fold(c) for c in _CONNECTORS}
            where = "" if connector else name
            is_count = any(fold(f.unit) == fold(c) for c in _COUNTS)
            qualifier = tail if tail.startswith("(") else ""
            phrase = "" if qualifier else tail
            if is_count and re.match(r"(?:số|tổng)\b", where.lower()):
                # "số bác sĩ đạt 15 bác sĩ trên 1 vạn dân": the subject is named; keep a "per" tail
                if re.match(r"(?:trên|/|cho mỗi)\s", phrase):
                    name = f"{name} {phrase}"
            elif is_count:
                shared = "" if phrase else clause[found[-1].end :].strip()
                name = f"số {f.unit.lower()} {phrase or shared}".strip()
                if where:
                    name = f"{name} {where[:1].lower() + where[1:]}"
                if f.markers and f.markers[0] == "thu hút":
                    name = f"thu hút {f.unit.lower()} {phrase}".strip()
            elif phrase and (connector or fold(where) in {fold("toàn tỉnh"), fold("trên địa bàn tỉnh")}):
                if f.unit == "%":
                    name = phrase if re.match(r"tỷ lệ|tỉ lệ|tỷ trọng", phrase, re.I) else f"tỷ lệ {phrase}"
                else:
                    name = f"số {phrase}"
            elif "chiếm" in f.markers and f.unit == "%" and phrase and name:
                name = f"tỷ trọng {name[:1].lower() + name[1:]} trong {phrase}"
            elif k > 0 and connector:
                name = prev_name
            elif k > 0 and name and len(name.split()) <= 2 and prev_name and not in_td:
                name = f"{prev_name} {name} {phrase}".strip()
            used_phrase = bool(phrase) and fold(phrase) in fold(name)
            if qualifier:
                name = f"{name} {qualifier}"
            name = clean(name)
            sibling = (
                first is not None and not structure and name != first.name and (k == 0 or in_td)
            )
            short = len(name.split()) <= 8 and not re.match(r"tỷ lệ|tỉ lệ|tỷ trọng|tổng|số", name, re.I)
            if sibling and short and first is not None:
                sector = re.sub(r"^(?:ngành|khu vực)\s+", "", name, flags=re.I)
                if breakdown:
                    name, period = f"{first.name} - {sector}", first.period
                elif " khu vực " in first.name:
                    name = f"{first.name.split(' khu vực ')[0]} khu vực {sector[:1].lower() + sector[1:]}"
            if structure:
                name = re.sub(r"^(?:khu vực|ngành)\s+", "", name, flags=re.I)
            name = _cap(clean(name))
            try:
                target = _target(f, stem)
                error = ""
            except NumberError as exc:
                target, error = None, f"không đọc được số trong “{f.text}”: {exc}"
            row = Row(
                line=item.line, no=None, parent_no=None, group=item.group, name=name, unit=f.unit,
                target_text=f.text, target=target, raw=clean(clause), period=period, source=item.text, error=error,
            )
            if first is None and not structure:
                first = row
            rows.append(row)
            prev_name = name
            prev_end = tail_end if used_phrase else f.end
    if rows and rows[0] is not parent:
        rows[0].no = item.no
    for r in rows[1:]:
        r.parent_no = item.no if item.no not in (None, "-", "+", "•", "–", "*") else None
    return rows


def read_prose(text: str, document: Document, directory: Directory) -> Document:
    """Read a plan written in prose; raise :class:`ImportError_` when no target section holds a target."""
    del directory  # targets in prose name no agency; kept for the readers' common signature
    lines = text.splitlines()
    ident = read_identity(lines) or read_text_identity(lines)
    apply_identity(document, ident)
    paras = paragraphs(lines)
    for item in _items(document, paras):
        document.rows.extend(_item_rows(item, document))
    if not any(r.target for r in document.rows):
        raise ImportError_(
            f"{document.source_name}: không tìm thấy bảng chỉ tiêu, cũng không tìm thấy mục "
            "“chỉ tiêu”/“mục tiêu” nào có chỉ tiêu đọc được trong văn bản."
        )
    document.layout = "prose"
    return document
