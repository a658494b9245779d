"""From the cells of an appendix table (any file format) to rows: one logic for all readers.

Handles what the province's tables do: the header repeated at each page break, a cell
continued on the next page (a row with no name), section rows ("I", "II"), sub-rows
without a number, and blank agency cells that mean "merged with the row above".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from chitieu.core.targets import RelativeTargetError, TargetError, parse_target
from chitieu.core.text import clean, fold

from .agencies import Directory, organisations
from .columns import is_target_heading
from .records import Document, ImportError_, Row

COLUMNS = ("no", "name", "unit", "target", "lead", "coordinating")
_ROMAN = re.compile(r"^(?=[IVXLC]+$)M{0,3}(C[MD]|D?C{0,3})(X[CL]|L?X{0,3})(I[XV]|V?I{0,3})$")
_NUMBER = re.compile(r"^\d+(\.\d+)*\.?$")


def _column_of(header_cell: str) -> str | None:
    key = fold(header_cell)
    if key in (fold("TT"), fold("STT"), fold("Số TT")):
        return "no"
    if fold("chủ trì") in key:
        return "lead"
    if fold("phối hợp") in key:
        return "coordinating"
    if key.startswith(fold("đơn vị")) or key == fold("ĐVT"):
        return "unit"
    if (
        key.startswith(fold("mục tiêu"))
        or key.startswith(fold("kế hoạch"))
        or key.startswith("kh ")
    ):
        return "target"
    if key.startswith((fold("chỉ tiêu"), fold("nội dung"), fold("tên chỉ tiêu"))):
        return "name"
    return None


def header_map(cells: Sequence[str]) -> dict[str, int] | None:
    """Column positions if these cells are the table's header row, else None."""
    found: dict[str, int] = {}
    for i, cell in enumerate(cells):
        col = _column_of(cell or "")
        if col == "name" and "name" in found and is_target_heading(cell or ""):
            col = "target"  # "Chỉ tiêu năm 2026" beside "Chỉ tiêu": the target column
        if col and col not in found:
            found[col] = i
    if {"no", "name"} <= found.keys() and len(found) >= 3:
        return found
    return None


def assemble(
    cells_by_row: Iterable[tuple[int, Sequence[str | None]]],
    *,
    heading: list[str],
    document: Document,
    directory: Directory,
) -> Document:
    """Turn raw table rows (source row number, cell texts) into the document's rows."""
    from .heading import apply_heading

    columns: dict[str, int] | None = None
    pending: list[tuple[int, dict[str, str], str]] = []
    for line, raw_cells in cells_by_row:
        cells = [clean(c or "") for c in raw_cells]
        if not any(cells):
            continue
        hm = header_map(cells)
        if hm is not None:
            if columns is None:
                columns = hm
                document.target_header = cells[hm["target"]] if "target" in hm else ""
            continue  # the header repeated at a page break
        if columns is None:
            heading.append(" ".join(c for c in cells if c))
            continue
        values = {k: (cells[i] if i < len(cells) else "") for k, i in columns.items()}
        for k in COLUMNS:
            values.setdefault(k, "")
        raw = " | ".join(cells)
        if not values["name"] and not values["no"] and pending:
            # A cell continued over a page break: append each piece to the row above.
            _, prev, prev_raw = pending[-1]
            for k in COLUMNS:
                if values[k]:
                    prev[k] = f"{prev[k]} {values[k]}".strip()
            pending[-1] = (pending[-1][0], prev, f"{prev_raw} ⏎ {raw}")
            continue
        pending.append((line, values, raw))
    if columns is None:
        raise ImportError_(
            f"{document.source_name}: không tìm thấy dòng tiêu đề bảng (cần các cột TT, Chỉ tiêu, "
            "Đơn vị tính, Mục tiêu, Cơ quan chủ trì, Cơ quan phối hợp)."
        )
    apply_heading(document, heading)
    if "target" not in columns:
        document.warnings.append(
            f"{document.source_name}: không thấy cột mục tiêu trong dòng tiêu đề; các dòng "
            "được nhập không có mục tiêu — hãy kiểm tra tên cột (ví dụ “Kế hoạch năm 2026”)."
        )
    build_rows(document, pending, directory)
    return document


def build_rows(
    document: Document, pending: list[tuple[int, dict[str, str], str]], directory: Directory
) -> None:
    """Sections, numbering, inheritance of blank agency cells, target parsing, agency resolution."""
    group = ""
    parent_no: str | None = None
    lead_text = coord_text = ""
    for line, v, raw in pending:
        no = v["no"].rstrip(".") or None
        if no and _ROMAN.match(no) and not v["unit"] and not v["target"]:
            group = v["name"]
            continue
        if v["lead"]:
            lead_text = v["lead"]
        if v["coordinating"]:
            coord_text = v["coordinating"]
        row = Row(
            line=line,
            no=no,
            parent_no=None if no else parent_no,
            group=group,
            name=v["name"],
            unit=v["unit"],
            target_text=v["target"],
            lead_text=lead_text,
            coordinating_text=coord_text,
            raw=raw,
        )
        if no:
            parent_no = no
            if not _NUMBER.match(no):
                row.error = f"số thứ tự “{no}” không phải là số"
        finish_row(row, document, directory)
    _warn_duplicates(document)


def finish_row(row: Row, document: Document, directory: Directory) -> None:
    """Parse the target and resolve the agencies of one row; record what cannot be read."""
    if not row.name:
        row.error = row.error or "thiếu tên chỉ tiêu"
    if row.target_text:
        try:
            row.target = parse_target(row.target_text, name=row.name, unit=row.unit)
        except RelativeTargetError as exc:
            # Kept as printed without a typed target: the person sees why and may type a value.
            document.warnings.append(f"Dòng {row.line}: {exc}")
        except TargetError as exc:
            row.error = row.error or f"mục tiêu không đọc được: {exc}"
        else:
            if row.target.note:
                document.warnings.append(f"Dòng {row.line}: {row.target.note}")
    row.lead, unknown_lead = organisations(row.lead_text, directory)
    row.coordinating, unknown_coord = organisations(row.coordinating_text, directory)
    row.unresolved = [*unknown_lead, *(u for u in unknown_coord if u not in unknown_lead)]
    for name in row.unresolved:
        msg = f"Dòng {row.line}: không nhận ra cơ quan “{name}” — cần xem lại."
        if msg not in document.warnings:
            document.warnings.append(msg)
    if row.error:
        document.warnings.append(f"Dòng {row.line}: {row.error} — nội dung: {row.raw}")
    document.rows.append(row)


def _warn_duplicates(document: Document) -> None:
    seen: dict[str, int] = {}
    for row in document.rows:
        if row.no is None:
            continue
        if row.no in seen:
            document.warnings.append(
                f"Dòng {row.line}: số thứ tự {row.no} in lặp lại (đã có ở dòng {seen[row.no]})."
            )
        else:
            seen[row.no] = row.line
