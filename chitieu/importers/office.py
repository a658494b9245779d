"""Readers for Word (.docx) tables, Excel (.xlsx) sheets and PDF files of an appendix."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from chitieu.core.numbers import format_number

from .agencies import Directory
from .pdftext import read_pdf_text
from .records import Document, ImportError_
from .table import assemble, header_map


def read_docx(data: bytes, document: Document, directory: Directory) -> Document:
    """Paragraphs before the first table are the heading; every table's rows are read in order
    (a table broken by a page is often saved as two tables)."""
    import docx  # python-docx

    try:
        d = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises several unrelated types for a bad file
        raise ImportError_(
            f"{document.source_name}: tệp Word bị hỏng hoặc không đọc được ({exc})."
        ) from exc
    heading: list[str] = []
    body = d.element.body
    rows: list[tuple[int, list[str]]] = []
    n = 0
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p" and not rows:
            text = "".join(t.text or "" for t in child.iter() if t.tag.endswith("}t"))
            if text.strip():
                heading.append(text)
        elif tag == "tbl":
            table = docx.table.Table(child, d)
            for row in table.rows:
                n += 1
                rows.append((n, _unique_cells(row.cells)))
    if not rows:
        raise ImportError_(f"{document.source_name}: tệp Word không có bảng nào.")
    return assemble(rows, heading=heading, document=document, directory=directory)


def _unique_cells(cells: Any) -> list[str]:
    # A horizontally merged cell is returned once per grid column; keep it once.
    out: list[str] = []
    seen: list[Any] = []
    for c in cells:
        if any(c._tc is s for s in seen):
            continue
        seen.append(c._tc)
        out.append(c.text)
    return out


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float | Decimal):
        d = Decimal(str(value))
        return format_number(d.normalize() if d == d.to_integral_value() else d)
    if isinstance(value, datetime | date):
        return value.strftime("%d/%m/%Y")
    return str(value)


def read_xlsx(data: bytes, document: Document, directory: Directory) -> Document:
    """The first sheet that holds the appendix header; numbers are written back the Vietnamese way."""
    import openpyxl

    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except Exception as exc:  # openpyxl raises several unrelated types for a bad file
        raise ImportError_(
            f"{document.source_name}: tệp Excel bị hỏng hoặc không đọc được ({exc})."
        ) from exc
    for ws in wb.worksheets:
        rows = [
            (i, [_cell_text(v) for v in values])
            for i, values in enumerate(ws.iter_rows(values_only=True), start=1)
        ]
        if any(header_map(cells) for _, cells in rows):
            return assemble(rows, heading=[], document=document, directory=directory)
    raise ImportError_(
        f"{document.source_name}: không trang tính nào có dòng tiêu đề bảng (TT, Chỉ tiêu, ...)."
    )


def read_pdf(data: bytes, document: Document, directory: Directory) -> Document:
    """A PDF with ruled tables is read cell by cell; one whose text lost its columns is read
    as PDF text (see :mod:`chitieu.importers.pdftext`)."""
    import pdfplumber

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as exc:  # pdfminer raises several unrelated types for a bad file
        raise ImportError_(
            f"{document.source_name}: tệp PDF bị hỏng hoặc không đọc được ({exc})."
        ) from exc
    with pdf:
        tables: list[tuple[int, list[str | None]]] = []
        texts: list[str] = []
        heading: list[str] = []
        n = 0
        for page in pdf.pages:
            text = page.extract_text() or ""
            texts.append(text)
            if n == 0:
                heading.extend(_lines_before_table(text))
            for table in page.extract_tables():
                for cells in table:
                    n += 1
                    tables.append((n, list(cells)))
    if tables and any(header_map([c or "" for c in cells]) for _, cells in tables):
        document.layout = "pdf-table"
        return assemble(tables, heading=heading, document=document, directory=directory)
    joined = "\n".join(texts)
    if not joined.strip():
        raise ImportError_(
            f"{document.source_name}: tệp PDF không có lớp chữ (bản scan); hãy dùng bản Word/PDF có chữ."
        )
    document.layout = "pdf-text"
    return read_pdf_text(joined, document, directory)


def _lines_before_table(text: str) -> Iterator[str]:
    for line in text.splitlines():
        if header_map(line.split()):
            return
        if line.strip().upper().startswith(("TT ", "STT ")):
            return
        yield line
