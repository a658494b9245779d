"""The treasury's disbursement spreadsheet (.xlsx) read into rows: project code or name, month,
amount in tỷ đồng. Only reading happens here; checking and saving is ``disbursements_import``."""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile

from openpyxl import load_workbook

from .services import TreasuryRow

MAX_ROWS = 5000
# header words, folded, for each column the import needs
HEADERS = {
    "code": ("ma du an", "ma"),
    "name": ("ten du an", "du an"),
    "month": ("thang", "ky"),
    "amount": ("so tien", "giai ngan", "so giai ngan", "gia tri giai ngan"),
}


def _plain(text: str) -> str:
    """A header cell without tone marks, case or punctuation: "Số tiền (tỷ đồng)" -> "so tien ty dong"."""
    bare = (
        "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
        .replace("đ", "d")
        .replace("Đ", "D")
    )
    return re.sub(r"[^a-z0-9]+", " ", bare.lower()).strip()


class TreasuryFileError(ValueError):
    """The file as a whole cannot be read (not .xlsx, no header, too many rows)."""


def _column(header: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for i, cell in enumerate(header):
        key = _plain(cell)
        for name, words in HEADERS.items():
            if name not in found and any(key == w or key.startswith(w + " ") for w in words):
                found[name] = i
                break
    return found


def _cell(cells: list[object], columns: dict[str, int], name: str) -> object:
    i = columns.get(name)
    return cells[i] if i is not None and i < len(cells) else None


def read_treasury(data: bytes) -> list[TreasuryRow]:
    """The first sheet's rows under the header row (the first row naming a month and an amount)."""
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise TreasuryFileError(f"Tệp không phải bảng tính .xlsx đọc được ({exc}).") from None
    sheet = book.worksheets[0]
    columns: dict[str, int] | None = None
    rows: list[TreasuryRow] = []
    for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        cells = list(values)
        if columns is None:
            found = _column(["" if v is None else str(v) for v in cells])
            if "month" in found and "amount" in found and ("code" in found or "name" in found):
                columns = found
            elif number >= 20:
                break
            continue
        if all(v is None or str(v).strip() == "" for v in cells):
            continue
        if len(rows) >= MAX_ROWS:
            raise TreasuryFileError(
                f"Tệp có hơn {MAX_ROWS} dòng số liệu; hãy tách thành nhiều tệp."
            )

        rows.append(
            TreasuryRow(
                row=number,
                code=str(_cell(cells, columns, "code") or "").strip(),
                name=str(_cell(cells, columns, "name") or "").strip(),
                month=_cell(cells, columns, "month"),
                amount=_cell(cells, columns, "amount"),
            )
        )
    book.close()
    if columns is None:
        raise TreasuryFileError(
            "Không tìm thấy dòng tiêu đề có các cột “Mã dự án” (hoặc “Tên dự án”), “Tháng” và "
            "“Số tiền” trong 20 dòng đầu của trang tính thứ nhất."
        )
    return rows
