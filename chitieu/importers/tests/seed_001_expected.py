"""Every row of the Phụ lục of Quyết định 136/QĐ-UBND (seed 001), as printed in the document.

(line, no, parent_no, name, unit, target_text, kind, low, high, value, strict, lead, coordinating)
The numbering "12" is printed twice (the second should read 13); both are kept as printed.
"""

from decimal import Decimal as D

HUYEN = "UBND các huyện, thành phố"
SBN = "Các sở, ban, ngành"
KHDT = (["Sở Kế hoạch và Đầu tư"], [SBN, "Cục Thống kê tỉnh", HUYEN])
VHTT = (["Sở Văn hóa, Thể thao và Du lịch"], [HUYEN])
XNK = (
    ["Sở Công Thương", "Cục Hải quan tỉnh"],
    ["Ban Quản lý khu kinh tế cửa khẩu Đồng Đăng - Lạng Sơn", HUYEN],
)
NS = (["Sở Tài chính", "Cục Thuế tỉnh", "Cục Hải quan tỉnh"], [SBN, HUYEN])
NN = (["Sở Nông nghiệp và Phát triển nông thôn"], [SBN, HUYEN])
GT = (
    ["Sở Giao thông vận tải"],
    [
        "Sở Kế hoạch và Đầu tư",
        "Sở Tài chính",
        "Sở Nông nghiệp và Phát triển nông thôn",
        "Sở Công Thương",
        "Sở Xây dựng",
        HUYEN,
    ],
)
YT = (["Sở Y tế"], ["Bảo hiểm xã hội tỉnh", HUYEN])
LD = (["Sở Lao động - Thương binh và Xã hội"], ["Bảo hiểm xã hội tỉnh", HUYEN])
NN2 = (["Sở Nông nghiệp và Phát triển nông thôn"], [HUYEN])

# fmt: off
ROWS = [
    (14, "1", None, "Tốc độ tăng tổng sản phẩm trên địa bàn", "%", "7 - 7,5", "range", D(7), D("7.5"), None, False, *KHDT),
    (24, "2", None, "Cơ cấu kinh tế", "", "", None, None, None, None, False, *KHDT),
    (25, None, "2", "Nông, lâm nghiệp", "%", "23 - 24", "range", D(23), D(24), None, False, *KHDT),
    (26, None, "2", "Công nghiệp - xây dựng", "%", "24 - 25", "range", D(24), D(25), None, False, *KHDT),
    (27, None, "2", "Dịch vụ", "%", "47 - 48", "range", D(47), D(48), None, False, *KHDT),
    (28, None, "2", "Thuế sản phẩm trừ trợ cấp sản phẩm", "%", "4 - 5", "range", D(4), D(5), None, False, *KHDT),
    (30, "3", None, "Tổng sản phẩm bình quân đầu người trên địa bàn", "Triệu đồng", "65 - 66", "range", D(65), D(66), None, False, *KHDT),
    (32, "4", None, "Tổng vốn đầu tư phát triển trên địa bàn", "Nghìn tỷ đồng", "38 - 39", "range", D(38), D(39), None, False, *KHDT),
    (36, "5", None, "Tổng lượt khách du lịch", "Nghìn lượt", "4.060", "exact", None, None, D(4060), False, *VHTT),
    (39, None, "5", "Tổng doanh thu du lịch", "Tỷ đồng", "4.300", "exact", None, None, D(4300), False, *VHTT),
    (42, "6", None, "Tổng kim ngạch xuất nhập khẩu", "Triệu USD", "5.100", "exact", None, None, D(5100), False, *XNK),
    (46, None, "6", "Tốc độ tăng kim ngạch xuất khẩu hàng địa phương", "%", "8 - 9", "range", D(8), D(9), None, False, *XNK),
    (52, "7", None, "Tổng thu ngân sách nhà nước trên địa bàn", "Tỷ đồng", "7.485", "exact", None, None, D(7485), False, *NS),
    (60, None, "7", "Thu nội địa", "Tỷ đồng", "2.485", "exact", None, None, D(2485), False, *NS),
    (61, None, "7", "Thu từ hoạt động xuất nhập khẩu", "Tỷ đồng", "5.000", "exact", None, None, D(5000), False, *NS),
    (62, None, "7", "Tổng chi ngân sách địa phương", "Tỷ đồng", "14.040,8", "exact", None, None, D("14040.8"), False, *NS),
    (64, "8", None, "Xây dựng thêm xã đạt chuẩn nông thôn mới", "Xã", "10", "increase_by", None, None, D(10), False, *NN),
    (72, "9", None, "Tỷ lệ xã có đường ô tô đến trung tâm xã được rải nhựa hoặc bê tông", "%", "97,2", "exact", None, None, D("97.2"), False, *GT),
    (83, None, "9", "Tỷ lệ thôn có đường ô tô đến trung tâm thôn được cứng hóa", "%", "82,0", "exact", None, None, D("82.0"), False, *GT),
    (85, "10", None, "Phát triển thêm trường học đạt chuẩn quốc gia", "Trường", "15", "increase_by", None, None, D(15), False, ["Sở Giáo dục và Đào tạo"], [HUYEN]),
    (88, "11", None, "Tỷ lệ thôn có nhà văn hoá đạt chuẩn", "%", "75,9", "exact", None, None, D("75.9"), False, *VHTT),
    (93, "12", None, "Duy trì xã đạt Bộ tiêu chí quốc gia về y tế xã", "%", "100", "maintain", None, None, D(100), False, *YT),
    (98, None, "12", "Số bác sỹ/10.000 dân", "Bác sỹ", "11,4", "exact", None, None, D("11.4"), False, *YT),
    (99, None, "12", "Số giường bệnh/10.000 dân", "Giường", "33,6", "exact", None, None, D("33.6"), False, *YT),
    (100, None, "12", "Tỷ lệ người dân tham gia bảo hiểm y tế", "%", "94,45", "exact", None, None, D("94.45"), False, *YT),
    (103, "12", None, "Tỷ lệ lao động qua đào tạo", "%", "64", "exact", None, None, D(64), False, *LD),
    (113, None, "12", "Tỷ lệ người lao động tham gia bảo hiểm xã hội so với lực lượng lao động trong độ tuổi lao động", "%", "42", "exact", None, None, D(42), False, *LD),
    (116, "14", None, "Giảm tỷ lệ hộ nghèo", "%", "3", "reduce_by", None, None, D(3), False, *LD),
    (119, "15", None, "Giảm tai nạn giao thông cả 3 tiêu chí", "%", "≥ 5", "min", D(5), None, None, False, ["Sở Giao thông vận tải", "Công an tỉnh"], [SBN, HUYEN]),
    (126, None, "15", "Giảm phạm pháp hình sự hằng năm", "%", "≥ 3", "min", D(3), None, None, False, ["Công an tỉnh"], [SBN, HUYEN]),
    (130, "16", None, "Trồng rừng mới", "Ha", "9.000", "exact", None, None, D(9000), False, *NN2),
    (133, None, "16", "Tỷ lệ che phủ của rừng", "%", "64,6", "exact", None, None, D("64.6"), False, *NN2),
    (135, "17", None, "Tỷ lệ dân cư nông thôn được sử dụng nước hợp vệ sinh", "%", "98,5", "exact", None, None, D("98.5"), False, *NN2),
    (141, "18", None, "Tỷ lệ chất thải rắn ở đô thị được thu gom và xử lý", "%", "96,6", "exact", None, None, D("96.6"), False, ["Sở Tài nguyên và Môi trường"], ["Sở Xây dựng", HUYEN]),
    (148, None, "18", "Tỷ lệ chất thải y tế được xử lý", "%", "100", "exact", None, None, D(100), False, ["Sở Y tế"], ["Sở Tài nguyên và Môi trường", HUYEN]),
]
# fmt: on
