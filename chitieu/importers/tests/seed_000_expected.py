"""Every row of Phụ lục 1, Kế hoạch 130/KH-UBND (seed 000), as printed in the document.

(line, no, parent_no, name, unit, target_text, kind, low, high, value, strict, lead, coordinating)
"""

from decimal import Decimal as D

ALL = ["Các sở, ban, ngành", "UBND các xã, phường"]
GRDP_LEADS = [
    "Sở Tài chính",
    "Thống kê tỉnh",
    "Sở Nông nghiệp và Môi trường",
    "Sở Công Thương",
    "Sở Xây dựng",
    "Sở Văn hóa, Thể thao và Du lịch",
    "Chi cục Hải quan khu vực VI",
    "Thuế tỉnh",
]
FIN_STAT = ["Sở Tài chính", "Thống kê tỉnh"]
NNMT = ["Sở Nông nghiệp và Môi trường"]
ECON = "CHỈ TIÊU KINH TẾ"
SOC = "CHỈ TIÊU XÃ HỘI"
ENV = "CHỈ TIÊU MÔI TRƯỜNG"

# fmt: off
ROWS = [
    (9, "1", None, ECON, "Tổng sản phẩm trên địa bàn (GRDP)", "Tỷ đồng", "111.100", "exact", None, None, D("111100"), False, GRDP_LEADS, ALL),
    (10, "2", None, ECON, "Tốc độ tăng tổng sản phẩm trên địa bàn (GRDP) bình quân hằng năm theo giá so sánh", "%", "10 - 11", "range", D(10), D(11), None, False, GRDP_LEADS, ALL),
    (11, "3", None, ECON, "Cơ cấu tổng sản phẩm trên địa bàn", "", "", None, None, None, None, False, GRDP_LEADS, ALL),
    (12, None, "3", ECON, "Nông, lâm nghiệp và thủy sản", "%", "12 - 13", "range", D(12), D(13), None, False, GRDP_LEADS, ALL),
    (13, None, "3", ECON, "Công nghiệp - xây dựng", "%", "32 - 33", "range", D(32), D(33), None, False, GRDP_LEADS, ALL),
    (14, None, "3", ECON, "Dịch vụ", "%", "50 - 51", "range", D(50), D(51), None, False, GRDP_LEADS, ALL),
    (15, "4", None, ECON, "Thuế sản phẩm trừ trợ cấp sản phẩm", "%", "4 - 5", "range", D(4), D(5), None, False, GRDP_LEADS, ALL),
    (16, None, "4", ECON, "Tổng sản phẩm trên địa bàn bình quân đầu người", "Triệu đồng", "130", "exact", None, None, D(130), False, GRDP_LEADS, ALL),
    (17, None, "4", ECON, "Tổng sản phẩm trên địa bàn bình quân đầu người", "USD", "5.000", "exact", None, None, D(5000), False, GRDP_LEADS, ALL),
    (18, "5", None, ECON, "Tỷ trọng kinh tế số trong GRDP", "%", ">30", "min", D(30), None, None, True, ["Sở Khoa học và Công nghệ"], ALL),
    (19, "6", None, ECON, "Tốc độ tăng thu nội địa bình quân hằng năm", "%", ">10", "min", D(10), None, None, True, ["Sở Tài chính"], ALL),
    (23, "7", None, ECON, "Vốn đầu tư thực hiện trên địa bàn theo giá hiện hành", "Nghìn tỷ đồng", "250 - 270", "range", D(250), D(270), None, False, FIN_STAT, ALL),
    (24, "8", None, ECON, "Tỷ lệ vốn đầu tư thực hiện trên địa bàn so với GRDP", "%", "50 - 51", "range", D(50), D(51), None, False, FIN_STAT, ALL),
    (25, "9", None, ECON, "Tổng lượng khách du lịch đến năm 2030", "Nghìn người", "6.000", "exact", None, None, D(6000), False, ["Sở Văn hóa, Thể thao và Du lịch"], ALL),
    (26, None, "9", ECON, "Tổng thu từ khách du lịch đến năm 2030", "Tỷ đồng", "10.000", "exact", None, None, D(10000), False, ["Sở Văn hóa, Thể thao và Du lịch"], ALL),
    (27, "10", None, ECON, "Tốc độ tăng xuất khẩu hàng địa phương bình quân hàng năm", "%", "10 - 11", "range", D(10), D(11), None, False, ["Sở Công Thương"], ALL),
    (29, "11", None, SOC, "Dân số", "Nghìn người", "854 - 856", "range", D(854), D(856), None, False, ["Thống kê tỉnh", "Sở Y tế"], ALL),
    (30, "12", None, SOC, "Tuổi thọ trung bình tính từ lúc sinh", "Tuổi", "75,5", "exact", None, None, D("75.5"), False, ["Sở Y tế"], ALL),
    (31, None, "12", SOC, "Trong đó thời gian sống khoẻ", "Năm", "68", "exact", None, None, D(68), False, ["Sở Y tế"], ALL),
    (32, "13", None, SOC, "Chỉ số phát triển con người (HDI)", "", "0,7 - 0,75", "range", D("0.7"), D("0.75"), None, False, ["Thống kê tỉnh"], ALL),
    (33, "14", None, SOC, "Số lao động có việc làm trong nền kinh tế", "Nghìn người", "339", "exact", None, None, D(339), False, ["Sở Nội vụ"], ALL),
    (36, "15", None, SOC, "Tỷ trọng lao động có việc làm trong nền kinh tế", "%", "100", "exact", None, None, D(100), False, ["Sở Nội vụ"], ALL),
    (37, None, "15", SOC, "Nông, lâm nghiệp và thủy sản", "%", "36 - 37", "range", D(36), D(37), None, False, ["Sở Nội vụ"], ALL),
    (38, None, "15", SOC, "Công nghiệp và xây dựng", "%", "24 - 25", "range", D(24), D(25), None, False, ["Sở Nội vụ"], ALL),
    (39, None, "15", SOC, "Dịch vụ", "%", "38 - 39", "range", D(38), D(39), None, False, ["Sở Nội vụ"], ALL),
    (40, "16", None, SOC, "Tỷ lệ lao động đã qua đào tạo đến năm 2030", "%", "≥76", "min", D(76), None, None, False, ["Sở Giáo dục và Đào tạo"], ALL),
    (41, None, "16", SOC, "Tỷ lệ lao động đã qua đào tạo có bằng cấp, chứng chỉ", "%", "35 - 40", "range", D(35), D(40), None, False, ["Sở Giáo dục và Đào tạo"], ALL),
    (42, "17", None, SOC, "Tỷ lệ thất nghiệp", "%", "3 - 3,5", "range", D(3), D("3.5"), None, False, ["Sở Nội vụ"], ALL),
    (43, "18", None, SOC, "Năng suất lao động", "Triệu đồng", ">320", "min", D(320), None, None, True, ["Sở Nội vụ"], ALL),
    (44, "19", None, SOC, "Số bác sĩ bình quân trên 10.000 dân", "Bác sĩ", "13,5", "exact", None, None, D("13.5"), False, ["Sở Y tế"], ALL),
    (45, None, "19", SOC, "Số giường bệnh trên 10.000 dân", "Giường", "37", "exact", None, None, D(37), False, ["Sở Y tế"], ALL),
    (46, None, "19", SOC, "Tỷ lệ người dân tham gia bảo hiểm y tế đến năm 2030", "%", "100", "exact", None, None, D(100), False, ["Sở Y tế"], ALL),
    (47, None, "19", SOC, "Tỉ lệ người dân được hưởng chính sách khám sức khỏe hằng năm", "%", "100", "exact", None, None, D(100), False, ["Sở Y tế"], ALL),
    (48, "20", None, SOC, "Tỷ lệ trường học các cấp đạt chuẩn quốc gia", "%", ">70", "min", D(70), None, None, True, ["Sở Giáo dục và Đào tạo"], ALL),
    (52, "21", None, SOC, "Giảm tỷ lệ hộ nghèo hằng năm (theo chuẩn nghèo đa chiều giai đoạn 2026 - 2030)", "%/năm", "2", "reduce_by", None, None, D(2), False, NNMT, ALL),
    (53, "22", None, SOC, "Thu nhập bình quân đầu người 01 tháng", "Triệu đồng", "5,4", "exact", None, None, D("5.4"), False, ["Thống kê tỉnh"], ALL),
    (54, "23", None, SOC, "Tỷ lệ dân số đô thị được cung cấp nước sạch qua hệ thống cấp nước tập trung", "%", "100", "exact", None, None, D(100), False, ["Sở Xây dựng"], ALL),
    (55, None, "23", SOC, "Tỷ lệ dân số nông thôn sử dụng nước sạch đáp ứng quy chuẩn", "%", "80", "exact", None, None, D(80), False, NNMT, ALL),
    (56, "24", None, SOC, "Tỷ lệ xã được công nhận đạt chuẩn nông thôn mới", "%", "60", "exact", None, None, D(60), False, NNMT, ALL),
    (57, "25", None, SOC, "Tỷ lệ đường xã được rải nhựa hoặc bê tông (theo phân loại đường đến hết năm 2024)", "%", ">90", "min", D(90), None, None, True, ["Sở Xây dựng"], ALL),
    (58, None, "25", SOC, "Tỷ lệ thôn có đường ô tô đến trung tâm thôn được cứng hóa", "%", ">95", "min", D(95), None, None, True, ["Sở Xây dựng"], ALL),
    (59, None, "25", SOC, "Tổng số nhà ở xã hội đến năm 2030", "Nhà", "3.000", "exact", None, None, D(3000), False, ["Sở Xây dựng"], ALL),
    (62, "26", None, SOC, "Kiểm chế, kéo giảm tai nạn giao thông hằng năm cả 3 tiêu chí", "%", "≥ 5", "min", D(5), None, None, False, ["Công an tỉnh"], ALL),
    (63, None, "26", SOC, "Giảm số vụ phạm tội về trật tự xã hội hằng năm", "%", "≥ 10", "min", D(10), None, None, False, ["Công an tỉnh"], ALL),
    (65, "27", None, ENV, "Tỷ lệ che phủ rừng", "%", "65", "exact", None, None, D(65), False, NNMT, ALL),
    (66, "28", None, ENV, "Tỷ lệ chất thải nguy hại được thu gom, xử lý", "%", "100", "exact", None, None, D(100), False, NNMT, ALL),
    (67, "29", None, ENV, "Tỷ lệ chất thải y tế được xử lý", "%", "100", "exact", None, None, D(100), False, ["Sở Y tế"], ALL),
    (68, "30", None, ENV, "Tỷ lệ chất thải rắn sinh hoạt ở đô thị được thu gom, phân loại và xử lý", "%", ">99", "min", D(99), None, None, True, NNMT, ALL),
    (69, None, "30", ENV, "Tỷ lệ chất thải rắn sinh hoạt ở khu dân cư nông thôn được thu gom, phân loại và xử lý", "%", "90", "exact", None, None, D(90), False, NNMT, ALL),
    (70, "31", None, ENV, "Tỷ lệ khu công nghiệp, khu chế xuất đang hoạt động có hệ thống xử lý nước thải tập trung đạt tiêu chuẩn môi trường", "%", "100", "exact", None, None, D(100), False, ["Ban Quản lý khu kinh tế cửa khẩu Đồng Đăng - Lạng Sơn"], NNMT),
]
# fmt: on
