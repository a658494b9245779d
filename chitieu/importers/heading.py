"""The legal reference printed above an appendix: kind, number, date, issuer, period."""

from __future__ import annotations

import re
from datetime import date

from chitieu.core.text import clean

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
    title_period = period_from(doc.title)
    header_period = period_from(doc.target_header)
    if title_period and header_period and title_period != header_period:
        doc.warnings.append(
            f"Tiêu đề cột ghi “{doc.target_header}” nhưng tên phụ lục ghi kỳ {title_period}; "
            f"dùng kỳ {title_period} theo tên phụ lục."
        )
    doc.period_code = title_period or header_period
