"""Plans written in prose: seeds 002 and 003 row by row, and the shapes of prose targets."""

from pathlib import Path

import pytest

from chitieu.conftest import SEEDS
from chitieu.core.targets import Kind
from chitieu.importers import ImportError_, read_document
from chitieu.importers.agencies import Directory
from chitieu.importers.prose import read_prose
from chitieu.importers.records import Document

from . import seed_prose_expected as E

SEED_002 = "002_ad4a9c0b18438c67.txt"
SEED_003 = "003_9c9170de04c84ef3.txt"


@pytest.fixture(scope="module")
def doc003():
    return read_document((SEEDS / SEED_003).read_bytes(), SEED_003)


@pytest.fixture(scope="module")
def doc002():
    return read_document((SEEDS / SEED_002).read_bytes(), SEED_002)


def _check(row, expected):
    line, no, parent, group, name, unit, text, kind, low, high, value, strict, period = expected
    assert (row.line, row.no, row.parent_no, row.group) == (line, no, parent, group)
    assert (row.name, row.unit, row.target_text, row.period) == (name, unit, text, period)
    if kind is None:
        assert row.target is None
    else:
        t = row.target
        assert (t.kind, t.low, t.high, t.value, t.strict, t.unit) == (
            kind,
            low,
            high,
            value,
            strict,
            unit,
        )
    assert row.kind == "target"


def _prose(text: str) -> Document:
    return read_prose(text, Document("thu.txt", "x", ""), Directory.default())


def test_seed_003_is_read_as_prose_with_its_identity(doc003):
    assert doc003.layout == "prose"
    assert (doc003.doc_kind, doc003.number, doc003.issuer) == ("Kế hoạch", "", "UBND tỉnh Lạng Sơn")
    assert doc003.title == "Kế hoạch phát triển kinh tế - xã hội 5 năm 2026 - 2030"
    assert doc003.period_code == "2026-2030"


def test_seed_003_has_all_31_numbered_targets(doc003):
    assert [r.no for r in doc003.rows if r.no] == [str(n) for n in range(1, 32)]
    assert len(doc003.rows) == len(E.ROWS_003) == 49
    assert all(r.error == "" for r in doc003.rows)


@pytest.mark.parametrize("i", range(len(E.ROWS_003)))
def test_seed_003_row(doc003, i):
    _check(doc003.rows[i], E.ROWS_003[i])


def test_seed_003_rows_keep_their_sentence(doc003):
    bed = next(r for r in doc003.rows if r.unit == "giường bệnh")
    assert bed.source.startswith("Đến năm 2030: Duy trì tỷ lệ xã, phường")
    assert bed.raw == "có 13,5 bác sĩ và 37 giường bệnh trên 1 vạn dân"


def test_seed_003_assessment_figures_are_not_targets(doc003):
    # Part I reports 2021-2025 results ("ước đạt 7,1%"); only section II's targets are read.
    assert all(94 <= r.line <= 125 for r in doc003.rows)
    assert doc003.warnings == [
        "Dòng 90: mục “Mục tiêu tổng quát” là mục tiêu chung/định hướng, không đọc thành chỉ tiêu."
    ]


def test_seed_002_heading_lost_so_its_period_is_left_to_ask(doc002):
    assert doc002.layout == "prose"
    assert (doc002.doc_kind, doc002.number, doc002.period_code) == ("Kế hoạch", "", "")
    assert doc002.title.startswith("Kế hoạch thực hiện Chương trình hành động số 98-CTr/TU")


@pytest.mark.parametrize("i", range(len(E.ROWS_002)))
def test_seed_002_row(doc002, i):
    _check(doc002.rows[i], E.ROWS_002[i])


def test_seed_002_sentence_with_a_number_but_no_target_is_listed(doc002):
    bad = [r for r in doc002.rows if r.error]
    assert [r.name for r in bad] == [
        "Tỉnh Lạng Sơn tiếp tục nằm trong nhóm 10 tỉnh, thành phố dẫn đầu cả nước về chuyển đổi số"
    ]
    assert "không đọc được mục tiêu" in bad[0].error and "10" in bad[0].error
    assert doc002.warnings == [
        "Dòng 124: mục “Tầm nhìn đến năm 2045” là mục tiêu chung/định hướng, không đọc thành chỉ tiêu."
    ]


NUMBERED = """KẾ HOẠCH
Thực hiện nhiệm vụ năm 2027
Căn cứ Quyết định số 18/QĐ-UBND ngày 05/01/2027, Ủy ban nhân dân tỉnh xây dựng kế hoạch như sau:
I. MỤC TIÊU
1. Chỉ tiêu chủ yếu
(1) Tổng sản phẩm trên địa bàn đạt khoảng 120.000 tỷ đồng.
(2) Tỷ lệ hộ nghèo giảm 1,5%/năm. (3) Tỷ lệ che phủ rừng duy trì mức 65%.
(4) Đến năm 2030, số bác sĩ đạt tối thiểu 15 bác sĩ trên 1 vạn dân; tỷ lệ thất nghiệp dưới 3%.
II. NHIỆM VỤ
Kế hoạch gồm 05 nhiệm vụ; thực hiện theo Điều 3 Quyết định số 18/QĐ-UBND ngày 05/01/2027 [2].
"""


def test_numbered_targets_in_prose():
    doc = _prose(NUMBERED)
    got = [
        (
            r.no,
            r.name,
            r.target.kind,
            r.target.value or r.target.low or r.target.high,
            r.unit,
            r.period,
        )
        for r in doc.rows
    ]
    assert got == [
        ("1", "Tổng sản phẩm trên địa bàn", Kind.APPROX, 120000, "tỷ đồng", "2027"),
        ("2", "Tỷ lệ hộ nghèo", Kind.REDUCE_BY, pytest.approx(1.5), "%/năm", "2027"),
        ("3", "Tỷ lệ che phủ rừng", Kind.MAINTAIN, 65, "%", "2027"),
        ("4", "Số bác sĩ trên 1 vạn dân", Kind.MIN, 15, "bác sĩ", "2030"),
        (None, "Tỷ lệ thất nghiệp", Kind.MAX, 3, "%", "2030"),
    ]
    assert doc.rows[4].target.strict and doc.rows[4].parent_no == "4"
    # the task section's "05 nhiệm vụ", article and document numbers, dates, footnote: nothing
    assert all(r.error == "" for r in doc.rows)
    assert (doc.doc_kind, doc.title, doc.period_code) == (
        "Kế hoạch",
        "Thực hiện nhiệm vụ năm 2027",
        "2027",
    )


BULLETS = """Mục tiêu đến năm 2030
- Kinh tế số chiếm 30% GRDP của tỉnh;
+ Có 13,5 bác sĩ và 37 giường bệnh trên 1 vạn dân.
• Thu nhập bình quân đầu người 01 tháng đạt từ 6 - 7 triệu đồng, tương đương khoảng 250 USD.
- Tỷ lệ đô thị hóa khoảng 40%, trong đó khu vực phía Bắc đạt trên 45%.
"""


def test_bullets_and_several_targets_in_one_sentence():
    doc = _prose(BULLETS)
    got = [
        (
            r.no,
            r.name,
            str(r.target.kind),
            r.target.as_dict()["value"] or r.target.as_dict()["low"],
            r.unit,
        )
        for r in doc.rows
    ]
    assert got == [
        ("-", "Tỷ trọng kinh tế số trong GRDP của tỉnh", "exact", 30, "%"),
        ("+", "Số bác sĩ trên 1 vạn dân", "exact", 13.5, "bác sĩ"),
        (None, "Số giường bệnh trên 1 vạn dân", "exact", 37, "giường bệnh"),
        ("•", "Thu nhập bình quân đầu người 01 tháng", "range", 6, "triệu đồng"),
        (None, "Thu nhập bình quân đầu người 01 tháng", "approx", 250, "USD"),
        ("-", "Tỷ lệ đô thị hóa", "approx", 40, "%"),
        (None, "Tỷ lệ đô thị hóa - phía Bắc", "min", 45, "%"),
    ]
    assert {r.period for r in doc.rows} == {"2030"}
    assert doc.rows[2].source == "Có 13,5 bác sĩ và 37 giường bệnh trên 1 vạn dân."


def test_target_inside_a_paragraph_and_a_number_that_is_no_target():
    doc = _prose(
        "2. Mục tiêu cụ thể\n"
        "Phấn đấu đến năm 2028 tỷ lệ doanh nghiệp sử dụng hóa đơn điện tử đạt 100%. "
        "Xếp trong nhóm 5 tỉnh dẫn đầu về cải cách hành chính.\n"
    )
    assert [(r.name, r.period, r.error == "") for r in doc.rows] == [
        ("Tỷ lệ doanh nghiệp sử dụng hóa đơn điện tử", "2028", True),
        ("Xếp trong nhóm 5 tỉnh dẫn đầu về cải cách hành chính", "", False),
    ]
    assert doc.rows[1].target is None and "câu có số (5)" in doc.rows[1].error


def test_text_with_neither_table_nor_targets_is_refused_with_the_table_message():
    with pytest.raises(ImportError_, match="không tìm thấy dòng tiêu đề bảng"):
        read_document("Công văn về việc họp giao ban ngày 05/01/2027.\n".encode(), "cv.txt")


def test_a_malformed_number_is_an_error_on_its_row_not_a_different_value():
    doc = _prose(
        "1. Chỉ tiêu chủ yếu\n(1) Tổng thu ngân sách đạt 1.23.456 tỷ đồng.\n"
        "(2) Tỷ lệ che phủ rừng đạt 65%.\n"
    )
    assert [(r.no, r.target is None, r.name) for r in doc.rows] == [
        ("1", True, "Tổng thu ngân sách đạt 1.23.456 tỷ đồng"),
        ("2", False, "Tỷ lệ che phủ rừng"),
    ]
    assert "số “1.23.456” viết sai" in doc.rows[0].error


PROSE_FILE = [
    "ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN",
    "Số: 18/KH-UBND",
    "Lạng Sơn, ngày 07 tháng 4 năm 2026",
    "KẾ HOẠCH",
    "PHÁT TRIỂN DU LỊCH NĂM 2027",
    "1. Chỉ tiêu chủ yếu",
    "(1) Lượng khách du lịch đạt khoảng 4.500.000 lượt người.",
    "(2) Tổng thu từ khách du lịch đạt từ 7.000 tỷ đồng trở lên.",
]


def _expect_prose_file(doc):
    assert doc.layout == "prose"
    assert (doc.number, doc.doc_kind, doc.period_code) == ("18/KH-UBND", "Kế hoạch", "2027")
    got = [(r.no, r.name, r.target.describe()) for r in doc.rows]
    assert got == [
        ("1", "Lượng khách du lịch", "khoảng 4.500.000 lượt người"),
        ("2", "Tổng thu từ khách du lịch", "từ 7.000 tỷ đồng trở lên"),
    ]


def test_a_word_file_in_prose_is_read_as_prose():
    import io

    import docx

    d = docx.Document()
    for line in PROSE_FILE:
        d.add_paragraph(line)
    buf = io.BytesIO()
    d.save(buf)
    _expect_prose_file(read_document(buf.getvalue(), "ke-hoach.docx"))


def test_a_pdf_in_prose_is_read_as_prose():
    from weasyprint import HTML

    html = "".join(f"<p>{line}</p>" for line in PROSE_FILE)
    pdf = HTML(string=f"<html><body>{html}</body></html>").write_pdf()
    _expect_prose_file(read_document(pdf, "ke-hoach.pdf"))


def test_a_paragraph_target_is_a_row_of_its_own_after_a_numbered_one():
    doc = _prose(
        "1. Chỉ tiêu chủ yếu\n(1) Tỷ lệ che phủ rừng đạt 65%.\nPhấn đấu tỷ lệ đô thị hóa đạt 30%.\n"
    )
    assert [(r.no, r.parent_no) for r in doc.rows] == [("1", None), ("", None)]


NQ_244 = [
    ("Tốc độ tăng tổng sản phẩm trong nước (GDP)", "%", "từ 10 % trở lên"),
    ("GDP bình quân đầu người (USD)", "đô la Mỹ", "từ 5.400 đến 5.500 đô la Mỹ"),
    ("Tỷ trọng công nghiệp chế biến, chế tạo trong GDP", "%", "khoảng 24,96 %"),
    ("Tốc độ tăng chỉ số giá tiêu dùng (CPI) bình quân", "%", "khoảng 4,5 %"),
    ("Tốc độ tăng năng suất lao động xã hội bình quân", "%", "khoảng 8,5 %"),
    ("Tỷ trọng lao động nông nghiệp trong tổng lao động xã hội", "%", "khoảng 25,3 %"),
    ("Tỷ lệ lao động có bằng cấp, chứng chỉ", "%", "khoảng 29,5 %"),
    ("Tỷ lệ thất nghiệp trong độ tuổi ở khu vực thành thị", "%", "dưới 4 %"),
    ("Giảm tỷ lệ hộ nghèo (theo chuẩn nghèo đa chiều)", "điểm %", "từ 1 đến 1,5 điểm %"),
    ("Số bác sĩ trên 1 vạn dân", "bác sĩ", "khoảng 15,3 bác sĩ"),
    ("Số giường bệnh trên 1 vạn dân", "giường bệnh", "đạt 34,7 giường bệnh"),
    ("Tỷ lệ tham gia bảo hiểm y tế", "%", "đạt 95,5 %"),
    (
        "Tỷ lệ số xã đạt chuẩn nông thôn mới (theo Bộ tiêu chí Quốc gia về nông thôn mới các cấp giai đoạn 2026 - 2030)",
        "%",
        "từ 15 % trở lên",
    ),
    (
        "Tỷ lệ thu gom và xử lý chất thải rắn sinh hoạt đô thị bảo đảm tiêu chuẩn, quy chuẩn",
        "%",
        "đạt 95 %",
    ),
    (
        "Tỷ lệ khu công nghiệp, khu chế xuất đang hoạt động có hệ thống xử lý nước thải tập trung đạt tiêu chuẩn môi trường",
        "%",
        "đạt 95 %",
    ),
]


def test_the_15_national_targets_of_2026_quoted_as_a_dash_list():
    # a web page converted to markdown: "## … Các chỉ tiêu chủ yếu …" opens the target section,
    # "Theo Điều 2 Nghị quyết 244/2025/QH15, …" holds no target and no stray number
    name = "quochoi_2025_nq244-2025-qh15_ke-hoach-ktxh-2026_15-chi-tieu_TRICH-DAN-thu-cap.txt"
    doc = read_document((Path(__file__).parent / "documents" / name).read_bytes(), name)
    got = [(r.name, r.unit, r.target.describe()) for r in doc.rows]
    assert got == NQ_244
    assert {r.no for r in doc.rows} == {"-"} and all(r.error == "" for r in doc.rows)
