"""Reader for appendix tables that arrive as PDF text: columns run together, cells broken
over lines, the row number on a line of its own, agency names split mid-word.

The text is read line by line. A line holding "name unit target" is an indicator row (its
tail, if any, is agency text); lines made of organisation names are agency text for the
rows above; anything else is part of an indicator's name (a lower-case start continues
the name on the line above, an upper-case start before an indented sub-row is a parent
row such as "Cơ cấu kinh tế").
"""

from __future__ import annotations

import re

from chitieu.core.text import clean

from .agencies import Directory, find_mentions, split_lead, unglue
from .records import Document, ImportError_, Row
from .table import finish_row

# Units of measure seen in provincial appendices, longest first when matched.
UNITS = [
    "Nghìn tỷ đồng",
    "Nghìn tỷ",
    "Tỷ đồng",
    "Triệu đồng",
    "Nghìn đồng",
    "Đồng",
    "Triệu USD",
    "Tỷ USD",
    "Nghìn USD",
    "USD",
    "Nghìn người",
    "Người",
    "Nghìn lượt",
    "Lượt người",
    "Lượt",
    "Tuổi",
    "Năm",
    "Xã",
    "Phường",
    "Thôn",
    "Trường",
    "Bác sỹ",
    "Bác sĩ",
    "Giường",
    "Ha",
    "Héc ta",
    "Km",
    "Tấn",
    "Nghìn tấn",
    "Triệu tấn",
    "Căn",
    "Nhà",
    "Hộ",
    "Doanh nghiệp",
    "Dự án",
    "Hợp tác xã",
    "Điểm",
    "Lần",
    "Cơ sở",
    "%/năm",
    "%",
    "‰",
    "Triệu kWh",
    "MW",
    "Con",
    "Chiếc",
    "Sản phẩm",
]
_UNIT_RE = "|".join(
    re.escape(u).replace(r"\ ", r"\s+") for u in sorted(UNITS, key=len, reverse=True)
)
_NUM = r"\d[\d.,]*"
_TARGET_RE = rf"(?:[≥≤<>]=?\s*)?{_NUM}(?:\s*[-–]\s*{_NUM})?"
_INDICATOR = re.compile(
    rf"^(?P<name>.+?)\s+(?P<unit>{_UNIT_RE})\s+(?P<target>{_TARGET_RE})(?=\s|$)(?P<rest>.*)$"
)
_BLOCK = re.compile(r"^(?P<no>\d{1,3})(?:\s+(?P<rest>\S.*))?$")
_HEADER_START = re.compile(r"^(S?TT)\s+Chỉ tiêu", re.I)
_HEADER_END = "Cơ quan phối hợp"


def _starts_lower(text: str) -> bool:
    ch = text.lstrip(" -")[:1]
    return ch.isalpha() and ch.islower()


class _State:
    def __init__(self, document: Document, directory: Directory) -> None:
        self.doc = document
        self.directory = directory
        self.rows: list[Row] = []
        self.block_no: str | None = None
        self.block_rows: list[Row] = []
        self.agency = ""  # agency text seen since the last indicator row of the block
        self.pending = ""  # name text not yet closed by a unit and target
        self.pending_line = 0
        self.pending_no: str | None = None
        self.last_lead = ""
        self.last_coord = ""

    # -- rows -------------------------------------------------------------------------
    def add_row(
        self, line: int, name: str, unit: str, target: str, raw: str, no: str | None
    ) -> None:
        self.flush_agency()
        if no is None and self.block_no is not None and not self.block_rows:
            no = self.block_no
        parent = None if no else self.block_no
        self.block_rows.append(
            Row(
                line=line,
                no=no,
                parent_no=parent,
                group="",
                name=clean(name),
                unit=clean(unit),
                target_text=clean(target),
                raw=raw,
            )
        )
        self.rows.append(self.block_rows[-1])

    def close_pending(self) -> None:
        """A name with no unit and no target of its own: a parent row such as "Cơ cấu kinh tế"."""
        if self.pending:
            self.add_row(self.pending_line, self.pending, "", "", self.pending, self.pending_no)
            self.pending, self.pending_no = "", None

    def flush_agency(self) -> None:
        """Give the agency text gathered so far to the rows of the block that lack one."""
        text = clean(self.agency)
        self.agency = ""
        if text:
            self.last_lead, self.last_coord = split_lead(text, self.directory)
        for row in self.block_rows:
            if not row.lead_text and not row.coordinating_text:
                row.lead_text, row.coordinating_text = self.last_lead, self.last_coord

    def new_block(self, no: str) -> None:
        self.close_pending()
        self.flush_agency()
        self.block_no, self.block_rows = no, []

    # -- agency text --------------------------------------------------------------------
    def split_agency_prefix(self, text: str) -> tuple[str, str]:
        """The part of ``text`` that continues the agency text, and the rest (a name)."""
        base = clean(self.agency)
        joined = unglue(clean(f"{base} {text}")) if base else unglue(clean(text))
        offset = len(base) + 1 if base else 0
        mentions = find_mentions(joined, self.directory)
        cut = len(joined)
        for m in mentions:
            if m.kind == "unknown" and m.end > offset:
                if self.directory.is_prefix(joined[m.start :]):
                    break  # "Sở Giáo dục và": the name goes on in the next line
                cut = max(m.start, offset)
                break
        return joined[offset:cut].strip(), joined[cut:].strip()


def read_pdf_text(text: str, document: Document, directory: Directory) -> Document:
    """Read an appendix whose table lost its columns in PDF text extraction."""
    from .heading import apply_heading

    st = _State(document, directory)
    heading: list[str] = []
    in_header = False
    seen_header = False
    for n, raw_line in enumerate(text.splitlines(), start=1):
        line = clean(raw_line)
        if not line:
            continue
        if _HEADER_START.match(line):
            in_header = True
            if not seen_header:
                document.target_header = clean(re.sub(r"^.*?Đơn vị", "", line))
            continue
        if in_header:
            if not seen_header and not re.search(
                r"chủ trì|phối hợp|thực hiện|đánh giá", line, re.I
            ):
                document.target_header = clean(f"{document.target_header} {line}")
            if _HEADER_END.lower() in line.lower():
                in_header = False
                seen_header = True
            continue
        if not seen_header:
            heading.append(line)
            continue
        indented = raw_line[:1].isspace() and not raw_line.strip()[:1].isdigit()
        _read_line(st, n, line, indented)
    if not seen_header:
        raise ImportError_(
            f"{document.source_name}: không tìm thấy dòng tiêu đề bảng (STT, Chỉ tiêu, ...)."
        )
    st.close_pending()
    st.flush_agency()
    document.target_header = re.sub(r"^(?:vị\s+)?Mục tiêu", "Mục tiêu", document.target_header)
    apply_heading(document, heading)
    for row in st.rows:
        finish_row(row, document, directory)
    from .table import _warn_duplicates

    _warn_duplicates(document)
    return document


def _read_line(st: _State, n: int, line: str, indented: bool) -> None:
    no: str | None = None
    if m := _BLOCK.match(line):
        st.new_block(m.group("no"))
        no = m.group("no")
        rest = m.group("rest") or ""
        if not rest:
            return
        line = rest
    line = line.lstrip("- ").strip() if line.startswith("- ") else line
    candidate = line
    if st.pending and _starts_lower(line):
        candidate = f"{st.pending} {line}"
    m2 = _INDICATOR.match(candidate)
    if m2:
        if candidate is line:
            st.close_pending()
        first_line = st.pending_line if candidate is not line else n
        row_no = no if no else (st.pending_no if candidate is not line else None)
        st.pending, st.pending_no = "", None
        st.add_row(
            first_line, m2.group("name"), m2.group("unit"), m2.group("target"), candidate, row_no
        )
        st.agency = m2.group("rest").strip()
        return
    if st.pending and _starts_lower(line):
        st.pending = f"{st.pending} {line}"
        return
    agency, rest = st.split_agency_prefix(line) if not no else ("", line)
    if agency:
        st.agency = f"{st.agency} {agency}".strip()
    if rest:
        st.close_pending()
        st.pending, st.pending_line, st.pending_no = rest, n, no
    del indented
