"""Stream the first sheet of an uploaded workbook within limits, so that no file can hurt the server.

The importer's guards (size, zip entries, zip ratio) run first; then the sheet is read in openpyxl's
read-only mode row by row, with a row limit, a column limit and a time budget. A sheet whose
dimension claims more rows than the limit is refused before a single row is read; a sheet that hides
a row far below (its dimension lying) is refused as soon as the stream reaches the limit, because
openpyxl only walks past the limit when a real row lies beyond it.
"""

from __future__ import annotations

import io
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from openpyxl.utils import get_column_letter

from chitieu.core.numbers import format_number
from chitieu.importers import ImportError_, Limits, check_office_file


class SheetRefused(ValueError):
    """The workbook is refused as a whole; the message names the file and what to change."""

    def __init__(self, message: str, visited: int = 0) -> None:
        super().__init__(message)
        self.visited = visited  # rows read before the refusal: it never reads the whole sheet


@dataclass(frozen=True)
class SheetLimits:
    """What an uploaded figures workbook may hold."""

    # a template of a hundred indicators weighs about 10 KB: these leave room for years of notes
    file: Limits = field(
        default_factory=lambda: Limits(
            max_bytes=5 * 1024 * 1024,
            max_unpacked_bytes=50 * 1024 * 1024,
            max_entries=200,
            max_ratio=200,
        )
    )
    # a department's upload in a reporting round reaches 10.000 figures (decision 0037): the
    # template's four heading rows and some blank ones on top of that
    max_rows: int = 12000
    max_columns: int = 10
    seconds: float = 20.0


SHEET_LIMITS = SheetLimits()


@dataclass
class SheetStream:
    """What was read: rows as value tuples with their sheet row number, and how many rows were visited."""

    rows: list[tuple[int, tuple[Any, ...]]] = field(default_factory=list)
    visited: int = 0


def _n(n: int) -> str:
    return format_number(n)


def read_sheet(
    data: bytes,
    name: str,
    limits: SheetLimits = SHEET_LIMITS,
    clock: Callable[[], float] = time.monotonic,
) -> SheetStream:
    """The first sheet's non-empty rows; raise :class:`SheetRefused` for a file that breaks a limit."""
    import openpyxl

    try:
        check_office_file(data, name, limits.file)
    except ImportError_ as exc:
        raise SheetRefused(str(exc)) from exc
    start = clock()
    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many unrelated types for a bad file
        raise SheetRefused(f"{name}: không đọc được tệp Excel ({exc}).") from exc
    try:
        if not wb.worksheets:
            raise SheetRefused(f"{name}: tệp Excel không có trang tính nào.")
        ws = wb.worksheets[0]
        claimed = ws.max_row
        if claimed is not None and claimed > limits.max_rows:
            raise SheetRefused(
                f"{name}, trang “{ws.title}”: bảng khai báo tới dòng {_n(claimed)}, vượt giới hạn "
                f"{_n(limits.max_rows)} dòng của mẫu nhập số liệu; bị từ chối. Hãy xóa các dòng "
                "thừa phía dưới (hoặc tải mẫu mới) rồi tải lên lại."
            )
        # the dimension may also lie the other way (claim A1:H30 with rows below): forget it, so the
        # stream follows the rows actually present instead of stopping at the claimed last row
        ws.reset_dimensions()
        stream = SheetStream()
        for number, values in _rows(ws, name, limits, clock, start):
            stream.visited = number
            if any(v not in (None, "") for v in values):
                stream.rows.append((number, values))
        return stream
    finally:
        wb.close()


def _rows(
    ws: Any, name: str, limits: SheetLimits, clock: Callable[[], float], start: float
) -> Iterator[tuple[int, tuple[Any, ...]]]:
    for number, values in enumerate(ws.iter_rows(values_only=True), start=1):
        if number > limits.max_rows:
            raise SheetRefused(
                f"{name}, trang “{ws.title}”: có dữ liệu hoặc định dạng từ dòng {_n(number)} trở "
                f"xuống, vượt giới hạn {_n(limits.max_rows)} dòng; bị từ chối. Hãy xóa các dòng thừa "
                "rồi tải lên lại.",
                number - 1,
            )
        if clock() - start > limits.seconds:
            raise SheetRefused(
                f"{name}: đọc tệp quá {_n(int(limits.seconds))} giây (mới tới dòng {_n(number)}); "
                "tệp quá lớn hoặc bất thường, bị từ chối. Hãy tải mẫu mới, chép số liệu sang.",
                number - 1,
            )
        extra = values[limits.max_columns :]
        for offset, value in enumerate(extra):
            if value not in (None, ""):
                column = get_column_letter(limits.max_columns + offset + 1)
                raise SheetRefused(
                    f"{name}, dòng {number}, cột {column}: có dữ liệu ngoài {limits.max_columns} "
                    f"cột của mẫu (A–{get_column_letter(limits.max_columns)}); bị từ chối. Hãy xóa "
                    "hoặc chuyển nội dung đó vào cột Giải thích.",
                    number,
                )
        yield number, tuple(values[: limits.max_columns])
