"""Reader for tab-separated appendix text (text copied or extracted from a Word table)."""

from __future__ import annotations

from .agencies import Directory
from .records import Document
from .table import assemble


def read_tab_text(text: str, document: Document, directory: Directory) -> Document:
    """Each line a table row, cells separated by tabs; lines before the header are the heading."""
    heading: list[str] = []
    rows = []
    for n, line in enumerate(text.splitlines(), start=1):
        if "\t" in line:
            rows.append((n, line.split("\t")))
        elif line.strip() and not rows:
            heading.append(line)
    return assemble(rows, heading=heading, document=document, directory=directory)
