"""Shapes a tester found read wrongly; each test builds its own file."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from chitieu.importers import read_document


def _rows(doc, kind="target"):
    return [r for r in doc.rows if r.kind == kind]


def _target(row):
    t = row.target
    return None if t is None else (str(t.kind), t.low, t.high, t.value)


TAB_TWO_HEADER = "\n".join(
    [
        "PHỤ LỤC",
        "CHỈ TIÊU KINH TẾ - XÃ HỘI NĂM 2026",
        "",
        "STT\tChỉ tiêu\tĐơn vị tính\tKế hoạch năm 2026\t\tCơ quan chủ trì\tCơ quan phối hợp",
        "\t\t\tƯớc TH 2025\tKH 2026\t\t",
        "1\tTốc độ tăng trưởng GRDP\t%\t8,2\t≥ 10\tSở Tài chính\tCác sở, ban, ngành",
        "2\tTỷ lệ hộ nghèo\t%\t3,1\tgiảm 2 %/năm\tSở Nông nghiệp và Môi trường\tUBND các xã, phường",
    ]
)


def test_tab_text_with_a_two_row_header_reads_the_plan_column_not_the_estimate(directory):
    doc = read_document(TAB_TWO_HEADER.encode(), "phu-luc.txt", directory)
    assert doc.period_code == "2026"
    assert not [r for r in doc.rows if r.error]
    targets = _rows(doc)
    assert [(r.no, r.name, r.unit, r.target_text, r.period) for r in targets] == [
        ("1", "Tốc độ tăng trưởng GRDP", "%", "≥ 10", "2026"),
        ("2", "Tỷ lệ hộ nghèo", "%", "giảm 2 %/năm", "2026"),
    ]
    assert [_target(r) for r in targets] == [
        ("min", D(10), None, None),
        ("reduce_by", None, None, D(2)),
    ]
    assert targets[0].lead == ["Sở Tài chính"]
    assert [(r.target_text, r.period) for r in _rows(doc, "actual")] == [
        ("8,2", "2025"),
        ("3,1", "2025"),
    ]


def _xlsx(rows: list[list[object]], number_formats: dict[str, str] | None = None) -> bytes:
    import io

    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    for ref, fmt in (number_formats or {}).items():
        ws[ref].number_format = fmt
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _docx(rows: list[list[str]], before: list[str] | None = None) -> bytes:
    import io

    import docx

    d = docx.Document()
    for p in before or []:
        d.add_paragraph(p)
    t = d.add_table(rows=len(rows), cols=len(rows[0]))
    for i, row in enumerate(rows):
        for j, v in enumerate(row):
            t.cell(i, j).text = v
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("name_header", "heading", "period"),
    [
        ("Tên chỉ tiêu", "Chỉ tiêu năm 2026", "2026"),
        ("Tên chỉ tiêu", "Chỉ tiêu kế hoạch 2026", "2026"),
        ("Tên chỉ tiêu", "Chỉ tiêu giao", ""),
        ("Chỉ tiêu", "Chỉ tiêu năm 2026", "2026"),
    ],
)
def test_a_target_column_headed_chi_tieu_is_the_target(directory, name_header, heading, period):
    data = _xlsx(
        [
            ["STT", name_header, "Đơn vị tính", heading, "Cơ quan chủ trì"],
            ["1", "Tỷ lệ hộ nghèo", "%", "giảm 1,5", "Sở Nông nghiệp và Môi trường"],
            ["2", "Tỷ lệ che phủ rừng", "%", "65", "Sở Nông nghiệp và Môi trường"],
        ]
    )
    doc = read_document(data, "chi-tieu.xlsx", directory)
    assert doc.target_header == heading
    assert doc.period_code == period
    assert [(r.name, r.target_text, _target(r)) for r in doc.rows] == [
        ("Tỷ lệ hộ nghèo", "giảm 1,5", ("reduce_by", None, None, D("1.5"))),
        ("Tỷ lệ che phủ rừng", "65", ("exact", None, None, D(65))),
    ]


def test_a_word_table_with_chi_tieu_nam_column_reads_its_targets(directory):
    data = _docx(
        [
            ["TT", "Chỉ tiêu", "Đơn vị tính", "Chỉ tiêu năm 2026", "Chủ trì", "Phối hợp"],
            [
                "1",
                "Tỷ lệ hộ nghèo",
                "%",
                "giảm 1,5",
                "Sở Nông nghiệp và Môi trường",
                "UBND các xã, phường",
            ],
            [
                "2",
                "Số lao động được tạo việc làm mới",
                "người",
                "12.000",
                "Sở Nội vụ",
                "Sở Tài chính",
            ],
        ]
    )
    doc = read_document(data, "chi-tieu.docx", directory)
    assert [(r.target_text, _target(r), r.period) for r in doc.rows] == [
        ("giảm 1,5", ("reduce_by", None, None, D("1.5")), "2026"),
        ("12.000", ("exact", None, None, D(12000)), "2026"),
    ]


def test_a_table_without_any_target_column_says_so(directory):
    data = _xlsx(
        [
            ["STT", "Tên chỉ tiêu", "Đơn vị tính", "Ghi chú", "Cơ quan chủ trì"],
            ["1", "Tỷ lệ hộ nghèo", "%", "", "Sở Nông nghiệp và Môi trường"],
        ]
    )
    doc = read_document(data, "chi-tieu.xlsx", directory)
    assert doc.rows[0].target is None
    assert any("không thấy cột mục tiêu" in w for w in doc.warnings)


@pytest.mark.parametrize(
    ("value", "fmt", "shown"),
    [
        (0.76, "0%", "76%"),
        (0.755, "0.0%", "75,5%"),
        (3.3 * 3, "General", "9,9"),
        (0.1 + 0.2, "General", "0,3"),
        (111100, "General", "111.100"),
        (111100.0, "#,##0", "111.100"),
        (12.345, "0.0", "12,3"),
        (9.9, "0.00", "9,90"),
        (7.1, "General", "7,1"),
    ],
)
def test_an_excel_number_reads_as_its_format_shows_it(value, fmt, shown):
    from chitieu.importers.excel import cell_text

    assert cell_text(value, fmt) == shown


def test_excel_percent_format_float_noise_and_uncomputed_formula(directory):
    # one target column: the province's own reader
    data = _xlsx(
        [
            ["STT", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch năm 2026", "Cơ quan chủ trì"],
            [1, "Tổng thu ngân sách", "Tỷ đồng", "=10000*1.1", "Sở Tài chính"],
            [2, "Tốc độ tăng GRDP", "%", 3.3 * 3, "Sở Tài chính"],
            [3, "Tỷ lệ lao động qua đào tạo", "%", 0.76, "Sở Nội vụ"],
        ],
        {"D4": "0%"},
    )
    doc = read_document(data, "ke-hoach.xlsx", directory)
    assert [(r.no, r.target_text, _target(r)) for r in doc.rows] == [
        ("1", "", None),
        ("2", "9,9", ("exact", None, None, D("9.9"))),
        ("3", "76%", ("exact", None, None, D(76))),
    ]
    assert any(
        w.startswith("Dòng 2: ô D2 là công thức “=10000*1.1” chưa có giá trị") for w in doc.warnings
    )


def test_excel_percent_format_in_a_table_with_an_estimate_column(directory):
    data = _xlsx(
        [
            [
                "STT",
                "Chỉ tiêu",
                "Đơn vị tính",
                "Ước TH 2025",
                "Kế hoạch năm 2026",
                "Cơ quan chủ trì",
            ],
            [1, "Tỷ lệ lao động qua đào tạo", "%", 0.74, 0.76, "Sở Nội vụ"],
        ],
        {"D2": "0%", "E2": "0%"},
    )
    doc = read_document(data, "ke-hoach.xlsx", directory)
    assert [(r.kind, r.unit, r.target_text, _target(r)) for r in doc.rows] == [
        ("target", "%", "76", ("exact", None, None, D(76))),
        ("actual", "%", "74", ("exact", None, None, D(74))),
    ]


def test_target_texts_read_to_their_meaning_with_warnings(directory):
    data = _xlsx(
        [
            ["STT", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch năm 2026", "Cơ quan chủ trì"],
            ["1", "Tốc độ tăng trưởng GRDP", "%", "10%-11%", "Sở Tài chính"],
            ["2", "Tỷ lệ hộ nghèo", "%", "giảm 1-1,5%", "Sở Nông nghiệp và Môi trường"],
            ["3", "Dân số trung bình", "Nghìn người", "1,2 triệu người", "Thống kê tỉnh"],
            ["4", "Vốn đầu tư toàn xã hội", "Tỷ đồng", "30 nghìn tỷ", "Sở Tài chính"],
            ["5", "Thu ngân sách nhà nước", "Tỷ đồng", "gấp 1,5 lần năm 2025", "Sở Tài chính"],
        ]
    )
    doc = read_document(data, "ke-hoach.xlsx", directory)
    assert [(r.target_text, _target(r), r.error) for r in doc.rows] == [
        ("10%-11%", ("range", D(10), D(11), None), ""),
        ("giảm 1-1,5%", ("reduce_by", D(1), D("1.5"), None), ""),
        ("1,2 triệu người", ("exact", None, None, D(1200)), ""),
        ("30 nghìn tỷ", ("exact", None, None, D(30000)), ""),
        ("gấp 1,5 lần năm 2025", None, ""),
    ]
    assert (
        "Dòng 4: “1,2 triệu người” được đổi sang đơn vị của dòng: 1.200 Nghìn người."
        in doc.warnings
    )
    assert any(
        w.startswith("Dòng 6: “gấp 1,5 lần năm 2025” là mục tiêu gấp nhiều lần")
        for w in doc.warnings
    )


def _cell_lines(rows: list[list[str]], separator: int = 1) -> bytes:
    """A portal's text export: each cell its own lines between lines holding only "|", a row
    ended by ``separator`` empty slots; the last row has nothing after its last cell."""
    out = ["PHỤ LỤC", "CHỈ TIÊU KINH TẾ - XÃ HỘI NĂM 2026", "|"]
    for k, row in enumerate(rows):
        for cell in row:
            out += [cell, "|"]
        if k < len(rows) - 1:
            out += ["|"] * separator
    return "\n".join(out).encode()


HEADER = [
    "**TT**",
    "**Chỉ tiêu**",
    "**Đơn vị tính**",
    "**Kế hoạch năm 2026**",
    "**Cơ quan chủ trì**",
    "**Cơ quan phối hợp**",
]


def test_portal_text_keeps_a_last_row_whose_agency_cells_are_merged(directory):
    data = _cell_lines(
        [
            HEADER,
            [
                "1",
                "Tỷ lệ dân số tham gia bảo hiểm y tế",
                "%",
                "≥ 95",
                "Sở Y tế",
                "Bảo hiểm xã hội tỉnh",
            ],
            ["2", "Số giường bệnh trên 1 vạn dân", "giường", "không quá 35"],
        ]
    )
    doc = read_document(data, "cong-thong-tin.txt", directory)
    assert [(r.no, r.name, r.unit, r.target_text, r.lead, r.coordinating) for r in doc.rows] == [
        (
            "1",
            "Tỷ lệ dân số tham gia bảo hiểm y tế",
            "%",
            "≥ 95",
            ["Sở Y tế"],
            ["Bảo hiểm xã hội tỉnh"],
        ),
        (
            "2",
            "Số giường bệnh trên 1 vạn dân",
            "giường",
            "không quá 35",
            ["Sở Y tế"],
            ["Bảo hiểm xã hội tỉnh"],
        ),
    ]


def test_portal_text_section_row_then_a_row_without_unit_keeps_its_cells(directory):
    data = _cell_lines(
        [
            HEADER,
            ["**I**", "**CHỈ TIÊU XÃ HỘI**"],
            [
                "1",
                "Chỉ số phát triển con người (HDI)",
                "",
                "0,7 - 0,75",
                "Thống kê tỉnh",
                "Sở Y tế",
            ],
            [
                "2",
                "Tỷ lệ che phủ rừng",
                "%",
                "tối thiểu 65",
                "Sở Nông nghiệp và Môi trường",
                "UBND các xã, phường",
            ],
        ]
    )
    doc = read_document(data, "cong-thong-tin.txt", directory)
    assert not [r for r in doc.rows if r.error]
    assert [(r.no, r.group, r.name, r.unit, r.target_text, r.lead) for r in doc.rows] == [
        (
            "1",
            "CHỈ TIÊU XÃ HỘI",
            "Chỉ số phát triển con người (HDI)",
            "",
            "0,7 - 0,75",
            ["Thống kê tỉnh"],
        ),
        (
            "2",
            "CHỈ TIÊU XÃ HỘI",
            "Tỷ lệ che phủ rừng",
            "%",
            "tối thiểu 65",
            ["Sở Nông nghiệp và Môi trường"],
        ),
    ]


def test_portal_text_with_two_empty_slots_between_rows(directory):
    data = _cell_lines(
        [
            HEADER,
            [
                "1",
                "Tỷ lệ dân số tham gia bảo hiểm y tế",
                "%",
                "≥ 95",
                "Sở Y tế",
                "Bảo hiểm xã hội tỉnh",
            ],
            ["2", "Số giường bệnh trên 1 vạn dân", "giường", "không quá 35"],
            ["3", "Tỷ lệ trạm y tế có bác sĩ", "%", "100", "Sở Y tế", "UBND các xã, phường"],
        ],
        separator=2,
    )
    doc = read_document(data, "cong-thong-tin.txt", directory)
    assert [(r.no, r.name, r.target_text, r.coordinating) for r in doc.rows] == [
        ("1", "Tỷ lệ dân số tham gia bảo hiểm y tế", "≥ 95", ["Bảo hiểm xã hội tỉnh"]),
        ("2", "Số giường bệnh trên 1 vạn dân", "không quá 35", ["Bảo hiểm xã hội tỉnh"]),
        ("3", "Tỷ lệ trạm y tế có bác sĩ", "100", ["UBND các xã, phường"]),
    ]


ONE_ROW_HEADER = [
    "TT",
    "Chỉ tiêu",
    "Đơn vị tính",
    "Kế hoạch năm 2026",
    "Cơ quan chủ trì",
    "Cơ quan phối hợp",
]
BLANKS = [
    ONE_ROW_HEADER,
    ["1", "Tỷ lệ hộ nghèo", "%", "giảm 1,5", "Sở Nông nghiệp và Môi trường", "UBND các xã, phường"],
    ["2", "Số lao động được tạo việc làm mới", "người", "12.000", "Sở Nội vụ", ""],
    ["3", "Tỷ lệ lao động qua đào tạo", "%", "≥ 76", "", ""],
]


def test_word_blank_cell_not_merged_has_no_agency(directory):
    doc = read_document(_docx(BLANKS), "phu-luc.docx", directory)
    assert [(r.no, r.lead, r.coordinating) for r in doc.rows] == [
        ("1", ["Sở Nông nghiệp và Môi trường"], ["UBND các xã, phường"]),
        ("2", ["Sở Nội vụ"], []),
        ("3", [], []),
    ]


def test_word_cell_merged_down_is_inherited(directory):
    import io

    import docx

    d = docx.Document()
    t = d.add_table(rows=len(BLANKS), cols=6)
    for i, row in enumerate(BLANKS):
        for j, v in enumerate(row):
            t.cell(i, j).text = v
    t.cell(2, 4).merge(t.cell(3, 4)).text = "Sở Nội vụ"
    out = io.BytesIO()
    d.save(out)
    doc = read_document(out.getvalue(), "phu-luc.docx", directory)
    assert [(r.no, r.lead) for r in doc.rows] == [
        ("1", ["Sở Nông nghiệp và Môi trường"]),
        ("2", ["Sở Nội vụ"]),
        ("3", ["Sở Nội vụ"]),
    ]


def test_excel_blank_cell_not_merged_has_no_agency_and_a_merged_one_inherits(directory):
    import io

    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    for row in BLANKS:
        ws.append(row)
    ws.merge_cells("E3:E4")  # "Sở Nội vụ" leads rows 2 and 3; coordinating cells are blank
    out = io.BytesIO()
    wb.save(out)
    doc = read_document(out.getvalue(), "phu-luc.xlsx", directory)
    assert [(r.no, r.lead, r.coordinating) for r in doc.rows] == [
        ("1", ["Sở Nông nghiệp và Môi trường"], ["UBND các xã, phường"]),
        ("2", ["Sở Nội vụ"], []),
        ("3", ["Sở Nội vụ"], []),
    ]


AGENCY_SECTIONS = [
    ONE_ROW_HEADER,
    ["I", "SỞ Y TẾ", "", "", "", ""],
    ["1", "Tỷ lệ dân số tham gia bảo hiểm y tế", "%", "≥ 95", "", "Bảo hiểm xã hội tỉnh"],
    ["2", "Tỷ lệ bao phủ tiêm chủng", "%", "≥ 95", "", ""],
    ["a", "Khu vực thành thị", "%", "98", "", ""],
    ["-", "Khu vực nông thôn", "%", "95", "", ""],
    ["+", "Xã vùng III", "%", "90", "", ""],
    ["II", "SỞ GIÁO DỤC VÀ ĐÀO TẠO", "", "", "", ""],
    ["1", "Tỷ lệ trường đạt chuẩn quốc gia", "%", "trên 65", "", "UBND các xã, phường"],
]


def _expect_agency_sections(doc):
    assert not [r for r in doc.rows if r.error]
    assert not any("lặp lại" in w for w in doc.warnings)
    assert [(r.no, r.parent_no, r.group, r.lead) for r in doc.rows] == [
        ("1", None, "SỞ Y TẾ", ["Sở Y tế"]),
        ("2", None, "SỞ Y TẾ", ["Sở Y tế"]),
        (None, "2", "SỞ Y TẾ", ["Sở Y tế"]),
        (None, "2", "SỞ Y TẾ", ["Sở Y tế"]),
        (None, "2", "SỞ Y TẾ", ["Sở Y tế"]),
        ("1", None, "SỞ GIÁO DỤC VÀ ĐÀO TẠO", ["Sở Giáo dục và Đào tạo"]),
    ]


def test_word_sections_named_after_an_agency_lead_their_rows(directory):
    _expect_agency_sections(read_document(_docx(AGENCY_SECTIONS), "phu-luc.docx", directory))


def test_ruled_pdf_sections_named_after_an_agency_lead_their_rows(directory):
    from html import escape

    from weasyprint import HTML

    body = []
    for row in AGENCY_SECTIONS:
        if row[0] in ("I", "II"):
            body.append(f"<tr><td>{row[0]}</td><td colspan='5'>{escape(row[1])}</td></tr>")
        else:
            body.append("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>")
    page = (
        "<html><head><meta charset='utf-8'><style>@page{size:A4 landscape;margin:1cm}"
        "table{border-collapse:collapse}td{border:1px solid #000;padding:2pt}</style></head>"
        "<body><p>PHỤ LỤC CHỈ TIÊU NĂM 2026</p><table>" + "".join(body) + "</table></body></html>"
    )
    data = HTML(string=page).write_pdf()
    _expect_agency_sections(read_document(data, "phu-luc.pdf", directory))


def test_an_estimate_column_does_not_widen_the_plan_period(directory):
    import io

    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["TT", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch năm 2026", None, "Cơ quan chủ trì"])
    ws.append([None, None, None, "Ước TH 2025", "KH 2026", None])
    for rng in ["D1:E1", "A1:A2", "B1:B2", "C1:C2", "F1:F2"]:
        ws.merge_cells(rng)
    ws.append(["1", "Tốc độ tăng trưởng GRDP", "%", "8,2", "≥ 10", "Sở Tài chính"])
    ws.append(["2", "Tỷ lệ hộ nghèo", "%", "3,1", "giảm 2 %/năm", "Sở Nông nghiệp và Môi trường"])
    out = io.BytesIO()
    wb.save(out)
    doc = read_document(out.getvalue(), "phu-luc.xlsx", directory)
    assert doc.period_code == "2026"
    assert sorted({(r.kind, r.period) for r in doc.rows}) == [
        ("actual", "2025"),
        ("target", "2026"),
    ]


@pytest.mark.parametrize(
    "rows",
    [
        [ONE_ROW_HEADER],
        [
            ONE_ROW_HEADER,
            ["I", "CHỈ TIÊU KINH TẾ", "", "", "", ""],
            ["II", "CHỈ TIÊU XÃ HỘI", "", "", "", ""],
        ],
    ],
    ids=["header only", "sections only"],
)
def test_a_table_without_any_indicator_row_is_refused(directory, rows):
    from chitieu.importers.records import ImportError_

    for data, name in (
        (_docx(rows, ["PHỤ LỤC CHỈ TIÊU NĂM 2026"]), "p.docx"),
        (_xlsx(rows), "p.xlsx"),
    ):
        with pytest.raises(ImportError_, match="không có dòng chỉ tiêu nào"):
            read_document(data, name, directory)


def test_a_note_merged_across_the_table_is_a_note_not_a_row(directory):
    import io

    from openpyxl import Workbook

    note = "Ghi chú: các chỉ tiêu trên là chỉ tiêu định hướng, UBND các xã, phường căn cứ xây dựng kế hoạch"
    wb = Workbook()
    ws = wb.active
    ws.append(ONE_ROW_HEADER)
    ws.append(["1", "Tỷ lệ hộ nghèo", "%", "giảm 1,5", "Sở Nội vụ", ""])
    ws.append([note])
    ws.merge_cells("A3:F3")
    ws.append(["2", "Tỷ lệ trẻ em suy dinh dưỡng", "%", "dưới 12", "Sở Y tế", ""])
    out = io.BytesIO()
    wb.save(out)
    for data, name in ((out.getvalue(), "p.xlsx"), (_docx_merged_note(note), "p.docx")):
        doc = read_document(data, name, directory)
        assert [(r.no, r.error) for r in doc.rows] == [("1", ""), ("2", "")], name
        assert f"Dòng 3: ghi chú trong bảng (không phải chỉ tiêu): {note}" in doc.warnings, name


def _docx_merged_note(note: str) -> bytes:
    import io

    import docx

    rows = [
        ONE_ROW_HEADER,
        ["1", "Tỷ lệ hộ nghèo", "%", "giảm 1,5", "Sở Nội vụ", ""],
        ["", "", "", "", "", ""],
        ["2", "Tỷ lệ trẻ em suy dinh dưỡng", "%", "dưới 12", "Sở Y tế", ""],
    ]
    d = docx.Document()
    t = d.add_table(rows=len(rows), cols=6)
    for i, row in enumerate(rows):
        for j, v in enumerate(row):
            t.cell(i, j).text = v
    t.cell(2, 0).merge(t.cell(2, 5)).text = note
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def test_a_note_in_a_two_row_header_table_is_a_note(directory):
    import io

    from openpyxl import Workbook

    note = "Ghi chú: số liệu năm 2025 là số ước thực hiện"
    wb = Workbook()
    ws = wb.active
    ws.append(["TT", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch năm 2026", None, "Cơ quan chủ trì"])
    ws.append([None, None, None, "Ước TH 2025", "KH 2026", None])
    for rng in ["D1:E1", "A1:A2", "B1:B2", "C1:C2", "F1:F2"]:
        ws.merge_cells(rng)
    ws.append(["1", "Tốc độ tăng trưởng GRDP", "%", "8,2", "≥ 10", "Sở Tài chính"])
    ws.append([note])
    ws.merge_cells("A4:F4")
    out = io.BytesIO()
    wb.save(out)
    doc = read_document(out.getvalue(), "p.xlsx", directory)
    assert not [r for r in doc.rows if r.error]
    assert any(
        w.endswith(f"ghi chú trong bảng (không phải chỉ tiêu): {note}") for w in doc.warnings
    )


def test_without_a_unit_column_the_unit_in_brackets_ends_the_name(directory):
    rows = [
        ["TT", "Chỉ tiêu", "Kế hoạch năm 2026"],
        ["1", "Tỷ lệ trường đạt chuẩn quốc gia (%)", "trên 65"],
        ["2", "Tổng chi đầu tư cho giáo dục (tỷ đồng)", "1.250"],
        ["3", "Tổng sản phẩm trên địa bàn (GRDP)", "8"],
    ]
    for data, name in ((_docx(rows), "p.docx"), (_xlsx(rows), "p.xlsx")):
        doc = read_document(data, name, directory)
        assert [(r.name, r.unit) for r in doc.rows] == [
            ("Tỷ lệ trường đạt chuẩn quốc gia", "%"),
            ("Tổng chi đầu tư cho giáo dục", "tỷ đồng"),
            ("Tổng sản phẩm trên địa bàn (GRDP)", ""),
        ], name


def test_an_abbreviated_department_joined_by_va_is_one_agency(directory):
    from chitieu.importers.agencies import organisations

    assert organisations("Sở KH và ĐT, Sở Tài chính", directory) == (
        ["Sở Kế hoạch và Đầu tư", "Sở Tài chính"],
        [],
    )
    assert organisations("Sở KH và CN", directory) == (["Sở Khoa học và Công nghệ"], [])
    assert organisations("Sở Tài chính và Sở Nội vụ", directory) == (
        ["Sở Tài chính", "Sở Nội vụ"],
        [],
    )


def test_the_usual_word_heading_in_a_borderless_table_gives_issuer_number_date_and_title(directory):
    import io

    import docx

    d = docx.Document()
    h = d.add_table(rows=2, cols=2)
    h.cell(0, 0).text = "ỦY BAN NHÂN DÂN\nTỈNH LẠNG SƠN"
    h.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    h.cell(1, 0).text = "Số: 40/KH-UBND"
    h.cell(1, 1).text = "Lạng Sơn, ngày 20 tháng 01 năm 2026"
    for line in [
        "KẾ HOẠCH",
        "Thực hiện các chỉ tiêu kinh tế - xã hội chủ yếu năm 2026",
        "I. MỤC ĐÍCH, YÊU CẦU",
        "Triển khai hiệu quả các chỉ tiêu.",
    ]:
        d.add_paragraph(line)
    s = d.add_table(rows=1, cols=2)
    s.cell(0, 0).text = "Nơi nhận:\n- Như trên;\n- Lưu: VT."
    s.cell(0, 1).text = "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nNguyễn Văn A"
    for line in ["PHỤ LỤC", "CHỈ TIÊU KINH TẾ - XÃ HỘI CHỦ YẾU NĂM 2026"]:
        d.add_paragraph(line)
    rows = [
        ONE_ROW_HEADER,
        [
            "1",
            "Tỷ lệ hộ nghèo",
            "%",
            "giảm 1,5",
            "Sở Nông nghiệp và Môi trường",
            "UBND các xã, phường",
        ],
    ]
    t = d.add_table(rows=len(rows), cols=6)
    for i, row in enumerate(rows):
        for j, v in enumerate(row):
            t.cell(i, j).text = v
    out = io.BytesIO()
    d.save(out)
    doc = read_document(out.getvalue(), "ke-hoach.docx", directory)
    assert (doc.title, doc.doc_kind, doc.number, doc.issuer, doc.period_code) == (
        "Thực hiện các chỉ tiêu kinh tế - xã hội chủ yếu năm 2026",
        "Kế hoạch",
        "40/KH-UBND",
        "UBND tỉnh Lạng Sơn",
        "2026",
    )
    assert doc.issued_on is not None and doc.issued_on.isoformat() == "2026-01-20"
    assert [(r.no, r.name, r.target_text) for r in doc.rows] == [
        ("1", "Tỷ lệ hộ nghèo", "giảm 1,5")
    ]


def test_tab_text_with_a_header_in_capitals_and_agency_sections(directory):
    text = "\n".join(
        [
            "PHỤ LỤC",
            "CHỈ TIÊU GIAO CÁC SỞ, NGÀNH NĂM 2026",
            "",
            "STT\tCHỈ TIÊU\tKẾ HOẠCH NĂM 2026",
            "I\tSỞ Y TẾ\t",
            "1\tTỷ lệ dân số tham gia bảo hiểm y tế (%)\t≥ 95",
            "II\tSỞ TÀI CHÍNH\t",
            "1\tTốc độ tăng GRDP (%)\t10 - 11",
        ]
    )
    doc = read_document(text.encode(), "phu-luc.txt", directory)
    assert doc.layout == "tab"
    assert not any("lặp lại" in w for w in doc.warnings)
    assert [(r.no, r.group, r.name, r.unit, r.target_text, r.lead) for r in doc.rows] == [
        ("1", "SỞ Y TẾ", "Tỷ lệ dân số tham gia bảo hiểm y tế", "%", "≥ 95", ["Sở Y tế"]),
        ("1", "SỞ TÀI CHÍNH", "Tốc độ tăng GRDP", "%", "10 - 11", ["Sở Tài chính"]),
    ]
