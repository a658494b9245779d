from datetime import date

import pytest

from chitieu.core.periods import Period, PeriodError, PeriodKind


@pytest.mark.parametrize(
    "code, label, start, end",
    [
        ("2026-03", "Tháng 3/2026", date(2026, 3, 1), date(2026, 3, 31)),
        ("2024-02", "Tháng 2/2024", date(2024, 2, 1), date(2024, 2, 29)),
        ("2026-Q1", "Quý I/2026", date(2026, 1, 1), date(2026, 3, 31)),
        ("2026-Q4", "Quý IV/2026", date(2026, 10, 1), date(2026, 12, 31)),
        ("2026-H1", "6 tháng đầu năm 2026", date(2026, 1, 1), date(2026, 6, 30)),
        ("2026-H2", "6 tháng cuối năm 2026", date(2026, 7, 1), date(2026, 12, 31)),
        ("2026-9M", "9 tháng năm 2026", date(2026, 1, 1), date(2026, 9, 30)),
        ("2026", "Năm 2026", date(2026, 1, 1), date(2026, 12, 31)),
        ("2026-2030", "Giai đoạn 2026 - 2030", date(2026, 1, 1), date(2030, 12, 31)),
    ],
)
def test_period_codes_labels_and_bounds(code, label, start, end):
    p = Period.parse(code)
    assert (p.label, p.start, p.end, p.code) == (label, start, end, code)


def test_containment():
    year = Period.whole_year(2026)
    assert year.contains(Period.quarter(2026, 3))
    assert Period.nine_months(2026).contains(Period.month(2026, 9))
    assert not Period.h1(2026).contains(Period.month(2026, 7))
    assert Period.span(2026, 2030).contains(year)
    assert Period.span(2026, 2030).kind is PeriodKind.MULTI_YEAR


@pytest.mark.parametrize("code", ["2026-13", "2026-Q5", "2030-2026", "26", "năm nay", "1800"])
def test_invalid_periods_are_refused(code):
    with pytest.raises(PeriodError):
        Period.parse(code)
