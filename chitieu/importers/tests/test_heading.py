"""The document's identity from its Decree 30 heading, wherever the heading stands."""

from datetime import date
from pathlib import Path

import pytest

from chitieu.conftest import SEED_000, SEED_001, SEEDS
from chitieu.importers import read_document
from chitieu.importers.heading import read_identity, read_text_identity

DOCS = Path(__file__).parent / "documents"


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


TWO_COLUMNS = [
    "ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "TỈNH LẠNG SƠN\tĐộc lập - Tự do - Hạnh phúc",
    "Số: 18/KH-UBND\tLạng Sơn, ngày 07 tháng 4 năm 2026",
    "",
    "KẾ HOẠCH",
    "Phát triển kinh tế - xã hội năm 2026".upper(),
    "Căn cứ Nghị quyết số 12/NQ-HĐND ngày 10/12/2025 của HĐND tỉnh;",
]


def test_heading_printed_in_two_columns():
    ident = read_identity(TWO_COLUMNS)
    assert ident is not None
    assert (ident.issuer, ident.number, ident.place, ident.issued_on) == (
        "UBND tỉnh Lạng Sơn",
        "18/KH-UBND",
        "Lạng Sơn",
        date(2026, 4, 7),
    )
    assert (ident.kind, ident.title, ident.period) == (
        "Kế hoạch",
        "PHÁT TRIỂN KINH TẾ - XÃ HỘI NĂM 2026",
        "2026",
    )


def test_heading_below_a_portal_page_header():
    ident = read_identity(
        ["Trang chủ › Văn bản", "Số hiệu văn bản đang cập nhật", "", *TWO_COLUMNS]
    )
    assert ident is not None and ident.number == "18/KH-UBND"


@pytest.mark.parametrize(
    "name, issuer, number, place, issued_on, kind, title_start, period",
    [
        ("bacninh_2025_kh144-ubnd_kinh-te-so-xa-hoi-so-2026-2030_phu-luc-chi-tieu-chu-tri.txt",
         "UBND tỉnh Bắc Ninh", "144/KH-UBND", "Bắc Ninh", date(2025, 11, 24), "Kế hoạch",
         "PHÁT TRIỂN KINH TẾ SỐ VÀ XÃ HỘI SỐ TỈNH BẮC NINH GIAI ĐOẠN 2026 - 2030", "2026-2030"),
        ("thutuong_2025_qd2629-ttg_chuong-trinh-chinh-phu-so_phu-luc-chi-tieu-co-quan-chu-tri.txt",
         "Thủ tướng Chính phủ", "2629/QĐ-TTg", "Hà Nội", date(2025, 12, 1), "Quyết định",
         "VỀ VIỆC PHÊ DUYỆT CHƯƠNG TRÌNH PHÁT TRIỂN CHÍNH PHỦ SỐ", ""),
        ("sonla_2025_qd2954-ubnd_ke-hoach-xuat-khau-2026-2030_phu-luc-uth2025-va-5-nam.txt",
         "UBND tỉnh Sơn La", "2954/QĐ-UBND", "Sơn La", date(2025, 11, 20), "Quyết định",
         "VỀ VIỆC BAN HÀNH KẾ HOẠCH XUẤT KHẨU SẢN PHẨM HÀNG HÓA TỈNH SƠN LA GIAI ĐOẠN 2026 - 2030",
         "2026-2030"),
    ],
)  # fmt: skip
def test_corpus_headings(name, issuer, number, place, issued_on, kind, title_start, period):
    ident = read_identity(_lines(DOCS / name))
    assert ident is not None
    assert (ident.issuer, ident.number, ident.place, ident.issued_on, ident.kind) == (
        issuer,
        number,
        place,
        issued_on,
        kind,
    )
    assert ident.title == title_start and ident.period == period


def test_resolution_without_number_dated_by_its_closing_line():
    lines = _lines(
        DOCS / "quochoi_2025_nq-bo-sung-ke-hoach-ktxh-2025_muc-tieu-tang-truong-8pct.txt"
    )
    assert read_identity(lines) is None
    ident = read_text_identity(lines)
    assert (ident.kind, ident.issuer, ident.number, ident.issued_on, ident.period) == (
        "Nghị quyết",
        "Quốc hội",
        "",
        date(2025, 2, 19),
        "2025",
    )
    assert ident.title.startswith("Về bổ sung Kế hoạch phát triển kinh tế - xã hội năm 2025")


def test_seed_004_kind_and_title_at_the_top_and_no_cited_number_taken():
    ident = read_text_identity(_lines(DOCS / "004_0e1533c844114e4d.txt"))
    # "Kết luận số 401-KL/TU" is cited, not this plan's number: the number stays to be asked.
    assert (ident.kind, ident.number, ident.issuer, ident.period) == (
        "Kế hoạch",
        "",
        "UBND tỉnh",
        "2026-H2",
    )
    assert ident.title == "Thực hiện kịch bản tăng trưởng kinh tế 6 tháng cuối năm 2026"


def test_seeds_002_and_003_identity_from_their_opening_sentence():
    i002 = read_text_identity(_lines(SEEDS / "002_ad4a9c0b18438c67.txt"))
    i003 = read_text_identity(_lines(SEEDS / "003_9c9170de04c84ef3.txt"))
    assert (i002.kind, i002.issuer, i002.number, i002.period) == ("Kế hoạch", "UBND tỉnh", "", "")
    assert (i003.kind, i003.issuer, i003.number, i003.period) == (
        "Kế hoạch",
        "UBND tỉnh Lạng Sơn",
        "",
        "2026-2030",
    )
    # "Công văn số 16684/BTC-NSNN" in 003's opening sentence is cited, not taken as its number
    assert i003.title == "Kế hoạch phát triển kinh tế - xã hội 5 năm 2026 - 2030"


def test_seeds_000_and_001_keep_their_appendix_reference(seed_bytes):
    d0 = read_document(seed_bytes(SEED_000), SEED_000)
    d1 = read_document(seed_bytes(SEED_001), SEED_001)
    assert (d0.number, d0.issued_on, d0.issuer, d0.period_code, d0.place) == (
        "130/KH-UBND",
        date(2026, 4, 7),
        "UBND tỉnh Lạng Sơn",
        "2026-2030",
        "",
    )
    assert (d1.number, d1.issued_on, d1.period_code) == ("136/QĐ-UBND", date(2024, 1, 19), "2024")
