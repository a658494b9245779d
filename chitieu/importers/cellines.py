"""Tables in text where each cell is its own run of lines between lines holding only "|".

This is what a legal portal's text export (or a copy from its web page) gives: the row and
column structure is gone, only the order of cells is left, and a merged cell is printed once
(as in HTML). The grid is rebuilt from three facts: rows are separated by an empty slot, the
table's width is the longest run of filled cells, and a row shorter than the width lacks
either its right-hand cells (a section row spread over the line) or its left-hand ones
(cells merged down from the row above).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from chitieu.core.text import clean, fold

from .grid import ACROSS, DOWN, ORIGINAL, Cell, Grid, expand

_HEADER_FIRST = {fold("TT"), fold("STT"), fold("Số TT")}
_NUMBERING = re.compile(
    r"^(?:[IVXLC]+|[A-ZĐ]|\d+(?:\.\d+)*|[IVXLC]+\.\d+(?:\.\d+)*|[a-zđ]|[-+–•*])[.)]?$"
)
_COLUMN_NO = re.compile(r"^\(?(?:\d+|[A-Z])(?:\s*=\s*[\d/+\-*x ]+)?\)?$")
_EMPHASIS = re.compile(r"\*+|_{2,}")
_GROUP_WORDS = {  # words of a heading that spreads over sub-columns, with their weight
    "giai đoạn": 3,
    "hiện hành": 2,
    "dự kiến": 2,
    "kết quả": 2,
    "tình hình": 2,
    "năm": 1,
    "kế hoạch": 1,
    "thực hiện": 1,
    "văn bản": 1,
    "số lượng": 1,
    "tthc": 1,
    "mục tiêu": 1,
}


@dataclass
class _Slot:
    text: str
    line: int
    gap: bool  # a blank line inside: the slot is prose between tables, not a cell
    paragraphs: tuple[str, ...] = ()  # the slot's text split at blank lines


def plain(text: str) -> str:
    """A cell's text without the markdown emphasis the portal's converter added."""
    return clean(_EMPHASIS.sub(" ", text))


def looks_like_cell_lines(text: str) -> bool:
    """Whether the text holds tables in the one-cell-per-line form."""
    return sum(1 for line in text.splitlines() if line.strip() == "|") >= 12


def _paragraphs(lines: list[str]) -> tuple[str, ...]:
    out: list[str] = []
    cur: list[str] = []
    for line in [*lines, ""]:
        if line.strip():
            cur.append(line)
        elif cur:
            out.append(plain(" ".join(cur)))
            cur = []
    return tuple(p for p in out if p)


def _slots(text: str) -> list[_Slot]:
    out: list[_Slot] = []
    cur: list[str] = []
    start = 0
    for n, line in enumerate(text.splitlines(), start=1):
        if line.strip() == "|":
            body = [x for x in cur]
            while body and not body[-1].strip():
                body.pop()
            while body and not body[0].strip():
                body.pop(0)
            gap = any(not x.strip() for x in body)
            out.append(_Slot(plain(" ".join(body)), start or n, gap, _paragraphs(body)))
            cur, start = [], 0
        else:
            if not start and line.strip():
                start = n
            cur.append(line)
    if any(x.strip() for x in cur):
        out.append(_Slot(plain(" ".join(cur)), start, True, _paragraphs(cur)))
    return out


def _is_column_numbers(texts: list[str]) -> bool:
    return len(texts) >= 3 and all(_COLUMN_NO.match(t) for t in texts if t) and bool(texts[0])


def is_numbering(text: str) -> bool:
    """Whether a first cell is a row number ("1", "I", "I.1", "A.", "-", "+")."""
    return bool(_NUMBERING.match(text.strip()))


def read_cell_lines(text: str) -> list[Grid]:
    """Every table that starts with a "TT"/"STT" header, as grids with the text above them."""
    slots = _slots(text)
    starts = [i for i, s in enumerate(slots) if fold(s.text) in _HEADER_FIRST]
    grids = []
    for k, h in enumerate(starts):
        end = starts[k + 1] - 1 if k + 1 < len(starts) else len(slots)
        grid = _table(slots, h, end, k + 1)
        if grid is not None:
            grids.append(grid)
    return grids


def _runs(slots: list[_Slot], start: int, end: int) -> list[tuple[int, int]]:
    """(first, past-last) of each run of filled slots."""
    runs, i = [], start
    while i < end:
        if slots[i].text:
            j = i
            while j < end and slots[j].text:
                j += 1
            runs.append((i, j))
            i = j
        else:
            i += 1
    return runs


def _table(slots: list[_Slot], h: int, end: int, number: int) -> Grid | None:
    # The text above the header, paragraph by paragraph (the appendix caption is among the last).
    heading = list(slots[h - 1].paragraphs[-12:]) if h > 0 else []
    # Header rows: runs of filled slots, until a row that starts with a row number.
    header: list[list[_Slot]] = []
    i = h
    while i < end and len(header) < 3:
        j = i
        while j < end and slots[j].text:
            j += 1
        row = slots[i:j]
        texts = [s.text for s in row]
        if not row or (header and (is_numbering(texts[0]) or _is_column_numbers(texts))):
            break
        header.append(row)
        i = j + 1
    if not header:
        return None
    width = max([len(header[0])] + [b - a for a, b in _runs(slots, i, end)])
    numbers: list[_Slot] | None = None
    if i < end:
        j = i
        while j < end and slots[j].text:
            j += 1
        if _is_column_numbers([s.text for s in slots[i:j]]):
            numbers = slots[i:j]
            width = max(width, len(numbers))
            i = j + 1
    printed: list[list[Cell]] = _header_cells(header, width)
    lines = [r[0].line for r in header]
    if numbers:
        printed.append([Cell(s.text) for s in numbers])
        lines.append(numbers[0].line)
    grid = expand(printed, lines, heading=heading, label=f"bảng {number}")
    _data_rows(grid, slots, i, end, width)
    return grid.pad()


def _group_score(text: str, below: list[str]) -> int:
    # A word the sub-headings repeat ("Kế hoạch" under "Năm 2025") marks a heading that is
    # complete on its own ("Kế hoạch năm 2026"), not a group over them.
    key = fold(text)
    under = fold(" ".join(below))
    return sum((-n if fold(w) in under else n) for w, n in _GROUP_WORDS.items() if fold(w) in key)


def _header_cells(header: list[list[_Slot]], width: int) -> list[list[Cell]]:
    """Guess the spans of a header printed without them: which top cells group the ones below."""
    top = [s.text for s in header[0]]
    if len(header) == 1:
        cells = [Cell(t) for t in top]
        if len(top) < width:  # the last heading spreads over the columns left
            cells[-1] = Cell(top[-1], colspan=width - len(top) + 1)
        return [cells]
    below = [s.text for s in header[1]]
    extra = width - len(top)
    groups = max(1, len(below) - extra) if extra > 0 else 0
    candidates = sorted(range(2, len(top)), key=lambda c: (-_group_score(top[c], below), c))[
        :groups
    ]
    chosen = sorted(candidates)
    spans = {c: len(below) // max(groups, 1) for c in chosen}
    if chosen:
        spans[chosen[0]] += len(below) - sum(spans.values())
    first = [
        Cell(t, colspan=spans[c]) if c in spans else Cell(t, rowspan=len(header))
        for c, t in enumerate(top)
    ]
    rest = [[Cell(s.text) for s in row] for row in header[1:]]
    return [first, *rest]


def _short_row(slots: list[_Slot], i: int, end: int, width: int) -> int:
    """How many cells a row shorter than the table holds, 0 if none fits.

    The row ends at an empty slot (or the end of the text: the last row of a table has no empty
    slot after it). An empty cell inside a row (no unit) is an empty slot too, so an end after
    which a numbered row starts ("1", "2") wins over a longer one that would run into it.
    """
    ends = [
        k
        for k in range(width - 1, 0, -1)
        if i + k == end or (i + k < end and not slots[i + k].text)
    ]
    for k in ends:
        if i + k + 1 >= end or is_numbering(slots[i + k + 1].text):
            return k
    return ends[0] if ends else 0


def _data_rows(grid: Grid, slots: list[_Slot], i: int, end: int, width: int) -> None:
    while i < end:
        first = slots[i].text
        if not first and i + 1 < end and is_numbering(slots[i + 1].text):
            i += 1  # rows separated by two empty slots: the second is no cell of the next row
            continue
        full_ok = i + width <= end and (i + width == end or not slots[i + width].text)
        # A full row starts with its number (or nothing); text in that place means the
        # left-hand cells were merged down and the row is shorter.
        if full_ok and (not first or is_numbering(first) or fold(first).startswith("tổng")):
            n = width
        else:
            n = _short_row(slots, i, end, width)
            if n == 0:
                return  # prose after the table
        row = slots[i : i + n]
        if any(s.gap for s in row) and grid.cells:
            return
        if all(not s.text for s in row):
            i += n + 1
            continue
        texts = [s.text for s in row]
        cells = [""] * width
        origin = [ORIGINAL] * width
        if n == width:
            cells = texts
        elif is_numbering(texts[0]) and n <= 2:
            # A section row: its last cell spreads over the rest of the line.
            cells[:n] = texts
            origin[n:] = [ACROSS] * (width - n)
            cells[n:] = [texts[-1]] * (width - n)
        elif is_numbering(texts[0]) or not texts[0]:
            # A numbered row lacking its right-hand cells: they are merged down from above.
            prev = grid.cells[-1] if grid.cells else [""] * width
            cells[:n] = texts
            cells[n:] = prev[n:]
            origin[n:] = [DOWN] * (width - n)
        else:
            # The left-hand cells are merged down from the row above.
            prev = grid.cells[-1] if grid.cells else [""] * width
            cells[: width - n] = prev[: width - n]
            origin[: width - n] = [DOWN] * (width - n)
            cells[width - n :] = texts
        grid.cells.append(cells)
        grid.origin.append(origin)
        grid.lines.append(row[0].line)
        i += n + 1
