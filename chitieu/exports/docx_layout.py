"""Word documents in the layout of Decree 30/2020/NĐ-CP, Appendix I (python-docx).

A4; margins 20 mm top and bottom, 30 mm left, 15 mm right; Times New Roman 13 pt; the heading
table (issuing body | national motto, each with its rule; the number | place and date); the
page number centred at the top from page 2; table header rows repeated on every page; the
signature block and "Nơi nhận:". Everything the issuer decides comes from :mod:`.issuer`.
The task force's monthly report and every export share this module."""

from __future__ import annotations

import io
from typing import Any

from docx import Document as new_document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from .document import Report, Table
from .issuer import Issuer, issuer

PORTRAIT_TEXT_MM = 210 - 30 - 15  # the widest table that fits an upright page
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}


def build(report: Report, by: Issuer | None = None) -> bytes:
    """The report as a .docx file's bytes."""
    by = by or issuer()
    d = new_document()
    _page(d, landscape=_widest(report) > PORTRAIT_TEXT_MM)
    _fonts(d, by)
    _heading_table(d, report, by)
    _title(d, report)
    for text in report.intro:
        _para(d, text, first_line=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    for table in report.tables:
        if table.caption:
            _para(d, table.caption, bold=True)
        for text in table.before:
            _para(d, text, first_line=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
        if table.columns:
            _table(d, table)
        for text in table.after:
            _para(d, text, first_line=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    for text in report.notes:
        _para(d, text, first_line=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY, size=12)
    _signature(d, by)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _widest(report: Report) -> float:
    return max((sum(c.width_mm for c in t.columns) for t in report.tables), default=0)


def _page(d: Any, *, landscape: bool) -> None:
    s = d.sections[0]
    s.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    s.page_width, s.page_height = (Mm(297), Mm(210)) if landscape else (Mm(210), Mm(297))
    s.top_margin, s.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
    s.left_margin, s.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    s.header_distance = Mm(10)
    # the first page carries no number; from page 2 the number sits centred in the header
    s.different_first_page_header_footer = True
    s.first_page_header.paragraphs[0].text = ""
    p = s.header.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _page_field(p)


def _page_field(p: Any) -> None:
    def char(kind: str) -> Any:
        el = OxmlElement("w:fldChar")
        el.set(qn("w:fldCharType"), kind)
        return el

    run = p.add_run()
    run._r.append(char("begin"))
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = " PAGE "
    run._r.append(instr)
    run._r.append(char("separate"))
    p.add_run("2")
    p.add_run()._r.append(char("end"))


def _fonts(d: Any, by: Issuer) -> None:
    for name in ("Normal", "Table Grid"):
        style = d.styles[name]
        style.font.name = by.font
        style.font.size = Pt(by.font_size)
        rpr = style.element.get_or_add_rPr()
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is None:
            fonts = OxmlElement("w:rFonts")
            rpr.insert(0, fonts)
        for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            fonts.set(qn(attr), by.font)
    fmt = d.styles["Normal"].paragraph_format
    fmt.space_before, fmt.space_after = Pt(0), Pt(0)


def _para(
    container: Any,
    text: str,
    *,
    bold: bool = False,
    italic: bool = False,
    size: float | None = None,
    align: Any = WD_ALIGN_PARAGRAPH.LEFT,
    first_line: bool = False,
    space_after: float = 3,
) -> Any:
    p = container.add_paragraph()
    p.alignment = align
    p.paragraph_format.space_after = Pt(space_after)
    if first_line:
        p.paragraph_format.first_line_indent = Mm(10)
    lines = text.split("\n")
    for i, line in enumerate(lines):
        run = p.add_run(line)
        run.bold, run.italic = bold, italic
        if size:
            run.font.size = Pt(size)
        if i < len(lines) - 1:
            run.add_break()
    return p


def _rule(p: Any, indent_mm: float) -> None:
    """A short solid line under the paragraph, as long as the text above it (the Decree's rule)."""
    p.paragraph_format.left_indent = Mm(indent_mm)
    p.paragraph_format.right_indent = Mm(indent_mm)
    ppr = p._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for k, v in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(k), v)
    borders.append(bottom)
    ppr.append(borders)


def _no_borders(table: Any) -> None:
    tblpr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tblpr.append(borders)


def _cell(table: Any, row: int, col: int) -> Any:
    cell = table.cell(row, col)
    cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
    return cell


def _heading_table(d: Any, report: Report, by: Issuer) -> None:
    body_mm = d.sections[0].page_width.mm - MARGINS_MM["left"] - MARGINS_MM["right"]
    left_mm, right_mm = 68.0, body_mm - 68.0
    t = d.add_table(rows=2, cols=2)
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    t.autofit = False
    _no_borders(t)
    for row in t.rows:
        row.cells[0].width, row.cells[1].width = Mm(left_mm), Mm(right_mm)
    c = _cell(t, 0, 0)
    if by.parent:
        _para(c, by.parent.upper(), size=12, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=0)
    p = _para(
        c, by.name.upper(), bold=True, size=12, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=6
    )
    _rule(p, 20)
    c = _cell(t, 0, 1)
    _para(c, by.motto[0], bold=True, size=12, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=0)
    p = _para(c, by.motto[1], bold=True, size=13, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=6)
    _rule(p, (right_mm - 62) / 2)
    _para(
        _cell(t, 1, 0),
        by.number(report.kind_code, report.number),
        size=13,
        align=WD_ALIGN_PARAGRAPH.CENTER,
    )
    _para(
        _cell(t, 1, 1),
        by.place_and_date(report.issued_on),
        italic=True,
        size=13,
        align=WD_ALIGN_PARAGRAPH.CENTER,
    )


def _title(d: Any, report: Report) -> None:
    _para(d, "", space_after=6)
    _para(d, report.heading, bold=True, size=14, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=0)
    _para(d, report.title, bold=True, size=14, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=0)
    if report.subtitle:
        _para(d, report.subtitle, italic=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=0)
    _para(d, "", space_after=6)


def _repeat_header(row: Any) -> None:
    trpr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    trpr.append(el)
    cant = OxmlElement("w:cantSplit")
    trpr.append(cant)


def _table(d: Any, table: Table) -> None:
    t = d.add_table(rows=1 + len(table.rows), cols=len(table.columns))
    t.style = "Table Grid"
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    t.autofit = False
    size = 12 if len(table.columns) <= 6 else 11
    for i, col in enumerate(table.columns):
        cell = t.cell(0, i)
        cell.width = Mm(col.width_mm)
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = cell.paragraphs[0].add_run(col.title)
        run.bold = True
        run.font.size = Pt(size)
    _repeat_header(t.rows[0])
    for r, row in enumerate(table.rows, start=1):
        for i, (col, cell) in enumerate(zip(table.columns, row, strict=True)):
            target = t.cell(r, i)
            target.width = Mm(col.width_mm)
            if cell.span == 0:
                continue
            p = target.paragraphs[0]
            if cell.is_number or col.numeric:
                p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            elif i == 0 and table.numbered:
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = p.add_run(cell.text)
            run.bold = cell.bold
            run.font.size = Pt(size)
            if cell.span > 1:
                target.merge(t.cell(r + cell.span - 1, i))
    _para(d, "", space_after=6)


def _signature(d: Any, by: Issuer) -> None:
    """ "Nơi nhận:" and its list on the left, the signer's block centred on the right, line by
    line on a centred tab stop (paragraphs, not a table, so a reader of the document's tables
    finds only its data)."""
    body_mm = d.sections[0].page_width.mm - MARGINS_MM["left"] - MARGINS_MM["right"]
    # four empty lines leave room for the signature and the seal
    signer = [x for x in (by.authority, by.signing_for, by.signer_title) if x] + [""] * 4
    if by.signer_name:
        signer.append(by.signer_name)
    left = [("Nơi nhận:", True, True, 12), *((line, False, False, 11) for line in by.recipients)]
    _para(d, "", space_after=6)
    for i in range(max(len(left), len(signer))):
        p = d.add_paragraph()
        p.paragraph_format.space_after = Pt(0)
        p.paragraph_format.keep_with_next = True
        p.paragraph_format.tab_stops.add_tab_stop(Mm(body_mm * 0.72), WD_TAB_ALIGNMENT.CENTER)
        if i < len(left):
            text, bold, italic, size = left[i]
            run = p.add_run(text)
            run.bold, run.italic, run.font.size = bold, italic, Pt(size)
        if i < len(signer) and signer[i]:
            run = p.add_run("\t" + signer[i])
            run.bold, run.font.size = True, Pt(13)
