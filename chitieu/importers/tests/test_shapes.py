"""Each table shape seen in real plans, built by the test in five formats, reads the same."""

from decimal import Decimal as D

import pytest

from chitieu.importers import read_document
from chitieu.importers.columns import propose_mapping
from chitieu.importers.tablemodel import read_grid
from chitieu.importers.webpage import read_html_tables

from .shapes import FORMATS, ORGANISATIONS, PERIODS, SECTION_LEADS, TASKS, build, to_html

TC = ["Sở Tài chính"]
NNMT = ["Sở Nông nghiệp và Môi trường"]


def _read(shape, fmt, directory):
    return read_document(build(shape, fmt), f"phu-luc.{fmt}", directory)


def _rows(doc):
    return [
        (r.no, r.parent_no, r.kind, r.period, r.name, r.unit, r.target_text, r.lead)
        for r in doc.rows
    ]


@pytest.mark.parametrize("fmt", FORMATS)
def test_several_period_columns_give_one_row_per_period(directory, fmt):
    doc = _read(PERIODS, fmt, directory)
    rows = _rows(doc)
    assert (doc.number, doc.period_code) == ("25/KH-UBND", "2026")
    grdp = [r for r in rows if r[4] == "Tổng sản phẩm trên địa bàn (GRDP)"]
    assert sorted(grdp) == sorted(
        [
            (
                "1",
                None,
                "target",
                "2025",
                "Tổng sản phẩm trên địa bàn (GRDP)",
                "Tỷ đồng",
                "100.000",
                TC,
            ),
            (
                "1",
                None,
                "actual",
                "2025",
                "Tổng sản phẩm trên địa bàn (GRDP)",
                "Tỷ đồng",
                "101.500",
                TC,
            ),
            (
                "1",
                None,
                "target",
                "2026",
                "Tổng sản phẩm trên địa bàn (GRDP)",
                "Tỷ đồng",
                "112.000",
                TC,
            ),
        ]
    )
    # The column-number row "(1) (2) …" is not data; sub-rows "-" belong to "Cơ cấu kinh tế".
    assert not any(r[4].startswith("(") for r in rows)
    shares = {(r[4], r[3]): r[6] for r in rows if r[1] == "2" and r[2] == "target"}
    assert shares[("Nông, lâm nghiệp và thủy sản", "2026")] == "19"
    assert shares[("Công nghiệp - xây dựng", "2025")] == "35"


@pytest.mark.parametrize("fmt", FORMATS)
def test_second_unit_row_numbering_restart_and_x_in_the_period_column(directory, fmt):
    doc = _read(PERIODS, fmt, directory)
    usd = [r for r in doc.rows if r.unit == "USD" and r.kind == "target"]
    assert [(r.parent_no, r.period, r.target.value) for r in usd] == [
        ("3", "2025", D(3600)),
        ("3", "2026", D(4000)),
    ]
    poverty = next(
        r
        for r in doc.rows
        if r.name == "Giảm tỷ lệ hộ nghèo đa chiều" and r.period == "2026" and r.kind == "target"
    )
    assert (poverty.no, poverty.group, poverty.lead, poverty.target.kind) == (
        "1",
        "CHỈ TIÊU XÃ HỘI",
        NNMT,
        "reduce_by",
    )
    ticked = next(r for r in doc.rows if r.name.startswith("Tỷ lệ xã đạt chuẩn"))
    assert (ticked.period, ticked.target_text, ticked.target.kind, ticked.target.low) == (
        "2026",
        "≥80",
        "min",
        D(80),
    )
    # Numbering restarting in section II is not a duplicate; an unrelated unnumbered row is
    # its own indicator, with a warning.
    assert not any("in lặp lại" in w for w in doc.warnings)
    doctors = [r for r in doc.rows if r.name == "Số bác sĩ trên 10.000 dân"]
    assert {r.parent_no for r in doctors} == {None}
    assert any("“Số bác sĩ trên 10.000 dân” không đánh số" in w for w in doc.warnings)


@pytest.mark.parametrize("fmt", FORMATS)
def test_organisation_columns_give_a_target_per_organisation(directory, fmt):
    doc = _read(ORGANISATIONS, fmt, directory)
    assert [(r.no, r.lead, r.target_text, r.unit, r.period) for r in doc.rows] == [
        ("1", ["Xã Hòa An"], "100", "Tỷ đồng", "2026"),
        ("1", ["Phường Đông Kinh"], "50", "Tỷ đồng", "2026"),
        ("2", ["Xã Hòa An"], "4", "%", "2026"),
        ("2", ["Phường Đông Kinh"], "2", "%", "2026"),
    ]  # the "Tổng số" column is not a target


@pytest.mark.parametrize("fmt", FORMATS)
def test_lead_in_section_rows_and_target_in_the_indicator_text(directory, fmt):
    doc = _read(SECTION_LEADS, fmt, directory)
    assert doc.period_code == "2030"
    assert [(r.no, r.parent_no, r.lead, r.target_text, r.unit, r.source[:9]) for r in doc.rows] == [
        ("1", None, ["Sở Công Thương"], "15", "%", "Tỷ trọng "),
        ("2", None, ["Sở Công Thương"], "≥30", "%", "Tỷ lệ doa"),
        ("1", None, ["Sở Khoa học và Công nghệ"], "45", "%", "Kinh tế s"),
        (None, "1", ["Sở Khoa học và Công nghệ"], "10", "%", "Kinh tế s"),
    ]
    assert not any("in lặp lại" in w for w in doc.warnings)


@pytest.mark.parametrize("fmt", FORMATS)
def test_task_table_gives_actions_with_leads_and_deadlines(directory, fmt):
    doc = _read(TASKS, fmt, directory)
    # (a PDF's text layer puts a space after "/" where the line broke)
    got = [
        (
            r.kind,
            r.no,
            r.group,
            r.name,
            r.lead,
            r.coordinating,
            r.period,
            r.source.replace("/ ", "/"),
        )
        for r in doc.rows
    ]
    assert got == [
        (
            "action",
            "1",
            "NHÓM NHIỆM VỤ VỀ THỂ CHẾ",
            "Xây dựng kế hoạch chuyển đổi số",
            ["Sở Khoa học và Công nghệ"],
            ["Các sở, ban, ngành"],
            "2026",
            "Quý II/2026 Kế hoạch được ban hành",
        ),
        (
            "action",
            "2",
            "NHÓM NHIỆM VỤ VỀ THỂ CHẾ",
            "Cập nhật cơ sở dữ liệu đất đai",
            NNMT,
            ["UBND các xã, phường"],
            "2026-2027",
            "2026 - 2027 Cơ sở dữ liệu",
        ),
    ]


def test_proposed_mapping_names_each_column_and_a_changed_role_rereads(directory):
    # given the two-row header of the periods shape
    grid = read_html_tables(to_html(PERIODS).decode())[0]
    mapping = propose_mapping(grid, directory)
    assert [(c.role, c.period) for c in mapping.columns] == [
        ("number", ""),
        ("indicator", ""),
        ("unit", ""),
        ("target", "2025"),
        ("actual", "2025"),
        ("target", "2026"),
        ("lead", ""),
    ]
    assert all(c.confidence >= 0.8 for c in mapping.columns)
    # when the person says the 2025 plan column is to be ignored
    from chitieu.importers.records import Document

    doc = Document("x.html", "x", "html", period_code="2026")
    rows = read_grid(grid, mapping.with_role(3, "ignore"), doc, directory)
    # then the rows are read again without it
    assert {(r.kind, r.period) for r in rows if r.no == "1" and r.group == "CHỈ TIÊU KINH TẾ"} == {
        ("actual", "2025"),
        ("target", "2026"),
    }


@pytest.mark.parametrize("fmt", ["xlsx", "txt"])
def test_a_document_rereads_with_the_mapping_the_person_chose(directory, fmt):
    # given the proposal recorded with the document
    from chitieu.importers.columns import Mapping

    data = build(ORGANISATIONS, fmt)
    doc = read_document(data, f"x.{fmt}", directory)
    table = doc.tables[0]
    proposed = Mapping.from_dict(table["mapping"])
    assert [c.role for c in proposed.columns] == [
        "number",
        "indicator",
        "unit",
        "total",
        "organisation",
        "organisation",
    ]
    # when the person says the "Tổng số" column is the province's own target for 2026
    chosen = proposed.with_role(3, "target", period="2026")
    again = read_document(data, f"x.{fmt}", directory, mappings={table["label"]: chosen})
    # then each row gives that target as well, and nothing else changed
    assert [(r.no, r.lead, r.target_text) for r in again.rows] == [
        ("1", [], "150"),
        ("1", ["Xã Hòa An"], "100"),
        ("1", ["Phường Đông Kinh"], "50"),
        ("2", [], "3"),
        ("2", ["Xã Hòa An"], "4"),
        ("2", ["Phường Đông Kinh"], "2"),
    ]
