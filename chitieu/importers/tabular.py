"""Reader for tab-separated appendix text (text copied or extracted from a Word table)."""

from __future__ import annotations

from .agencies import Directory
from .columns import Mapping, header_rows
from .grid import Grid, from_plain
from .records import Document
from .table import assemble, header_map
from .tablemodel import prefers_legacy, read_tables


def read_tab_text(
    text: str,
    document: Document,
    directory: Directory,
    mappings: dict[str, Mapping] | None = None,
) -> Document:
    """Each line a table row, cells separated by tabs; lines before the header are the heading.

    The province's one-header-row layout (seed 000) keeps its own reader; a header over two
    lines ("Kế hoạch năm 2026" over "Ước TH 2025 | KH 2026") goes through the table model, as
    the same table saved as .xlsx or .html does.
    """
    heading: list[str] = []
    rows = []
    for n, line in enumerate(text.splitlines(), start=1):
        if "\t" in line:
            rows.append((n, line.split("\t")))
        elif line.strip() and not rows:
            heading.append(line)
    grid = _grid(rows, heading)
    if mappings or (
        header_rows(grid) is not None
        and any(header_map(cells) for _, cells in rows)
        and not prefers_legacy(grid, directory)
    ):
        return read_tables([grid], document, directory, mappings)
    return assemble(rows, heading=heading, document=document, directory=directory)


def _grid(rows: list[tuple[int, list[str]]], heading: list[str]) -> Grid:
    from chitieu.core.text import clean

    return from_plain(
        [[clean(c) for c in cells] for _, cells in rows],
        [n for n, _ in rows],
        heading=[clean(h) for h in heading],
        label="bảng 1",
    )
