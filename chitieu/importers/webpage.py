"""Reader for a saved web page of a legal portal: every <table>, with its spans, as a grid.

Only the standard library's HTML parser is used: a saved page is untrusted input, and the
parser neither fetches nor runs anything. Paragraphs and line breaks inside a cell become
spaces; the text before each table (its caption, the appendix title) is kept as its heading.
"""

from __future__ import annotations

from html.parser import HTMLParser

from chitieu.core.text import clean

from .grid import Cell, Grid, expand

_BLOCKS = {"p", "br", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr"}


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[tuple[list[str], list[list[Cell]], list[int]]] = []
        self.depth = 0  # nesting of <table>: a table inside a cell is read as the cell's text
        self.rows: list[list[Cell]] = []
        self.lines: list[int] = []
        self.cell: list[str] | None = None
        self.span = (1, 1)
        self.text: list[str] = []  # text outside tables since the last table
        self.skip = 0  # inside <script>/<style>

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag in ("script", "style"):
            self.skip += 1
        elif tag == "table":
            self.depth += 1
            if self.depth == 1:
                self.rows, self.lines = [], []
        elif self.depth == 1 and tag == "tr":
            self.rows.append([])
            self.lines.append(self.getpos()[0])
        elif self.depth == 1 and tag in ("td", "th"):
            self.cell = []
            self.span = (_int(a.get("rowspan")), _int(a.get("colspan")))
        if tag in _BLOCKS:
            self._sink().append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self.skip = max(0, self.skip - 1)
        elif tag == "table":
            if self.depth == 1:
                heading = [clean(x) for x in "".join(self.text).split("\n") if clean(x)]
                self.tables.append((heading[-6:], self.rows, self.lines))
                self.text = []
            self.depth = max(0, self.depth - 1)
        elif self.depth == 1 and tag in ("td", "th") and self.cell is not None:
            if not self.rows:
                self.rows.append([])
                self.lines.append(self.getpos()[0])
            self.rows[-1].append(Cell(clean("".join(self.cell)), *self.span))
            self.cell = None
        if tag in _BLOCKS:
            self._sink().append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self._sink().append(data)

    def _sink(self) -> list[str]:
        if self.depth >= 1:
            return self.cell if self.cell is not None else []
        return self.text


def _int(value: str | None) -> int:
    try:
        return max(1, min(int(value or 1), 1000))
    except ValueError:
        return 1


def read_html_tables(text: str) -> list[Grid]:
    """Every top-level table of the page, in order."""
    p = _Parser()
    p.feed(text)
    p.close()
    return [
        expand(rows, lines, heading=heading, label=f"bảng {n}").pad()
        for n, (heading, rows, lines) in enumerate(p.tables, start=1)
        if rows
    ]
