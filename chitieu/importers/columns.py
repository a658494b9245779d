"""Which column of a table says what: the proposed mapping a person can correct.

The header (one to three rows, merged cells already repeated by :mod:`.grid`) is read
column by column. Each column gets a role with a confidence between 0 and 1; a column whose
heading says nothing known gets "ignore" with a low confidence, so the preview can ask.
A mapping is plain data: the preview changes a role and calls
:func:`chitieu.importers.tablemodel.read_grid` again with it.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from chitieu.core.text import clean, fold

from .agencies import Directory
from .cellines import is_numbering
from .grid import Grid

ROLES = (
    "number",
    "indicator",
    "unit",
    "target",
    "actual",
    "total",
    "lead",
    "coordinating",
    "organisation",
    "deadline",
    "result",
    "ignore",
)
ROLE_LABELS = {
    "number": "Số thứ tự",
    "indicator": "Chỉ tiêu",
    "unit": "Đơn vị tính",
    "target": "Mục tiêu",
    "actual": "Thực hiện/ước thực hiện",
    "total": "Tổng số (không phải mục tiêu)",
    "lead": "Chủ trì",
    "coordinating": "Phối hợp",
    "organisation": "Đơn vị (cột theo xã/cơ quan)",
    "deadline": "Thời gian thực hiện",
    "result": "Kết quả/sản phẩm",
    "ignore": "Bỏ qua",
}
_COLUMN_NO = re.compile(r"^\(?(?:\d+|[A-Z])(?:\s*=\s*[\d/+\-*x ]+)?\)?$")
_SPAN = re.compile(r"((?:19|20)\d{2})\s*[-–]\s*((?:19|20)\d{2})")
_YEAR = re.compile(r"\b((?:19|20)\d{2})\b")
_UNIT_IN_HEADER = re.compile(r"\(([^()]{1,20})\)\s*$")
_ORG_START = ("xã ", "phường ", "huyện ", "thị xã ", "thành phố ", "ubnd ", "sở ", "đặc khu ")


@dataclass
class ColumnRole:
    """What one column holds, as the reader guessed it or the person set it."""

    index: int
    role: str
    header: str
    period: str = ""  # for target and actual columns: "2026", "2026-2030"; "" = the document's
    organisation: str = ""  # for organisation columns: the organisation the column is for
    measure: str = ""  # the sub-heading that tells apart two target columns of one period
    unit: str = ""  # a unit printed in the heading: "Lượng (Tấn)"
    confidence: float = 0.0


@dataclass
class Mapping:
    """The roles of every column of one table, and how many rows its header takes."""

    columns: list[ColumnRole]
    header_rows: int
    kind: str = "target"  # "action" for a table of tasks
    warnings: list[str] = field(default_factory=list)

    def of(self, role: str) -> list[ColumnRole]:
        return [c for c in self.columns if c.role == role]

    def first(self, role: str) -> int | None:
        found = self.of(role)
        return found[0].index if found else None

    def with_role(
        self, index: int, role: str, *, period: str = "", organisation: str = ""
    ) -> Mapping:
        """The same mapping with one column's role changed by the person (confidence 1)."""
        if role not in ROLES:
            raise ValueError(f"vai trò cột không hợp lệ: {role}")
        cols = [
            replace(
                c,
                role=role,
                period=period or c.period,
                organisation=organisation or c.organisation,
                confidence=1.0,
            )
            if c.index == index
            else c
            for c in self.columns
        ]
        kind = self.kind
        return Mapping(cols, self.header_rows, kind, list(self.warnings))

    def as_dict(self) -> dict[str, Any]:
        return {
            "header_rows": self.header_rows,
            "kind": self.kind,
            "columns": [asdict(c) for c in self.columns],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Mapping:
        """The mapping back from :meth:`as_dict` (as the preview form sends it)."""
        cols = []
        for c in data["columns"]:
            role = str(c["role"])
            if role not in ROLES:
                raise ValueError(f"vai trò cột không hợp lệ: {role}")
            cols.append(
                ColumnRole(
                    int(c["index"]),
                    role,
                    str(c.get("header", "")),
                    period=str(c.get("period", "")),
                    organisation=str(c.get("organisation", "")),
                    measure=str(c.get("measure", "")),
                    unit=str(c.get("unit", "")),
                    confidence=float(c.get("confidence", 1.0)),
                )
            )
        return cls(cols, int(data["header_rows"]), str(data.get("kind", "target")))

    def signature(self) -> str:
        """A key for "the same layout": the folded headings, so a confirmed mapping can be offered again."""
        return " | ".join(fold(c.header) for c in self.columns)


def kind_of(mapping: Mapping) -> str:
    """ "action" for a table of tasks (no value column, or a "Nhiệm vụ"/"Dự án" name column)."""
    names = mapping.of("indicator")
    name_key = fold(names[0].header) if names else ""
    values = mapping.of("target") or mapping.of("actual") or mapping.of("organisation")
    if (
        fold("nhiệm vụ") in name_key
        or fold("dự án") in name_key
        or (not values and mapping.of("deadline"))
    ):
        return "action"
    return "target"


def period_of(text: str) -> str:
    """ "Kế hoạch 2025" -> "2025"; "Giai đoạn 2026 - 2030" -> "2026-2030"; "" if none."""
    if m := _SPAN.search(text):
        return f"{m.group(1)}-{m.group(2)}"
    years = _YEAR.findall(text)
    return years[-1] if years else ""


_TARGET_WORDS = ("kế hoạch", "giao", "phấn đấu", "mục tiêu", "dự kiến", "đề ra")


def is_target_heading(header: str) -> bool:
    """Whether a heading that starts like a name column ("Chỉ tiêu …") names the target instead:
    a year ("Chỉ tiêu năm 2026") or a word of planning ("Chỉ tiêu kế hoạch", "Chỉ tiêu giao")."""
    k = fold(header)
    if not k.startswith(fold("chỉ tiêu")):
        return False
    return bool(_YEAR.search(header)) or any(fold(w) in k for w in _TARGET_WORDS)


def _is_header_start(cells: list[str]) -> bool:
    keys = [fold(c) for c in cells]
    has_no = any(k in ("tt", "stt", fold("số tt")) for k in keys)
    has_name = any(
        k.startswith(
            tuple(
                fold(w)
                for w in (
                    "chỉ tiêu",
                    "nội dung",
                    "nhiệm vụ",
                    "tên",
                    "sản phẩm",
                    "cơ quan",
                    "bộ",
                    "địa phương",
                    "đơn vị",
                )
            )
        )
        for k in keys
    )
    return has_no and has_name


def _is_column_numbers(cells: list[str]) -> bool:
    filled = [c for c in cells if c]
    return len(filled) >= 3 and all(_COLUMN_NO.match(c) for c in filled)


def header_rows(grid: Grid) -> tuple[int, int] | None:
    """(first header row, first data row) of the grid, or None if it has no header."""
    for r, cells in enumerate(grid.cells[:15]):
        if _is_header_start(cells):
            end = r + 1
            while end < len(grid.cells) and end - r < 4:
                row = grid.cells[end]
                own = [grid.own(end, c) for c in range(len(row))]
                if _is_column_numbers(row):
                    return r, end + 1
                first = own[0] if own else ""
                # A row with one printed cell is a section row ("I. Kinh tế số"), not a heading.
                filled = sum(1 for x in own if x)
                if is_numbering(first) or filled <= 1 or _looks_like_data(own):
                    break
                end += 1
            return r, end
    return None


def _looks_like_data(own: list[str]) -> bool:
    return sum(1 for c in own if re.fullmatch(r"[\d.,%≥≤<> -]+", c or "x")) >= 2


def _role_of(header: str, leaf: str, has_unit: bool) -> tuple[str, float]:
    k = fold(header)
    leaf_k = fold(leaf)

    def has(*words: str) -> bool:
        return any(fold(w) in k for w in words)

    if k in ("tt", "stt", fold("số tt"), fold("số thứ tự")):
        return "number", 1.0
    if has("phối hợp"):
        return "coordinating", 0.95
    if has("chủ trì", "đơn vị thực hiện", "cơ quan thực hiện", "cơ quan theo dõi"):
        return "lead", 0.95
    if k in ("đvt", fold("đơn vị")) or k.startswith(fold("đơn vị tính")):
        return "unit", 0.95
    if has("thời gian", "thời hạn", "tiến độ"):
        return "deadline", 0.9
    if has("ghi chú", "tình trạng", "nguồn lực", "so sánh", "thuộc nhóm") or " với " in f" {k} ":
        return "ignore", 0.8
    if has("sản phẩm đầu ra", "chỉ tiêu đạt được") or (has("kết quả") and not has_unit):
        return "result", 0.85
    if k.startswith(
        tuple(
            fold(w)
            for w in (
                "chỉ tiêu",
                "nội dung",
                "nhiệm vụ",
                "tên",
                "sản phẩm",
                "mặt hàng",
                "danh mục",
                "bộ, cơ quan",
                "cơ quan",
                "địa phương",
            )
        )
    ):
        return "indicator", 0.9
    if leaf_k.startswith(fold("tổng")) or k.startswith(fold("tổng số")):
        return "total", 0.85
    if (
        has("ước thực hiện", "ước th", "ưth", "uth", "ước tính", "đánh giá thực hiện")
        or k.startswith(fold("thực hiện"))
        or leaf_k.startswith(fold("thực hiện"))
    ):
        return "actual", 0.85
    if has(
        "kế hoạch", "mục tiêu", "đến năm", "giai đoạn", "dự kiến", "dự toán", "kết quả", "chỉ tiêu"
    ) or _YEAR.search(header):
        return "target", 0.8 if period_of(header) else 0.6
    return "ignore", 0.2


def propose_mapping(grid: Grid, directory: Directory) -> Mapping | None:
    """The reader's guess for every column, or None when the grid has no recognisable header."""
    found = header_rows(grid)
    if found is None:
        return None
    top, data = found
    head_end = data
    while head_end > top + 1 and _is_column_numbers(grid.cells[head_end - 1]):
        head_end -= 1
    width = grid.width
    texts: list[tuple[str, str]] = []
    for c in range(width):
        parts: list[str] = []
        for r in range(top, head_end):
            t = clean(re.sub(r"\[\d+\]", "", grid.text(r, c)))
            if t and (not parts or fold(parts[-1]) != fold(t)):
                parts.append(t)
        texts.append((" / ".join(parts), parts[-1] if parts else ""))
    has_unit = any(_role_of(h, leaf, False)[0] == "unit" for h, leaf in texts)
    columns = []
    for c, (h, leaf) in enumerate(texts):
        role, conf = _role_of(h, leaf, has_unit)
        col = ColumnRole(c, role, h, confidence=conf)
        if role in ("target", "actual"):
            col.period = period_of(leaf) or period_of(h)
            if m := _UNIT_IN_HEADER.search(leaf):
                col.unit = clean(m.group(1))
        if role in ("ignore", "target") and (
            directory.lookup(leaf) or fold(leaf).startswith(tuple(fold(w) for w in _ORG_START))
        ):
            col.role, col.organisation, col.confidence = "organisation", leaf, 0.7
        columns.append(col)
    # Two target columns for one period differ by their sub-heading ("Lượng", "Giá trị").
    by_period: dict[str, list[ColumnRole]] = {}
    for col in columns:
        if col.role == "target":
            by_period.setdefault(col.period, []).append(col)
    for same in by_period.values():
        if len(same) > 1:
            for col in same:
                leaf = texts[col.index][1]
                col.measure = clean(_UNIT_IN_HEADER.sub("", leaf))
            if not all(c.unit for c in same):
                # "Lượng (Tấn)" beside "Giá trị (Nghìn USD)" are two measures; "Giao" beside
                # "Đạt được" may be a target and a result: ask rather than guess.
                for col in same:
                    col.confidence = min(col.confidence, 0.6)
    # A second "indicator" column (e.g. "Nội dung chính" beside "Tên dự án") is not the name;
    # "Chỉ tiêu năm 2026", "Chỉ tiêu kế hoạch 2026", "Chỉ tiêu giao" beside the name are targets.
    names = [c for c in columns if c.role == "indicator"]
    for extra in names[1:]:
        if is_target_heading(extra.header):
            extra.role, extra.confidence = "target", 0.7
            extra.period = period_of(texts[extra.index][1]) or period_of(extra.header)
        else:
            extra.role, extra.confidence = "result", 0.5
    names = names[:1]
    mapping = Mapping(columns, data - 0)
    mapping.kind = kind_of(mapping)
    for col in columns:
        if col.confidence < 0.5:
            mapping.warnings.append(
                f"{grid.label}: không rõ cột {col.index + 1} “{col.header}” chứa gì; tạm bỏ qua — hãy chọn vai trò cho cột."
            )
    return mapping
