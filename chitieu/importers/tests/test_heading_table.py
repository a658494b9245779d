"""A Word appendix under the Decree 30 heading keeps the document's number and issue date,
whether the number and the place-and-date line sit in the heading table's cells or in
paragraphs under it, and whichever reader (one header row, or the table model) reads the table."""

import io
from datetime import date

import docx
import pytest

from chitieu.importers import read_document

ONE_ROW = [
    ["TT", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch năm 2026", "Cơ quan chủ trì", "Cơ quan phối hợp"],
    ["1", "Tỷ lệ hộ nghèo", "%", "giảm 1,5", "Sở Nông nghiệp và Môi trường", "UBND các xã, phường"],
]
TWO_ROWS = [
    ["STT", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch năm 2026", "", "Cơ quan chủ trì"],
    ["", "", "", "Ước TH 2025", "KH 2026", ""],
    ["1", "Tốc độ tăng trưởng GRDP", "%", "8,2", "≥ 10", "Sở Tài chính"],
]
ISSUER = "ỦY BAN NHÂN DÂN\nTỈNH LẠNG SƠN"
MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
NUMBER = "Số: 40/KH-UBND"
PLACE_DATE = "Lạng Sơn, ngày 20 tháng 01 năm 2026"


def _word(placement: str, rows: list[list[str]]) -> bytes:
    d = docx.Document()
    if placement == "cells":
        h = d.add_table(rows=2, cols=2)
        h.cell(0, 0).text, h.cell(0, 1).text = ISSUER, MOTTO
        h.cell(1, 0).text, h.cell(1, 1).text = NUMBER, PLACE_DATE
    else:
        h = d.add_table(rows=1, cols=2)
        h.cell(0, 0).text, h.cell(0, 1).text = ISSUER, MOTTO
        d.add_paragraph(NUMBER)
        d.add_paragraph(PLACE_DATE)
    for line in ["PHỤ LỤC 1", "CHỈ TIÊU KINH TẾ - XÃ HỘI CHỦ YẾU NĂM 2026"]:
        d.add_paragraph(line)
    t = d.add_table(rows=len(rows), cols=len(rows[0]))
    for i, row in enumerate(rows):
        for j, v in enumerate(row):
            t.cell(i, j).text = v
    if rows is TWO_ROWS:
        t.cell(0, 3).merge(t.cell(0, 4))
        for col in (0, 1, 2, 5):
            t.cell(0, col).merge(t.cell(1, col))
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


@pytest.mark.parametrize("placement", ["cells", "paragraphs"])
@pytest.mark.parametrize("rows", [ONE_ROW, TWO_ROWS], ids=["one header row", "two header rows"])
def test_number_and_issue_date_are_read_from_the_heading(directory, placement, rows):
    doc = read_document(_word(placement, rows), "phu-luc.docx", directory)
    assert (doc.number, doc.issued_on, doc.doc_kind) == (
        "40/KH-UBND",
        date(2026, 1, 20),
        "Kế hoạch",
    )
    assert doc.issuer == "UBND tỉnh Lạng Sơn" and doc.period_code == "2026"
    assert [r.name for r in doc.rows if r.kind == "target"] == [rows[-1][1]]
