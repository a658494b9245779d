from decimal import Decimal as D

import pytest

from chitieu.core.numbers import (
    NumberError,
    format_number,
    format_year,
    is_year,
    parse_comparison,
    parse_number,
)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("111.100", D("111100")),
        ("0,7", D("0.7")),
        ("1.234,5", D("1234.5")),
        ("14.040,8", D("14040.8")),
        ("75,5", D("75.5")),
        ("94,45", D("94.45")),
        ("82,0", D("82.0")),
        ("5.000", D("5000")),
        ("1.000.000", D("1000000")),
        ("75.5", D("75.5")),  # plain format from a spreadsheet or a machine
        ("1234.56", D("1234.56")),
        ("1,234.5", D("1234.5")),
        ("-2,3", D("-2.3")),
        ("−2,3", D("-2.3")),
        (" 111 100 ", D("111100")),
        ("111\u00a0100", D("111100")),
        ("2030", D("2030")),
    ],
)
def test_parse_number(text, expected):
    assert parse_number(text) == expected


@pytest.mark.parametrize("text", ["", "abc", "1,2,3", "1.2.3,4,5", "12a", "--1", "≥ 76", "1.23.4"])
def test_parse_number_refuses_with_a_vietnamese_message(text):
    with pytest.raises(NumberError, match="không phải"):
        parse_number(text)


def test_one_dot_followed_by_three_digits_groups_thousands():
    # "1.234" is the Vietnamese 1234, never 1.234: documents always write decimals with a comma.
    assert parse_number("1.234") == 1234


@pytest.mark.parametrize(
    "text, op, value",
    [
        ("≥ 76", ">=", D(76)),
        (">30", ">", D(30)),
        ("<= 3,5", "<=", D("3.5")),
        ("≤5", "<=", D(5)),
        ("< 1", "<", D(1)),
        ("65", "=", D(65)),
    ],
)
def test_parse_comparison(text, op, value):
    assert parse_comparison(text) == (op, value)


@pytest.mark.parametrize(
    "value, decimals, expected",
    [
        (D("1234.5"), None, "1.234,5"),
        (D("111100"), None, "111.100"),
        (D("0.7"), None, "0,7"),
        (D("-1234.5"), None, "-1.234,5"),
        (D("97.20"), None, "97,20"),
        (D("2.345"), 2, "2,35"),  # half-up, as published tables round
        (D("-0.004"), 2, "0,00"),
        (1234567, None, "1.234.567"),
        (0.1, None, "0,1"),
    ],
)
def test_format_number(value, decimals, expected):
    assert format_number(value, decimals) == expected


@pytest.mark.parametrize("text", ["111.100", "0,7", "1.234,5", "14.040,8", "-3,25"])
def test_format_round_trips(text):
    assert format_number(parse_number(text)) == text


def test_a_year_is_a_year():
    assert format_year(2030) == "2030"
    assert format_number(2030) == "2.030"
    assert is_year(D(2030)) and is_year("2026")
    assert not is_year(D("2030.5")) and not is_year(111100) and not is_year("x")
