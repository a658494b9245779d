"""Reporting periods: month, quarter, half-years, nine months, year and multi-year spans."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

__all__ = ["PeriodKind", "Period", "PeriodError"]

_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


class PeriodKind(StrEnum):
    MONTH = "month"
    QUARTER = "quarter"
    H1 = "h1"
    H2 = "h2"
    M9 = "9m"
    YEAR = "year"
    MULTI_YEAR = "multi_year"


class PeriodError(ValueError):
    """A period code or span that does not exist."""


@dataclass(frozen=True, order=True)
class Period:
    """A period of a year (or a span of years); ``index`` is the month or quarter number."""

    year: int
    kind: PeriodKind
    index: int = 0
    end_year: int = 0

    def __post_init__(self) -> None:
        if not 1900 <= self.year <= 2100:
            raise PeriodError(f"năm {self.year} nằm ngoài khoảng 1900-2100")
        if self.kind is PeriodKind.MONTH and not 1 <= self.index <= 12:
            raise PeriodError(f"tháng {self.index} không tồn tại")
        if self.kind is PeriodKind.QUARTER and not 1 <= self.index <= 4:
            raise PeriodError(f"quý {self.index} không tồn tại")
        if self.kind is PeriodKind.MULTI_YEAR and not self.year < self.end_year <= 2100:
            raise PeriodError(f"giai đoạn {self.year}-{self.end_year} không hợp lệ")

    # -- constructors -------------------------------------------------------------------
    @classmethod
    def month(cls, year: int, month: int) -> Period:
        return cls(year, PeriodKind.MONTH, month)

    @classmethod
    def quarter(cls, year: int, q: int) -> Period:
        return cls(year, PeriodKind.QUARTER, q)

    @classmethod
    def h1(cls, year: int) -> Period:
        return cls(year, PeriodKind.H1)

    @classmethod
    def h2(cls, year: int) -> Period:
        return cls(year, PeriodKind.H2)

    @classmethod
    def nine_months(cls, year: int) -> Period:
        return cls(year, PeriodKind.M9)

    @classmethod
    def whole_year(cls, year: int) -> Period:
        return cls(year, PeriodKind.YEAR)

    @classmethod
    def span(cls, first: int, last: int) -> Period:
        return cls(first, PeriodKind.MULTI_YEAR, 0, last)

    @classmethod
    def parse(cls, code: str) -> Period:
        """Read a code: "2026-03", "2026-Q1", "2026-H1", "2026-H2", "2026-9M", "2026", "2026-2030"."""
        if cls is Period:
            return _parse_cached(code)
        return cls._parse(code)

    @classmethod
    def _parse(cls, code: str) -> Period:
        s = code.strip().upper().replace(" ", "")
        if m := re.fullmatch(r"(\d{4})-(?:M)?(\d{1,2})", s):
            year, n = int(m.group(1)), int(m.group(2))
            return cls.month(year, n)
        if m := re.fullmatch(r"(\d{4})-Q([1-4])", s):
            return cls.quarter(int(m.group(1)), int(m.group(2)))
        if m := re.fullmatch(r"(\d{4})-(H1|H2|9M)", s):
            kind = {"H1": PeriodKind.H1, "H2": PeriodKind.H2, "9M": PeriodKind.M9}[m.group(2)]
            return cls(int(m.group(1)), kind)
        if m := re.fullmatch(r"(\d{4})", s):
            return cls.whole_year(int(m.group(1)))
        if m := re.fullmatch(r"(\d{4})[-–](\d{4})", s):
            return cls.span(int(m.group(1)), int(m.group(2)))
        raise PeriodError(f"“{code}” không phải mã kỳ (ví dụ: 2026-03, 2026-Q1, 2026-H1, 2026)")

    # -- properties ---------------------------------------------------------------------
    @property
    def code(self) -> str:
        match self.kind:
            case PeriodKind.MONTH:
                return f"{self.year}-{self.index:02d}"
            case PeriodKind.QUARTER:
                return f"{self.year}-Q{self.index}"
            case PeriodKind.H1 | PeriodKind.H2:
                return f"{self.year}-{self.kind.value.upper()}"
            case PeriodKind.M9:
                return f"{self.year}-9M"
            case PeriodKind.YEAR:
                return str(self.year)
            case _:
                return f"{self.year}-{self.end_year}"

    @property
    def months(self) -> tuple[int, int]:
        """First and last month (of the first and last year for a span)."""
        match self.kind:
            case PeriodKind.MONTH:
                return self.index, self.index
            case PeriodKind.QUARTER:
                return 3 * self.index - 2, 3 * self.index
            case PeriodKind.H1:
                return 1, 6
            case PeriodKind.H2:
                return 7, 12
            case PeriodKind.M9:
                return 1, 9
            case _:
                return 1, 12

    @property
    def start(self) -> date:
        return date(self.year, self.months[0], 1)

    @property
    def end(self) -> date:
        last_year = self.end_year if self.kind is PeriodKind.MULTI_YEAR else self.year
        m = self.months[1]
        nxt = date(last_year + (m == 12), m % 12 + 1, 1)
        return date.fromordinal(nxt.toordinal() - 1)

    def contains(self, other: Period) -> bool:
        return self.start <= other.start and other.end <= self.end

    @property
    def label(self) -> str:
        """The Vietnamese label as reports print it."""
        y = self.year
        match self.kind:
            case PeriodKind.MONTH:
                return f"Tháng {self.index}/{y}"
            case PeriodKind.QUARTER:
                return f"Quý {_ROMAN[self.index]}/{y}"
            case PeriodKind.H1:
                return f"6 tháng đầu năm {y}"
            case PeriodKind.H2:
                return f"6 tháng cuối năm {y}"
            case PeriodKind.M9:
                return f"9 tháng năm {y}"
            case PeriodKind.YEAR:
                return f"Năm {y}"
            case _:
                return f"Giai đoạn {y} - {self.end_year}"

    def __str__(self) -> str:
        return self.label


@functools.lru_cache(maxsize=4096)
def _parse_cached(code: str) -> Period:
    # Periods are immutable and pages parse the same few codes thousands of times.
    return Period._parse(code)
