from django.db import models


class LinkStatus(models.TextChoices):
    CONFIRMED = "confirmed", "Cùng một chỉ tiêu"
    SPLIT = "split", "Hai chỉ tiêu khác nhau"


class EventAction(models.TextChoices):
    LINK_CONFIRM = "link_confirm", "Xác nhận cùng chỉ tiêu"
    LINK_SPLIT = "link_split", "Tách thành hai chỉ tiêu"
    FINDING_EXPLAIN = "finding_explain", "Giải trình phát hiện"
    AMENDMENT_RECORD = "amendment_record", "Ghi nhận văn bản sửa đổi, thay thế"
    AMENDMENT_REMOVE = "amendment_remove", "Bỏ ghi nhận văn bản sửa đổi, thay thế"


class AmendmentScope(models.TextChoices):
    WHOLE = "whole", "Thay thế toàn bộ"
    ROWS = "rows", "Sửa đổi một số dòng"
