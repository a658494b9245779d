"""Excel workbooks of the same reports: real numbers with Vietnamese display formats, the header
frozen and printed on every page, A4 landscape (openpyxl).

A cell's number format uses the invariant codes ("#,##0.0"); Excel and LibreOffice show them with
the reader's locale, so a Vietnamese installation prints "1.234,5" while the value stays a number
anyone can sum. The document's heading lines sit above the table, as on paper."""

from __future__ import annotations

import io
import re

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from .document import Report, Table
from .issuer import Issuer, issuer

THIN = Side(style="thin", color="000000")
GRID = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
MM_PER_CHAR = 2.0  # roughly, for a column width given in millimetres


def number_format(places: int | None) -> str:
    """Excel's format for a number with ``places`` decimals, thousands grouped."""
    return "#,##0" if not places else "#,##0." + "0" * places


SHEET_MAX = 31  # Excel refuses a longer sheet name


def _words(text: str, limit: int) -> str:
    """As many whole words of ``text`` as fit in ``limit`` characters (a word never cut)."""
    out = ""
    for word in text.split():
        if len(out) + len(word) + (1 if out else 0) > limit:
            break
        out = f"{out} {word}" if out else word
    return out or text[:limit]


def sheet_name(report: Report, table: Table, n: int, used: set[str]) -> str:
    """The table's own short name, or its caption cut at a word; unique within the workbook
    (Excel compares names without case)."""
    if table.sheet:
        title = table.sheet
    else:
        # the sheet's number stands for the section's own ("2. Tăng trưởng" is not "2. 2. …")
        caption = re.sub(r"^\d+\.\s*", "", table.caption or report.heading)
        caption = re.sub(r"\s*\([^)]*\)?", "", caption).strip(" .:")  # no bracket, open or not
        prefix = f"{n}. " if len(report.tables) > 1 else ""
        title = prefix + _words(caption, SHEET_MAX - len(prefix))
    for bad in "[]:*?/\\":
        title = title.replace(bad, " ")
    title = title.strip()[:SHEET_MAX].strip() or f"Bảng {n}"
    name, k = title, 2
    while name.lower() in used:
        suffix = f" ({k})"
        name, k = _words(title, SHEET_MAX - len(suffix)) + suffix, k + 1
    used.add(name.lower())
    return name


def build(report: Report, by: Issuer | None = None) -> bytes:
    by = by or issuer()
    wb = Workbook()
    wb.remove(wb.active)
    used: set[str] = set()
    for n, table in enumerate(report.tables, start=1):
        ws = wb.create_sheet(title=sheet_name(report, table, n, used))
        _sheet(ws, report, table, by)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _sheet(ws, report: Report, table: Table, by: Issuer) -> None:  # type: ignore[no-untyped-def]
    font = by.font
    width = max(1, len(table.columns))
    lines = [
        (by.name.replace("\n", " "), True, False),
        (report.heading, True, False),
        (report.title, True, False),
    ]
    if report.subtitle:
        lines.append((report.subtitle, False, True))
    if table.caption:
        lines.append((table.caption, True, False))
    for r, (text, bold, italic) in enumerate(lines, start=1):
        ws.cell(row=r, column=1, value=text).font = Font(
            name=font, size=12, bold=bold, italic=italic
        )
        if width > 1:
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=width)
        ws.cell(row=r, column=1).alignment = Alignment(horizontal="center")
    if table.before:
        _text_lines(ws, len(lines) + 2, table.before, width, font)
        lines += [("", False, False)] * (len(table.before) + 1)
    if not table.columns:
        ws.column_dimensions["A"].width = 120
        _text_lines(ws, len(lines) + 2, table.after, width, font)
        _page_setup(ws)
        return
    head = len(lines) + 2
    for c, col in enumerate(table.columns, start=1):
        cell = ws.cell(row=head, column=c, value=col.title)
        cell.font = Font(name=font, size=12, bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = GRID
        ws.column_dimensions[get_column_letter(c)].width = max(6, col.width_mm / MM_PER_CHAR)
    for r, row in enumerate(table.rows, start=head + 1):
        for c, data in enumerate(row, start=1):
            cell = ws.cell(row=r, column=c)
            cell.border = GRID
            cell.font = Font(name=font, size=12, bold=data.bold)
            if data.span == 0:
                continue
            if data.is_number:
                cell.value = data.value
                cell.number_format = number_format(data.places) if data.grouped else "0"
                cell.alignment = Alignment(horizontal="right", vertical="top")
            else:
                cell.value = data.text or None
                cell.alignment = Alignment(
                    horizontal="center" if c == 1 and table.numbered else "left",
                    vertical="top",
                    wrap_text=True,
                )
            if data.span > 1:
                ws.merge_cells(start_row=r, start_column=c, end_row=r + data.span - 1, end_column=c)
    _text_lines(ws, head + len(table.rows) + 2, table.after, width, font)
    ws.freeze_panes = ws.cell(row=head + 1, column=1)
    ws.print_title_rows = f"{head}:{head}"
    _page_setup(ws)


def _text_lines(ws, first: int, texts: list[str], width: int, font: str) -> None:  # type: ignore[no-untyped-def]
    """Paragraphs of a section, one a row across the table's width, wrapped."""
    for r, text in enumerate(texts, start=first):
        cell = ws.cell(row=r, column=1, value=text)
        cell.font = Font(name=font, size=12)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if width > 1:
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=width)
        ws.row_dimensions[r].height = 16 * (1 + len(text) // 110)


def _page_setup(ws) -> None:  # type: ignore[no-untyped-def]
    """A4 landscape fitted to the page width, the Decree's margins, the page number on top."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left, ws.page_margins.right = 30 / 25.4, 15 / 25.4
    ws.page_margins.top, ws.page_margins.bottom = 20 / 25.4, 20 / 25.4
    ws.oddHeader.center.text = "&P"
    ws.print_options.horizontalCentered = True
