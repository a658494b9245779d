"""A unit written at the end of an indicator's name, for tables without a unit column:
"Tỷ lệ trường đạt chuẩn quốc gia (%)", "Tổng chi cho giáo dục (tỷ đồng)"."""

from __future__ import annotations

import re

from chitieu.core.text import clean, fold

_TAIL = re.compile(r"^(?P<name>.*\S)\s*\((?P<unit>[^()]{1,30})\)\s*$")
# The first word of a unit. A bracket starting otherwise ("(GRDP)", "(theo giá hiện hành)",
# "(HDI)") is part of the name.
_UNIT_HEADS = {
    fold(w)
    for w in (
        "%",
        "‰",
        "tỷ",
        "tỉ",
        "triệu",
        "nghìn",
        "ngàn",
        "đồng",
        "usd",
        "người",
        "lượt",
        "hộ",
        "ha",
        "km",
        "km2",
        "m2",
        "m3",
        "tấn",
        "xã",
        "giường",
        "bác sĩ",
        "lao động",
        "doanh nghiệp",
        "năm",
        "tuổi",
        "điểm",
        "mw",
        "kwh",
        "cơ sở",
        "trường",
        "sản phẩm",
        "lần",
        "vụ",
        "dự án",
        "học sinh",
        "trạm",
        "thôn",
        "bản",
        "con",
        "cái",
        "chiếc",
        "ngày",
        "giờ",
        "số",
    )
}


def unit_in_name(name: str) -> tuple[str, str] | None:
    """(name without the bracket, unit) when the name ends with a unit in brackets, else None."""
    m = _TAIL.match(clean(name))
    if not m:
        return None
    unit = clean(m.group("unit"))
    key = fold(unit)
    if unit == "%" or any(
        key == h or key.startswith(f"{h} ") or key.startswith(f"{h}/") for h in _UNIT_HEADS
    ):
        return clean(m.group("name")), unit
    return None
