"""Readers for Word (.docx) tables, Excel (.xlsx) sheets and PDF files of an appendix."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from typing import Any

from chitieu.core.text import clean

from .agencies import Directory
from .columns import Mapping, header_rows
from .excel import cell_text
from .grid import ACROSS, DOWN, ORIGINAL, Grid, from_plain
from .heading import read_identity
from .pdftext import read_pdf_text
from .records import Document, ImportError_
from .table import assemble, header_map
from .tablemodel import prefers_legacy, read_tables


def read_docx(
    data: bytes,
    document: Document,
    directory: Directory,
    mappings: dict[str, Mapping] | None = None,
) -> Document:
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
    laid_out: set[str] = set()  # the heading's lines that came from a layout table
    body = d.element.body
    rows: list[tuple[int, list[str]]] = []
    grids: list[Grid] = []
    table_of: dict[int, int] = {}  # python-docx repeats a merged cell in each row it covers
    above: list[str] = []  # paragraphs since the last table: the next table's heading
    n = 0
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            text = "".join(t.text or "" for t in child.iter() if t.tag.endswith("}t"))
            if text.strip():
                above.append(text)
                if not rows:
                    heading.append(text)
        elif tag == "tbl":
            table = docx.table.Table(child, d)
            if not rows and _is_layout(table):
                # A layout table before the appendix (the Decree 30 heading: issuer beside the
                # national motto, number beside place and date; the signature block): its
                # lines are paragraphs of the heading, not rows.
                for line in _layout_lines(table):
                    above.append(line)
                    heading.append(line)
                    laid_out.add(line)
                continue
            start = n
            for row in table.rows:
                n += 1
                rows.append((n, _unique_cells(row.cells)))
                table_of[n] = len(grids)
            grids.append(_docx_grid(table, start, above, len(grids) + 1))
            above = []
    if not rows:
        raise ImportError_(f"{document.source_name}: tệp Word không có bảng nào.")
    first = next((g for g in grids if header_rows(g) is not None), None)
    if (
        not mappings
        and any(header_map(cells) for _, cells in rows)
        and (first is None or prefers_legacy(first, directory))
    ):
        doc = assemble(
            rows, heading=heading, document=document, directory=directory, table_of=table_of
        )
        if doc.title in laid_out:
            # the issuer's name in the heading table is not the title: the caption under it is
            doc.title = _caption_title([h for h in heading if h not in laid_out]) or doc.title
        return doc
    doc = read_tables(grids, document, directory, mappings)
    _fill_identity(doc, heading)
    return doc


def _fill_identity(doc: Document, lines: list[str]) -> None:
    """The table model reads a table's own caption ("PHỤ LỤC 1 …") and drops the lines above it:
    the Decree 30 heading there (number, place and date, in the heading table's cells or in
    paragraphs) still names the document where the caption did not."""
    ident = read_identity(lines)
    if ident is None:
        return
    for attr, value in (
        ("number", ident.number),
        ("issuer", ident.issuer),
        ("place", ident.place),
        ("doc_kind", ident.kind),
    ):
        if value and not getattr(doc, attr):
            setattr(doc, attr, value)
    if doc.issued_on is None:
        doc.issued_on = ident.issued_on


def _caption_title(lines: list[str]) -> str:
    """The first line that is not a reference in brackets; a bare "PHỤ LỤC 1" printed above its
    title on a line of its own is joined to it ("PHỤ LỤC 1: PHÂN CÔNG …")."""
    texts = [t for line in lines if (t := clean(line)) and not t.startswith("(")]
    if len(texts) > 1 and re.fullmatch(r"(PHỤ LỤC|Phụ lục)(\s+[0-9IVXLC]+)?", texts[0]):
        return f"{texts[0]}: {texts[1]}"
    return texts[0] if texts else ""


def _is_layout(table: Any) -> bool:
    """A table of at most three columns with no table header: text laid out side by side."""
    if len(table.columns) > 3 or any(header_map(_unique_cells(r.cells)) for r in table.rows):
        return False
    return header_rows(_docx_grid(table, 0, [], 0)) is None


def _layout_lines(table: Any) -> list[str]:
    """The lines of a layout table, row by row, each cell's paragraphs in order."""
    out: list[str] = []
    for row in table.rows:
        for cell in _unique_cell_objects(row.cells):
            out.extend(line for p in cell.paragraphs if (line := clean(p.text)))
    return out


def _docx_grid(table: Any, start: int, heading: list[str], number: int) -> Grid:
    """The table with merged cells marked: python-docx repeats a merged cell in each position."""
    cells: list[list[str]] = []
    origin: list[list[str]] = []
    tcs: list[list[Any]] = []
    for r, row in enumerate(table.rows):
        texts: list[str] = []
        kinds: list[str] = []
        ids: list[Any] = []
        for c, cell in enumerate(row.cells):
            if c > 0 and cell._tc is ids[c - 1]:
                kind = ACROSS
            elif r > 0 and c < len(tcs[r - 1]) and cell._tc is tcs[r - 1][c]:
                kind = DOWN
            else:
                kind = ORIGINAL
            texts.append(cell.text)
            kinds.append(kind)
            ids.append(cell._tc)
        cells.append([clean(t) for t in texts])
        origin.append(kinds)
        tcs.append(ids)
    width = max((len(r) for r in cells), default=0)
    for r in range(len(cells)):
        cells[r] += [""] * (width - len(cells[r]))
        origin[r] += [ORIGINAL] * (width - len(origin[r]))
    lines = list(range(start + 1, start + 1 + len(cells)))
    return Grid(cells, origin, lines, heading=[clean(h) for h in heading], label=f"bảng {number}")


def _unique_cell_objects(cells: Any) -> list[Any]:
    # A horizontally merged cell is returned once per grid column; keep it once.
    out: list[Any] = []
    for c in cells:
        if not any(c._tc is s._tc for s in out):
            out.append(c)
    return out


def _unique_cells(cells: Any) -> list[str]:
    return [c.text for c in _unique_cell_objects(cells)]


def read_xlsx(
    data: bytes,
    document: Document,
    directory: Directory,
    mappings: dict[str, Mapping] | None = None,
) -> Document:
    """The first sheet that holds the appendix header; numbers are written back the Vietnamese way."""
    import openpyxl

    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
        formulas = _formulas(data)
    except Exception as exc:  # openpyxl raises several unrelated types for a bad file
        raise ImportError_(
            f"{document.source_name}: tệp Excel bị hỏng hoặc không đọc được ({exc})."
        ) from exc
    sheets = [(ws, _sheet_texts(ws)) for ws in wb.worksheets]
    for ws, texts in sheets:
        rows = list(enumerate(texts, start=1))
        if any(header_map(cells) for _, cells in rows):
            _warn_uncomputed(ws, formulas.get(ws.title, {}), document)
        if (
            not mappings
            and any(header_map(cells) for _, cells in rows)
            and prefers_legacy(grid := _xlsx_grid(ws, texts), directory)
        ):
            return assemble(
                [(line, _merged_down(grid, line - 1)) for line, _ in rows],
                heading=[],
                document=document,
                directory=directory,
                table_of=dict.fromkeys((line for line, _ in rows), 0),
            )
    grids = [_xlsx_grid(ws, texts) for ws, texts in sheets]
    found = [g for g in grids if header_rows(g) is not None]
    if found:
        return read_tables(found, document, directory, mappings)
    raise ImportError_(
        f"{document.source_name}: không trang tính nào có dòng tiêu đề bảng (TT, Chỉ tiêu, ...)."
    )


def _sheet_texts(ws: Any) -> list[list[str]]:
    """Every row of a sheet as it shows: numbers in their format (see :mod:`.excel`)."""
    return [[cell_text(c.value, c.number_format) for c in row] for row in ws.iter_rows()]


def _formulas(data: bytes) -> dict[str, dict[str, str]]:
    """Formulas by sheet and cell, read only when the file has any: a formula saved without
    its computed value (written by a program, never opened in Excel) reads as an empty cell."""
    import zipfile

    import openpyxl

    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        sheets = [n for n in zf.namelist() if n.startswith("xl/worksheets/")]
        if not any(b"<f" in zf.read(n) for n in sheets):
            return {}
    wb = openpyxl.load_workbook(io.BytesIO(data), data_only=False)
    return {
        ws.title: {
            c.coordinate: c.value
            for row in ws.iter_rows()
            for c in row
            if isinstance(c.value, str) and c.value.startswith("=")
        }
        for ws in wb.worksheets
    }


def _warn_uncomputed(ws: Any, formulas: dict[str, str], document: Document) -> None:
    for ref, formula in formulas.items():
        if ws[ref].value is None:
            document.warnings.append(
                f"Dòng {ws[ref].row}: ô {ref} là công thức “{formula}” chưa có giá trị tính sẵn "
                "— hãy mở tệp bằng Excel, lưu lại rồi nhập lại (ô này đang được đọc là trống)."
            )


def _xlsx_grid(ws: Any, texts: list[list[str]]) -> Grid:
    """A sheet with its merged ranges copied into every position they cover."""
    rows = [list(r) for r in texts]
    grid = from_plain(rows, range(1, len(rows) + 1), label=f"trang tính “{ws.title}”")
    for rng in ws.merged_cells.ranges:
        top, left = rng.min_row - 1, rng.min_col - 1
        if top >= len(grid.cells) or left >= grid.width:
            continue
        text = grid.cells[top][left]
        for r in range(top, min(rng.max_row, len(grid.cells))):
            for c in range(left, min(rng.max_col, grid.width)):
                if (r, c) != (top, left):
                    grid.cells[r][c] = text
                    grid.origin[r][c] = ACROSS if r == top else DOWN
    return grid


def _merged_down(grid: Grid, r: int) -> list[str]:
    """A grid row with the cells merged down from above filled in, those merged across left
    blank (a section row spread over the line stays one cell)."""
    return [grid.cells[r][c] if grid.origin[r][c] != ACROSS else "" for c in range(grid.width)]


def _pdf_merged_down(rows: list[tuple[int, list[str | None]]]) -> list[tuple[int, list[str]]]:
    """pdfplumber's rows with each cell merged down from above filled in. A row of one or two
    cells (a section heading spread over the line) has its empty positions merged across."""
    out: list[tuple[int, list[str]]] = []
    prev: list[str] = []
    for line, raw in rows:
        across = sum(1 for x in raw if x is not None) <= 2
        cells = [
            x if x is not None else ("" if across or c >= len(prev) else prev[c])
            for c, x in enumerate(raw)
        ]
        out.append((line, cells))
        prev = cells
    return out


def _pdf_grid(rows: list[tuple[int, list[str | None]]], number: int) -> Grid:
    """pdfplumber gives None where a merged cell was: copy the cell from the left or above."""
    width = max((len(c) for _, c in rows), default=0)
    cells: list[list[str]] = []
    origin: list[list[str]] = []
    for r, (_, raw) in enumerate(rows):
        raw = [*raw, *[None] * (width - len(raw))]
        texts: list[str] = []
        kinds: list[str] = []
        for c, x in enumerate(raw):
            if x is not None:
                texts.append(clean(x))
                kinds.append(ORIGINAL)
                continue
            # A merged cell's other positions: below its top (vertical merge) when there is
            # a row above; beside it otherwise. A copied value never counts as printed.
            above = cells[r - 1][c] if r > 0 else ""
            if above:
                texts.append(above)
                kinds.append(DOWN)
            elif c > 0:
                texts.append(texts[c - 1])
                kinds.append(ACROSS)
            else:
                texts.append("")
                kinds.append(ORIGINAL)
        cells.append(texts)
        origin.append(kinds)
    return Grid(cells, origin, [n for n, _ in rows], label=f"bảng {number}")


def read_pdf(
    data: bytes,
    document: Document,
    directory: Directory,
    mappings: dict[str, Mapping] | None = None,
) -> Document:
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
        page_of: dict[int, int] = {}
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
                    page_of[n] = page.page_number
    if (
        tables
        and not mappings
        and any(header_map([c or "" for c in cells]) for _, cells in tables)
        and prefers_legacy(_pdf_grid(tables, 1), directory)
    ):
        document.layout = "pdf-table"
        return assemble(
            _pdf_merged_down(tables),
            heading=heading,
            document=document,
            directory=directory,
            table_of=page_of,
        )
    if tables:
        grid = _pdf_grid(tables, 1)
        grid.heading = [line for line in heading if line.strip()]
        if header_rows(grid) is not None:
            document.layout = "pdf-table"
            return read_tables([grid], document, directory, mappings)
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
