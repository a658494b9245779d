"""One indicator across documents: names compared by meaning, units that convert or do not."""

from decimal import Decimal as D

import pytest

from chitieu.core.matching import (
    NamedIndicator,
    UnitError,
    convert,
    name_similarity,
    propose_links,
    units_convert,
)


@pytest.mark.parametrize(
    ("a", "b", "score", "reason"),
    [
        ("Tỷ lệ che phủ rừng", "Tỷ lệ che phủ rừng đạt", D(1), "bỏ từ không đổi nghĩa"),
        (
            "Tỷ lệ che phủ rừng",
            "Tỷ lệ che phủ của rừng",
            D(1),
            "“che phủ của rừng” = “che phủ rừng”",
        ),
        (
            "GRDP bình quân đầu người",
            "Tổng sản phẩm trên địa bàn bình quân đầu người",
            D(1),
            "GRDP = Tổng sản phẩm trên địa bàn",
        ),
        (
            "Tổng lượng khách du lịch đến năm 2030",
            "Tổng lượng khách du lịch",
            D(1),
            "bỏ mốc thời gian (“đến năm …”) khỏi tên",
        ),
        (
            "Tốc độ tăng thu nội địa bình quân hằng năm",
            "Thu nội địa tăng bình quân hằng năm",
            D("0.83"),
            "“tốc độ tăng X” = “X tăng”",
        ),
        (
            "Số bác sĩ bình quân trên 10.000 dân",
            "Số bác sĩ trên 1 vạn dân",
            D("0.76"),
            "1 vạn dân = 10.000 dân",
        ),
    ],
)
def test_names_worded_differently_score_with_their_reason(a, b, score, reason):
    got, reasons = name_similarity(a, b)
    assert got == score
    assert reason in reasons


def test_two_different_sectors_stay_below_the_proposal_line():
    score, _ = name_similarity("Nông, lâm nghiệp và thủy sản", "Công nghiệp và xây dựng")
    assert score < D("0.7")


@pytest.mark.parametrize(
    ("a", "b", "value", "expected", "why"),
    [
        ("Nghìn người", "người", D(339), D(339000), "1 Nghìn người = 1.000 người"),
        ("Nghìn người", "lượt người", D(6000), D(6000000), "1 Nghìn người = 1.000 lượt người"),
        ("triệu lượt", "Nghìn lượt", D("1.4"), D(1400), "1 triệu lượt = 1.000 Nghìn lượt"),
        ("Tỷ đồng", "triệu đồng", D(111100), D(111100000), "1 Tỷ đồng = 1.000 triệu đồng"),
        ("triệu đồng", "Tỷ đồng", D(130), D("0.13"), "1 Tỷ đồng = 1.000 triệu đồng"),
        ("Triệu đồng", "triệu đồng/người", D(320), D(320), "1 Triệu đồng = 1 triệu đồng/người"),
    ],
)
def test_units_that_convert(a, b, value, expected, why):
    ok, reason = units_convert(a, b)
    assert ok and reason == why
    assert convert(value, a, b) == expected


@pytest.mark.parametrize(
    ("a", "b", "why"),
    [
        (
            "Nghìn người",
            "Tỷ đồng",
            "“Nghìn người” đo số người (người, lượt), “Tỷ đồng” đo tiền đồng",
        ),
        ("USD", "Triệu đồng", "cần tỷ giá"),
        ("%", "Nghìn người", "tỷ lệ phần trăm"),
        ("%/năm", "%", "không đổi được"),
    ],
)
def test_units_that_do_not_convert_are_refused_with_the_reason(a, b, why):
    ok, reason = units_convert(a, b)
    assert not ok and why in reason
    with pytest.raises(UnitError, match="không đổi được"):
        convert(D(1), a, b)


def test_indicators_of_one_plan_and_refused_pairs_are_never_proposed():
    forest = NamedIndicator(1, "Tỷ lệ che phủ rừng", "%", plans=frozenset({1}))
    forest_001 = NamedIndicator(2, "Tỷ lệ che phủ của rừng", "%", plans=frozenset({2}))
    forest_same_plan = NamedIndicator(3, "Tỷ lệ che phủ rừng đạt", "%", plans=frozenset({1}))
    money = NamedIndicator(4, "Tỷ lệ che phủ rừng", "Tỷ đồng", plans=frozenset({3}))
    got = propose_links([forest, forest_001, forest_same_plan, money])
    assert [(p.a, p.b, p.score) for p in got] == [(1, 2, D(1)), (2, 3, D(1))]
    assert propose_links([forest, forest_001], refused={(1, 2)}) == []
