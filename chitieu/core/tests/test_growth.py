"""The growth engine: periods and aggregates, contributions, solving, checks; seed 004's table."""

import json
import subprocess
import sys
from decimal import Decimal as D

import pytest

from chitieu.core.growth import (
    GrowthError,
    Rule,
    Scenario,
    TargetSpec,
    check_table,
    contributions,
    geometric_mean,
    index_to_rate,
    period_growth,
    rate_to_index,
    required_average_growth,
    solve,
    va_shares,
)
from chitieu.core.growth.report import solve_request
from chitieu.core.growth.solve import parse_cells
from chitieu.core.numbers import format_number

from . import seed_004_growth as S004

COMPONENTS = {"A": "Nông", "I": "Công nghiệp", "C": "Xây dựng", "S": "Dịch vụ", "T": "Thuế"}
BASE = {
    "A": [1843, 3284, 2783, 3036],
    "I": [1500, 1600, 1700, 1900],
    "C": [1200, 1500, 1800, 2600],
    "S": [4200, 4400, 4500, 4900],
    "T": [300, 310, 320, 330],
}
PLANNED = {
    "A": [5.96, 4.18, 5.37, 5.83],
    "I": [6.58, 8.83, 21.82, 24.70],
    "C": [7.95, 9.74, 20.31, 23.65],
    "S": [8.20, 6.71, 11.64, 12.89],
    "T": [7.24, 7.74, 7.74, 10.81],
}
SECOND_HALF = [f"{c}.{q}" for c in COMPONENTS for q in ("Q3", "Q4")]


def request(**over):
    data = {
        "components": COMPONENTS,
        "aggregates": {"IC": ["I", "C"], "GRDP": ["A", "IC", "S", "T"]},
        "base": BASE,
        "growth": PLANNED,
    }
    data.update(over)
    return data


def scenario(**over):
    return Scenario.from_json(request(**over))


# -- the method ---------------------------------------------------------------------------------
def test_period_growth_is_the_base_weighted_mean_of_quarters():
    s = scenario()
    expected = (D(1843) * D("5.96") + D(3284) * D("4.18")) / (1843 + 3284)
    assert period_growth(s, "A", "H1") == pytest.approx(expected, abs=D("1e-20"))


def test_aggregate_growth_is_the_base_weighted_mean_of_parts():
    s = scenario()
    num = sum(D(BASE[c][0]) * D(str(PLANNED[c][0])) for c in ("I", "C"))
    assert period_growth(s, "IC", "Q1") == pytest.approx(num / (1500 + 1200), abs=D("1e-20"))


@pytest.mark.parametrize("period", ["Q1", "Q3", "H1", "H2", "9M", "year"])
def test_contributions_add_up_to_the_aggregate(period):
    s = scenario()
    c = contributions(s, "GRDP", period)
    assert set(c) == {"A", "IC", "S", "T"}
    assert abs(sum(c.values()) - period_growth(s, "GRDP", period)) < D("1e-20")


def test_value_added_shares_exclude_taxes_and_sum_to_100():
    shares = va_shares(scenario(), "GRDP", "year")
    assert set(shares) == {"A", "IC", "S"}
    assert abs(sum(shares.values()) - 100) < D("1e-20")
    assert va_shares(scenario(), "IC", "year") is None


def test_rates_and_indices():
    assert index_to_rate(D("106.9")) == D("6.9")
    assert rate_to_index(D("6.9")) == D("106.9")
    assert round(geometric_mean([D(10), D(10), D(10)]), 10) == 10
    assert round(geometric_mean([D(21), D(0)]), 6) == D("10.000000")
    # 111.100 tỷ đồng in 2030 from 60.000 in 2025 at current prices: a nominal average rate
    r = required_average_growth(D(60000), D(111100), 5)
    assert round(r, 3) == D("13.113")
    assert abs(D(60000) * (1 + r / 100) ** 5 - D(111100)) < D("1e-20")


# -- solving ----------------------------------------------------------------------------------
def test_additive_rule_meets_the_year_target_with_one_uplift():
    s = scenario()
    out, solved, notes = solve(
        s, parse_cells(s, SECOND_HALF), [TargetSpec("GRDP", "year", D("10.61"))], Rule()
    )
    assert round(period_growth(out, "GRDP", "year"), 12) == D("10.61")
    uplifts = {
        k: v - D(str(PLANNED[k[0]][2 if k.endswith("Q3") else 3])) for k, v in solved.items()
    }
    assert len({round(u, 12) for u in uplifts.values()}) == 1
    assert period_growth(out, "GRDP", "H1") == period_growth(
        s, "GRDP", "H1"
    )  # known quarters untouched
    assert "điểm %" in notes[0]


def test_the_uplift_note_names_the_sectors_and_quarters_in_words():
    # given the second half left to solve for the year
    s = scenario()
    # when
    _, solved, notes = solve(
        s, parse_cells(s, SECOND_HALF), [TargetSpec("GRDP", "year", D("10.61"))], Rule()
    )
    # then the note says which quarters of which sectors need how much, planned → required
    uplift = solved["S.Q4"] - D(str(PLANNED["S"][3]))
    text = notes[0]
    assert "mỗi ô" not in text
    assert text.startswith(
        "Để GRDP cả năm đạt 10,61 %, mỗi khu vực trong mỗi quý còn lại (quý III, quý IV) "
        "được phép tăng thấp hơn 0,45 điểm % so với kế hoạch. Quý III: Nông "
    )
    assert format_number(uplift, 2) == "-0,45"
    assert "Quý IV: Nông 5,83 → 5,38 %; Công nghiệp 24,70 → 24,25 %;" in text
    assert text.endswith("Dịch vụ 12,89 → 12,44 %; Thuế 10,81 → 10,36 %.")


def test_proportional_rule_scales_every_unknown_by_one_factor():
    s = scenario()
    out, solved, _ = solve(
        s, parse_cells(s, SECOND_HALF), [TargetSpec("GRDP", "year", D(12))], Rule("proportional")
    )
    assert round(period_growth(out, "GRDP", "year"), 12) == 12
    factors = {
        round(v / D(str(PLANNED[k[0]][2 if k.endswith("Q3") else 3])), 12)
        for k, v in solved.items()
    }
    assert len(factors) == 1


def test_fixed_rule_keeps_the_listed_series():
    s = scenario()
    out, solved, _ = solve(
        s,
        parse_cells(s, SECOND_HALF),
        [TargetSpec("GRDP", "year", D(11))],
        Rule("fixed", ("A", "T")),
    )
    assert solved["A.Q3"] == D("5.37") and solved["T.Q4"] == D("10.81")
    assert solved["S.Q3"] != D("11.64")
    assert round(period_growth(out, "GRDP", "year"), 12) == 11


def test_a_narrower_target_is_met_first_then_the_aggregate_with_the_rest():
    s = scenario()
    targets = [TargetSpec("GRDP", "year", D("10.61")), TargetSpec("A", "year", D("5.24"))]
    out, _, notes = solve(s, parse_cells(s, SECOND_HALF), targets, Rule())
    assert round(period_growth(out, "A", "year"), 12) == D("5.24")
    assert round(period_growth(out, "GRDP", "year"), 12) == D("10.61")
    assert notes[0].startswith("Để A cả năm đạt 5,24 %")


def test_solve_request_matches_the_documented_shape():
    out = solve_request(
        request(solve=SECOND_HALF, targets=[{"series": "GRDP", "period": "year", "growth": 10.61}])
    )
    assert set(out) == {"growth", "contributions", "va_shares", "solved", "notes"}
    assert set(out["growth"]["GRDP"]) == {"Q1", "Q2", "Q3", "Q4", "H1", "H2", "9M", "year"}
    assert out["growth"]["GRDP"]["year"] == 10.61
    assert set(out["contributions"]["GRDP"]) == {"A", "IC", "S", "T"}
    assert set(out["solved"]) == set(SECOND_HALF)


# -- bad input --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "over, field",
    [
        ({"base": {**BASE, "A": [0, 1, 2, 3]}}, "base.A[0]"),
        ({"base": {**BASE, "S": [1, -2, 3, 4]}}, "base.S[1]"),
        ({"base": {**BASE, "T": [1, 2, 3]}}, "base.T"),
        ({"growth": {k: v for k, v in PLANNED.items() if k != "C"}}, "growth.C"),
        ({"growth": {**PLANNED, "I": [1, "x", 3, 4]}}, "growth.I[1]"),
        ({"solve": ["X.Q3"]}, "solve[0]"),
        ({"solve": ["A.Q5"]}, "solve[0]"),
        (
            {"solve": ["A.Q3"], "targets": [{"series": "Z", "period": "year", "growth": 1}]},
            "targets[0].series",
        ),
        (
            {"solve": ["A.Q3"], "targets": [{"series": "A", "period": "Q9", "growth": 1}]},
            "targets[0].period",
        ),
        (
            {"solve": ["A.Q3"], "targets": [{"series": "S", "period": "year", "growth": 9}]},
            "targets[0]",
        ),
        (
            {
                "solve": ["A.Q3"],
                "targets": [{"series": "A", "period": "year", "growth": 5}],
                "rule": {"kind": "fixed", "series": ["A"]},
            },
            "targets[0]",
        ),
        (
            {
                "solve": ["A.Q3"],
                "targets": [{"series": "A", "period": "year", "growth": 5}],
                "rule": {"kind": "magic"},
            },
            "rule.kind",
        ),
        (
            {"solve": ["T.Q4"], "targets": [{"series": "GRDP", "period": "year", "growth": -60}]},
            "targets[0]",
        ),
        ({"aggregates": {"X": ["X"]}}, "aggregates.X"),
    ],
)
def test_bad_input_names_the_field(over, field):
    with pytest.raises(GrowthError) as err:
        solve_request(request(**over))
    assert err.value.field == field
    assert err.value.message  # a sentence, not a stack trace


def test_an_impossible_target_is_explained():
    with pytest.raises(GrowthError, match="không thể đạt"):
        solve_request(
            request(solve=["T.Q4"], targets=[{"series": "GRDP", "period": "year", "growth": -60}])
        )


# -- seed 004 ---------------------------------------------------------------------------------
def test_seed_004_only_the_year_of_grdp_does_not_hold():
    findings = check_table(S004.table())
    assert [(f.series, f.period) for f in findings] == [("GRDP", "year")]
    f = findings[0]
    assert f.published == D("10.61")
    low, high = f.implied
    assert D("10.26") < low < high < D("10.37")
    assert "đóng góp 6 tháng đầu năm" in f.message


def test_seed_004_without_contributions_holds_within_rounding():
    assert check_table(S004.table(contributions=False)) == []


def test_seed_004_first_half_contributions_add_up():
    assert round(sum(D(str(v)) for v in S004.H1_CONTRIBUTIONS.values()), 2) == D("7.02")


@pytest.mark.parametrize(
    "series, period, value, found",
    [
        ("I", "year", 14.0, ("I", "year")),  # implied by I, C quarters and IC's own figures
        ("C", "H2", 23.5, ("C", "H2")),
        ("A", "H1", 6.5, ("A", "H1")),  # outside its quarters 5,96 and 4,18
        ("IC", "Q3", 23.0, ("IC", "Q3")),  # outside I 21,82 and C 20,31
    ],
)
def test_seed_004_a_changed_cell_is_found(series, period, value, found):
    rows = {k: list(v) for k, v in S004.ROWS.items()}
    rows[series][S004.PERIODS.index(period)] = value
    findings = check_table(S004.table(rows, contributions=False))
    assert found in [(f.series, f.period) for f in findings]


def test_contributions_that_do_not_add_up_are_found():
    data = S004.table()
    data["contributions"] = {"H1": {**S004.H1_CONTRIBUTIONS, "S": 4.5}}
    findings = check_table(data)
    assert ("GRDP", "H1") in [(f.series, f.period) for f in findings]


# -- the command ------------------------------------------------------------------------------
def _cli(tmp_path, command, data):
    path = tmp_path / "in.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "chitieu.core.growth", command, str(path)],
        capture_output=True,
        text=True,
    )
    return done.returncode, json.loads(done.stdout)


def test_cli_check_prints_findings(tmp_path):
    code, out = _cli(tmp_path, "check", S004.table())
    assert code == 0 and out["consistent"] is False
    assert out["findings"][0]["series"] == "GRDP" and out["findings"][0]["published"] == 10.61


def test_cli_solve_and_errors(tmp_path):
    code, out = _cli(
        tmp_path,
        "solve",
        request(solve=SECOND_HALF, targets=[{"series": "GRDP", "period": "year", "growth": 10.61}]),
    )
    assert code == 0 and out["growth"]["GRDP"]["year"] == 10.61
    code, out = _cli(tmp_path, "solve", request(base={**BASE, "A": [1, 2, 3]}))
    assert code == 2 and out["field"] == "base.A"


def test_seed_004_with_grdp_parts_flat_gives_the_same_finding_on_the_year():
    nested = check_table(S004.table())
    data = S004.table()
    data["aggregates"] = {"IC": ["I", "C"], "GRDP": ["A", "I", "C", "S", "T"]}
    flat = check_table(data)
    assert [(f.series, f.period, f.implied) for f in flat] == [
        (f.series, f.period, f.implied) for f in nested
    ]
    assert [(f.series, f.period) for f in flat] == [("GRDP", "year")]


def test_contributions_of_a_series_outside_the_aggregate_are_refused():
    data = S004.table()
    data["aggregates"] = {"GRDP": ["A", "I", "C", "S", "T"]}  # IC is not declared as I + C
    with pytest.raises(GrowthError, match="không chia đúng một tổng nào") as info:
        check_table(data)
    assert info.value.field == "contributions.H1"


def test_base_shares_implied_by_contributions_must_sum_to_100():
    # T's contribution doubled and A's lowered by as much: the sum still makes GRDP's 7,02 %,
    # but the shares (A 0,73 / 4,82, T 0,68 / 7,49, …) add up to 97,5 %
    data = S004.table()
    data["contributions"] = {"H1": {**S004.H1_CONTRIBUTIONS, "A": 0.73, "T": 0.68}}
    (f,) = [f for f in check_table(data) if f.period == "H1" and f.implied == 100]
    assert f.series == "GRDP" and D("97.4") < f.published < D("97.6")
    assert "phải cộng bằng 100 %" in f.message


@pytest.mark.parametrize("value", [1e26, "1e400", 10**20])
def test_a_growth_beyond_what_decimal_formats_is_refused(value):
    data = S004.table()
    data["growth"]["A"]["Q1"] = value
    with pytest.raises(GrowthError, match="quá lớn|không hữu hạn") as info:
        check_table(data)
    assert info.value.field == "growth.A.Q1"


def test_the_notes_write_numbers_as_format_number_does():
    import importlib
    import random
    from decimal import Decimal

    from chitieu.core.numbers import format_number

    solve_module = importlib.import_module("chitieu.core.growth.solve")
    edges = [
        "0",
        "-0",
        "-0.00",
        "1E+2",
        "5E-7",
        "-0.004",
        "-0.005",
        "0.005",
        "999.994",
        "999.995",
        "-999.995",
        "1000",
    ]
    rng = random.Random(2026)
    values = [Decimal(e) for e in edges] + [
        Decimal(rng.uniform(-1500, 1500)).quantize(Decimal(10) ** -rng.randint(0, 6))
        for _ in range(2000)
    ]
    assert [solve_module._fmt(v) for v in values] == [format_number(v, 2) for v in values]
