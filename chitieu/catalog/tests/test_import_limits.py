"""Texts longer than their column: a long target cell is kept whole, a long name is refused
with the row and the field named — never a database error (PostgreSQL enforces the lengths)."""

import io

import pytest

from chitieu.catalog.models import Target
from chitieu.catalog.services import ImportDecisions, ImportRefused, plan_import
from chitieu.importers import read_document
from chitieu.organizations.selectors import organization_directory

LONG_TARGET = (
    "≥ 95 (theo số liệu của Bảo hiểm xã hội Việt Nam, tính trên tổng dân số trung bình của tỉnh "
    "năm 2026 theo công bố của Thống kê tỉnh Lạng Sơn)"
)
LONG_NAME = "Tỷ lệ doanh nghiệp nhỏ và vừa " + "có ứng dụng nền tảng số trong quản trị, " * 14


def _xlsx(rows: list[list[str]]) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["STT", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch năm 2026", "Cơ quan chủ trì"])
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _load(data: bytes, decisions: ImportDecisions | None = None):
    doc = read_document(data, "ke-hoach-2026.xlsx", organization_directory())
    return plan_import(document=doc, decisions=decisions, source_bytes=data)


def test_a_target_cell_longer_than_120_characters_is_saved_whole(orgs):
    # given a target cell of 150 characters
    assert len(LONG_TARGET) > 120
    data = _xlsx(
        [
            ["1", "Tỷ lệ che phủ rừng", "%", "65", "Sở Nông nghiệp và Môi trường"],
            ["2", "Tỷ lệ dân số tham gia bảo hiểm y tế", "%", LONG_TARGET, "Sở Y tế"],
        ]
    )
    # when
    result = _load(data)
    # then
    target = Target.objects.get(plan=result.plan, printed_name__startswith="Tỷ lệ dân số")
    assert (target.printed_text, target.kind, target.low) == (LONG_TARGET, "min", 95)


def test_a_name_over_500_characters_is_refused_naming_row_and_field(orgs):
    assert len(LONG_NAME) > 500
    data = _xlsx(
        [
            ["1", "Tỷ lệ che phủ rừng", "%", "65", "Sở Nông nghiệp và Môi trường"],
            ["2", LONG_NAME, "%", "≥80", "Sở Khoa học và Công nghệ"],
        ]
    )
    with pytest.raises(ImportRefused) as refused:
        _load(data)
    message = str(refused.value)
    assert "Dòng 3: “tên như in” dài" in message
    assert "vượt giới hạn 500" in message
    assert not Target.objects.exists()


def test_skipping_the_long_row_lets_the_rest_be_saved(orgs):
    data = _xlsx(
        [
            ["1", "Tỷ lệ che phủ rừng", "%", "65", "Sở Nông nghiệp và Môi trường"],
            ["2", LONG_NAME, "%", "≥80", "Sở Khoa học và Công nghệ"],
        ]
    )
    result = _load(data, ImportDecisions(skip={1}))
    assert list(Target.objects.filter(plan=result.plan).values_list("printed_text", flat=True)) == [
        "65"
    ]


def test_a_unit_longer_than_its_column_is_refused(orgs):
    data = _xlsx(
        [["1", "Tỷ lệ che phủ rừng", "% " + "diện tích tự nhiên " * 5, "65", "Sở Tài chính"]]
    )
    with pytest.raises(ImportRefused, match="Dòng 2: “đơn vị như in” dài"):
        _load(data)
