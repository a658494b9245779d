"""Bulk entry: a pre-filled Excel template out, the same sheet back in.

Each row of the template carries, in two hidden, locked columns, which figure it shows and at which
revision, so that a row saved back is revision-checked like the form. Sent back unchanged, the
template saves nothing and says so: unchanged and locked rows are skipped and listed; among the
changed rows one bad row saves none.
"""

from __future__ import annotations

import hashlib
import io
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from chitieu.access.permissions import reportable_indicators
from chitieu.catalog.models import Indicator
from chitieu.catalog.selectors import indicator_labels
from chitieu.core.numbers import format_number
from chitieu.core.periods import Period
from chitieu.core.text import fold
from chitieu.organizations.models import Organization

from .choices import VINTAGE_RANK, FigureStatus, Vintage
from .frequency import reported_for
from .models import Figure, FigureUpload, ValidationRule
from .services import (
    MISSING_REVISION,
    FigureConflict,
    FigureError,
    FigureInput,
    FiguresRefused,
    figures_save_bulk,
    frequencies,
    parse_period,
    parse_value,
)
from .sheet import SHEET_LIMITS, SheetLimits, SheetRefused, read_sheet
from .validation import active_rules, hard_errors

HEADER = [
    "Mã",
    "Chỉ tiêu",
    "Đơn vị tính",
    "Kỳ",
    "Loại số liệu",
    "Giá trị",
    "Giải thích",
    "Nguồn",
    "Mã số liệu",
    "Lần sửa",
]
FIRST_ROW = 5  # rows 1-3 say whose sheet it is, row 4 is the header
EDITABLE = "EFGH"  # vintage, value, comment, source: the rest of the sheet is locked
HIDDEN = "IJ"  # which figure the row shows, and its revision when the template was made
VINTAGES = {fold(label): value for value, label in Vintage.choices} | {
    fold(v): v for v in Vintage.values
}


def build_template(org: Organization, period_code: str) -> bytes:
    """The organisation's indicators reported for the period's kind (the rule the save applies,
    as on the entry page), one row per figure already entered (or one empty row), each with the
    figure's id and revision in hidden columns."""
    import openpyxl
    from openpyxl.styles import Font, Protection
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Số liệu"
    ws.append(["MẪU NHẬP SỐ LIỆU CHỈ TIÊU"])
    ws.append(["Cơ quan:", org.name, "", "Mã cơ quan:", org.pk])
    ws.append(
        ["Kỳ:", period_code, "", "Số viết kiểu Việt Nam (1.234,5) hoặc kiểu máy (1234.5) đều được."]
    )
    ws.append(HEADER)
    for cell in ws[4]:
        cell.font = Font(bold=True)
    existing: dict[int, list[Figure]] = {}
    for f in Figure.objects.filter(organization=org, period_code=period_code):
        existing.setdefault(f.indicator_id, []).append(f)
    indicators = reportable_indicators(org)
    freq = frequencies(i.pk for i in indicators)
    kind = Period.parse(period_code).kind
    # the save would refuse the row of an indicator not reported for this kind of period (a
    # yearly one in a monthly template): left out, unless a figure was entered for it
    shown = [i for i in indicators if reported_for(freq[i.pk], kind) or i.pk in existing]
    # column B is for the person (the upload reads the code in column A): two "Dịch vụ" rows
    # say which structure each belongs to
    labels = indicator_labels(shown)
    for ind in shown:
        figures = sorted(existing.get(ind.pk, []), key=lambda f: VINTAGE_RANK[f.vintage])
        for f in figures or [None]:
            ws.append(
                [
                    ind.pk,
                    labels[ind.pk],
                    ind.unit,
                    period_code,
                    Vintage(f.vintage).label if f else Vintage.ESTIMATE.label,
                    format_number(f.value.normalize()) if f else "",
                    f.comment if f else "",
                    f.source if f else "",
                    f.pk if f else "",
                    f.revision if f else 0,
                ]
            )
    last = max(ws.max_row, FIRST_ROW)
    dv = DataValidation(
        type="list", formula1='"' + ",".join(Vintage.labels) + '"', allow_blank=False
    )
    ws.add_data_validation(dv)
    dv.add(f"E{FIRST_ROW}:E{last}")
    for row in ws.iter_rows(min_row=FIRST_ROW, max_row=last):
        for cell in row:
            if cell.column_letter in EDITABLE:
                cell.protection = Protection(locked=False)
    # no password: the lock keeps a slip of the mouse off the codes and revisions, nothing more
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    for col, width in zip("ABCDEFGH", (6, 60, 14, 10, 14, 14, 40, 30), strict=True):
        ws.column_dimensions[col].width = width
    for col in HIDDEN:
        ws.column_dimensions[col].hidden = True
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


class RowAction:
    SAVE = "save"
    UNCHANGED = "unchanged"
    LOCKED = "locked"
    BLANK = "blank"


SKIP_REASONS = {
    RowAction.UNCHANGED: "không đổi so với số liệu đang lưu",
    RowAction.LOCKED: "đã duyệt và khóa, không đổi",
    RowAction.BLANK: "để trống, chưa báo cáo",
}


@dataclass
class UploadRow:
    """One row of the sheet, read and compared with the figure it targets."""

    line: int
    indicator: Indicator | None
    period_code: str
    vintage: str
    value: Decimal | None
    comment: str
    source: str
    raw_value: str = ""
    action: str = RowAction.SAVE
    expected_revision: int = 0
    shown_id: int | None = None  # the figure the template showed on this row (hidden column I)
    current: Figure | None = None
    label: str = ""  # the indicator's name, told apart from others of that name in the sheet

    @property
    def vintage_label(self) -> str:
        return Vintage(self.vintage).label if self.vintage in Vintage.values else self.vintage

    @property
    def skip_reason(self) -> str:
        return SKIP_REASONS.get(self.action, "")


@dataclass
class Upload:
    """What a sheet would do: rows to save, rows skipped (with why), and every bad row."""

    organization: Organization | None
    rows: list[UploadRow] = field(default_factory=list)
    skipped: list[UploadRow] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    rows_visited: int = 0
    # the sheet's non-empty rows as read (row number, each cell as text): kept with the upload so
    # that saving it checks them again without reading the workbook a second time
    cells: list[tuple[int, tuple[str, ...]]] = field(default_factory=list)


def _text(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v).strip()


def read_upload(
    data: bytes,
    org: Organization,
    name: str = "tệp",
    limits: SheetLimits = SHEET_LIMITS,
    clock: Callable[[], float] | None = None,
) -> Upload:
    """Read every row and report every bad one (file, row, field, why); nothing is saved here."""
    try:
        sheet = read_sheet(data, name, limits, clock or time.monotonic)
    except SheetRefused as exc:
        return Upload(None, errors=[str(exc)], rows_visited=exc.visited)
    cells = [(n, tuple(_text(v) for v in values)) for n, values in sheet.rows]
    return check_rows(cells, org, name, sheet.visited)


def check_rows(
    cells: list[tuple[int, tuple[str, ...]]], org: Organization, name: str, visited: int = 0
) -> Upload:
    """Check rows read from a sheet against the organisation's indicators, their rules and the
    figures as they are now (the preview, and again when the upload is saved)."""
    up = Upload(org, rows_visited=visited, cells=cells)
    second = dict(cells).get(2, ())
    sheet_org = _text(second[4]) if len(second) > 4 else ""
    if sheet_org and sheet_org != str(org.pk):
        up.errors.append(
            f"{name}: mẫu này của cơ quan khác (mã {sheet_org}); hãy tải mẫu của {org.name}."
        )
        return up
    known = _Known.of(org)
    read = [_row(up, name, n, values, known) for n, values in cells if n >= FIRST_ROW]
    rows = [r for r in read if r is not None]
    labels = indicator_labels(r.indicator for r in rows if r.indicator is not None)
    for r in rows:
        assert r.indicator is not None
        r.label = labels[r.indicator.pk]
    _compare(up, name, rows)
    return up


@dataclass
class _Known:
    """What every row is checked against, read once for the sheet: the indicators the organisation
    reports, how often each is reported, and their validation rules."""

    allowed: dict[int, Indicator]
    frequencies: dict[int, str]
    rules: dict[int, list[ValidationRule]]

    @classmethod
    def of(cls, org: Organization) -> _Known:
        allowed = {i.pk: i for i in reportable_indicators(org)}
        return cls(allowed, frequencies(allowed), active_rules(allowed))


def _at(where: str, message: str) -> str:
    """An error as every one is named: file, row, then the column when the message begins with
    one of the sheet's (“Giá trị: …” from the save's checks becomes “…, cột Giá trị: …”)."""
    column, sep, rest = message.partition(": ")
    if sep and column in HEADER:
        return f"{where}, cột {column}: {rest}"
    return f"{where}: {message}"


def _row(
    up: Upload, name: str, line: int, values: tuple[str, ...], known: _Known
) -> UploadRow | None:
    padded = tuple(values) + ("",) * (len(HEADER) - len(values))
    code, _, _, period, vintage_text, value, comment, source, figure_id, revision = padded[
        : len(HEADER)
    ]
    where = f"{name}, dòng {line}"
    row = UploadRow(line, None, period, "", None, comment, source, value)
    if not code.isdigit() or int(code) not in known.allowed:
        up.errors.append(
            f"{where}, cột Mã: “{code}” không phải chỉ tiêu {up.organization} được giao."
        )
        return None
    row.indicator = known.allowed[int(code)]
    vintage = VINTAGES.get(fold(vintage_text))
    if vintage is None:
        up.errors.append(
            f"{where}, cột Loại số liệu: “{vintage_text}” phải là Ước tính, Sơ bộ hoặc Chính thức."
        )
        return None
    row.vintage = vintage
    try:
        row.period_code = parse_period(
            row.indicator, period, known.frequencies[row.indicator.pk]
        ).code
    except FigureError as exc:
        up.errors.append(_at(where, str(exc)))
        return None
    row.shown_id = int(figure_id) if figure_id.isdigit() else None
    if value == "":
        row.action = RowAction.BLANK  # writes nothing, so it needs no revision
        return row
    if not revision.isdigit():
        # the hidden column J was cleared or the sheet is an old template: refuse, never guess
        up.errors.append(f"{where}, cột Lần sửa (ẩn): {MISSING_REVISION}")
        return None
    row.expected_revision = int(revision)
    try:
        row.value = parse_value(value)
    except FigureError as exc:
        up.errors.append(_at(where, str(exc)))
        return None
    for message in hard_errors(row.indicator, row.value, known.rules.get(row.indicator.pk, [])):
        up.errors.append(f"{where}, cột Giá trị: {message}.")
    return row


def _compare(up: Upload, name: str, rows: list[UploadRow]) -> None:
    """Decide for each row: save, skip (unchanged, locked, blank) or refuse (conflict, locked)."""
    assert up.organization is not None
    periods = {r.period_code for r in rows}
    current = {
        (f.indicator_id, f.period_code, f.vintage): f
        for f in Figure.objects.filter(
            organization=up.organization, period_code__in=periods
        ).select_related("entered_by")
    }
    seen: dict[tuple[int, str, str], int] = {}
    for row in rows:
        assert row.indicator is not None
        where = f"{name}, dòng {row.line}"
        key = (row.indicator.pk, row.period_code, row.vintage)
        if key in seen:
            up.errors.append(
                f"{where}: trùng chỉ tiêu, kỳ và loại số liệu với dòng {seen[key]}; hãy giữ một dòng."
            )
            continue
        seen[key] = row.line
        figure = row.current = current.get(key)
        shown_id = row.shown_id
        if row.action == RowAction.BLANK:
            if figure is not None and shown_id == figure.pk:
                up.errors.append(
                    f"{where}, cột Giá trị: để trống nhưng đã có số liệu {format_number(figure.value.normalize())}; "
                    "không xóa số liệu bằng tệp được. Hãy ghi lại giá trị (hoặc giá trị mới)."
                )
            else:
                up.skipped.append(row)
            continue
        if figure is not None and (
            row.value == figure.value
            and row.comment == figure.comment.strip()
            and row.source == figure.source.strip()
        ):
            row.action = (
                RowAction.LOCKED if figure.status == FigureStatus.APPROVED else RowAction.UNCHANGED
            )
            up.skipped.append(row)
            continue
        if figure is not None:
            # the row targets this figure only if the template showed it; else it was not seen
            row.expected_revision = row.expected_revision if shown_id == figure.pk else 0
            if figure.status == FigureStatus.APPROVED:
                up.errors.append(
                    f"{where}: số liệu đã được duyệt và khóa ({format_number(figure.value.normalize())}); "
                    "muốn sửa phải đề nghị Sở Tài chính mở lại có lý do. Hãy để nguyên giá trị cũ."
                )
                continue
            if figure.status in (FigureStatus.SUBMITTED, FigureStatus.VERIFIED):
                up.errors.append(
                    f"{where}: số liệu đang chờ kiểm tra ({FigureStatus(figure.status).label}); "
                    "chỉ sửa được khi bị trả lại. Hãy để nguyên giá trị cũ."
                )
                continue
            if row.expected_revision != figure.revision:
                up.errors.append(f"{where}: {FigureConflict(figure, row.value or Decimal(0))}")
                continue
        else:
            row.expected_revision = 0
        up.rows.append(row)


@dataclass
class SaveSummary:
    saved: int
    skipped: int


@transaction.atomic
def save_upload(up: Upload, user: Any, name: str = "tệp") -> SaveSummary:
    """Save every changed row or none, in one transaction, under the rules of a single save;
    unchanged and locked rows are left as they are. A refused row is added to ``up.errors`` (file,
    row, why) with every other refused row, and FigureError raised."""
    if up.errors or up.organization is None:
        raise FigureError("Tệp còn dòng sai; chưa lưu dòng nào.")
    items = []
    for row in up.rows:
        assert row.indicator is not None and row.value is not None
        items.append(
            FigureInput(
                row.indicator,
                row.period_code,
                row.vintage,
                row.value,
                row.comment,
                row.source,
                row.expected_revision,
            )
        )
    try:
        if items:  # a sheet with nothing changed saves nothing and asks nothing
            figures_save_bulk(user=user, organization=up.organization, items=items)
    except FiguresRefused as exc:
        up.errors.extend(_at(f"{name}, dòng {up.rows[n].line}", m) for n, m in exc.problems)
        raise FigureError(
            f"Chưa lưu dòng nào: {len(up.errors)} lỗi — " + " ".join(up.errors)
        ) from exc
    except (FigureError, PermissionDenied) as exc:
        raise FigureError(f"{exc} Chưa lưu dòng nào.") from exc
    return SaveSummary(len(up.rows), len(up.skipped))


class UploadRefused(ValueError):
    """An upload refused as a whole or with bad rows; nothing was kept or saved."""

    def __init__(self, message: str, upload: Upload | None = None) -> None:
        super().__init__(message)
        self.upload = upload


def figure_upload_create(
    *, organization: Organization, name: str, data: bytes, user: Any
) -> tuple[FigureUpload | None, Upload]:
    """Read an uploaded sheet and keep it for confirmation when every row can be saved; a file with
    errors is not kept (the preview lists them)."""
    up = read_upload(data, organization, name)
    if up.errors:
        return None, up
    kept = FigureUpload.objects.create(
        organization=organization,
        source_name=name[:255],
        data=data,
        cells=[[n, list(values)] for n, values in up.cells],
        checksum=hashlib.sha256(data).hexdigest(),
        created_by=user if getattr(user, "pk", None) else None,
    )
    return kept, up


def _row_result(row: UploadRow) -> dict[str, Any]:
    assert row.indicator is not None
    return {
        "line": row.line,
        "indicator": row.label or row.indicator.name,
        "period": row.period_code,
        "vintage": row.vintage_label,
        "value": format_number(row.value.normalize()) if row.value is not None else "",
        "reason": row.skip_reason,
    }


@transaction.atomic
def figure_upload_save(*, upload: FigureUpload, user: Any) -> Upload:
    """Check the kept rows again against the figures as they are now and save the changed ones (all
    or none); raise :class:`UploadRefused` with the rows to fix."""
    upload = FigureUpload.objects.select_for_update().get(pk=upload.pk)
    if upload.status != FigureUpload.Status.PREVIEW:
        raise UploadRefused(f"{upload.source_name}: tệp này đã được lưu; không lưu lần hai.")
    if upload.cells is None:  # kept before the rows were kept with it: read the file again
        up = read_upload(bytes(upload.data), upload.organization, upload.source_name)
    else:
        cells = [(int(n), tuple(str(v) for v in values)) for n, values in upload.cells]
        up = check_rows(cells, upload.organization, upload.source_name)
    if up.errors:
        # the figures changed since the preview (someone saved meanwhile): say what, save nothing
        raise UploadRefused(f"Chưa lưu dòng nào: {len(up.errors)} lỗi — " + " ".join(up.errors), up)
    try:
        save_upload(up, user, upload.source_name)
    except FigureError as exc:
        raise UploadRefused(str(exc), up) from exc
    upload.status = FigureUpload.Status.SAVED
    upload.result = {
        "saved": [_row_result(r) for r in up.rows],
        "skipped": [_row_result(r) for r in up.skipped],
    }
    upload.save(update_fields=["status", "result"])
    return up
