"""The province's two appendices read row by row, checked against what the documents print."""

from datetime import date

import pytest

from chitieu.conftest import SEED_000, SEED_001
from chitieu.importers import read_document

from . import seed_000_expected as E000
from . import seed_001_expected as E001


@pytest.fixture(scope="module")
def doc000(seed_bytes, directory):
    return read_document(seed_bytes(SEED_000), SEED_000, directory)


@pytest.fixture(scope="module")
def doc001(seed_bytes, directory):
    return read_document(seed_bytes(SEED_001), SEED_001, directory)


def _check(row, expected):
    line, no, parent, name, unit, text, kind, low, high, value, strict, lead, coord = expected
    assert (row.line, row.no, row.parent_no) == (line, no, parent)
    assert (row.name, row.unit, row.target_text) == (name, unit, text)
    if kind is None:
        assert row.target is None
    else:
        t = row.target
        assert (t.kind, t.low, t.high, t.value, t.strict) == (kind, low, high, value, strict)
    assert row.lead == lead
    assert row.coordinating == coord
    assert row.unresolved == []
    assert row.error == ""


def test_seed_000_document_reference(doc000):
    assert doc000.layout == "tab"
    assert doc000.doc_kind == "Kế hoạch"
    assert doc000.number == "130/KH-UBND"
    assert doc000.issued_on == date(2026, 4, 7)
    assert doc000.issuer == "UBND tỉnh Lạng Sơn"
    assert doc000.period_code == "2026-2030"
    assert doc000.title.startswith("PHỤ LỤC 1: PHÂN CÔNG PHỤ TRÁCH")
    assert doc000.warnings == []


def test_seed_000_has_every_row(doc000):
    assert len(doc000.rows) == len(E000.ROWS) == 50
    assert [r.no for r in doc000.rows if r.no] == [str(n) for n in range(1, 32)]


@pytest.mark.parametrize("i", range(len(E000.ROWS)))
def test_seed_000_row(doc000, i):
    expected = E000.ROWS[i]
    row = doc000.rows[i]
    assert row.group == expected[3]
    _check(row, expected[:3] + expected[4:])


def test_seed_000_row_12_life_expectancy(doc000):
    row = next(r for r in doc000.rows if r.no == "12")
    assert (row.name, row.unit, row.target_text, row.lead) == (
        "Tuổi thọ trung bình tính từ lúc sinh",
        "Tuổi",
        "75,5",
        ["Sở Y tế"],
    )


def test_seed_000_cell_continued_over_page_break(doc000):
    row6 = next(r for r in doc000.rows if r.no == "6")
    assert row6.coordinating_text == "Các sở, ban, ngành, UBND các xã, phường"
    assert "⏎" in row6.raw  # the raw text keeps the evidence of the break


def test_seed_000_row_1_names_summary_leads_and_sector_leads(doc000):
    row1 = doc000.rows[0]
    assert row1.lead_text.startswith("- Sở Tài chính, Thống kê tỉnh chủ trì tổng hợp báo cáo.")
    assert row1.lead[:2] == ["Sở Tài chính", "Thống kê tỉnh"]
    assert len(row1.lead) == 8


def test_seed_001_document_reference(doc001):
    assert doc001.layout == "pdf-text"
    assert (doc001.doc_kind, doc001.number, doc001.issued_on) == (
        "Quyết định",
        "136/QĐ-UBND",
        date(2024, 1, 19),
    )
    assert doc001.issuer == "UBND tỉnh"
    assert doc001.target_header == "Mục tiêu 2023"
    assert doc001.period_code == "2024"  # the title says 2024; the header's 2023 is reported
    assert any("Mục tiêu 2023" in w and "2024" in w for w in doc001.warnings)


def test_seed_001_reports_the_number_printed_twice(doc001):
    assert [r.no for r in doc001.rows if r.no].count("12") == 2
    assert any("số thứ tự 12 in lặp lại" in w for w in doc001.warnings)


def test_seed_001_has_every_row(doc001):
    assert len(doc001.rows) == len(E001.ROWS) == 35


@pytest.mark.parametrize("i", range(len(E001.ROWS)))
def test_seed_001_row(doc001, i):
    _check(doc001.rows[i], E001.ROWS[i])
