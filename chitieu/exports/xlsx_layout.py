"""Excel workbooks of the same reports: real numbers with Vietnamese display formats, the header
frozen and printed on every page, A4 landscape (openpyxl).

A cell's number format uses the invariant codes ("#,##0.0"); Excel and LibreOffice show them with
the reader's locale, so a Vietnamese installation prints "1.234,5" while the value stays a number
anyone can sum. The document's heading lines sit above the table, as on paper."""

from __future__ import annotations

import io

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


def build(report: Report, by: Issuer | None = None) -> bytes:
    by = by or issuer()
    wb = Workbook()
    wb.remove(wb.active)
    for n, table in enumerate(report.tables, start=1):
        title = (table.caption or report.heading)[:28].strip(" .:")
        for bad in "[]:*?/\\":
            title = title.replace(bad, " ")
        ws = wb.create_sheet(title=f"{n}. {title}"[:31] if len(report.tables) > 1 else title)
        _sheet(ws, report, table, by)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _sheet(ws, report: Report, table: Table, by: Issuer) -> None:  # type: ignore[no-untyped-def]
    font = by.font
    width = len(table.columns)
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
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=width)
        ws.cell(row=r, column=1).alignment = Alignment(horizontal="center")
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
    ws.freeze_panes = ws.cell(row=head + 1, column=1)
    ws.print_title_rows = f"{head}:{head}"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left, ws.page_margins.right = 30 / 25.4, 15 / 25.4
    ws.page_margins.top, ws.page_margins.bottom = 20 / 25.4, 20 / 25.4
    ws.oddHeader.center.text = "&P"
    ws.print_options.horizontalCentered = True
