"""The treasury's spreadsheet: a good file is saved whole; one bad row saves nothing, and every bad
row is listed with its row and column."""

from __future__ import annotations

import io
from datetime import datetime
from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied
from openpyxl import Workbook

from chitieu.investment.models import Disbursement
from chitieu.investment.services import disbursements_import
from chitieu.investment.treasury import TreasuryFileError, read_treasury

pytestmark = pytest.mark.django_db
HEADER = ["STT", "Mã dự án", "Tên dự án", "Tháng", "Số tiền (tỷ đồng)"]


def xlsx(rows: list[list[object]], header: list[str] = HEADER) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(["KHO BẠC NHÀ NƯỚC KHU VỰC — SỐ LIỆU GIẢI NGÂN"])
    sheet.append(header)
    for r in rows:
        sheet.append(r)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_good_file_is_saved_as_submitted_entries(finance, fresh):
    data = xlsx(
        [
            [1, "TEST1", "", 11, "12,5"],
            [2, "", "Đường thử nghiệm", "12/2026", 7],
            [3, "km04", "", datetime(2026, 11, 1), 1.5],
        ]
    )
    result = disbursements_import(user=finance, year=2026, rows=read_treasury(data))
    assert result.errors == []
    assert result.saved == 3
    saved = Disbursement.objects.filter(project=fresh).order_by("month")
    assert [(d.month, d.amount, d.status, d.entry_source) for d in saved] == [
        (11, D("12.5"), "submitted", "treasury"),
        (12, D(7), "submitted", "treasury"),
    ]


def test_bad_rows_are_all_listed_and_nothing_is_saved(finance, fresh):
    before = Disbursement.objects.count()
    data = xlsx(
        [
            [1, "TEST1", "", 5, "3"],  # good on its own
            [2, "KHONG-CO", "", 5, "3"],
            [3, "TEST1", "", 13, "abc"],
            [4, "TEST1", "", "05/2025", "1"],
            [5, "TEST1", "", 5, "2"],  # the same month again
            [6, "TEST1", "", 6, "-4"],
            [7, "TEST1", "", 7, "200"],  # past the plan of 100
        ]
    )
    result = disbursements_import(user=finance, year=2026, rows=read_treasury(data))
    assert result.saved == 0
    listed = [str(e) for e in result.errors]
    assert listed == [
        "Dòng 3, cột Số tiền: “Đường thử nghiệm”: Giải ngân cả năm sẽ là 203 tỷ đồng, vượt kế hoạch "
        "vốn 100 tỷ đồng (103 tỷ đồng); cần điều chuyển vốn trước khi ghi.",
        "Dòng 4, cột Mã dự án / Tên dự án: không có dự án “KHONG-CO” trong kế hoạch năm 2026.",
        "Dòng 5, cột Số tiền: “abc” không phải là số (viết như 1.234,5 hoặc 1234.5).",
        "Dòng 5, cột Tháng: “13” không phải tháng (1-12 hoặc mm/yyyy).",
        "Dòng 6, cột Tháng: “05/2025” không thuộc năm 2026.",
        "Dòng 7, cột Tháng: tháng 5 của dự án này đã có ở dòng 3.",
        "Dòng 8, cột Số tiền: -4 là số âm.",
    ]
    assert Disbursement.objects.count() == before


def test_an_approved_month_cannot_be_overwritten_by_the_file(finance):
    # Cầu Na Sầm's August is approved in the demo history
    data = xlsx([[1, "KM04", "", 8, "1"]])
    result = disbursements_import(user=finance, year=2026, rows=read_treasury(data))
    assert [str(e) for e in result.errors] == [
        "Dòng 3, cột Tháng: tháng 8 của “Đầu tư xây dựng mới cầu Na Sầm” đã được duyệt và khóa."
    ]


def test_a_file_without_the_columns_is_refused_as_a_whole():
    with pytest.raises(TreasuryFileError, match="Mã dự án"):
        read_treasury(xlsx([[1, "x", "y"]], header=["STT", "Nội dung", "Ghi chú"]))
    with pytest.raises(TreasuryFileError, match=".xlsx"):
        read_treasury(b"not a spreadsheet")


def test_only_the_finance_department_imports(board, fresh):
    with pytest.raises(PermissionDenied):
        disbursements_import(
            user=board, year=2026, rows=read_treasury(xlsx([[1, "TEST1", "", 1, 1]]))
        )
