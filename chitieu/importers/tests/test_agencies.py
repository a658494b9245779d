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
