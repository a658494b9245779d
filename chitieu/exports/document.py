"""What every format prints: a document as headings, tables and paragraphs, no layout.

The Word, Excel and PDF builders each lay out the same :class:`Report`, so the three files of a
page always say the same thing."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from chitieu.core.numbers import format_number

Value = str | Decimal | int | None


@dataclass
class Cell:
    """One cell: text, or a number printed with ``places`` decimals (Excel keeps it a number)."""

    value: Value = None
    places: int | None = None
    span: int = 1  # rows the cell covers downward; 0 when the cell above covers it
    bold: bool = False
    grouped: bool = True  # False for a year or an id: "2026", never "2.026"

    @property
    def is_number(self) -> bool:
        return isinstance(self.value, Decimal | int) and not isinstance(self.value, bool)

    @property
    def text(self) -> str:
        if self.value is None:
            return ""
        if self.is_number:
            assert not isinstance(self.value, str)
            if not self.grouped:
                return str(self.value)
            return format_number(self.value, self.places)
        return str(self.value)


@dataclass
class Column:
    title: str
    width_mm: float
    numeric: bool = False


@dataclass
class Table:
    """A section: its caption, paragraphs before and after, and the grid between them (a
    section without columns is text only)."""

    columns: list[Column]
    rows: list[list[Cell]] = field(default_factory=list)
    caption: str = ""
    before: list[str] = field(default_factory=list)
    after: list[str] = field(default_factory=list)
    sheet: str = ""  # a short name for a workbook's sheet (at most 31 characters), if it has one

    @property
    def numbered(self) -> bool:
        """The first column is the row number (TT), printed centred."""
        return bool(self.columns) and self.columns[0].title == "TT"

    def shares(self) -> list[float]:
        """Each column's share of the table's width, in per cent (the PDF sizes columns so)."""
        total = sum(c.width_mm for c in self.columns) or 1
        return [round(c.width_mm / total * 100, 2) for c in self.columns]


@dataclass
class Report:
    """A document: heading data, the tables and the paragraphs around them."""

    slug: str  # the file name without extension
    kind_code: str  # "KH", "BC", "QĐ": the middle of "Số: …/BC-UBND"
    heading: str  # "PHỤ LỤC 1", "BÁO CÁO"
    title: str
    subtitle: str = ""
    number: str = ""  # the document's own number when it has one ("130")
    issued_on: date | None = None
    intro: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
