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
from .units import unit_in_name

COLUMNS = ("no", "name", "unit", "target", "lead", "coordinating")
_ROMAN = re.compile(r"^(?=[IVXLC]+$)M{0,3}(C[MD]|D?C{0,3})(X[CL]|L?X{0,3})(I[XV]|V?I{0,3})$")
_NUMBER = re.compile(r"^\d+(\.\d+)*\.?$")
_SUB_MARK = re.compile(r"^(?:[a-zđ]|[-+–•*])\)?$")


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
    table_of: dict[int, int] | None = None,
) -> Document:
    """Turn raw table rows (source row number, cell texts) into the document's rows.

    ``table_of`` (source row -> table or page) says the file marks its merged cells, as Word,
    Excel and ruled PDF do, and the cells merged down are already filled in: a blank agency
    cell is then blank, except at the top of a table continued from the page before. Without
    it (text), a blank agency cell is merged with the row above (decision 0004).
    """
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
    if "unit" not in columns:
        # No unit column: "Tỷ lệ trường đạt chuẩn (%)" carries its unit in the name.
        for _, values, _ in pending:
            if found := unit_in_name(values["name"]):
                values["name"], values["unit"] = found
    if "target" not in columns:
        document.warnings.append(
            f"{document.source_name}: không thấy cột mục tiêu trong dòng tiêu đề; các dòng "
            "được nhập không có mục tiêu — hãy kiểm tra tên cột (ví dụ “Kế hoạch năm 2026”)."
        )
    build_rows(document, pending, directory, table_of)
    return document


def is_note(text: str) -> bool:
    """Whether the only cell of a row is a note printed across the table ("Ghi chú: …"), not
    a row number or a section heading."""
    text = clean(text)
    if fold(text).startswith((fold("ghi chú"), fold("lưu ý"), "(*)", "*")):
        return True
    if text.isupper():
        return False  # "CÁC CHỈ TIÊU XÃ HỘI" spread over the line heads a section
    return len(text.split()) >= 4 and not re.match(
        r"^(?:[IVXLC]+|[A-ZĐ]|\d+(?:\.\d+)*)[.)]?\s", text
    )


def build_rows(
    document: Document,
    pending: list[tuple[int, dict[str, str], str]],
    directory: Directory,
    table_of: dict[int, int] | None = None,
) -> None:
    """Sections, numbering, inheritance of blank agency cells, target parsing, agency resolution."""
    group = ""
    parent_no: str | None = None
    lead_text = coord_text = ""
    section_lead = ""  # a section named after an agency ("I. SỞ Y TẾ") leads its rows
    printed = {"lead": False, "coordinating": False}  # in this table, for merge-aware files
    table = None
    for line, v, raw in pending:
        if table_of is not None and table_of.get(line) != table:
            table = table_of.get(line)
            printed = dict.fromkeys(printed, False)
        no = v["no"].rstrip(".") or None
        if no and not any(v[k] for k in COLUMNS if k != "no") and is_note(no):
            document.warnings.append(f"Dòng {line}: ghi chú trong bảng (không phải chỉ tiêu): {no}")
            continue
        if no and _ROMAN.match(no) and not v["unit"] and not v["target"]:
            group = v["name"]
            section_lead = v["name"] if directory.lookup(v["name"]) else ""
            if section_lead:
                lead_text = section_lead
            # A merge cannot run through a section row printed across the table: a blank cell
            # under it, before any cell printed in the section, still reads as the one above.
            printed = dict.fromkeys(printed, False)
            continue
        if v["lead"]:
            lead_text, printed["lead"] = v["lead"], True
        elif table_of is not None and printed["lead"]:
            lead_text = section_lead  # a blank cell that is not merged: no lead of its own
        if v["coordinating"]:
            coord_text, printed["coordinating"] = v["coordinating"], True
        elif table_of is not None and printed["coordinating"]:
            coord_text = ""
        marked = bool(no and _SUB_MARK.match(no))  # "a", "-", "+": a part of the row above
        row = Row(
            line=line,
            no=None if marked else no,
            parent_no=parent_no if marked or not no else None,
            group=group,
            name=v["name"],
            unit=v["unit"],
            target_text=v["target"],
            lead_text=lead_text,
            coordinating_text=coord_text,
            raw=raw,
        )
        if no and not marked:
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
    # Numbering restarts in each section ("I. SỞ Y TẾ" 1, 2; "II. …" 1, 2): only a repeat within
    # one section is a duplicate.
    seen: dict[tuple[str, str], int] = {}
    for row in document.rows:
        if row.no is None:
            continue
        key = (row.group, row.no)
        if key in seen:
            document.warnings.append(
                f"Dòng {row.line}: số thứ tự {row.no} in lặp lại (đã có ở dòng {seen[key]})."
            )
        else:
            seen[key] = row.line
