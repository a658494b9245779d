"""A table as a rectangle of cell texts, whatever file it came from.

Every reader (Word, Excel, PDF, web page, one-cell-per-line text) turns its tables into
:class:`Grid` objects; :mod:`chitieu.importers.tablemodel` reads every grid the same way.
Merged cells are expanded: a cell spread over several columns or rows is copied into each
position it covers, and each copy is marked, so the header can repeat a group heading over
its sub-columns while a data row knows which cells were merely inherited.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

ORIGINAL, ACROSS, DOWN = "", "h", "v"  # how a position got its text
MAX_COLSPAN = 60


@dataclass(frozen=True)
class Cell:
    """One printed cell with its spans, before expansion."""

    text: str
    rowspan: int = 1
    colspan: int = 1


@dataclass
class Grid:
    """A rectangular table: ``cells[r][c]`` with ``origin[r][c]`` saying whether it was copied."""

    cells: list[list[str]]
    origin: list[list[str]]
    lines: list[int]  # where each row starts in the source, 1-based
    heading: list[str] = field(default_factory=list)  # the text printed above the table
    label: str = ""  # "bảng 2", "trang tính Phụ lục 1", used in messages

    @property
    def width(self) -> int:
        return max((len(r) for r in self.cells), default=0)

    def own(self, r: int, c: int) -> str:
        """The cell's text if it is printed in this position, "" if it is a copy of a merged cell."""
        if c >= len(self.cells[r]) or c >= len(self.origin[r]) or self.origin[r][c] != ORIGINAL:
            return ""
        return self.cells[r][c]

    def pad(self) -> Grid:
        """Make every row as wide as the widest, so any (row, column) can be asked for."""
        width = self.width
        for r in range(len(self.cells)):
            self.cells[r] += [""] * (width - len(self.cells[r]))
            self.origin[r] += [ORIGINAL] * (width - len(self.origin[r]))
        return self

    def text(self, r: int, c: int) -> str:
        """The cell's text, a merged cell's text included."""
        return self.cells[r][c] if c < len(self.cells[r]) else ""


def expand(rows: Sequence[Sequence[Cell]], lines: Sequence[int], **kw: object) -> Grid:
    """Lay printed rows (cells with spans, merged positions omitted as in HTML) onto a grid."""
    cells: dict[tuple[int, int], tuple[str, str]] = {}
    width = 0
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            while (r, c) in cells:
                c += 1
            # A span never reaches past the last printed row, nor wider than any real table:
            # a hostile page cannot make the grid huge.
            for dr in range(min(max(cell.rowspan, 1), len(rows) - r)):
                for dc in range(min(max(cell.colspan, 1), MAX_COLSPAN)):
                    kind = ORIGINAL if dr == dc == 0 else (DOWN if dr else ACROSS)
                    cells.setdefault((r + dr, c + dc), (cell.text, kind))
            c += min(max(cell.colspan, 1), MAX_COLSPAN)
            width = max(width, c)
    height = len(rows)
    grid_cells = [
        [cells.get((r, c), ("", ORIGINAL))[0] for c in range(width)] for r in range(height)
    ]
    origin = [[cells.get((r, c), ("", ORIGINAL))[1] for c in range(width)] for r in range(height)]
    return Grid(grid_cells, origin, list(lines), **kw)  # type: ignore[arg-type]


def from_plain(rows: Sequence[Sequence[str]], lines: Sequence[int], **kw: object) -> Grid:
    """A grid from rows of texts already laid out (Excel, PDF): nothing is a copy."""
    width = max((len(r) for r in rows), default=0)
    cells = [[*r, *[""] * (width - len(r))] for r in rows]
    origin = [[ORIGINAL] * width for _ in rows]
    return Grid(cells, origin, list(lines), **kw)  # type: ignore[arg-type]
