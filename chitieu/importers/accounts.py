"""The statistics office's quarterly accounts workbook: GDP (or GRDP) by sector, levels at current and
constant prices, and growth against the same period a year earlier — as cells with their period,
measure and vintage.

The workbook's sheets are read by their headers, not by fixed positions: a column is a level, a
share, an index (same period of the previous year = 100) or a rate (%), for a quarter, a half, nine
months or the year, in the vintage printed above it ("Sơ bộ", "Ước tính"). A column that adds up
quarters of different vintages is marked as mixed.
"""

from __future__ import annotations

import io
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from .records import ImportError_

# Row labels of the sectors the scenario uses, folded (see ``fold``).
SERIES_LABELS = {
    "tong so": "GRDP",
    "tong san pham tren dia ban": "GRDP",
    "tong san pham trong nuoc": "GRDP",
    "nong, lam nghiep va thuy san": "A",
    "cong nghiep va xay dung": "IC",
    "cong nghiep": "I",
    "xay dung": "C",
    "dich vu": "S",
    "thue san pham tru tro cap san pham": "T",
}
VINTAGE_WORDS = (("so bo", "preliminary"), ("uoc tinh", "estimate"), ("chinh thuc", "official"))
VINTAGE_RANK = {"estimate": 1, "preliminary": 2, "official": 3}
ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


@dataclass(frozen=True)
class Cell:
    """One number of the workbook with what it means."""

    sheet: str
    row: int  # 1-based row of the sheet
    column: int  # 1-based column
    label: str  # the row's label as printed
    series: str  # "GRDP", "A", "IC", "I", "C", "S", "T" or "" for a row the scenario does not use
    prices: str  # "constant" or "current"
    measure: str  # "level", "share", "index" or "rate"
    period: str  # "2024-Q1", "2024-H1", "2024-9M", "2024"
    vintage: str  # "estimate", "preliminary", "official" or "" when the sheet does not say
    mixed: bool  # the period adds up quarters of different vintages
    value: Decimal

    @property
    def rate(self) -> Decimal:
        """Growth against the same period of the previous year, in %, whatever was printed."""
        if self.measure == "index":
            return self.value - 100
        if self.measure == "rate":
            return self.value
        raise ValueError(f"{self.measure} is not a growth")

    @property
    def where(self) -> str:
        return f"trang tính “{self.sheet}”, dòng {self.row}, cột {self.column}"


@dataclass
class Workbook:
    """What was read: the cells, and for each sheet how its growth columns were printed."""

    name: str
    cells: list[Cell] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def growth(self, series: str, period: str, prices: str = "constant") -> list[Cell]:
        """The growth cells of a series and period, best vintage first."""
        found = [
            c
            for c in self.cells
            if c.series == series
            and c.period == period
            and c.prices == prices
            and c.measure in ("index", "rate")
        ]
        return sorted(found, key=lambda c: -VINTAGE_RANK.get(c.vintage, 0))

    def level(self, series: str, period: str, prices: str = "constant") -> list[Cell]:
        """The level cells of a series and period, best vintage first."""
        found = [
            c
            for c in self.cells
            if c.series == series
            and c.period == period
            and c.prices == prices
            and c.measure == "level"
        ]
        return sorted(found, key=lambda c: -VINTAGE_RANK.get(c.vintage, 0))


def fold(text: str) -> str:
    """Lower case, no diacritics, single spaces: how labels and headers are compared."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    return " ".join(text.lower().split())


def _number(text: str) -> Decimal | None:
    """A cell's number as stored by a spreadsheet (a dot decimal, no grouping), or None."""
    text = text.strip()
    if not text or not re.fullmatch(r"-?\d+(\.\d+)?([eE][-+]?\d+)?", text):
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def _period_of(header: str, default_year: int | None) -> str | None:
    """The period a column header names; text after "so với" names the comparison base."""
    head = re.split(r"\bso voi\b(?! cung ky)", header)[0]
    years = re.findall(r"\b(19\d\d|20\d\d)\b", head)
    year = int(years[-1]) if years else default_year
    if year is None:
        return None
    if re.search(r"\bca nam\b", head):
        return f"{year}"
    if re.search(r"\b9 thang\b", head):
        return f"{year}-9M"
    if re.search(r"\b6 thang\b", head):
        return f"{year}-H1"
    quarters = re.findall(r"\bquy (iv|iii|ii|i)\b", head)
    if quarters:
        return f"{year}-Q{ROMAN[quarters[-1]]}"
    return None


def _no_base_year(text: str) -> str:
    """ "giá so sánh 2010" names the price base, not a period: keep the words, drop the year."""
    return re.sub(r"(gia so sanh)( nam)? (19|20)\d\d", r"\1", text)


def _measure_of(header: str) -> str:
    if "co cau" in header:
        return "share"
    if "toc do tang" in header or "tang truong" in header:
        return "rate"
    if "so voi" in header or "chi so" in header:
        return "index"
    return "level"


def _vintage_of(header: str) -> str:
    for word, vintage in VINTAGE_WORDS:
        if word in header:
            return vintage
    return ""


def _header_rows(rows: list[list[str]]) -> tuple[list[str], int]:
    """The sheet's title text and the index of its first data row (a label followed by numbers)."""
    for i, cells in enumerate(rows):
        label = " ".join(c.strip() for c in cells[:2] if c.strip())
        if label and any(_number(c) is not None for c in cells[2:]):
            return [" ".join(r).strip() for r in rows[:i]], i
    return [], len(rows)


def _column_headers(header: list[list[str]], width: int) -> list[str]:
    """Each column's header text, top to bottom; a merged cell spans the empty cells to its right
    where the rows below still have text (what a spreadsheet export leaves of a merge)."""
    below_has_text = [
        [any(j < len(r) and r[j].strip() for r in header[k + 1 :]) for j in range(width)]
        for k in range(len(header))
    ]
    columns = [""] * width
    for k, cells in enumerate(header):
        carry = ""
        for j in range(width):
            text = cells[j].strip() if j < len(cells) else ""
            if text:
                carry = text
            elif carry and below_has_text[k][j] and j >= 2:
                text = carry
            else:
                carry = ""
            if text:
                columns[j] = f"{columns[j]} {text}".strip()
    return columns


def _read_sheet(name: str, rows: list[list[str]], book: Workbook) -> None:
    titles, first = _header_rows(rows)
    if first >= len(rows):
        return
    title = fold(" ".join(titles))
    if "tong san pham" not in title and "gdp" not in title and "grdp" not in title:
        return
    width = max(len(r) for r in rows)
    # The column headers start at the first row with two or more headed columns; above is the title.
    start = next((k for k in range(first) if sum(1 for c in rows[k][2:] if c.strip()) >= 2), first)
    header_cells = rows[start:first]
    title_text = _no_base_year(fold(" ".join(" ".join(r) for r in rows[:start])))
    years = re.findall(r"\b(19\d\d|20\d\d)\b", title_text)
    default_year = int(years[-1]) if years else None
    title_period = _period_of(title_text, default_year)
    title_vintage = _vintage_of(title_text)
    sheet_prices = "constant" if "gia so sanh" in title_text else "current"
    headers = [_no_base_year(fold(h)) for h in _column_headers(header_cells, width)]
    # Which price basis each column belongs to, where one table holds both.
    prices = [sheet_prices] * width
    basis = ""
    for j, h in enumerate(headers):
        if "gia so sanh" in h:
            basis = "constant"
        elif "gia hien hanh" in h:
            basis = "current"
        if basis:
            prices[j] = basis
    columns: dict[int, tuple[str, str, str]] = {}
    for j, h in enumerate(headers):
        if j < 2 or not h:
            continue
        period = _period_of(h, default_year) or title_period
        if period is None:
            book.notes.append(
                f"{name}: cột {j + 1} (“{h}”) không rõ kỳ nào; bỏ qua cột này và ghi lại ở đây."
            )
            continue
        columns[j] = (_measure_of(h), period, _vintage_of(h) or title_vintage)
    # An index or rate column carries the vintage of the level column of the same period.
    level_vintage = {(p, prices[j]): v for j, (m, p, v) in columns.items() if m == "level" and v}
    for j, (m, p, v) in list(columns.items()):
        if not v:
            columns[j] = (m, p, level_vintage.get((p, prices[j]), ""))
    quarter_vintages = {
        (p, prices[j]): v for j, (m, p, v) in columns.items() if m == "level" and "-Q" in p
    }
    kinds = sorted({m for m, _, _ in columns.values() if m in ("index", "rate")})
    if kinds:
        said = " và ".join(
            {"index": "chỉ số (cùng kỳ = 100)", "rate": "tốc độ tăng (%)"}[k] for k in kinds
        )
        book.notes.append(f"{name}: tăng trưởng ghi dạng {said}.")
    for i in range(first, len(rows)):
        cells = rows[i]
        label = " ".join(" ".join(c.split()) for c in cells[:2] if c.strip())
        if not label:
            continue
        series = SERIES_LABELS.get(fold(label), "")
        for j, (measure, period, vintage) in columns.items():
            value = _number(cells[j]) if j < len(cells) else None
            if value is None:
                continue
            mixed = False
            if "-Q" not in period and not vintage:
                parts = {v for (p, pr), v in quarter_vintages.items() if pr == prices[j] and v}
                if len(parts) > 1:
                    mixed = True
                    vintage = min(parts, key=lambda v: VINTAGE_RANK[v])
                elif parts:
                    vintage = parts.pop()
            book.cells.append(
                Cell(
                    name,
                    i + 1,
                    j + 1,
                    label,
                    series,
                    prices[j],
                    measure,
                    period,
                    vintage,
                    mixed,
                    value,
                )
            )


def _sheets_from_text(text: str) -> list[tuple[str, list[list[str]]]]:
    """Sheets of a tab-separated dump, each introduced by a line "##### FILE: … | SHEET: …"."""
    sheets: list[tuple[str, list[list[str]]]] = []
    for line in text.splitlines():
        if line.startswith("#####"):
            m = re.search(r"FILE:\s*(.*?)\s*\|\s*SHEET:\s*(.*)$", line)
            sheets.append((f"{m.group(1)} / {m.group(2).strip()}" if m else line, []))
        elif sheets:
            sheets[-1][1].append(line.split("\t"))
    if not sheets:
        sheets.append(("", [line.split("\t") for line in text.splitlines()]))
    return sheets


def _sheets_from_xlsx(data: bytes, name: str) -> list[tuple[str, list[list[str]]]]:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise ImportError_(f"{name}: không mở được tệp Excel ({exc}).") from exc
    sheets: list[tuple[str, list[list[str]]]] = []
    for ws in wb.worksheets:
        rows = []
        for n, row in enumerate(ws.iter_rows(values_only=True)):
            if n >= 2000:
                raise ImportError_(
                    f"{name}: trang tính “{ws.title}” dài quá 2000 dòng; bị từ chối."
                )
            rows.append(["" if v is None else str(v) for v in row[:60]])
        sheets.append((ws.title, [r for r in rows if any(c.strip() for c in r)]))
    wb.close()
    return sheets


def read_accounts(data: bytes, name: str) -> Workbook:
    """Read a quarterly accounts workbook (.xlsx, or its sheets as tab-separated text)."""
    if data[:2] == b"PK":
        sheets = _sheets_from_xlsx(data, name)
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ImportError_(f"{name}: không đọc được tệp (không phải UTF-8 hay Excel).") from exc
        sheets = _sheets_from_text(text)
    book = Workbook(name)
    for sheet, rows in sheets:
        _read_sheet(sheet, rows, book)
    if not any(c.measure in ("index", "rate") for c in book.cells):
        raise ImportError_(
            f"{name}: không tìm thấy bảng tổng sản phẩm theo quý có tốc độ tăng so với cùng kỳ."
        )
    return book
