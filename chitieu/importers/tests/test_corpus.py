"""Documents of other provinces and of the national level (shared corpus), read by the table
model: representative rows field by field, with the values the documents print."""

from pathlib import Path

import pytest

from chitieu.importers import ImportError_, read_document
from chitieu.importers.cellines import read_cell_lines

CORPUS = Path(__file__).resolve().parents[4] / "shared" / "corpus"
pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="the shared corpus is not here")


def _doc(prefix, directory):
    path = next(CORPUS.glob(f"{prefix}*"))
    return read_document(path.read_bytes(), path.name, directory)


def _find(doc, name_start, **fields):
    rows = [
        r
        for r in doc.rows
        if r.name.startswith(name_start) and all(getattr(r, k) == v for k, v in fields.items())
    ]
    assert len(rows) == 1, (name_start, fields, [(r.name, r.period, r.kind) for r in rows])
    return rows[0]


def test_bac_ninh_targets_inside_the_indicator_text(directory):
    doc = _doc("bacninh", directory)
    assert (doc.layout, doc.number, str(doc.issued_on), doc.period_code) == (
        "cell-lines",
        "144/KH-UBND",
        "2025-11-24",
        "2030",
    )
    r = _find(doc, "Kinh tế số chiếm 45% GRDP")
    assert (r.no, r.group, r.unit, r.target_text, r.target.kind, r.lead, r.period) == (
        "1",
        "I. Kinh tế số",
        "%",
        "45",
        "exact",
        ["Sở Tài chính"],
        "2030",
    )
    r = _find(doc, "Tỷ lệ doanh nghiệp vừa và nhỏ")
    assert (r.target_text, r.lead, r.unresolved) == (
        "60",
        ["Sở Khoa học và Công nghệ"],
        [],
    )  # role words dropped
    r = _find(doc, "Tỷ lệ doanh nghiệp có hoạt động")
    assert (r.target_text, r.target.kind) == ("≥40", "min")
    r = _find(doc, "Tỷ lệ dân số từ 15 tuổi")
    assert (r.no, r.group, r.target_text, r.lead) == (
        "5",
        "II. Xã hội số",
        "95",
        ["Ngân hàng Nhà nước khu vực XII"],
    )
    assert _find(doc, "Tỷ lệ người dân trưởng thành").lead == ["Tỉnh đoàn"]
    r = _find(doc, "Phấn đấu mỗi năm")
    assert r.lead == ["Sở Khoa học và Công nghệ", "Các sở, ban, ngành", "UBND các xã, phường"]
    assert r.target is None and any(
        "Phấn đấu mỗi năm" in w and "nhập tay" in w for w in doc.warnings
    )
    assert not any("in lặp lại" in w for w in doc.warnings)  # numbering restarts in section II


def test_ca_mau_forecast_columns_by_period_and_budget_tables_left(directory):
    doc = _doc("camau", directory)
    assert (doc.number, doc.period_code) == ("0204/KH-UBND", "2026-2028")
    grdp = [
        (r.kind, r.period, r.target_text)
        for r in doc.rows
        if r.name.startswith("Tổng sản phẩm trong nước")
    ]
    assert grdp == [
        ("target", "2025", "172.033"),
        ("target", "2026", "193.549"),
        ("target", "2027", "218.628"),
        ("target", "2028", "247.907"),
        ("actual", "2025", "172.033"),
    ]
    r = _find(doc, "Nông, lâm nghiệp, thủy sản", period="2028")
    assert (r.parent_no, r.unit, r.target_text) == ("3", "%", "30,22")
    assert _find(doc, "Kim ngạch xuất khẩu", period="2027").target_text == "3.100"
    assert sum("bảng dự toán ngân sách" in w for w in doc.warnings) == 4


def test_qd_2629_ministries_whole_and_periods_from_section_rows(directory):
    doc = _doc("thutuong_2025_qd2629", directory)
    assert (doc.doc_kind, doc.number) == ("Quyết định", "2629/QĐ-TTg")
    r = _find(doc, "Tỉ lệ người dân, doanh nghiệp đánh giá hài lòng", period="2025-2027")
    assert (r.unit, r.target_text, r.lead) == ("%", "95", ["Bộ Khoa học và Công nghệ"])
    r = _find(doc, "Tỉ lệ người dân, doanh nghiệp đánh giá hài lòng", period="2028-2030")
    assert r.target_text == "99"
    assert _find(doc, "Tỉ lệ dịch vụ công trực tuyến toàn trình").lead == ["Văn phòng Chính phủ"]


def test_son_la_five_year_columns_and_estimate_of_2025(directory):
    doc = _doc("sonla", directory)
    area = [
        (r.kind, r.period, r.target_text)
        for r in doc.rows
        if r.name == "Diện tích" and r.parent_no == "1" and r.group == "CÂY CÔNG NGHIỆP"
    ]
    assert area == [
        ("target", "2026", "27.000"),
        ("target", "2027", "27.500"),
        ("target", "2028", "28.000"),
        ("target", "2029", "29.000"),
        ("target", "2030", "30.000"),
        ("actual", "2025", "26.120"),
    ]
    mango = [
        (r.name, r.period, r.unit, r.target_text)
        for r in doc.rows
        if r.name.startswith("Xoài") and r.period == "2026"
    ]
    assert mango == [
        ("Xoài (Lượng)", "2026", "Tấn", "13.500"),
        ("Xoài (Giá trị tham gia xuất khẩu)", "2026", "Nghìn USD", "7.000"),
    ]


@pytest.mark.parametrize(
    "prefix, first_name, lead, period",
    [
        (
            "thutuong_2025_qd2530",
            "Hoàn thiện Nghị định về xử lý vi phạm",
            ["Bộ Nông nghiệp và Môi trường"],
            "2026",
        ),
        ("dongnai", "Rà soát, xây dựng, sửa đổi", ["Sở Tư pháp"], "2026-2030"),
        (
            "hanoi",
            "Tổ chức điều chỉnh, bổ sung quy hoạch",
            ["Ban Quản lý các khu công nghệ cao và khu công nghiệp thành phố"],
            "2026",
        ),
        ("dongthap", "Rà soát, kịp thời cụ thể hoá", ["Sở Tài chính"], "2025-2035"),
    ],
)
def test_task_appendices_are_actions_with_leads_and_deadlines(
    directory, prefix, first_name, lead, period
):
    doc = _doc(prefix, directory)
    assert {r.kind for r in doc.rows} == {"action"}
    first = doc.rows[0]
    assert (first.name.startswith(first_name), first.lead, first.period) == (True, lead, period)


def test_qd_2530_coordinating_ministries_are_not_split(directory):
    doc = _doc("thutuong_2025_qd2530", directory)
    assert doc.rows[0].coordinating[:3] == [
        "Bộ Khoa học và Công nghệ",
        "Bộ Xây dựng",
        "Bộ Công Thương",
    ]


@pytest.mark.parametrize(
    "prefix, why",
    [
        ("thutuong_2025_qd2639", "theo từng cơ quan, địa phương"),
        ("thutuong_2025_cd220", "theo từng cơ quan, địa phương"),
        ("vietnam_2024_gdp", "biểu số liệu thống kê"),
    ],
)
def test_tables_that_hold_no_plan_targets_are_refused_with_the_reason(directory, prefix, why):
    with pytest.raises(ImportError_, match=why):
        _doc(prefix, directory)


@pytest.mark.parametrize("prefix", ["quochoi_2025_nq-bo-sung", "quochoi_2025_nq244"])
def test_plans_in_prose_hold_no_table(prefix):
    # Their targets are read from the prose (issue 9 point 2, another reader); no table here.
    path = next(CORPUS.glob(f"{prefix}*"))
    assert read_cell_lines(path.read_text(encoding="utf-8")) == []
