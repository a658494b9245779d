from django.db import models


class OrgKind(models.TextChoices):
    COMMITTEE = "committee", "Ủy ban nhân dân"
    DEPARTMENT = "department", "Sở, ngành"
    BOARD = "board", "Ban"
    STATISTICS = "statistics", "Cơ quan thống kê"
    TAX = "tax", "Cơ quan thuế"
    CUSTOMS = "customs", "Hải quan"
    POLICE = "police", "Công an"
    BANK = "bank", "Ngân hàng"
    AGENCY = "agency", "Cơ quan khác"
    COMMUNE = "commune", "Xã"
    WARD = "ward", "Phường"
    GROUP = "group", "Nhóm cơ quan"
