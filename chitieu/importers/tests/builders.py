"""Build the appendix of seed 000 as real .docx, .xlsx and .pdf files, the way offices save them:
agency cells merged down the rows they cover, numbers stored as numbers in Excel."""

from __future__ import annotations

import io
from html import escape

from chitieu.conftest import SEED_000, SEEDS

HEADER = [
    "TT",
    "Chỉ tiêu",
    "Đơn vị tính",
    "Mục tiêu 2026 - 2030",
    "Cơ quan chủ trì",
    "Cơ quan phối hợp",
]
TITLE = "PHỤ LỤC 1: PHÂN CÔNG PHỤ TRÁCH CÁC CHỈ TIÊU KINH TẾ - XÃ HỘI CHỦ YẾU"
REF = "(Kèm theo Kế hoạch số 130 /KH-UBND ngày 07 tháng 4 năm 2026 của UBND tỉnh Lạng Sơn)"


def table_rows() -> list[list[str]]:
    """The table of seed 000 as printed: section rows, and each row's own cells (blank = merged)."""
    from chitieu.importers.agencies import Directory
    from chitieu.importers.records import Document
    from chitieu.importers.tabular import read_tab_text

    doc = read_tab_text(
        (SEEDS / SEED_000).read_text(encoding="utf-8"),
        Document("x", "x", "tab"),
        Directory.default(),
    )
    out: list[list[str]] = []
    section = ""
    prev_lead = prev_coord = None
    for r in doc.rows:
        if r.group != section:
            section = r.group
            roman = {
                "CHỈ TIÊU KINH TẾ": "I",
                "CHỈ TIÊU XÃ HỘI": "II",
                "CHỈ TIÊU MÔI TRƯỜNG": "III",
            }[section]
            out.append([roman, section, "", "", "", ""])
        out.append(
            [
                r.no or "",
                r.name,
                r.unit,
                r.target_text,
                "" if r.lead_text == prev_lead else r.lead_text,
                "" if r.coordinating_text == prev_coord else r.coordinating_text,
            ]
        )
        prev_lead, prev_coord = r.lead_text, r.coordinating_text
    return out


def _spans(rows: list[list[str]], col: int) -> list[tuple[int, int]]:
    """(first, last) row index of each vertically merged block of a column."""
    spans = []
    start = None
    for i, row in enumerate(rows):
        if row[col]:
            if start is not None:
                spans.append((start, i - 1))
            start = i
        elif row[0] in ("I", "II", "III") and start is not None:
            spans.append((start, i - 1))
            start = None
    if start is not None:
        spans.append((start, len(rows) - 1))
    return spans


def build_docx(split_at: int = 20) -> bytes:
    import docx

    rows = table_rows()
    d = docx.Document()
    d.add_paragraph(TITLE)
    d.add_paragraph(REF)
    # A table broken by a page is often saved as two tables, the second repeating the header.
    for part in (rows[:split_at], rows[split_at:]):
        table = d.add_table(rows=1 + len(part), cols=6)
        for j, h in enumerate(HEADER):
            table.cell(0, j).text = h
        for i, row in enumerate(part, start=1):
            for j, value in enumerate(row):
                table.cell(i, j).text = value
        for col in (4, 5):
            for first, last in _spans(part, col):
                if last > first:
                    text = part[first][col]
                    merged = table.cell(first + 1, col).merge(table.cell(last + 1, col))
                    merged.text = text
        d.add_paragraph("")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _excel_value(text: str) -> object:
    from chitieu.core.numbers import NumberError, parse_number

    try:
        d = parse_number(text)
    except NumberError:
        return text
    return int(d) if d == d.to_integral_value() else float(d)


def build_xlsx() -> bytes:
    import openpyxl

    rows = table_rows()
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Phụ lục 1"
    ws.append([TITLE])
    ws.append([REF])
    ws.append(HEADER)
    for row in rows:
        ws.append([*row[:3], _excel_value(row[3]), *row[4:]])
    for col in (4, 5):
        for first, last in _spans(rows, col):
            if last > first:
                ws.merge_cells(
                    start_row=first + 4, start_column=col + 1, end_row=last + 4, end_column=col + 1
                )
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def build_pdf() -> bytes:
    from weasyprint import HTML

    rows = table_rows()
    spans = {col: {first: last - first + 1 for first, last in _spans(rows, col)} for col in (4, 5)}
    body = []
    for i, row in enumerate(rows):
        cells = []
        for j, value in enumerate(row):
            if j in spans:
                if i in spans[j]:
                    cells.append(f'<td rowspan="{spans[j][i]}">{escape(value)}</td>')
                elif not row[j] and any(f <= i < f + n for f, n in spans[j].items()):
                    continue
                else:
                    cells.append(f"<td>{escape(value)}</td>")
            else:
                cells.append(f"<td>{escape(value)}</td>")
        # Start each section on a new page, so that no merged cell is cut by a page break:
        # the point here is the reader, not how a renderer splits a merged cell.
        attr = ' style="page-break-before: always"' if row[0] in ("II", "III") else ""
        body.append(f"<tr{attr}>" + "".join(cells) + "</tr>")
    html = f"""<html><head><meta charset="utf-8"><style>
      @page {{ size: A3 landscape; margin: 1cm; }}
      body {{ font-family: serif; font-size: 9pt; }}
      table {{ border-collapse: collapse; width: 100%; }}
      td, th {{ border: 0.8pt solid black; padding: 2pt; vertical-align: top; }}
      tr {{ page-break-inside: avoid; }}
    </style></head><body><p>{escape(TITLE)}</p><p>{escape(REF)}</p>
    <table><thead><tr>{"".join(f"<th>{escape(h)}</th>" for h in HEADER)}</tr></thead>
    <tbody>{"".join(body)}</tbody></table></body></html>"""
    return HTML(string=html).write_pdf()
