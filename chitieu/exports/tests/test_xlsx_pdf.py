"""The Excel and PDF files read back: numbers stay numbers, the page is A4, fonts are embedded."""

import io
from decimal import Decimal

import openpyxl
import pdfplumber
import pytest

from chitieu.catalog.models import Plan

# every test reads the module's demo data (see conftest)
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def plan(demo_module):
    with demo_module.unblock():
        return Plan.objects.get(number="130/KH-UBND")


def test_scenario_cells_are_numbers_with_two_decimals(build):
    wb = openpyxl.load_workbook(io.BytesIO(build("scenario", "xlsx")))
    ws = wb.worksheets[0]
    head = next(r for r in ws.iter_rows() if r[0].value == "Khu vực")
    row = head[0].row + 1
    assert ws.cell(row, 1).value == "Tốc độ tăng GRDP"
    values = [ws.cell(row, c) for c in range(2, 9)]
    assert all(c.data_type == "n" and isinstance(c.value, float | int) for c in values)
    assert {c.number_format for c in values} == {"#,##0.00"}
    # the contributions are on their own sheet
    assert wb.worksheets[1].title.startswith("2. Đóng góp")


def test_sheet_freezes_header_prints_it_on_every_page_a4_landscape(build, plan):
    ws = openpyxl.load_workbook(io.BytesIO(build("appendix", "xlsx", plan=plan))).worksheets[0]
    head = next(r for r in ws.iter_rows() if r[0].value == "TT")[0].row
    assert ws.freeze_panes == f"A{head + 1}"
    assert ws.print_title_rows == f"${head}:${head}"
    assert str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4 == "9"
    assert ws.page_setup.orientation == "landscape"
    assert ws.cell(head + 2, 4).value == "111.100"  # a target as printed stays the printed text
    # the lead agency of GRDP is one merged cell over its nine lines
    merged = [str(r) for r in ws.merged_cells.ranges if r.min_col == 5 and r.min_row == head + 2]
    assert merged == [f"E{head + 2}:E{head + 10}"]


def test_evaluation_values_are_numbers_beside_their_period(build, plan):
    ws = openpyxl.load_workbook(io.BytesIO(build("evaluation", "xlsx", plan=plan))).worksheets[0]
    head = next(r for r in ws.iter_rows() if r[0].value == "TT")[0].row
    assert [ws.cell(head, c).value for c in range(1, 9)] == [
        "TT",
        "Chỉ tiêu",
        "Đơn vị tính",
        "Mục tiêu",
        "Thực hiện",
        "Kỳ số liệu",
        "Đánh giá",
        "Giải thích",
    ]
    rows = [[c for c in r] for r in ws.iter_rows(min_row=head + 1)]
    valued = [r for r in rows if r[4].value is not None]
    assert len(valued) >= 6, "the demo has approved figures from before the plan"
    grdp = next(r for r in valued if r[1].value.startswith("Tốc độ tăng tổng sản phẩm"))
    assert grdp[4].value == pytest.approx(8.41) and grdp[4].number_format == "#,##0.00"
    assert grdp[5].value == "Năm 2025"
    assert grdp[6].value == "Chưa có số liệu trong kỳ"
    for r in valued:
        assert r[4].data_type == "n"
        assert r[4].number_format.startswith("#,##0")
        assert r[5].value
    assert all(r[0].data_type == "n" for r in rows)


def test_pdf_is_a4_with_embedded_serif_fonts_and_diacritics(build, plan):
    with pdfplumber.open(io.BytesIO(build("appendix", "pdf", plan=plan))) as pdf:
        assert len(pdf.pages) >= 3
        first = pdf.pages[0]
        assert (round(first.width * 25.4 / 72), round(first.height * 25.4 / 72)) == (210, 297)
        text = first.extract_text()
        assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
        assert "Lạng Sơn, ngày 07 tháng 4 năm 2026" in text
        assert "111.100" in text and "Độc lập - Tự do - Hạnh phúc" in text
        # one Times-metric family for every glyph, diacritics included (no fallback font)
        fonts = {c["fontname"].split("+")[-1] for c in first.chars}
        assert fonts, "the page has text"
        assert all(f.startswith(("Liberation-Serif", "TimesNewRoman", "Times")) for f in fonts), (
            fonts
        )
        # every font is embedded: a font file stands behind each font descriptor
        descriptors = [
            o
            for o in _objects(pdf)
            if isinstance(o, dict) and getattr(o.get("Type"), "name", "") == "FontDescriptor"
        ]
        assert descriptors and all(("FontFile2" in d or "FontFile3" in d) for d in descriptors)
        # the number sits in the top margin of page 2, not of page 1; the table's header
        # row is repeated below it
        top2 = pdf.pages[1].crop((0, 0, pdf.pages[1].width, 18 * 72 / 25.4)).extract_text()
        assert top2.strip() == "2"
        assert pdf.pages[1].extract_text().splitlines()[1].startswith("TT Chỉ tiêu")
        assert "1" not in (first.crop((0, 0, first.width, 18 * 72 / 25.4)).extract_text() or "")


def _objects(pdf):
    from pdfminer.pdftypes import resolve1

    out = []
    for xref in pdf.doc.xrefs:
        for objid in xref.get_objids():
            try:
                out.append(resolve1(pdf.doc.getobj(objid)))
            except Exception:
                continue
    return out


def test_pdf_of_a_scenario_prints_contributions(build):
    with pdfplumber.open(io.BytesIO(build("scenario", "pdf"))) as pdf:
        text = "\n".join(p.extract_text() for p in pdf.pages)
    assert "Đóng góp vào tăng trưởng GRDP" in text
    assert "Nơi nhận:" in text and "PHÓ CHỦ TỊCH" in text


def test_numbers_print_the_vietnamese_way():
    from chitieu.exports.document import Cell

    assert Cell(Decimal("1234.5"), places=1).text == "1.234,5"
    assert Cell(2026, grouped=False).text == "2026"
    assert Cell(111100).text == "111.100"


def test_monthly_report_keeps_its_text_sections_in_excel_and_pdf(build):
    # October: the drivers behind the scenario's pace are sentences, not a table
    investment = (
        "lũy kế đến hết tháng 9/2026 đạt 3.360,0 tỷ đồng, kịch bản cần 3.886,7 tỷ đồng "
        "(86,4 % tiến độ; mục tiêu cả năm 6.090 tỷ đồng)"
    )
    wb = openpyxl.load_workbook(io.BytesIO(build("monthly", "xlsx", period="2026-10")))
    # short names of whole words, the sections' own numbers, none cut by Excel's 31 characters
    assert [ws.title for ws in wb.worksheets] == [
        "1. Chỉ tiêu",
        "2. Kịch bản",
        "2a. Thực hiện",
        "2b. Cần đạt",
        "2c. Động lực chậm",
        "3. Nhiệm vụ quá hạn",
        "4. Báo cáo trễ",
    ]
    drivers = next(ws for ws in wb.worksheets if ws.title.startswith("2c. Động lực"))
    texts = [c.value for row in drivers.iter_rows() for c in row if isinstance(c.value, str)]
    assert any(investment in t for t in texts)
    assert drivers.page_setup.orientation == "landscape"
    cells = [c.value for row in wb.worksheets[1].iter_rows() for c in row]
    assert (
        "Bảng dưới là phiên bản 2 của kịch bản, thông qua ngày 02/07/2026: phiên bản được thông "
        "qua sau cùng tính đến hết ngày 31/10/2026."
    ) in cells
    # the approved figure stays a number; the recomputation is in the row's note column
    grdp = next(r for r in wb.worksheets[1].iter_rows() if r[0].value == "Tốc độ tăng GRDP")
    numbers = [c.value for c in grdp[1:-1]]
    assert all(isinstance(v, float | int) for v in numbers) and 6.59 in numbers
    assert "Quý II: (1) tính lại 6,60" in (grdp[-1].value or "")
    assert not any(isinstance(c, str) and "(1; tính lại" in c for c in cells)
    assert any(isinstance(c, str) and c.startswith("(1) Tốc độ tăng GRDP quý II") for c in cells)
    with pdfplumber.open(io.BytesIO(build("monthly", "pdf", period="2026-10"))) as pdf:
        text = " ".join((page.extract_text() or "") for page in pdf.pages).replace("\n", " ")
    assert "Động lực tăng trưởng chậm so với tiến độ kịch bản" in text
    assert investment in text


def test_a_long_caption_becomes_a_sheet_name_of_whole_words_and_names_stay_unique():
    from chitieu.exports.document import Report, Table
    from chitieu.exports.xlsx_layout import sheet_name

    long = Table([], caption="4. Động lực tăng trưởng chậm so với tiến độ kịch bản (%)")
    report = Report(slug="x", kind_code="BC", heading="BÁO CÁO", title="T", tables=[long, long])
    used: set[str] = set()
    first = sheet_name(report, long, 4, used)
    again = sheet_name(report, long, 4, used)
    assert first == "4. Động lực tăng trưởng chậm so"  # whole words only, the bracket left out
    assert again == "4. Động lực tăng trưởng (2)"
    assert len(first) <= 31 and len(again) <= 31


def _actuals_rows(ws):
    head = next(r for r in ws.iter_rows() if r[0].value == "Khu vực")
    titles = [c.value for c in head]
    rows = {r[0].value: [c.value for c in r] for r in ws.iter_rows(min_row=head[0].row + 1)}
    return titles, rows


def test_monthly_excel_has_the_pages_actuals_against_the_scenario(build):
    wb = openpyxl.load_workbook(io.BytesIO(build("monthly", "xlsx", period="2026-11")))
    titles, rows = _actuals_rows(wb["2a. Thực hiện"])
    assert titles[:4] == ["Khu vực", "Quý I: thực hiện", "Quý I: kịch bản", "Quý I: chênh (điểm %)"]
    assert "6 tháng đầu năm: chênh (điểm %)" in titles
    grdp = rows["Tốc độ tăng GRDP"]
    half = titles.index("6 tháng đầu năm: thực hiện")
    # the page: 6 tháng đầu năm GRDP 7,02 %, 2,22 points below the scenario
    assert round(grdp[half], 2) == 7.02 and round(grdp[half + 2], 2) == -2.22
    assert round(grdp[half + 1], 2) == 9.24
    assert all(isinstance(v, float | int) for v in grdp[1:-1])


def test_monthly_pdf_prints_the_uplift_once_and_the_actuals_table(build):
    with pdfplumber.open(io.BytesIO(build("monthly", "pdf", period="2026-11"))) as pdf:
        text = " ".join((page.extract_text() or "") for page in pdf.pages).replace("\n", " ")
    assert text.count("Để GRDP cả năm đạt 10,61 %") == 1
    assert "Thực hiện so với kịch bản (%)" in text
    # the page's figures: thực hiện, kịch bản, chênh of quý I, quý II, 6 tháng đầu năm
    assert "Tốc độ tăng GRDP 7,53 9,74 -2,21 6,59 8,82 -2,23 7,02 9,24 -2,22 ước tính" in text


CAPTIONS = (
    "1. Tình hình",
    "2. Tăng trưởng theo",
    "Thực hiện so với kịch bản",
    "Các kỳ còn lại cần đạt",
    "Động lực tăng trưởng chậm",
    "3. Nhiệm vụ",
    "4. Cơ quan",
)


@pytest.mark.parametrize("period", ["2026-03", "2026-10"])
def test_pdf_never_ends_a_page_with_a_sections_heading(build, period):
    # without break-after: avoid, March ended page 4 with "Các kỳ còn lại cần đạt …" and October
    # ended page 7 with "4. Cơ quan báo cáo trễ …", their tables on the next page
    with pdfplumber.open(io.BytesIO(build("monthly", "pdf", period=period))) as pdf:
        last = [(page.extract_text() or "").splitlines()[-1:] for page in pdf.pages]
    alone = [
        (n, line[0])
        for n, line in enumerate(last, start=1)
        if line and line[0].startswith(CAPTIONS)
    ]
    assert alone == []


ALL_PARTS = ["2a. Thực hiện", "2b. Cần đạt", "2c. Động lực chậm"]


@pytest.mark.parametrize(
    ("month", "parts"),
    [
        # January: no period has ended, so the drivers are the only part and take the first letter
        ("2026-01", ["2a. Động lực chậm"]),
        ("2026-07", ALL_PARTS),
        ("2026-11", ALL_PARTS),
    ],
)
def test_monthly_sheets_are_numbered_once_each_in_the_order_of_the_sections(build, month, parts):
    # when
    wb = openpyxl.load_workbook(io.BytesIO(build("monthly", "xlsx", period=month)))
    # then 1, 2, 2a, 2b…, 3, 4: no number twice, no letter skipped
    assert [ws.title for ws in wb.worksheets] == [
        "1. Chỉ tiêu",
        "2. Kịch bản",
        *parts,
        "3. Nhiệm vụ quá hạn",
        "4. Báo cáo trễ",
    ]
