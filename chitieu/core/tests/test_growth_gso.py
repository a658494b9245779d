"""The engine against the statistics office's 2024 national accounts (constant 2010 prices):
aggregates and periods are reproduced from the sectors; where vintages were mixed, the check
reports it."""

from decimal import Decimal as D

import pytest

from chitieu.core.growth import Scenario, check_table, contributions, period_growth
from chitieu.core.growth.checks import Finding

from .gso import SECTORS, TOTAL, constant_price_sheets

SHEETS = constant_price_sheets()
EXACT = D("1e-9")  # the workbooks carry full precision


def _scenario(quarters: dict[str, tuple[str, str]]) -> Scenario:
    """A scenario whose quarter q takes the sector levels and indices of (workbook, period)."""
    base, growth = {}, {}
    for code, label in SECTORS.items():
        b, g = [], []
        for q in ("Q1", "Q2", "Q3", "Q4"):
            book, period = quarters[q]
            level, index = SHEETS[book][label][period]
            b.append(level / index * 100)
            g.append(index - 100)
        base[code], growth[code] = b, g
    return Scenario.from_json(
        {
            "components": SECTORS,
            "aggregates": {"GDP": list(SECTORS)},
            "base": base,
            "growth": growth,
        }
    )


def test_the_sheets_were_read():
    assert set(SHEETS) == {"T6", "T9", "T12"}
    assert SHEETS["T12"][TOTAL]["year"][1] == D("107.09118741227603")
    assert SHEETS["T6"][SECTORS["T"]]["Q1"] == (D("135469.52315494439"), D("104.30999999999999"))


@pytest.mark.parametrize(
    "book, quarters, periods",
    [
        (
            "T6",
            {"Q1": ("T6", "Q1"), "Q2": ("T6", "Q2"), "Q3": ("T12", "Q3"), "Q4": ("T12", "Q4")},
            ["Q1", "Q2", "H1"],
        ),
        # the September workbook's nine months use June's first quarter
        (
            "T9",
            {"Q1": ("T6", "Q1"), "Q2": ("T9", "Q2"), "Q3": ("T9", "Q3"), "Q4": ("T12", "Q4")},
            ["Q2", "Q3", "9M"],
        ),
        (
            "T12",
            {"Q1": ("T6", "Q1"), "Q2": ("T9", "Q2"), "Q3": ("T12", "Q3"), "Q4": ("T12", "Q4")},
            ["Q3", "Q4"],
        ),
    ],
)
def test_gdp_growth_is_reproduced_from_the_sectors(book, quarters, periods):
    s = _scenario(quarters)
    for period in periods:
        published = SHEETS[book][TOTAL][period][1] - 100
        assert abs(period_growth(s, "GDP", period) - published) < EXACT, (book, period)
        for code, label in SECTORS.items():
            assert (
                abs(period_growth(s, code, period) - (SHEETS[book][label][period][1] - 100)) < EXACT
            )


def test_contributions_add_up_to_gdp_growth_to_the_published_decimal():
    s = _scenario(
        {"Q1": ("T6", "Q1"), "Q2": ("T6", "Q2"), "Q3": ("T12", "Q3"), "Q4": ("T12", "Q4")}
    )
    c = contributions(s, "GDP", "H1")
    assert abs(sum(c.values()) - period_growth(s, "GDP", "H1")) < EXACT
    # services contributed most to the first half's 6.42 %
    assert max(c, key=lambda k: c[k]) == "S"
    assert round(period_growth(s, "GDP", "H1"), 2) == D("6.42")


def test_mixing_vintages_gives_a_year_the_office_did_not_publish():
    # Latest vintage of each quarter: Q1 and Q2 preliminary, Q3 preliminary, Q4 estimate.
    s = _scenario(
        {"Q1": ("T6", "Q1"), "Q2": ("T9", "Q2"), "Q3": ("T12", "Q3"), "Q4": ("T12", "Q4")}
    )
    published_year = SHEETS["T12"][TOTAL]["year"][1] - 100
    table = {
        "growth": {
            code: {q: float(s.growth[code][i]) for i, q in enumerate(("Q1", "Q2", "Q3", "Q4"))}
            for code in SECTORS
        },
        "aggregates": {"GDP": list(SECTORS)},
        "base": {code: [str(b) for b in s.base[code]] for code in SECTORS},
        "decimals": 2,
    }
    table["growth"]["GDP"] = {"year": float(round(published_year, 2))}
    findings = check_table(table)
    assert [(f.series, f.period) for f in findings] == [("GDP", "year")]
    f: Finding = findings[0]
    assert f.published == D("7.09")
    assert round(f.implied, 2) == round(period_growth(s, "GDP", "year"), 2) != D("7.09")
    # the December workbook revised the first half: its year needs a larger first-half base
    assert "tính từ giá trị gốc" in f.message
