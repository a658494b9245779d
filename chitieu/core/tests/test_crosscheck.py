"""Findings between plans and checks within a plan, on the figures the seeds print."""

from decimal import Decimal as D

from chitieu.core.crosscheck import (
    Fact,
    FindingKind,
    compare_across_plans,
    level_growth_check,
    pace_findings,
    per_head_check,
    rate_findings,
    structure_check,
    usd_rate_check,
)

P130 = "Kế hoạch số 130/KH-UBND ngày 07/04/2026"
P5Y = "Kế hoạch phát triển kinh tế - xã hội 5 năm 2026 - 2030"


def fact(i, plan_id, plan, period, name, unit, text, kind, line=1, **numbers):
    return Fact(i, plan_id, plan, "five_year", period, name, unit, text, kind, line=line, **numbers)


def test_different_numbers_for_the_same_year_show_both_targets():
    a = fact(
        1, 1, P130, "2026-2030", "Tuổi thọ trung bình", "Tuổi", "75,5", "exact", 30, value=D("75.5")
    )
    b = fact(
        2,
        4,
        P5Y,
        "2030",
        "Tuổi thọ trung bình",
        "tuổi",
        "đạt khoảng 73,5 - 74 tuổi",
        "range",
        106,
        low=D("73.5"),
        high=D(74),
    )
    [f] = compare_across_plans("Tuổi thọ trung bình", [a, b])
    assert f.kind is FindingKind.VALUE
    assert f.facts == (a, b)
    assert "“75,5” Tuổi" in f.message and "“đạt khoảng 73,5 - 74 tuổi”" in f.message
    assert "dòng 30" in f.message and "dòng 106" in f.message


def test_strict_against_inclusive_is_a_qualifier_not_a_number():
    a = fact(
        1,
        1,
        P130,
        "2026-2030",
        "Tốc độ tăng thu nội địa bình quân hằng năm",
        "%",
        ">10",
        "min",
        low=D(10),
        strict=True,
    )
    b = fact(
        2,
        4,
        P5Y,
        "2026-2030",
        "Thu nội địa tăng bình quân hằng năm",
        "%",
        "từ 10% trở lên",
        "min",
        low=D(10),
    )
    [f] = compare_across_plans("Thu nội địa", [a, b])
    assert f.kind is FindingKind.QUALIFIER
    assert "trên (không kể bằng), mỗi năm" in f.message
    assert "từ … trở lên (kể cả bằng), mỗi năm" in f.message


def test_the_same_quantity_in_other_units_and_wording():
    a = fact(
        1,
        1,
        P130,
        "2026-2030",
        "Tổng lượng khách du lịch đến năm 2030",
        "Nghìn người",
        "6.000",
        "exact",
        value=D(6000),
    )
    b = fact(
        2,
        4,
        P5Y,
        "2030",
        "Lượng khách du lịch",
        "lượt người",
        "đạt khoảng 6.000.000 lượt người",
        "approx",
        value=D(6000000),
    )
    kinds = {f.kind: f for f in compare_across_plans("Khách du lịch", [a, b])}
    assert set(kinds) == {FindingKind.UNIT, FindingKind.QUALIFIER}
    assert "6.000 Nghìn người (" in kinds[FindingKind.UNIT].message
    assert "= 6.000.000 lượt người" in kinds[FindingKind.UNIT].message


def test_a_yearly_rate_is_not_compared_with_a_level_in_the_last_year():
    a = fact(
        1,
        1,
        P130,
        "2026-2030",
        "Giảm tỷ lệ hộ nghèo hằng năm",
        "%/năm",
        "2",
        "reduce_by",
        value=D(2),
    )
    b = fact(2, 4, P5Y, "2030", "Tỷ lệ hộ nghèo", "%", "5", "exact", value=D(5))
    assert compare_across_plans("Hộ nghèo", [a, b]) == []


def test_a_structure_that_cannot_reach_100_names_the_row_printed_apart():
    shares = [
        fact(
            1,
            1,
            P130,
            "2026-2030",
            "Nông, lâm nghiệp và thủy sản",
            "%",
            "12 - 13",
            "range",
            low=D(12),
            high=D(13),
        ),
        fact(
            2,
            1,
            P130,
            "2026-2030",
            "Công nghiệp - xây dựng",
            "%",
            "32 - 33",
            "range",
            low=D(32),
            high=D(33),
        ),
        fact(3, 1, P130, "2026-2030", "Dịch vụ", "%", "50 - 51", "range", low=D(50), high=D(51)),
    ]
    taxes = fact(
        4,
        1,
        P130,
        "2026-2030",
        "Thuế sản phẩm trừ trợ cấp sản phẩm",
        "%",
        "4 - 5",
        "range",
        15,
        low=D(4),
        high=D(5),
    )
    check = structure_check("Cơ cấu tổng sản phẩm trên địa bàn", P130, shares, [taxes])
    assert check.ok is False
    assert "94 – 97 %" in check.message and "98 – 102 %" in check.message
    assert check.finding is not None and check.finding.facts[-1] == taxes
    assert structure_check("Cơ cấu", P5Y, [*shares, taxes], []).ok is True


def test_grdp_per_head_against_grdp_and_population():
    total = fact(
        1,
        1,
        P130,
        "2026-2030",
        "Tổng sản phẩm trên địa bàn (GRDP)",
        "Tỷ đồng",
        "111.100",
        "exact",
        value=D(111100),
    )
    people = fact(
        2,
        1,
        P130,
        "2026-2030",
        "Dân số",
        "Nghìn người",
        "854 - 856",
        "range",
        low=D(854),
        high=D(856),
    )
    head = fact(
        3,
        1,
        P130,
        "2026-2030",
        "Tổng sản phẩm trên địa bàn bình quân đầu người",
        "Triệu đồng",
        "130",
        "exact",
        value=D(130),
    )
    check = per_head_check(P130, total, people, head)
    assert check.ok is True and "129,79 – 130,09" in check.message
    wrong = fact(
        3, 1, P130, "2030", "GRDP bình quân đầu người", "triệu đồng", "150", "approx", value=D(150)
    )
    failed = per_head_check(P130, total, people, wrong)
    assert failed.ok is False and failed.finding.kind is FindingKind.PER_HEAD


def test_a_level_against_the_growth_from_the_base_year():
    growth = fact(
        1,
        1,
        P130,
        "2026-2030",
        "Tốc độ tăng GRDP bình quân hằng năm",
        "%",
        "10 - 11",
        "range",
        low=D(10),
        high=D(11),
    )
    level = fact(2, 1, P130, "2030", "GRDP", "Tỷ đồng", "111.100", "exact", value=D(111100))
    assert level_growth_check(P130, None, level, growth).ok is None
    base = fact(
        3, 2, "Kế hoạch năm 2025", "2025", "GRDP", "Tỷ đồng", "60.000", "exact", value=D(60000)
    )
    check = level_growth_check(P130, base, level, growth)
    # 60.000 x 1,10^5 = 96.631; x 1,11^5 = 101.103: 111.100 lies above both
    assert check.ok is False and "96.631 – 101.103" in check.message
    near = fact(
        3, 2, "Kế hoạch năm 2025", "2025", "GRDP", "Tỷ đồng", "67.000", "exact", value=D(67000)
    )
    assert level_growth_check(P130, near, level, growth).ok is True


def test_an_annual_growth_below_the_average_the_programme_requires():
    year = fact(
        1,
        2,
        "Quyết định số 136/QĐ-UBND",
        "2024",
        "Tốc độ tăng tổng sản phẩm trên địa bàn",
        "%",
        "7 - 7,5",
        "range",
        low=D(7),
        high=D("7.5"),
    )
    span = fact(
        2,
        3,
        "Chương trình 98",
        "2021-2030",
        "Tốc độ tăng GRDP bình quân hằng năm",
        "%",
        "từ 8 - 9%",
        "range",
        low=D(8),
        high=D(9),
    )
    [f] = pace_findings("Tốc độ tăng GRDP", [year, span])
    assert f.kind is FindingKind.PACE and f.facts == (year, span)
    assert "năm 2024" in f.message and "giai đoạn 2021 - 2030" in f.message


def test_a_level_against_a_yearly_figure_of_the_same_number_is_a_qualifier():
    a = fact(
        1,
        1,
        P130,
        "2026-2030",
        "Tỷ lệ chất thải y tế được xử lý",
        "%",
        "100",
        "exact",
        value=D(100),
    )
    b = fact(
        2,
        4,
        P5Y,
        "2026-2030",
        "Tỷ lệ chất thải y tế được xử lý hằng năm",
        "%",
        "100%",
        "exact",
        value=D(100),
    )
    [f] = compare_across_plans("Chất thải y tế", [a, b])
    assert f.kind is FindingKind.QUALIFIER
    assert "“đúng bằng”" in f.message and "“đúng bằng, mỗi năm”" in f.message


def test_the_rate_a_plan_implies_and_plans_that_imply_different_rates():
    vnd = fact(
        1,
        1,
        P130,
        "2026-2030",
        "GRDP bình quân đầu người",
        "Triệu đồng",
        "130",
        "exact",
        value=D(130),
    )
    usd = fact(
        2, 1, P130, "2026-2030", "GRDP bình quân đầu người", "USD", "5.000", "exact", value=D(5000)
    )
    assert "26.000 đồng/USD" in usd_rate_check(P130, vnd, usd).message
    vnd2 = fact(
        3,
        3,
        "Chương trình 98",
        "2030",
        "GRDP bình quân đầu người",
        "triệu đồng",
        "khoảng 150",
        "approx",
        value=D(150),
    )
    usd2 = fact(
        4,
        3,
        "Chương trình 98",
        "2030",
        "GRDP bình quân đầu người",
        "USD",
        "khoảng 5.400",
        "approx",
        value=D(5400),
    )
    [f] = rate_findings("GRDP bình quân đầu người", [(vnd, usd), (vnd2, usd2)])
    assert f.kind is FindingKind.RATE and f.facts == (vnd, usd, vnd2, usd2)
    assert "27.778 đồng/USD" in f.message
    same = fact(
        4,
        3,
        "Chương trình 98",
        "2030",
        "GRDP bình quân đầu người",
        "USD",
        "5.770",
        "exact",
        value=D(5770),
    )
    assert rate_findings("GRDP bình quân đầu người", [(vnd, usd), (vnd2, same)]) == []
