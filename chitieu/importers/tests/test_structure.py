"""Which unnumbered row is a part of the row above (issue 9, point 6)."""

import pytest

from chitieu.importers.structure import is_part, measures_the_row_above


@pytest.mark.parametrize(
    "name, parent, has_target, marked, part",
    [
        ("Dịch vụ", "Cơ cấu tổng sản phẩm trên địa bàn", False, False, True),
        ("Nông, lâm nghiệp và thủy sản", "Tỷ trọng lao động có việc làm", True, False, True),
        ("Trong đó thời gian sống khoẻ", "Tuổi thọ trung bình tính từ lúc sinh", True, False, True),
        ("Thu nội địa", "Tổng thu ngân sách nhà nước trên địa bàn", True, False, True),
        ("Tốc độ tăng trưởng", "Kim ngạch xuất khẩu hàng hóa", True, False, True),
        ("Tỷ lệ so với GRDP", "Vốn đầu tư phát triển toàn xã hội", True, False, True),
        ("GRDP bình quân đầu người", "GRDP bình quân đầu người", True, False, True),
        (
            "Tỷ lệ lao động đã qua đào tạo có bằng cấp",
            "Tỷ lệ lao động đã qua đào tạo đến năm 2030",
            True,
            False,
            True,
        ),
        ("Diện tích", "Cà Phê", False, False, True),
        ("Sản lượng", "Chè", True, True, True),  # printed with "-"
        (
            "Tổng sản phẩm trên địa bàn bình quân đầu người",
            "Thuế sản phẩm trừ trợ cấp sản phẩm",
            True,
            False,
            False,
        ),
        (
            "Số giường bệnh trên 10.000 dân",
            "Số bác sĩ bình quân trên 10.000 dân",
            True,
            False,
            False,
        ),
        (
            "Tổng chi ngân sách địa phương",
            "Tổng thu ngân sách nhà nước trên địa bàn",
            True,
            False,
            False,
        ),
        ("Tỷ lệ che phủ của rừng", "Trồng rừng mới", True, False, False),
        (
            "Tổng số nhà ở xã hội đến năm 2030",
            "Tỷ lệ đường xã được rải nhựa hoặc bê tông",
            True,
            False,
            False,
        ),
    ],
)
def test_is_part(name, parent, has_target, marked, part):
    assert is_part(name, parent, parent_has_target=has_target, marked=marked) is part


@pytest.mark.parametrize(
    "name, relative",
    [("Tốc độ tăng trưởng", True), ("Tỷ lệ so với GRDP", True), ("Tốc độ tăng thu nội địa", False)],
)
def test_names_meaningful_only_with_the_row_above(name, relative):
    assert measures_the_row_above(name) is relative
