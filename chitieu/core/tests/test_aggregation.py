from decimal import Decimal as D

import pytest

from chitieu.core.aggregation import (
    AggregationError,
    Averaging,
    Part,
    Rule,
    aggregate,
    average_of_years,
    required_remaining_average,
    yearly_average,
)


def _parts(*rows):
    return [
        Part(f"Xã {i + 1}", D(str(v)), None if w is None else D(str(w)))
        for i, (v, w) in enumerate(rows)
    ]


@pytest.mark.parametrize(
    "rule, rows, expected, value, covered, label",
    [
        (Rule.SUM, [(10, None), (20, None), (5.5, None)], 3, D("35.5"), 3, "3/3 xã, phường"),
        (Rule.SUM, [(10, None), (20, None)], 65, D(30), 2, "2/65 xã, phường"),
        (Rule.MIN, [(64, None), (61.5, None), (70, None)], 3, D("61.5"), 3, "3/3 xã, phường"),
        (Rule.MAX, [(64, None), (61.5, None), (70, None)], 4, D(70), 3, "3/4 xã, phường"),
        # poverty rate 2 % of 1.000 households and 10 % of 3.000: 8 %, not the plain mean 6 %
        (Rule.WEIGHTED_MEAN, [(2, 1000), (10, 3000)], 2, D(8), 2, "2/2 xã, phường"),
        # a commune without its denominator is left out of the mean and of the coverage
        (Rule.WEIGHTED_MEAN, [(2, 1000), (10, 3000), (50, None)], 3, D(8), 2, "2/3 xã, phường"),
        # more parts than the province was said to have: coverage never exceeds 100 %
        (Rule.SUM, [(1, None), (2, None)], 1, D(3), 2, "2/2 xã, phường"),
    ],
)
def test_aggregate(rule, rows, expected, value, covered, label):
    r = aggregate(rule, _parts(*rows), expected=expected)
    assert r is not None
    assert (r.value, r.covered, r.coverage) == (value, covered, label)
    assert r.complete == (covered == max(expected, len(rows)))


def test_a_weighted_mean_names_the_communes_without_a_weight():
    r = aggregate(Rule.WEIGHTED_MEAN, _parts((2, 1000), (50, None)), expected=2)
    assert r.unweighted == ("Xã 2",) and r.value == D(2) and not r.complete


def test_no_commune_reported_gives_nothing():
    assert aggregate(Rule.SUM, [], expected=65) is None


@pytest.mark.parametrize(
    "rule, rows, message",
    [
        (Rule.NONE, [(1, None)], "không tổng hợp được"),
        (Rule.WEIGHTED_MEAN, [(1, 0), (2, 0)], "tổng trọng số của các xã, phường bằng 0"),
        (Rule.WEIGHTED_MEAN, [(1, -5)], "Xã 1: trọng số -5 âm"),
        (Rule.WEIGHTED_MEAN, [(1, None)], "không xã, phường nào có số liệu mẫu số"),
    ],
)
def test_what_cannot_be_rolled_up_is_refused_with_a_reason(rule, rows, message):
    with pytest.raises(AggregationError, match=message):
        aggregate(rule, _parts(*rows), expected=3)


def test_one_commune_twice_is_refused_not_counted_twice():
    with pytest.raises(AggregationError, match="Xã A có hai số liệu"):
        aggregate(Rule.SUM, [Part("Xã A", D(1)), Part("Xã A", D(1))], expected=2)


@pytest.mark.parametrize(
    "values, geometric, mean",
    [
        (["10", "12"], False, "11.0000"),
        # (1,10 × 1,12) ^ ½ − 1 = 10,9955 %, not 11 %: growth compounds
        (["10", "12"], True, "10.9955"),
        # Lạng Sơn's GRDP 2021-2025 (seed 003's footnote): 7,0966 % a year
        (["6.75", "6.63", "7.70", "6.01", "8.41"], True, "7.0966"),
        (["-2", "4"], True, "0.9554"),
    ],
)
def test_average_of_years(values, geometric, mean):
    got = average_of_years([D(v) for v in values], geometric=geometric)
    assert round(got, 4) == D(mean)


def test_a_fall_of_100_percent_or_more_is_refused():
    with pytest.raises(AggregationError, match="giá trị âm"):
        average_of_years([D(-100)], geometric=True)


@pytest.mark.parametrize(
    "known, goal, years, geometric, need",
    [
        # two years at 8 % of a 5-year 10 % average: the other three need 11,35 % a year
        (["8", "8"], "10", 5, True, "11.35"),
        (["8", "8"], "10", 5, False, "11.33"),
        ([], "10", 5, True, "10.00"),
        (["10", "10", "10", "10", "10"], "10", 5, True, None),
    ],
)
def test_required_remaining_average(known, goal, years, geometric, need):
    got = required_remaining_average([D(k) for k in known], D(goal), years, geometric=geometric)
    assert (None if got is None else round(got, 2)) == (None if need is None else D(need))


@pytest.mark.parametrize(
    "name, averaging",
    [
        (
            "Tốc độ tăng tổng sản phẩm trên địa bàn (GRDP) bình quân hằng năm theo giá so sánh",
            Averaging.GEOMETRIC,
        ),
        ("Tốc độ tăng xuất khẩu hàng địa phương bình quân hàng năm", Averaging.GEOMETRIC),
        ("Tốc độ tăng thu nội địa bình quân hằng năm", Averaging.GEOMETRIC),
        ("Số lao động được tạo việc làm bình quân mỗi năm", Averaging.ARITHMETIC),
        ("Tổng sản phẩm trên địa bàn bình quân đầu người", None),
        ("Số bác sĩ bình quân trên 10.000 dân", None),
        ("Giảm tỷ lệ hộ nghèo hằng năm", None),
        ("Tỷ lệ che phủ rừng", None),
    ],
)
def test_which_targets_are_yearly_averages(name, averaging):
    assert yearly_average(name) is averaging
