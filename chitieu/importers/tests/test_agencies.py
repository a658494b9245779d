import pytest

from chitieu.importers.agencies import organisations, split_lead

from .seed_000_expected import GRDP_LEADS

GRDP_CELL = (
    "- Sở Tài chính, Thống kê tỉnh chủ trì tổng hợp báo cáo. - Các cơ quan: Nông nghiệp và Môi "
    "trường; Công Thương; Xây dựng; Văn hóa, Thể thao và Du lịch; Chi cục Hải quan khu vực VI; "
    "Thuế tỉnh chủ trì từng nhóm ngành, lĩnh vực theo chức năng, nhiệm vụ được giao"
)


def test_summary_leads_and_sector_leads(directory):
    names, unknown = organisations(GRDP_CELL, directory)
    assert names == GRDP_LEADS
    assert unknown == []


def test_group_phrases_are_group_references(directory):
    assert organisations("Các sở, ban, ngành, UBND các xã, phường", directory) == (
        ["Các sở, ban, ngành", "UBND các xã, phường"],
        [],
    )


def test_short_names_count_only_after_a_list_intro(directory):
    assert organisations("Xây dựng", directory) == ([], ["Xây dựng"])
    assert organisations("Các sở: Xây dựng; Y tế", directory)[0] == ["Sở Xây dựng", "Sở Y tế"]


def test_alias_with_other_tone_placement_and_line_breaks(directory):
    assert organisations("Sở Văn hoá, Thể\nthao và Du lịch", directory)[0] == [
        "Sở Văn hóa, Thể thao và Du lịch"
    ]
    assert organisations("Ban Quản lý Khu KTCK Đồng Đăng  -\nLạng Sơn", directory)[0] == [
        "Ban Quản lý khu kinh tế cửa khẩu Đồng Đăng - Lạng Sơn"
    ]


@pytest.mark.parametrize(
    "text, lead, coordinating",
    [
        (
            "Sở Y tế Bảo hiểm xã hội tỉnh, UBND các huyện, thành phố",
            "Sở Y tế",
            "Bảo hiểm xã hội tỉnh, UBND các huyện, thành phố",
        ),
        (
            "Sở Tài chính, Cục Thuế, Cục Hải quan Các sở, ban, ngành",
            "Sở Tài chính, Cục Thuế, Cục Hải quan",
            "Các sở, ban, ngành",
        ),
        (
            "Sở Giao thông vận tải Các sở: Tài chính, Xây dựng",
            "Sở Giao thông vận tải",
            "Các sở: Tài chính, Xây dựng",
        ),
        ("Công an tỉnh", "Công an tỉnh", ""),
    ],
)
def test_split_lead_from_coordinating_when_columns_ran_together(
    directory, text, lead, coordinating
):
    assert split_lead(text, directory) == (lead, coordinating)


@pytest.mark.parametrize(
    "text, names",
    [
        # names with "và" or commas are matched whole, before any split
        ("Bộ Khoa học và Công nghệ", ["Bộ Khoa học và Công nghệ"]),
        (
            "Bộ Văn hóa, Thể thao và Du lịch; Bộ Y tế",
            ["Bộ Văn hóa, Thể thao và Du lịch", "Bộ Y tế"],
        ),
        (
            "- Bộ Khoa học và Công nghệ; - Bộ Xây dựng; - Các bộ, ngành liên quan",
            ["Bộ Khoa học và Công nghệ", "Bộ Xây dựng", "Các bộ, ngành"],
        ),
        (
            "Viện Hàn lâm Khoa học và Công nghệ Việt Nam",
            ["Viện Hàn lâm Khoa học và Công nghệ Việt Nam"],
        ),
        ("Văn phòng Chính phủ", ["Văn phòng Chính phủ"]),
        # usual abbreviations
        ("Sở KH&CN", ["Sở Khoa học và Công nghệ"]),
        ("Sở KH&ĐT", ["Sở Kế hoạch và Đầu tư"]),
        ("Sở NN&MT", ["Sở Nông nghiệp và Môi trường"]),
        ("BQL KKT", ["Ban Quản lý khu kinh tế tỉnh"]),
        # common provincial bodies
        ("Tỉnh đoàn", ["Tỉnh đoàn"]),
        ("Ngân hàng nhà nước khu vực XII", ["Ngân hàng Nhà nước khu vực XII"]),
        ("Bảo hiểm xã hội tỉnh, Công an tỉnh", ["Bảo hiểm xã hội tỉnh", "Công an tỉnh"]),
        ("UBND các tỉnh/thành phố", ["UBND các tỉnh, thành phố"]),
    ],
)
def test_national_directory_names_and_abbreviations(directory, text, names):
    assert organisations(text, directory) == (names, [])


@pytest.mark.parametrize(
    "text, names",
    [
        (
            "Sở Khoa học và Công nghệ thúc đẩy, theo dõi, báo cáo chỉ tiêu",
            ["Sở Khoa học và Công nghệ"],
        ),
        (
            "Sở KH&CN chủ trì hướng dẫn, tổng hợp; Các sở, ngành, UBND cấp xã thực hiện công bố "
            "dữ liệu mở hằng năm theo lĩnh vực quản lý.",
            ["Sở Khoa học và Công nghệ", "Các sở, ban, ngành", "UBND các xã, phường"],
        ),
    ],
)
def test_role_phrases_after_a_name_are_dropped_not_made_agencies(directory, text, names):
    assert organisations(text, directory) == (names, [])


def test_a_capitalised_unknown_name_is_still_reported(directory):
    assert organisations("Sở Y tế, Đại học Bách khoa Hà Nội", directory) == (
        ["Sở Y tế"],
        ["Đại học Bách khoa Hà Nội"],
    )
