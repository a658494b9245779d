"""Tables of each shape seen in real plans, written by the tests themselves in five formats.

A shape is the table as printed: heading lines, then rows of cells with their spans (a
merged cell is given once, where it starts, as in HTML). The writers lay it out as a web
page, a one-cell-per-line text, a Word table, an Excel sheet and a PDF.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from html import escape

from chitieu.importers.grid import Cell

C = Cell


@dataclass(frozen=True)
class Shape:
    heading: list[str]
    rows: list[list[Cell]]


REF = "(Kèm theo Kế hoạch số 25/KH-UBND ngày 15 tháng 01 năm 2026 của UBND tỉnh Thử Nghiệm)"

PERIODS = Shape(
    ["PHỤ LỤC 1", "CÁC CHỈ TIÊU KINH TẾ - XÃ HỘI CHỦ YẾU NĂM 2026", REF],
    [
        [
            C("TT", 2),
            C("Chỉ tiêu", 2),
            C("Đơn vị tính", 2),
            C("Năm 2025", 1, 2),
            C("Kế hoạch năm 2026", 2),
            C("Cơ quan chủ trì", 2),
        ],
        [C("Kế hoạch"), C("Ước thực hiện")],
        [C(f"({n})") for n in range(1, 8)],
        [C("I"), C("CHỈ TIÊU KINH TẾ", 1, 6)],
        [
            C("1"),
            C("Tổng sản phẩm trên địa bàn (GRDP)"),
            C("Tỷ đồng"),
            C("100.000"),
            C("101.500"),
            C("112.000"),
            C("Sở Tài chính", 4),
        ],
        [C("2"), C("Cơ cấu kinh tế"), C(""), C(""), C(""), C("")],
        [C("-"), C("Nông, lâm nghiệp và thủy sản"), C("%"), C("20"), C("19,5"), C("19")],
        [C("-"), C("Công nghiệp - xây dựng"), C("%"), C("35"), C("36"), C("37")],
        [
            C("3"),
            C("GRDP bình quân đầu người"),
            C("Triệu đồng"),
            C("90"),
            C("92"),
            C("100"),
            C("Sở Tài chính"),
        ],
        [
            C(""),
            C("GRDP bình quân đầu người"),
            C("USD"),
            C("3.600"),
            C("3.700"),
            C("4.000"),
            C("Sở Tài chính"),
        ],
        [C("II"), C("CHỈ TIÊU XÃ HỘI", 1, 6)],
        [
            C("1"),
            C("Giảm tỷ lệ hộ nghèo đa chiều"),
            C("%"),
            C("1,5"),
            C("1,6"),
            C("1,5"),
            C("Sở NN&MT"),
        ],
        [
            C("2"),
            C("Tỷ lệ xã đạt chuẩn nông thôn mới đạt tối thiểu 80%"),
            C("%"),
            C(""),
            C(""),
            C("x"),
            C("Sở NN&MT"),
        ],
        [
            C(""),
            C("Số bác sĩ trên 10.000 dân"),
            C("Bác sĩ"),
            C("10"),
            C("10"),
            C("11"),
            C("Sở Y tế"),
        ],
    ],
)

ORGANISATIONS = Shape(
    ["PHỤ LỤC 2", "GIAO CHỈ TIÊU NĂM 2026 CHO CÁC XÃ, PHƯỜNG", REF],
    [
        [
            C("TT"),
            C("Chỉ tiêu"),
            C("Đơn vị tính"),
            C("Tổng số"),
            C("Xã Hòa An"),
            C("Phường Đông Kinh"),
        ],
        [
            C("1"),
            C("Thu ngân sách nhà nước trên địa bàn"),
            C("Tỷ đồng"),
            C("150"),
            C("100"),
            C("50"),
        ],
        [C("2"), C("Tỷ lệ hộ nghèo"), C("%"), C("3"), C("4"), C("2")],
    ],
)

SECTION_LEADS = Shape(
    ["PHỤ LỤC 3", "PHÂN CÔNG CHỈ TIÊU KINH TẾ SỐ ĐẾN NĂM 2030", REF],
    [
        [C("STT"), C("Chỉ tiêu")],
        [C("I"), C("SỞ CÔNG THƯƠNG")],
        [C("1"), C("Tỷ trọng thương mại điện tử trong tổng mức bán lẻ đạt 15%")],
        [C("2"), C("Tỷ lệ doanh nghiệp có hoạt động đổi mới sáng tạo đạt tối thiểu 30%")],
        [C("II"), C("SỞ KHOA HỌC VÀ CÔNG NGHỆ")],
        [C("1"), C("Kinh tế số chiếm 45% GRDP")],
        [C("+"), C("Kinh tế số ICT chiếm 10% GRDP")],
    ],
)

TASKS = Shape(
    ["PHỤ LỤC 4", "NHIỆM VỤ TRỌNG TÂM NĂM 2026", REF],
    [
        [
            C("TT"),
            C("Nhiệm vụ"),
            C("Cơ quan chủ trì"),
            C("Cơ quan phối hợp"),
            C("Kết quả"),
            C("Thời gian"),
        ],
        [C("A"), C("NHÓM NHIỆM VỤ VỀ THỂ CHẾ", 1, 5)],
        [
            C("1"),
            C("Xây dựng kế hoạch chuyển đổi số"),
            C("Sở KH&CN"),
            C("Các sở, ban, ngành"),
            C("Kế hoạch được ban hành"),
            C("Quý II/2026"),
        ],
        [
            C("2"),
            C("Cập nhật cơ sở dữ liệu đất đai"),
            C("Sở NN&MT"),
            C("UBND các xã, phường"),
            C("Cơ sở dữ liệu"),
            C("2026 - 2027"),
        ],
    ],
)

# Two columns under one year with nothing saying which is the plan: the reader must ask.
ONE_YEAR_TWICE = Shape(
    ["PHỤ LỤC", "CHỈ TIÊU KINH TẾ - XÃ HỘI NĂM 2026", REF],
    [
        [
            C("TT", 2),
            C("Chỉ tiêu", 2),
            C("Đơn vị tính", 2),
            C("Năm 2025", 1, 2),
            C("Năm 2026", 2),
            C("Cơ quan chủ trì", 2),
        ],
        [C("Giao"), C("Đạt được")],
        [
            C("1"),
            C("Tổng sản phẩm trên địa bàn (GRDP)"),
            C("Tỷ đồng"),
            C("100.000"),
            C("101.500"),
            C("112.000"),
            C("Sở Tài chính"),
        ],
        [
            C("2"),
            C("Tỷ lệ che phủ rừng"),
            C("%"),
            C("64"),
            C("64,3"),
            C("64,5"),
            C("Sở NN&MT"),
        ],
    ],
)

SHAPES = {
    "periods": PERIODS,
    "organisations": ORGANISATIONS,
    "section_leads": SECTION_LEADS,
    "tasks": TASKS,
}
FORMATS = ("html", "txt", "docx", "xlsx", "pdf")


def positions(shape: Shape) -> tuple[list[tuple[int, int, Cell]], int, int]:
    """Where each printed cell starts on the grid, and the grid's height and width."""
    taken: set[tuple[int, int]] = set()
    out = []
    width = 0
    for r, row in enumerate(shape.rows):
        c = 0
        for cell in row:
            while (r, c) in taken:
                c += 1
            out.append((r, c, cell))
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    taken.add((r + dr, c + dc))
            c += cell.colspan
            width = max(width, c)
    return out, len(shape.rows), width


def to_html(shape: Shape) -> bytes:
    rows = []
    for row in shape.rows:
        cells = "".join(
            f'<td rowspan="{c.rowspan}" colspan="{c.colspan}"><p>{escape(c.text).replace(" và ", " và<br>", 1)}</p></td>'
            for c in row
        )
        rows.append(f"<tr>{cells}</tr>")
    head = "".join(f"<p>{escape(h)}</p>" for h in shape.heading)
    page = (
        '<html><head><meta charset="utf-8"><style>td{border:0.8pt solid black;padding:2pt}'
        "table{border-collapse:collapse}</style></head><body><div>Cổng thông tin</div>"
        f"{head}<table>{''.join(rows)}</table></body></html>"
    )
    return page.encode()


def to_txt(shape: Shape) -> bytes:
    lines = [*shape.heading, ""]
    for row in shape.rows:
        lines.append("|")
        for c in row:
            if c.text:
                lines.extend(c.text.replace(" và ", " và\n", 1).split("\n"))
            lines.append("|")
    return "\n".join(lines).encode()


def to_docx(shape: Shape) -> bytes:
    import docx

    d = docx.Document()
    for h in shape.heading:
        d.add_paragraph(h)
    placed, height, width = positions(shape)
    table = d.add_table(rows=height, cols=width)
    for r, c, cell in placed:
        target = table.cell(r, c)
        if cell.rowspan > 1 or cell.colspan > 1:
            target = target.merge(table.cell(r + cell.rowspan - 1, c + cell.colspan - 1))
        target.text = cell.text
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def to_xlsx(shape: Shape) -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Phụ lục"
    for h in shape.heading:
        ws.append([h])
    top = len(shape.heading) + 1
    placed, _, _ = positions(shape)
    for r, c, cell in placed:
        ws.cell(row=top + r, column=c + 1, value=cell.text or None)
        if cell.rowspan > 1 or cell.colspan > 1:
            ws.merge_cells(
                start_row=top + r,
                start_column=c + 1,
                end_row=top + r + cell.rowspan - 1,
                end_column=c + cell.colspan,
            )
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def to_pdf(shape: Shape) -> bytes:
    from weasyprint import HTML

    # One landscape page: a row cut by a page break is a renderer's matter, not the reader's.
    page = (
        to_html(shape)
        .decode()
        .replace("<style>", "<style>@page{size:A4 landscape;margin:1cm}body{font-size:9pt}", 1)
    )
    return HTML(string=page).write_pdf()


def build(shape: Shape, fmt: str) -> bytes:
    return {"html": to_html, "txt": to_txt, "docx": to_docx, "xlsx": to_xlsx, "pdf": to_pdf}[fmt](
        shape
    )
