"""The Word files read back: Decree 30 page, heading, numbering, header rows and signature."""

import io

import docx
import pytest
from docx.oxml.ns import qn

from chitieu.catalog.models import Plan
from chitieu.exports.render import Request, render, report_for

from .conftest import ON

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

# every test reads the module's demo data (see conftest)
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def appendix(build, demo_module):
    with demo_module.unblock():
        plan = Plan.objects.get(number="130/KH-UBND")
    return docx.Document(io.BytesIO(build("appendix", "docx", plan=plan)))


def _texts(el) -> list[str]:
    return ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in el.iter(f"{W}p")]


def test_page_is_a4_with_the_decrees_margins(appendix):
    s = appendix.sections[0]
    assert (round(s.page_width.mm), round(s.page_height.mm)) == (210, 297)
    assert 20 <= round(s.top_margin.mm) <= 25 and 20 <= round(s.bottom_margin.mm) <= 25
    assert 30 <= round(s.left_margin.mm) <= 35
    assert 15 <= round(s.right_margin.mm) <= 20


def test_text_is_times_new_roman_13_to_14_points(appendix):
    normal = appendix.styles["Normal"]
    assert normal.font.name == "Times New Roman"
    assert 13 <= normal.font.size.pt <= 14
    fonts = normal.element.rPr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsia")) == "Times New Roman"


def test_heading_table_names_issuer_motto_number_place_and_date(appendix):
    heading = appendix.tables[0]
    left = _texts(heading.cell(0, 0)._tc)
    right = _texts(heading.cell(0, 1)._tc)
    assert left == ["ỦY BAN NHÂN DÂNTỈNH LẠNG SƠN"]
    assert right == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    # the rule under the motto and under the issuer
    motto = heading.cell(0, 1).paragraphs[1]._p
    assert motto.pPr.find(qn("w:pBdr")).find(qn("w:bottom")).get(qn("w:val")) == "single"
    assert heading.cell(0, 0).paragraphs[0]._p.pPr.find(qn("w:pBdr")) is not None
    assert heading.cell(1, 0).text == "Số: 130/KH-UBND"
    assert heading.cell(1, 1).text == "Lạng Sơn, ngày 07 tháng 4 năm 2026"
    assert heading.cell(1, 1).paragraphs[0].runs[0].italic


def test_title_and_reference_follow_the_heading(appendix):
    texts = [p.text for p in appendix.paragraphs if p.text]
    assert texts[:3] == [
        "PHỤ LỤC 1",
        "PHÂN CÔNG PHỤ TRÁCH CÁC CHỈ TIÊU KINH TẾ - XÃ HỘI CHỦ YẾU",
        "(Kèm theo Kế hoạch số 130/KH-UBND ngày 07 tháng 4 năm 2026 của UBND tỉnh Lạng Sơn)",
    ]


def test_page_number_centred_at_the_top_from_page_two(appendix):
    s = appendix.sections[0]
    assert s.different_first_page_header_footer
    assert s._sectPr.find(qn("w:titlePg")) is not None
    assert "PAGE" not in s.first_page_header._element.xml
    instr = [i.text.strip() for i in s.header._element.iter(qn("w:instrText"))]
    assert instr == ["PAGE"]
    assert s.header.paragraphs[0].alignment == 1  # centre


def test_table_header_row_repeats_on_every_page(appendix):
    table = appendix.tables[1]
    head = table.rows[0]
    assert head._tr.trPr.find(qn("w:tblHeader")).get(qn("w:val")) == "true"
    assert [c.text for c in head.cells] == [
        "TT",
        "Chỉ tiêu",
        "Đơn vị tính",
        "Mục tiêu 2026 - 2030",
        "Cơ quan chủ trì",
        "Cơ quan phối hợp",
    ]
    assert all(
        r._tr.trPr is None or r._tr.trPr.find(qn("w:tblHeader")) is None for r in table.rows[1:]
    )


def test_appendix_rows_and_merged_agency_cells_as_printed(appendix):
    table = appendix.tables[1]
    rows = [[c.text for c in r.cells] for r in table.rows]
    assert rows[1][:2] == ["I", "CHỈ TIÊU KINH TẾ"]
    assert rows[2][:4] == ["1", "Tổng sản phẩm trên địa bàn (GRDP)", "Tỷ đồng", "111.100"]
    # the lead cell of GRDP covers targets 1-4 and their sub-rows: nine lines, one cell
    lead = table.rows[2].cells[4]._tc
    assert lead.vMerge == "restart"
    covered = [r for r in table.rows[2:] if r.cells[4]._tc is lead]
    assert len(covered) == 9
    assert rows[11][:4] == ["5", "Tỷ trọng kinh tế số trong GRDP", "%", ">30"]
    assert rows[11][4] == "Sở Khoa học và Công nghệ"


def test_signature_block_and_recipients(appendix):
    lines = [p.text for p in appendix.paragraphs]
    at = lines.index("Nơi nhận:\tTM. ỦY BAN NHÂN DÂN")
    assert lines[at + 1].endswith("\tKT. CHỦ TỊCH")
    assert lines[at + 2].endswith("\tPHÓ CHỦ TỊCH")
    assert lines[at + 1].startswith("- Văn phòng Chính phủ")
    assert [t for t in lines if t][-1] == "- Lưu: VT."


def test_issuer_comes_from_settings(demo, settings):
    # given a chairman signing himself, for another body
    settings.CHITIEU_ISSUER = {
        "name": "ỦY BAN NHÂN DÂN\nTỈNH CAO BẰNG",
        "place": "Cao Bằng",
        "signing_for": "",
        "signer_title": "CHỦ TỊCH",
        "signer_name": "Nguyễn Văn A",
        "recipients": ["- Như trên;", "- Lưu: VT."],
    }
    plan = Plan.objects.get(number="130/KH-UBND")
    # when
    data = render(report_for(Request("appendix", ON, plan=plan)), "docx")[0]
    # then
    d = docx.Document(io.BytesIO(data))
    assert d.tables[0].cell(1, 1).text == "Cao Bằng, ngày 07 tháng 4 năm 2026"
    lines = [p.text for p in d.paragraphs]
    at = lines.index("Nơi nhận:\tTM. ỦY BAN NHÂN DÂN")
    assert lines[at + 1 : at + 3] == ["- Như trên;\tCHỦ TỊCH", "- Lưu: VT."]
    assert "KT. CHỦ TỊCH" not in "\n".join(lines)
    assert lines[-1] == "\tNguyễn Văn A"


def test_wide_tables_turn_the_page_to_landscape_a4(build):
    d = docx.Document(io.BytesIO(build("evaluation", "docx")))
    s = d.sections[0]
    assert (round(s.page_width.mm), round(s.page_height.mm)) == (297, 210)
    assert d.tables[1].rows[0].cells[6].text == "Đánh giá"


def test_empty_period_gives_a_valid_document_with_only_the_header_row(build):
    d = docx.Document(io.BytesIO(build("evaluation", "docx", period="2031")))
    assert len(d.tables[1].rows) == 1
    assert d.tables[1].rows[0].cells[1].text == "Chỉ tiêu"


def test_monthly_word_file_has_the_actuals_against_the_scenario(build):
    d = docx.Document(io.BytesIO(build("monthly", "docx", period="2026-11")))
    rows = [[c.text for c in row.cells] for t in d.tables for row in t.rows]
    head = next(r for r in rows if r[:2] == ["Khu vực", "Quý I: thực hiện"])
    grdp = next(r for r in rows if r[0] == "Tốc độ tăng GRDP" and len(r) == len(head))
    half = head.index("6 tháng đầu năm: thực hiện")
    assert grdp[half : half + 3] == ["7,02", "9,24", "-2,22"]
