"""PDF of the same reports: the Decree 30 layout in HTML, printed by WeasyPrint with the fonts
embedded (Times New Roman where installed, else the metric-identical Liberation Serif)."""

from __future__ import annotations

from django.template.loader import render_to_string

from .document import Report
from .docx_layout import PORTRAIT_TEXT_MM
from .issuer import Issuer, issuer


def build(report: Report, by: Issuer | None = None) -> bytes:
    from weasyprint import HTML

    by = by or issuer()
    widest = max((sum(c.width_mm for c in t.columns) for t in report.tables), default=0)
    html = render_to_string(
        "exports/report.html",
        {
            "report": report,
            "by": by,
            "number": by.number(report.kind_code, report.number),
            "place_and_date": by.place_and_date(report.issued_on),
            "orientation": "landscape" if widest > PORTRAIT_TEXT_MM else "portrait",
            "cell_size": 12 if widest <= PORTRAIT_TEXT_MM else 11,
        },
    )
    pdf: bytes = HTML(string=html).write_pdf()
    return pdf


def warm() -> None:
    """Print a one-line document through the same template and fonts, so that a worker pays the
    import of WeasyPrint and the font lookup (4–5 s on a loaded machine, measured) before it
    takes a request rather than during the first PDF a person asks for (decision 0055)."""
    from .document import Cell, Column, Table

    build(
        Report(
            slug="khoi-dong",
            kind_code="BC",
            heading="BÁO CÁO",
            title="Khởi động",
            intro=["Tiếng Việt có dấu."],
            tables=[
                Table(
                    [Column("Chỉ tiêu", 50), Column("Số", 20, numeric=True)],
                    [[Cell("Đạt"), Cell(1)]],
                )
            ],
        )
    )
