"""One table model for every shape: a grid and its column mapping in, import rows out.

A row of the table gives one import row per value it carries: one per target column (each
with its own period), one per "ước thực hiện" column (kind "actual"), one per organisation
column (the organisation as lead). A row of a task table gives one row of kind "action".
Where the table has no value column, the target is read from the indicator's own words
("Kinh tế số chiếm 45% GRDP", "đạt tối thiểu 30%").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from chitieu.core.text import clean, fold

from .agencies import Directory, organisations
from .columns import Mapping, period_of, propose_mapping
from .grid import DOWN, Grid
from .records import Document, ImportError_, Row
from .structure import is_part
from .table import finish_row, is_note
from .units import unit_in_name

_ROMAN = re.compile(r"^(?=[IVXLC]+$)M{0,3}(C[MD]|D?C{0,3})(X[CL]|L?X{0,3})(I[XV]|V?I{0,3})$")
_SECTION_NO = re.compile(r"^(?:[IVXLC]+|[A-ZĐ]|[IVXLC]+\.\d+)$")
_SUB_MARK = re.compile(r"^(?:[-+–•*]|[a-zđ])$")
_SUB_PREFIX = re.compile(r"^\s*[-+–•]\s*")
_INLINE = re.compile(
    r"(?P<verb>chiếm|đạt|là|trên|dưới|tối thiểu|ít nhất|khoảng|không quá|không dưới|tăng|giảm)"
    r"\s+(?:(?P<q>tối thiểu|ít nhất|trên|dưới|khoảng|không quá|không dưới|từ)\s+)?"
    r"(?P<num>\d[\d.,]*)\s*(?P<unit>%)",
    re.I,
)
_QUALIFIER = {
    "tối thiểu": "≥",
    "ít nhất": "≥",
    "không dưới": "≥",
    "trên": ">",
    "dưới": "<",
    "không quá": "≤",
    "khoảng": "khoảng ",
}
_NAMED_SECTION = re.compile(r"^(?:[IVXLC]+|[A-ZĐ])\.\s+\S")
_TICKS = {"x", "X", "✓", "✔", "v"}
_BUDGET = re.compile(r"dự toán|ngân sách|NSNN|NSĐP|vay và trả nợ", re.I)


@dataclass
class TableRead:
    """One table of a document: its grid, the proposed mapping and the rows read with it."""

    grid: Grid
    mapping: Mapping
    rows: list[Row]


def inline_target(name: str) -> tuple[str, str] | None:
    """The target written inside an indicator's words: (target text, unit), or None."""
    found = list(_INLINE.finditer(name))
    if not found:
        return None
    m = found[-1]
    q = (m.group("q") or m.group("verb")).lower()
    sign = _QUALIFIER.get(q, "")
    return f"{sign}{m.group('num').rstrip('.,')}", m.group("unit")


def _no_of(text: str) -> str:
    return clean(text).rstrip(".)").strip()


def _is_part(name: str, parent: Row | None, marked: bool) -> bool:
    """Whether an unnumbered row is a part of the numbered row above (point 6 of issue 9)."""
    if parent is None:
        return False
    has_target = bool(parent.target_text) or parent.target is not None
    return is_part(name, parent.name, parent_has_target=has_target, marked=marked)


def read_grid(grid: Grid, mapping: Mapping, document: Document, directory: Directory) -> list[Row]:
    """Read the rows of one table with a mapping (proposed, or as the person corrected it).

    Returns the rows and appends them, with their warnings, to ``document``.
    """
    number = mapping.first("number")
    name_col = mapping.first("indicator")
    unit_col = mapping.first("unit")
    lead_col = mapping.first("lead")
    coord_col = mapping.first("coordinating")
    deadline_col = mapping.first("deadline")
    results = mapping.of("result")
    targets = mapping.of("target")
    actuals = mapping.of("actual")
    orgs = mapping.of("organisation")
    if name_col is None:
        raise ImportError_(
            f"{document.source_name}, {grid.label}: không thấy cột tên chỉ tiêu/nhiệm vụ; hãy chọn cột đó."
        )
    name_header = fold(grid.text(max(mapping.header_rows - 1, 0), name_col))
    if mapping.kind == "target" and not (targets or actuals or orgs):
        document.warnings.append(
            f"{grid.label}: không thấy cột mục tiêu; mục tiêu chỉ được đọc từ lời của tên chỉ "
            "tiêu — nếu bảng có cột mục tiêu, hãy chọn vai trò “Mục tiêu” cho cột đó."
        )
    out: list[Row] = []
    group = ""
    top = ""  # the top-level section ("I", "A") a sub-section ("I.1") belongs to
    section_lead = ""
    section_period = ""
    parent: Row | None = None
    seen: dict[tuple[str, str, str], int] = {}
    for r in range(mapping.header_rows, len(grid.cells)):
        cells = grid.cells[r]
        line = grid.lines[r]

        def own(c: int | None, r: int = r) -> str:
            return grid.own(r, c) if c is not None else ""

        def val(c: int | None, r: int = r) -> str:
            return grid.text(r, c) if c is not None else ""

        if not any(grid.own(r, c) for c in range(len(cells))):
            continue
        raw = " | ".join(grid.own(r, c) for c in range(len(cells)))
        printed = [c for c in range(len(cells)) if grid.own(r, c)]
        if len(printed) == 1 and printed[0] == (number or 0) and is_note(cells[printed[0]]):
            document.warnings.append(
                f"{grid.label}, dòng {line}: ghi chú trong bảng (không phải chỉ tiêu): {cells[printed[0]]}"
            )
            continue
        no = _no_of(own(number))
        name = own(name_col)
        if fold(no) in ("tt", "stt") or fold(name) == name_header:
            continue  # the header printed again after a page break
        if not name and not no:
            if out and mapping.kind == "action":
                # A continuation row of the task above (its number and agencies merged down).
                prev = out[-1]
                prev.name = clean(f"{prev.name} {own(name_col)}")
                prev.raw = f"{prev.raw} ⏎ {raw}"
                continue
            document.warnings.append(
                f"{grid.label}, dòng {line}: dòng không có tên — bỏ qua: {raw}"
            )
            continue
        values = [own(c.index) for c in (*targets, *actuals, *orgs)]
        has_values = any(values) or bool(own(unit_col))
        if (no and _SECTION_NO.match(no) and not has_values) or (
            not no and not has_values and (name.isupper() or _NAMED_SECTION.match(name))
        ):
            group = name
            section_lead = name if directory.lookup(name) else section_lead
            if "." not in no:
                # A new top-level section: its own period ("Giai đoạn 2028-2030") or none.
                top = name
                section_lead = name if directory.lookup(name) else ""
                section_period = period_of(name)
            elif p := period_of(name):
                section_period = p
            parent = None
            continue
        marked = bool(_SUB_MARK.match(no)) or bool(_SUB_PREFIX.match(name))
        is_sub = not no or marked
        name = _SUB_PREFIX.sub("", name)
        unit = own(unit_col) or val(unit_col)
        if unit_col is None and (found := unit_in_name(name)):
            name, unit = found  # no unit column: "Tỷ lệ … (%)" carries its unit
        lead_text = val(lead_col) or section_lead
        coord_text = val(coord_col)
        if mapping.kind == "action":
            if not no and out and grid.origin[r][number or 0] == DOWN:
                # The same task goes on: its number and agencies are merged down.
                prev = out[-1]
                more = [own(deadline_col), *(own(c.index) for c in results)]
                prev.name = clean(f"{prev.name} {name}")
                prev.source = clean(" ".join([prev.source, *(x for x in more if x)]))
                prev.raw = f"{prev.raw} ⏎ {raw}"
                continue
            deadline = own(deadline_col)
            row = Row(
                line=line,
                no=no or None,
                parent_no=None,
                group=group,
                name=name,
                unit="",
                lead_text=lead_text,
                coordinating_text=coord_text,
                raw=raw,
                period=period_of(deadline) or section_period,
                source=clean(
                    " ".join(x for x in [deadline, *(own(c.index) for c in results)] if x)
                ),
                kind="action",
            )
            row.lead, _ = organisations(lead_text, directory)
            row.coordinating, _ = organisations(coord_text, directory)
            out.append(row)
            _finish(row, document, directory)
            continue
        parent_no: str | None = None
        if is_sub:
            if _is_part(name, parent, marked):
                parent_no = parent.no if parent else None
            else:
                document.warnings.append(
                    f"{grid.label}, dòng {line}: “{name}” không đánh số và không phải một phần của "
                    f"dòng trên — nhập như một chỉ tiêu riêng, cần xem lại."
                )
        base = Row(
            line=line,
            no=None if is_sub else no,
            parent_no=parent_no,
            group=group,
            name=name,
            unit=unit,
            lead_text=lead_text,
            coordinating_text=coord_text,
            raw=raw,
            period=section_period or document.period_code,
        )
        emitted = _values(base, grid, r, mapping, document)
        if not is_sub:
            parent = emitted[0]
            key = (top, group, no)
            if key in seen:
                document.warnings.append(
                    f"{grid.label}, dòng {line}: số thứ tự {no} in lặp lại trong mục “{group}” (đã có ở dòng {seen[key]})."
                )
            seen[key] = line
        for row in emitted:
            out.append(row)
            _finish(row, document, directory)
    return out


def _values(base: Row, grid: Grid, r: int, mapping: Mapping, document: Document) -> list[Row]:
    """One row per value the table row carries; the row itself when it carries none."""
    from dataclasses import replace

    out: list[Row] = []
    for col in mapping.of("target"):
        text = grid.own(r, col.index)
        if not text or text in ("-", "–"):
            continue
        t, u, src = _value_fields(base, text, col.unit)
        name = f"{base.name} ({col.measure})" if col.measure else base.name
        out.append(
            replace(
                base,
                name=name,
                period=col.period or base.period,
                kind="target",
                target_text=t,
                unit=u,
                source=src,
            )
        )
    for col in mapping.of("actual"):
        text = grid.own(r, col.index)
        if not text or text in ("-", "–"):
            continue
        t, u, src = _value_fields(base, text, col.unit)
        out.append(
            replace(
                base,
                period=col.period or base.period,
                kind="actual",
                target_text=t,
                unit=u,
                source=src,
            )
        )
    for col in mapping.of("organisation"):
        text = grid.own(r, col.index)
        if not text or text in ("-", "–"):
            continue
        t, u, src = _value_fields(base, text, col.unit)
        out.append(
            replace(
                base,
                lead_text=col.organisation,
                kind="target",
                organisation=col.organisation,
                target_text=t,
                unit=u,
                source=src,
            )
        )
    if not out:
        found = inline_target(base.name)
        if found:
            out.append(
                replace(base, target_text=found[0], unit=base.unit or found[1], source=base.name)
            )
        else:
            out.append(replace(base, source=base.name))
            if re.search(r"\d", base.name) and mapping.of("target") == []:
                document.warnings.append(
                    f"{grid.label}, dòng {base.line}: “{base.name[:80]}” có số nhưng không đọc được mục tiêu — hãy nhập tay hoặc bỏ qua."
                )
    return out


def _value_fields(base: Row, text: str, header_unit: str) -> tuple[str, str, str]:
    """(target text, unit, source) of one value cell; an "x" means the target is in the name."""
    unit = base.unit or header_unit
    if text in _TICKS:
        found = inline_target(base.name)
        return (found[0] if found else "", unit or (found[1] if found else ""), base.name)
    target = text
    if text.endswith("%") and unit in ("", "%"):
        target, unit = text[:-1].strip(), "%"
    return target, unit, text


def _finish(row: Row, document: Document, directory: Directory) -> None:
    finish_row(row, document, directory)
    if row.organisation and not row.lead:
        # The column's organisation is the one the target is for, known or not; an unknown
        # one stays in `unresolved` too, so the person maps it before saving.
        row.lead = [row.organisation]


def classify(grid: Grid, mapping: Mapping) -> str | None:
    """Why a table holds no plan targets ("bảng phân bổ kinh phí theo địa phương"), or None."""
    name_col = mapping.first("indicator")
    header = fold(mapping.columns[name_col].header) if name_col is not None else ""
    heading = " ".join(grid.heading)
    if header.startswith((fold("địa phương"), fold("bộ, cơ quan"), fold("cơ quan"))):
        return "bảng số liệu theo từng cơ quan, địa phương (kết quả hoặc phân bổ), không phải chỉ tiêu kế hoạch"
    if _BUDGET.search(heading) and not mapping.first("unit"):
        return "bảng dự toán ngân sách, không phải chỉ tiêu kế hoạch"
    return None


def _caption(lines: list[str]) -> list[str]:
    """The appendix's own caption ("PHỤ LỤC 1", "Mẫu biểu số 01") and what follows it, the
    caption's lines up to the reference in brackets joined into one title."""
    starts = [
        i for i, line in enumerate(lines) if re.match(r"^(PHỤ LỤC|Phụ lục|Mẫu biểu|BIỂU)", line)
    ]
    if not starts:
        return lines
    rest = lines[starts[-1] :]
    n = next((i for i, line in enumerate(rest) if line.startswith("(")), len(rest))
    return [clean(" ".join(rest[:n])), *rest[n:]] if n else rest


def _header_top(grid: Grid) -> int:
    from .columns import header_rows

    found = header_rows(grid)
    return found[0] if found else 0


def prefers_legacy(grid: Grid, directory: Directory) -> bool:
    """Whether a table is in the province's own layout (one header row, one target column),
    which :mod:`chitieu.importers.table` reads exactly as it always has."""
    from .columns import header_rows

    mapping = propose_mapping(grid, directory)
    found = header_rows(grid)
    if mapping is None or found is None:
        return True
    one_row = found[1] - found[0] == 1
    values = mapping.of("actual") or mapping.of("organisation") or mapping.of("total")
    return one_row and len(mapping.of("target")) == 1 and not values


def read_tables(
    grids: list[Grid],
    document: Document,
    directory: Directory,
    mappings: dict[str, Mapping] | None = None,
) -> Document:
    """Read every table of a document that holds targets or tasks; say why the others are left.

    ``mappings`` holds the column roles a person chose for some tables (by the table's label,
    "bảng 2"); the others are read with the proposed mapping, recorded in ``document.tables``.
    """
    from .heading import apply_heading

    reads: list[TableRead] = []
    refused: list[str] = []
    caption_period = ""
    for grid in grids:
        chosen = (mappings or {}).get(grid.label)
        mapping = chosen or propose_mapping(grid, directory)
        if mapping is None:
            continue
        why = None if chosen else classify(grid, mapping)
        if mapping.first("indicator") is None:
            why = "không thấy cột tên chỉ tiêu/nhiệm vụ (hãy chọn cột đó)"
        if why:
            refused.append(f"{grid.label} ({' '.join(grid.heading)[:80]}): {why}")
            continue
        if not reads:
            top = _header_top(grid)
            above = [" ".join(c for c in grid.cells[r] if c) for r in range(top)]
            caption = _caption([*grid.heading, *above])
            apply_heading(document, caption)
            # The appendix's caption ("… NĂM 2026") gives the plan's period, even when its
            # title line ("PHỤ LỤC 1") does not and a column says another year.
            title = caption[0] if caption else ""
            caption_period = period_of(re.sub(r"\(.*?\)", " ", title))
            if caption_period:
                document.period_code = caption_period
            first_target = mapping.of("target") or mapping.of("actual")
            document.target_header = first_target[0].header if first_target else ""
        document.warnings.extend(mapping.warnings)
        rows = read_grid(grid, mapping, document, directory)
        reads.append(TableRead(grid, mapping, rows))
        document.tables.append(
            {"label": grid.label, "signature": mapping.signature(), "mapping": mapping.as_dict()}
        )
    for why in refused:
        document.warnings.append(f"Không nhập {why}.")
    if not reads:
        if refused:
            raise ImportError_(
                f"{document.source_name}: không có bảng chỉ tiêu để nhập — "
                + "; ".join(refused)
                + "."
            )
        raise ImportError_(
            f"{document.source_name}: không tìm thấy dòng tiêu đề bảng (cần cột TT/STT và cột Chỉ tiêu hoặc Nhiệm vụ)."
        )
    # The plan's own periods are those of its targets: an "Ước TH 2025" column reports the year
    # before the plan and never widens it.
    planned = [r for r in document.rows if r.kind != "actual"] or document.rows
    years = sorted({int(y) for r in planned for y in re.findall(r"\d{4}", r.period)})
    if not caption_period and len(years) > 1:
        # No period in the caption (only the date of the decision): the rows' own periods
        # ("Giai đoạn 2025-2027", "2028-2030") span the plan.
        document.period_code = f"{years[0]}-{years[-1]}"
    elif not document.period_code and len(years) == 1:
        document.period_code = str(years[0])
    for row in document.rows:
        row.period = row.period or document.period_code
    return document
