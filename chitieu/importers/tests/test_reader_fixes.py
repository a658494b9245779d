"""Shapes a tester found read wrongly; each test builds its own file."""

from __future__ import annotations

from decimal import Decimal as D

from chitieu.importers import read_document


def _rows(doc, kind="target"):
    return [r for r in doc.rows if r.kind == kind]


def _target(row):
    t = row.target
    return None if t is None else (str(t.kind), t.low, t.high, t.value)


TAB_TWO_HEADER = "\n".join(
    [
        "PHỤ LỤC",
        "CHỈ TIÊU KINH TẾ - XÃ HỘI NĂM 2026",
        "",
        "STT\tChỉ tiêu\tĐơn vị tính\tKế hoạch năm 2026\t\tCơ quan chủ trì\tCơ quan phối hợp",
        "\t\t\tƯớc TH 2025\tKH 2026\t\t",
        "1\tTốc độ tăng trưởng GRDP\t%\t8,2\t≥ 10\tSở Tài chính\tCác sở, ban, ngành",
        "2\tTỷ lệ hộ nghèo\t%\t3,1\tgiảm 2 %/năm\tSở Nông nghiệp và Môi trường\tUBND các xã, phường",
    ]
)


def test_tab_text_with_a_two_row_header_reads_the_plan_column_not_the_estimate(directory):
    doc = read_document(TAB_TWO_HEADER.encode(), "phu-luc.txt", directory)
    assert doc.period_code == "2026"
    assert not [r for r in doc.rows if r.error]
    targets = _rows(doc)
    assert [(r.no, r.name, r.unit, r.target_text, r.period) for r in targets] == [
        ("1", "Tốc độ tăng trưởng GRDP", "%", "≥ 10", "2026"),
        ("2", "Tỷ lệ hộ nghèo", "%", "giảm 2 %/năm", "2026"),
    ]
    assert [_target(r) for r in targets] == [
        ("min", D(10), None, None),
        ("reduce_by", None, None, D(2)),
    ]
    assert targets[0].lead == ["Sở Tài chính"]
    assert [(r.target_text, r.period) for r in _rows(doc, "actual")] == [
        ("8,2", "2025"),
        ("3,1", "2025"),
    ]
