"""The statistics office's quarterly workbooks: every growth cell found by its headers, with its
period and vintage, indices and rates told apart, and the published growth recomputed from them."""

from decimal import Decimal as D
from pathlib import Path

import pytest
from openpyxl import Workbook as XlsxBook

from chitieu.core.growth import Scenario, period_growth
from chitieu.importers.accounts import read_accounts
from chitieu.importers.records import ImportError_

# The corpus's 2024 workbooks (March, June, September, December), kept beside the growth tests.
GSO = Path(__file__).resolve().parents[2] / "core" / "tests" / "data" / "gso_2024_gdp.tsv"
PARTS = ("A", "IC", "S", "T")
EXACT = D("1e-9")


@pytest.fixture(scope="module")
def book():
    return read_accounts(GSO.read_bytes(), GSO.name)


@pytest.mark.parametrize(
    "period, vintages, rates",
    [
        ("2024-Q1", ["preliminary", "estimate"], ["5.8736938676610", "5.6575442275679"]),
        ("2024-Q2", ["preliminary", "estimate"], ["7.0932349457697", "6.9267862112836"]),
        ("2024-H1", ["estimate"], ["6.4173510662068"]),
        ("2024-Q3", ["preliminary", "estimate"], ["7.4292384877221", "7.4048531203964"]),
        ("2024-9M", ["estimate"], ["6.8164377779761"]),
        ("2024-Q4", ["estimate"], ["7.5501666916876"]),
        ("2024", ["estimate"], ["7.0911874122760"]),
    ],
)
def test_each_period_of_gdp_with_its_vintages(book, period, vintages, rates):
    cells = book.growth("GRDP", period)
    assert [c.vintage for c in cells] == vintages
    assert [str(c.rate)[:15] for c in cells] == rates


def test_indices_and_rates_are_told_apart_and_said(book):
    march = [c for c in book.cells if "Bieu-3.2024" in c.sheet and c.measure in ("index", "rate")]
    june = [c for c in book.cells if "Bieu-T6" in c.sheet and c.measure in ("index", "rate")]
    assert {c.measure for c in march} == {"rate"}
    assert {c.measure for c in june} == {"index"}
    assert any("Bieu-3.2024" in n and "tốc độ tăng (%)" in n for n in book.notes)
    assert any("Bieu-T6" in n and "chỉ số (cùng kỳ = 100)" in n for n in book.notes)


def test_a_cumulative_period_over_mixed_vintages_is_marked(book):
    (h1,) = book.growth("GRDP", "2024-H1")
    assert h1.mixed is True  # preliminary Q1 + estimated Q2
    (q2,) = [c for c in book.growth("GRDP", "2024-Q2") if c.vintage == "estimate"]
    assert q2.mixed is False
    assert "dòng" in h1.where and "2.GDP-SS" in h1.where


def test_the_sheet_of_current_prices_gives_levels_and_shares_not_growth(book):
    current = {c.measure for c in book.cells if c.prices == "current"}
    assert current == {"level", "share"}


def _from_book(book, quarters: dict[str, str]) -> Scenario:
    """A scenario of the four sectors whose quarter q comes from the vintage given for it."""
    base, growth = {}, {}
    for code in PARTS:
        b, g = [], []
        for q in ("Q1", "Q2", "Q3", "Q4"):
            (level,) = [c for c in book.level(code, f"2024-{q}") if c.vintage == quarters[q]]
            (rate,) = [c for c in book.growth(code, f"2024-{q}") if c.vintage == quarters[q]]
            b.append(level.value / (1 + rate.rate / 100))
            g.append(rate.rate)
        base[code], growth[code] = b, g
    return Scenario.from_json(
        {
            "components": {c: c for c in PARTS},
            "aggregates": {"GRDP": list(PARTS)},
            "base": base,
            "growth": growth,
        }
    )


def test_the_published_growth_comes_back_from_the_sectors(book):
    # June's workbook: preliminary Q1 and estimated Q2 give its first half
    s = _from_book(
        book, {"Q1": "preliminary", "Q2": "estimate", "Q3": "preliminary", "Q4": "estimate"}
    )
    (h1,) = book.growth("GRDP", "2024-H1")
    assert abs(period_growth(s, "GRDP", "H1") - h1.rate) < EXACT
    (q4,) = book.growth("GRDP", "2024-Q4")
    assert abs(period_growth(s, "GRDP", "Q4") - q4.rate) < EXACT


def test_a_workbook_built_here_as_xlsx_reads_the_same(tmp_path):
    # given a province's own sheet: a title, a two-row header, levels and growth rates in %
    wb = XlsxBook()
    ws = wb.active
    ws.title = "GRDP SS"
    ws.append(["Tổng sản phẩm trên địa bàn theo giá so sánh 2010, 6 tháng năm 2026"])
    ws.append([None, None, "Ước tính", "Ước tính", "Tốc độ tăng so với cùng kỳ (%)"])
    ws.append(
        [None, None, "quý I năm 2026", "quý II năm 2026", "quý I năm 2026", "quý II năm 2026"]
    )
    ws.append(["TỔNG SỐ", None, 9000.5, 9500.25, 7.53, 6.59])
    ws.append([None, "Dịch vụ", 4000, 4200, 8.2, 6.71])
    path = tmp_path / "grdp.xlsx"
    wb.save(path)
    # when it is read
    b = read_accounts(path.read_bytes(), path.name)
    # then each cell has its series, period, vintage and measure
    (q2,) = b.growth("GRDP", "2026-Q2")
    assert (q2.measure, q2.vintage, q2.value) == ("rate", "estimate", D("6.59"))
    (s1,) = b.growth("S", "2026-Q1")
    assert s1.rate == D("8.2")
    (lvl,) = b.level("GRDP", "2026-Q2")
    assert lvl.value == D("9500.25")


def test_a_file_with_no_growth_table_is_refused_with_its_name():
    with pytest.raises(ImportError_) as e:
        read_accounts("Danh mục\tchỉ tiêu\n1\tabc\n".encode(), "sai.tsv")
    assert str(e.value).startswith("sai.tsv: không tìm thấy bảng tổng sản phẩm theo quý")
