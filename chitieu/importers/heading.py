"""The document's identity: the legal reference printed above an appendix ("Kèm theo Kế hoạch
số …"), the Decree 30 heading of a whole document (issuer, "Số: …", place and date, kind, title),
or, for a text that lost its heading, what its own opening sentence and signature say."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from chitieu.core.text import clean, fold

from .records import Document

_KINDS = ["Chương trình hành động", "Kế hoạch", "Quyết định", "Nghị quyết", "Kết luận", "Công văn"]
_REF = re.compile(
    r"(?P<kind>" + "|".join(_KINDS) + r")\s+số\s+(?P<num>\d+)\s*/\s*(?P<suffix>[A-ZĐ][A-ZĐa-z\-]*)"
    r"(?:\s+ngày\s+(?P<date>\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4}|\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}))?"
    r"(?:\s+của\s+(?P<issuer>[^)]+))?",
    re.I,
)
_SPAN = re.compile(r"(\d{4})\s*[-–]\s*(\d{4})")
_YEAR = re.compile(r"(?:năm|NĂM)\s+(\d{4})")


def parse_date(text: str) -> date | None:
    """Read "19/01/2024" or "07 tháng 4 năm 2026"."""
    nums = [int(n) for n in re.findall(r"\d+", text)]
    if len(nums) != 3:
        return None
    try:
        return date(nums[2], nums[1], nums[0])
    except ValueError:
        return None


def period_from(text: str) -> str:
    """ "2026 - 2030" -> "2026-2030"; "năm 2024" or "2023" -> the year; "" if none."""
    if m := _SPAN.search(text):
        return f"{m.group(1)}-{m.group(2)}"
    if m := _YEAR.search(text):
        return m.group(1)
    if m := re.search(r"\b(19|20)\d{2}\b", text):
        return m.group(0)
    return ""


# -- the Decree 30 heading ------------------------------------------------------------------

# The kind as printed in capitals on its own line, and as abbreviated in the number.
_KIND_WORDS = {
    "KẾ HOẠCH": "Kế hoạch",
    "QUYẾT ĐỊNH": "Quyết định",
    "NGHỊ QUYẾT": "Nghị quyết",
    "CÔNG ĐIỆN": "Công điện",
    "CHỈ THỊ": "Chỉ thị",
    "CHƯƠNG TRÌNH HÀNH ĐỘNG": "Chương trình hành động",
    "CHƯƠNG TRÌNH": "Chương trình",
    "KẾT LUẬN": "Kết luận",
    "THÔNG BÁO": "Thông báo",
    "BÁO CÁO": "Báo cáo",
}
_KIND_BY_FOLD = {fold(k): v for k, v in _KIND_WORDS.items()}
_KIND_ABBR = {
    "KH": "Kế hoạch",
    "QĐ": "Quyết định",
    "NQ": "Nghị quyết",
    "CĐ": "Công điện",
    "CT": "Chỉ thị",
    "CTR": "Chương trình hành động",
    "KL": "Kết luận",
    "TB": "Thông báo",
    "BC": "Báo cáo",
}
_NUMBER = re.compile(r"^Số\s*[:：]\s*(?P<num>[^\s,;]*(?:\s*/\s*[^\s,;]+)*)", re.I)
_DATE = re.compile(
    r"(?P<place>(?:[^\W\d_]+\s+){0,3}[^\W\d_]+)\s*,\s*ngày\s+(?P<d>\d{1,2})\s+tháng\s+"
    r"(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4})",
    re.I,
)
_CELL_SPLIT = re.compile(r"\t|\|| {3,}")
_MARKUP = re.compile(r"[*#_`>]+")
_STOP_TITLE = ("căn cứ", "thực hiện", "triển khai", "theo đề nghị", "trên cơ sở", "xét đề nghị")
_AUTHORITIES = (
    "ủy ban nhân dân",
    "uỷ ban nhân dân",
    "quốc hội",
    "chính phủ",
    "thủ tướng",
    "bộ trưởng",
    "hội đồng nhân dân",
    "chủ tịch",
)


@dataclass
class Identity:
    """What a heading says about its document; empty strings where it says nothing."""

    issuer: str = ""
    number: str = ""
    place: str = ""
    issued_on: date | None = None
    kind: str = ""
    title: str = ""
    period: str = ""


def _cells(line: str) -> list[str]:
    return [c for c in (clean(_MARKUP.sub(" ", part)) for part in _CELL_SPLIT.split(line)) if c]


def _is_rule(text: str) -> bool:
    return bool(text) and set(text) <= set("-–—_= ")


def _is_motto(text: str) -> bool:
    key = fold(text)
    if key == fold("cộng"):  # "CỘNG" left alone on a line by a narrow column
        return True
    return any(
        w in key
        for w in (fold("cộng hòa"), fold("cộng hoà"), fold("chủ nghĩa việt nam"), fold("độc lập"))
    ) or _is_rule(text)


def _upperish(text: str) -> bool:
    """Printed in capitals (a line of figures only, such as "2026 - 2030", counts as capitals)."""
    letters = [c for c in text if c.isalpha()]
    return sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def _title_case(word: str) -> str:
    return word[:1].upper() + word[1:].lower()


def issuer_name(printed: str) -> str:
    """ "ỦY BAN NHÂN DÂN TỈNH BẮC NINH" -> "UBND tỉnh Bắc Ninh"; "THỦ TƯỚNG CHÍNH PHỦ" ->
    "Thủ tướng Chính phủ". Names not in capitals are kept as printed."""
    s = clean(printed)
    if not _upperish(s):
        return re.sub(r"^(?:Ủy|Uỷ) ban nhân dân", "UBND", s)
    key = fold(s)
    fixed = {
        fold("THỦ TƯỚNG CHÍNH PHỦ"): "Thủ tướng Chính phủ",
        fold("CHÍNH PHỦ"): "Chính phủ",
        fold("QUỐC HỘI"): "Quốc hội",
    }
    if key in fixed:
        return fixed[key]
    m = re.match(r"^(?:ỦY|UỶ) BAN NHÂN DÂN\s*(?:(TỈNH|THÀNH PHỐ|HUYỆN|XÃ|PHƯỜNG)\s+(.+))?$", s)
    if m:
        if not m.group(1):
            return "UBND"
        place = " ".join(_title_case(w) for w in m.group(2).split())
        return f"UBND {m.group(1).lower()} {place}"
    m = re.match(r"^HỘI ĐỒNG NHÂN DÂN\s+(TỈNH|THÀNH PHỐ)\s+(.+)$", s)
    if m:
        place = " ".join(_title_case(w) for w in m.group(2).split())
        return f"HĐND {m.group(1).lower()} {place}"
    return _title_case(s)


def title_period(title: str) -> str:
    """The period a title names: a span ("giai đoạn 2026 - 2030", "03 năm 2026 - 2028"), a year
    ("năm 2025"), a half year ("6 tháng cuối năm 2026" -> "2026-H2"); a horizon alone
    ("đến năm 2030") names no period."""
    text = re.sub(r"\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4}", " ", title)  # dates are not periods
    if m := _SPAN.search(text):
        return f"{m.group(1)}-{m.group(2)}"
    if m := re.search(r"6\s+tháng\s+(đầu|cuối)\s+năm\s+(\d{4})", text, re.I):
        return f"{m.group(2)}-{'H1' if fold(m.group(1)) == fold('đầu') else 'H2'}"
    for m in re.finditer(r"(?:(đến|tới|tầm nhìn|vào)\s+)?(?:hết\s+)?năm\s+(\d{4})", text, re.I):
        if not m.group(1):
            return m.group(2)
    return ""


def read_identity(lines: list[str]) -> Identity | None:
    """The Decree 30 heading wherever it stands in ``lines``; None when there is none."""
    rows = [_cells(line) for line in lines]
    at = next(
        ((i, j) for i, cells in enumerate(rows) for j, c in enumerate(cells) if _NUMBER.match(c)),
        None,
    )
    if at is None:
        return None
    i, j = at
    ident = Identity()
    num = re.sub(r"\s+", "", _NUMBER.match(rows[i][j]).group("num"))  # type: ignore[union-attr]
    ident.number = num if re.search(r"\d", num.split("/")[0]) else ""
    if "/" in num:
        suffix = num.split("/")[-1].split("-")[0].upper()
        ident.kind = _KIND_ABBR.get(suffix, "")
    ident.issuer = issuer_name(" ".join(_issuer_cells(rows, lines, i)))
    after = " ".join(" ".join(c) for c in [rows[i][j + 1 :], *rows[i + 1 : i + 6]])
    if m := _DATE.search(after):
        ident.place = _place(m.group("place"))
        ident.issued_on = parse_date(f"{m.group('d')}/{m.group('m')}/{m.group('y')}")
    kind_at = next(
        (
            k
            for k in range(i + 1, min(i + 14, len(rows)))
            if len(rows[k]) == 1 and fold(rows[k][0]) in _KIND_BY_FOLD
        ),
        None,
    )
    if kind_at is not None:
        ident.kind = _KIND_BY_FOLD[fold(rows[kind_at][0])]
        ident.title = _title_after(rows, kind_at, ident.issuer)
    ident.period = title_period(ident.title)
    return ident


def _issuer_cells(rows: list[list[str]], lines: list[str], number_row: int) -> list[str]:
    """The issuing body: the left column of a two-column heading, or the lines above the motto."""
    top = max(0, number_row - 14)
    motto = next(
        (
            k
            for k in range(top, number_row)
            if any(_is_motto(c) for c in rows[k]) and not all(_is_rule(c) for c in rows[k])
        ),
        None,
    )
    if motto is None:
        return []
    left = [
        c
        for k in range(motto, number_row)
        for c in rows[k][:1]
        if len(rows[k]) > 1 and not _is_motto(c)
    ]
    if left:
        return left
    found: list[str] = []
    for k in range(motto - 1, top - 1, -1):
        cells = [c for c in rows[k] if not _is_rule(c) and not _is_motto(c)]
        if not cells:
            if found and lines[k].strip() in ("", "|"):
                break  # the empty cell that opens the heading table
            continue
        found[:0] = cells
    return found


def _place(text: str) -> str:
    words = text.split()
    # The place is the capitalised words just before ", ngày".
    keep: list[str] = []
    for w in reversed(words):
        if not w[:1].isupper():
            break
        keep.insert(0, w)
    return " ".join(keep)


def _is_opening(text: str) -> bool:
    """Whether a line under the kind line is the text's opening sentence, not its title."""
    return (
        len(text) > 160
        or text.rstrip().endswith(":")
        or bool(re.search(r"\b(?:UBND|Ủy ban|Uỷ ban|ban hành)\b", text))
    )


def _title_after(rows: list[list[str]], kind_at: int, issuer: str) -> str:
    parts: list[str] = []
    for cells in rows[kind_at + 1 : kind_at + 10]:
        text = clean(" ".join(cells))
        if not text:
            if parts:
                break
            continue
        key = fold(text)
        # "Thực hiện Nghị quyết …, UBND tỉnh ban hành Kế hoạch như sau:" opens the text; a short
        # "Thực hiện các chỉ tiêu … năm 2026" right under the kind line is its title.
        opening = not parts and not _is_opening(text)
        if key == fold(issuer) or (
            not _upperish(text)
            and any(key.startswith(fold(w)) for w in _STOP_TITLE)
            and not opening
        ):
            break
        if any(key.startswith(fold(w)) for w in _AUTHORITIES) and parts:
            break
        if not parts and not _upperish(text):
            parts.append(text)  # "Về bổ sung …": a title in ordinary case takes one line
            break
        if not _upperish(text):
            break
        parts.append(text)
    return clean(" ".join(parts))


# -- a text without its heading -------------------------------------------------------------

_SELF = re.compile(
    r"(?P<issuer>(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân)(?:\s+(?:tỉnh|thành phố)"
    r"(?:\s+[A-ZĐÀ-Ỹ][^\s,;:]*){0,3})?)\s+(?:xây dựng|ban hành)\s+(?P<kind>kế hoạch|chương trình)"
    r"(?P<rest>[^:.]*?)\s*(?:như sau|với các nội dung|gồm các nội dung)",
    re.I,
)
_CITED = re.compile(r"^(?:Thực hiện|Triển khai)\s+(?P<what>.+?),\s*(?:UBND|Ủy ban|Uỷ ban)", re.I)
_PASSED = re.compile(r"thông qua ngày\s+(\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4})", re.I)
_SIGNED = re.compile(r"^TM\.\s*(ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN|HỘI ĐỒNG NHÂN DÂN)", re.M)


def read_text_identity(lines: list[str]) -> Identity:
    """What a text without a Decree 30 heading says of itself: a kind line at the top with the
    title under it, the opening sentence ("UBND tỉnh … xây dựng Kế hoạch … như sau"), the
    signature ("TM. ỦY BAN NHÂN DÂN") and, for a resolution, the day it was passed."""
    ident = Identity()
    rows = [_cells(line) for line in lines]
    head = [k for k, cells in enumerate(rows[:40]) if cells][:8]
    for k in head:
        if len(rows[k]) == 1 and fold(rows[k][0]) in _KIND_BY_FOLD:
            ident.kind = _KIND_BY_FOLD[fold(rows[k][0])]
            nxt = next((n for n in range(k + 1, len(rows)) if rows[n]), None)
            if nxt is not None:
                ident.title = clean(" ".join(rows[nxt]))
                auth = next((n for n in range(nxt + 1, len(rows)) if rows[n]), None)
                if auth is not None and len(rows[auth]) == 1 and _upperish(rows[auth][0]):
                    ident.issuer = issuer_name(rows[auth][0])
            break
    opening = clean(" ".join(line for line in lines[:60] if clean(line)))[:4000]
    if m := _SELF.search(opening):
        ident.issuer = ident.issuer or issuer_name(m.group("issuer"))
        ident.kind = ident.kind or m.group("kind")[:1].upper() + m.group("kind")[1:].lower()
        if not ident.title:
            rest = clean(m.group("rest"))
            ident.title = clean(f"{ident.kind} {rest}")
            cited = _CITED.match(opening[: m.start() + len(m.group("issuer")) + 10])
            if fold(rest) == fold("thực hiện") and cited:
                ident.title = clean(f"{ident.kind} thực hiện {cited.group('what')}")
    text = "\n".join(lines)
    if not ident.issuer and (s := _SIGNED.search(text)):
        ident.issuer = issuer_name(s.group(1))
    if m := _PASSED.search(text):
        ident.issued_on = parse_date(m.group(1))
    ident.period = title_period(ident.title)
    return ident


def apply_identity(doc: Document, ident: Identity) -> None:
    """Fill the document from a heading; what the heading leaves blank stays as it was."""
    for attr, value in (
        ("issuer", ident.issuer),
        ("number", ident.number),
        ("place", ident.place),
        ("doc_kind", ident.kind),
        ("title", ident.title),
        ("period_code", ident.period),
    ):
        if value:
            setattr(doc, attr, value)
    if ident.issued_on:
        doc.issued_on = ident.issued_on


def apply_heading(doc: Document, lines: list[str]) -> None:
    """Fill the document's title, legal reference and period from the lines above the table."""
    text = clean(" ".join(lines))
    titles = [clean(line) for line in lines if clean(line) and not clean(line).startswith("(")]
    if titles:
        doc.title = titles[0]
    if m := _REF.search(text):
        doc.doc_kind = m.group("kind")[0].upper() + m.group("kind")[1:]
        doc.number = f"{m.group('num')}/{m.group('suffix')}"
        if m.group("date"):
            doc.issued_on = parse_date(m.group("date"))
        if m.group("issuer"):
            doc.issuer = clean(m.group("issuer")).rstrip(").")
    title_period_ = period_from(doc.title)
    header_period = period_from(doc.target_header)
    if title_period_ and header_period and title_period_ != header_period:
        doc.warnings.append(
            f"Tiêu đề cột ghi “{doc.target_header}” nhưng tên phụ lục ghi kỳ {title_period_}; "
            f"dùng kỳ {title_period_} theo tên phụ lục."
        )
    doc.period_code = title_period_ or header_period
    # A whole document above its appendix: its Decree 30 heading names it better than a
    # "PHỤ LỤC" caption does.
    if (ident := read_identity(lines)) is not None:
        apply_identity(doc, ident)
