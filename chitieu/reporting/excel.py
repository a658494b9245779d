"""Bulk entry: a pre-filled Excel template out, the same sheet back in; one bad row saves none."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from chitieu.access.permissions import reportable_indicators
from chitieu.catalog.models import Indicator
from chitieu.core.numbers import format_number
from chitieu.core.text import fold
from chitieu.organizations.models import Organization

from .choices import Vintage
from .models import Figure
from .services import FigureConflict, FigureError, figure_save, parse_period, parse_value
from .validation import hard_errors

HEADER = ["Mã", "Chỉ tiêu", "Đơn vị tính", "Kỳ", "Loại số liệu", "Giá trị", "Giải thích", "Nguồn"]
FIRST_ROW = 5  # rows 1-3 say whose sheet it is, row 4 is the header
VINTAGES = {fold(label): value for value, label in Vintage.choices} | {
    fold(v): v for v in Vintage.values
}


def build_template(org: Organization, period_code: str) -> bytes:
    """The organisation's indicators for a period, with what is already entered."""
    import openpyxl
    from openpyxl.styles import Font
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
    existing = {
        f.indicator_id: f
        for f in Figure.objects.filter(organization=org, period_code=period_code).order_by(
            "vintage"
        )
    }
    for ind in reportable_indicators(org):
        f = existing.get(ind.pk)
        ws.append(
            [
                ind.pk,
                ind.name,
                ind.unit,
                period_code,
                Vintage(f.vintage).label if f else Vintage.ESTIMATE.label,
                format_number(f.value.normalize()) if f else "",
                f.comment if f else "",
                f.source if f else "",
            ]
        )
    dv = DataValidation(
        type="list", formula1='"' + ",".join(Vintage.labels) + '"', allow_blank=False
    )
    ws.add_data_validation(dv)
    dv.add(f"E{FIRST_ROW}:E{max(ws.max_row, FIRST_ROW)}")
    for col, width in zip("ABCDEFGH", (6, 60, 14, 10, 14, 14, 40, 30), strict=True):
        ws.column_dimensions[col].width = width
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


@dataclass
class UploadRow:
    line: int
    indicator: Indicator | None
    period_code: str
    vintage: str
    value: Decimal | None
    comment: str
    source: str
    raw_value: str = ""


@dataclass
class Upload:
    organization: Organization | None
    rows: list[UploadRow] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def _text(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v).strip()


def read_upload(data: bytes, org: Organization, name: str = "tệp") -> Upload:
    """Read every row and report every bad one (file, row, field, why); nothing is saved here."""
    import openpyxl

    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except Exception as exc:  # openpyxl raises many unrelated types for a bad file
        return Upload(None, errors=[f"{name}: không đọc được tệp Excel ({exc})."])
    ws = wb.worksheets[0]
    up = Upload(org)
    sheet_org = ws.cell(2, 5).value
    if _text(sheet_org) and _text(sheet_org) != str(org.pk):
        up.errors.append(
            f"{name}: mẫu này của cơ quan khác (mã {sheet_org}); hãy tải mẫu của {org.name}."
        )
        return up
    allowed = {i.pk: i for i in reportable_indicators(org)}
    for r in range(FIRST_ROW, ws.max_row + 1):
        cells = [ws.cell(r, c).value for c in range(1, 9)]
        if all(c in (None, "") for c in cells):
            continue
        code, _, _, period, vintage_text, value, comment, source = (_text(c) for c in cells)
        where = f"{name}, dòng {r}"
        row = UploadRow(r, None, period, "", None, comment, source, value)
        if not code.isdigit() or int(code) not in allowed:
            up.errors.append(f"{where}, cột Mã: “{code}” không phải chỉ tiêu {org.name} được giao.")
            continue
        row.indicator = allowed[int(code)]
        vintage = VINTAGES.get(fold(vintage_text))
        if vintage is None:
            up.errors.append(
                f"{where}, cột Loại số liệu: “{vintage_text}” phải là Ước tính, Sơ bộ hoặc Chính thức."
            )
            continue
        row.vintage = vintage
        if value == "":
            continue  # a row left blank is not reported yet
        try:
            row.period_code = parse_period(row.indicator, period).code
            row.value = parse_value(value)
        except FigureError as exc:
            up.errors.append(f"{where}, {exc}")
            continue
        for message in hard_errors(row.indicator, row.value):
            up.errors.append(f"{where}, cột Giá trị: {message}.")
        up.rows.append(row)
    return up


@transaction.atomic
def save_upload(up: Upload, user: Any) -> int:
    """Save every row or none."""
    if up.errors or up.organization is None:
        raise FigureError("Tệp còn dòng sai; chưa lưu dòng nào.")
    saved = 0
    for row in up.rows:
        assert row.indicator is not None and row.value is not None
        try:
            figure_save(
                user=user,
                indicator=row.indicator,
                organization=up.organization,
                period_code=row.period_code,
                vintage=row.vintage,
                value=row.value,
                comment=row.comment,
                source=row.source,
            )
        except (FigureError, FigureConflict, PermissionDenied) as exc:
            raise FigureError(f"Dòng {row.line}: {exc}") from exc
        saved += 1
    return saved
