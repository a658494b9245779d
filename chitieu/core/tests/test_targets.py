from decimal import Decimal as D

import pytest

from chitieu.core.targets import (
    Direction,
    Kind,
    RelativeTargetError,
    Status,
    TargetError,
    direction_for,
    evaluate,
    parse_target,
)


@pytest.mark.parametrize(
    "text, name, unit, kind, low, high, value, strict",
    [
        ("10 - 11", "", "%", Kind.RANGE, D(10), D(11), None, False),
        ("10 – 11 %", "", "", Kind.RANGE, D(10), D(11), None, False),
        ("từ 10 đến 11", "", "%", Kind.RANGE, D(10), D(11), None, False),
        ("0,7 - 0,75", "", "", Kind.RANGE, D("0.7"), D("0.75"), None, False),
        ("> 30 %", "", "", Kind.MIN, D(30), None, None, True),
        ("trên 30", "", "%", Kind.MIN, D(30), None, None, True),
        ("≥ 76", "", "%", Kind.MIN, D(76), None, None, False),
        ("từ 76 % trở lên", "", "", Kind.MIN, D(76), None, None, False),
        ("tối thiểu 76", "", "%", Kind.MIN, D(76), None, None, False),
        ("dưới 3", "", "%", Kind.MAX, None, D(3), None, True),
        ("< 3", "", "%", Kind.MAX, None, D(3), None, True),
        ("không quá 3,5", "", "%", Kind.MAX, None, D("3.5"), None, False),
        ("≤ 3,5", "", "%", Kind.MAX, None, D("3.5"), None, False),
        ("khoảng 111.100 tỷ đồng", "", "", Kind.APPROX, None, None, D(111100), False),
        ("111.100", "", "Tỷ đồng", Kind.EXACT, None, None, D(111100), False),
        ("duy trì 65", "", "%", Kind.MAINTAIN, None, None, D(65), False),
        (
            "100",
            "Duy trì xã đạt Bộ tiêu chí quốc gia về y tế xã",
            "%",
            Kind.MAINTAIN,
            None,
            None,
            D(100),
            False,
        ),
        ("giảm 2 %/năm", "", "", Kind.REDUCE_BY, None, None, D(2), False),
        ("2", "Giảm tỷ lệ hộ nghèo hằng năm", "%/năm", Kind.REDUCE_BY, None, None, D(2), False),
        (
            "10",
            "Xây dựng thêm xã đạt chuẩn nông thôn mới",
            "Xã",
            Kind.INCREASE_BY,
            None,
            None,
            D(10),
            False,
        ),
        ("tăng thêm 15", "", "Trường", Kind.INCREASE_BY, None, None, D(15), False),
    ],
)
def test_parse_target(text, name, unit, kind, low, high, value, strict):
    t = parse_target(text, name=name, unit=unit)
    assert (t.kind, t.low, t.high, t.value, t.strict) == (kind, low, high, value, strict)


@pytest.mark.parametrize("text", ["", "   ", "đạt chuẩn", "x - y", "nhiều"])
def test_unreadable_targets_are_refused(text):
    with pytest.raises(TargetError):
        parse_target(text)


def test_as_dict_carries_bounds_in_the_documented_fields():
    assert parse_target(">30").as_dict() == {
        "kind": "min",
        "low": 30,
        "high": None,
        "value": None,
        "strict": True,
    }
    assert parse_target("0,7 - 0,75").as_dict() == {
        "kind": "range",
        "low": 0.7,
        "high": 0.75,
        "value": None,
        "strict": False,
    }
    assert parse_target("dưới 3").as_dict()["high"] == 3


@pytest.mark.parametrize(
    "text, unit, sentence",
    [
        ("10 - 11", "%", "từ 10 đến 11 %"),
        (">30", "%", "trên 30 %"),
        ("≥76", "%", "từ 76 % trở lên"),
        ("dưới 3", "%", "dưới 3 %"),
        ("khoảng 111.100", "tỷ đồng", "khoảng 111.100 tỷ đồng"),
        ("75,5", "Tuổi", "đạt 75,5 Tuổi"),
        ("giảm 2", "%/năm", "giảm 2 %/năm"),
        ("duy trì 65", "%", "duy trì 65 %"),
    ],
)
def test_describe_in_vietnamese(text, unit, sentence):
    assert parse_target(text, unit=unit).describe() == sentence


# -- evaluation at the boundaries ---------------------------------------------------------
@pytest.mark.parametrize(
    "text, actual, direction, status",
    [
        # range, higher is better
        ("10 - 11", "9.99", Direction.UP, Status.MISSED),
        ("10 - 11", "10", Direction.UP, Status.ACHIEVED),
        ("10 - 11", "11", Direction.UP, Status.ACHIEVED),
        ("10 - 11", "11.01", Direction.UP, Status.EXCEEDED),
        # range, lower is better (unemployment 3 - 3,5 %)
        ("3 - 3,5", "3.51", Direction.DOWN, Status.MISSED),
        ("3 - 3,5", "3.5", Direction.DOWN, Status.ACHIEVED),
        ("3 - 3,5", "2.9", Direction.DOWN, Status.EXCEEDED),
        # a share of a structure: either side is off
        ("12 - 13", "13.5", Direction.NEUTRAL, Status.MISSED),
        ("12 - 13", "11.5", Direction.NEUTRAL, Status.MISSED),
        ("12 - 13", "12.5", Direction.NEUTRAL, Status.ACHIEVED),
        # strict and inclusive floors
        (">30", "30", Direction.UP, Status.MISSED),
        (">30", "30.01", Direction.UP, Status.ACHIEVED),
        ("≥76", "76", Direction.UP, Status.ACHIEVED),
        ("≥76", "75.99", Direction.UP, Status.MISSED),
        # strict and inclusive ceilings
        ("dưới 3", "3", Direction.DOWN, Status.MISSED),
        ("dưới 3", "2.99", Direction.DOWN, Status.ACHIEVED),
        ("≤ 3,5", "3.5", Direction.DOWN, Status.ACHIEVED),
        ("≤ 3,5", "3.51", Direction.DOWN, Status.MISSED),
        # exact level
        ("65", "65", Direction.UP, Status.ACHIEVED),
        ("65", "64.3", Direction.UP, Status.MISSED),
        ("65", "65.2", Direction.UP, Status.EXCEEDED),
        # approx: within 1 % either side
        ("khoảng 111.100", "110000", Direction.UP, Status.ACHIEVED),
        ("khoảng 111.100", "109988", Direction.UP, Status.MISSED),
        ("khoảng 111.100", "112212", Direction.UP, Status.EXCEEDED),
        # reductions: the actual is the reduction achieved, more is better
        ("giảm 2", "2", Direction.DOWN, Status.ACHIEVED),
        ("giảm 2", "1.9", Direction.DOWN, Status.MISSED),
        ("giảm 2", "2.4", Direction.DOWN, Status.EXCEEDED),
    ],
)
def test_evaluate(text, actual, direction, status):
    assert evaluate(parse_target(text), D(actual), direction) is status


def test_approx_boundaries_are_inclusive():
    t = parse_target("khoảng 100")
    assert evaluate(t, D(99)) is Status.ACHIEVED
    assert evaluate(t, D(101)) is Status.ACHIEVED
    assert evaluate(t, D("98.99")) is Status.MISSED


@pytest.mark.parametrize(
    "name, structure, direction",
    [
        ("Tỷ lệ thất nghiệp", False, Direction.DOWN),
        ("Tỷ lệ hộ nghèo", False, Direction.DOWN),
        ("Giảm tỷ lệ hộ nghèo hằng năm", False, Direction.UP),
        ("Tỷ lệ che phủ rừng", False, Direction.UP),
        ("Dịch vụ", True, Direction.NEUTRAL),
    ],
)
def test_direction_for(name, structure, direction):
    assert direction_for(name, structure=structure) is direction


@pytest.mark.parametrize(
    "text, message",
    [
        ("≥ 1e400", "không nhận số viết dạng lũy thừa"),
        ("≥ 1" + "0" * 400, "quá lớn"),
        ("1" + "0" * 16, "quá lớn"),
    ],
)
def test_numbers_beyond_what_decimal_holds_are_refused_not_changed(text, message):
    with pytest.raises(TargetError, match=message):
        parse_target(text)


def test_a_large_number_formats_without_losing_digits():
    from decimal import Decimal

    from chitieu.core.numbers import format_number

    assert format_number(Decimal("1e26"), 2) == "100.000.000.000.000.000.000.000.000,00"


# --- shapes a tester found read wrongly (decision 0043) ---------------------------------------


def test_a_range_with_the_percent_sign_on_both_ends():
    t = parse_target("10%-11%", unit="%")
    assert (t.kind, t.low, t.high, t.unit) == (Kind.RANGE, D(10), D(11), "%")


def test_a_reduction_over_a_span_keeps_both_ends():
    t = parse_target("giảm 1-1,5%", unit="%")
    assert (t.kind, t.low, t.high, t.value) == (Kind.REDUCE_BY, D(1), D("1.5"), None)
    assert t.describe() == "giảm từ 1 đến 1,5 %"
    assert evaluate(t, D("1.2")) is Status.ACHIEVED
    assert evaluate(t, D("0.8")) is Status.MISSED
    assert evaluate(t, D(2)) is Status.EXCEEDED


def test_an_increase_over_a_span():
    t = parse_target("tăng thêm 2 - 3 %", unit="%")
    assert (t.kind, t.low, t.high) == (Kind.INCREASE_BY, D(2), D(3))


@pytest.mark.parametrize(
    ("text", "unit", "value"),
    [
        ("1,2 triệu người", "Nghìn người", D(1200)),
        ("30 nghìn tỷ", "Tỷ đồng", D(30000)),
        ("khoảng 1,5 triệu tấn", "Nghìn tấn", D(1500)),
        ("2 tỷ đồng", "Triệu đồng", D(2000)),
    ],
)
def test_a_figure_in_another_magnitude_of_the_row_unit_is_converted(text, unit, value):
    t = parse_target(text, unit=unit)
    assert (t.value, t.unit) == (value, unit)
    assert "được đổi sang đơn vị của dòng" in t.note


def test_the_same_unit_written_in_the_cell_changes_nothing():
    t = parse_target("khoảng 111.100 tỷ đồng", unit="Tỷ đồng")
    assert (t.kind, t.value, t.unit, t.note) == (Kind.APPROX, D(111100), "Tỷ đồng", "")


def test_a_magnitude_of_another_unit_is_kept_with_a_note():
    t = parse_target("1,2 triệu lượt khách", unit="Nghìn người")
    assert t.value == D("1.2")
    assert "khác đơn vị của dòng" in t.note


@pytest.mark.parametrize(
    "text", ["1,5 lần", "tăng 1,5 lần so với năm 2025", "gấp 1,5 lần năm 2025"]
)
def test_a_multiple_of_a_base_year_is_never_a_value_in_the_row_unit(text):
    with pytest.raises(RelativeTargetError, match="gấp nhiều lần"):
        parse_target(text, unit="Tỷ đồng")


@pytest.mark.parametrize("unit", ["Lần", "lần/năm", "Lượt"])
def test_a_count_of_times_under_the_unit_lan_is_a_value(unit):
    assert parse_target("5 lần", unit=unit).value == D(5)
