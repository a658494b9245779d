"""The issuing body whose heading, number and signature a document carries.

The defaults are the province's People's Committee; a deployment changes any part of them with
the ``CHITIEU_ISSUER`` setting (a dict of the fields below), never in the document builders."""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from datetime import date
from typing import Any

from django.conf import settings


@dataclass(frozen=True)
class Issuer:
    """Who issues the document and who signs it (Decree 30/2020/NĐ-CP, Appendix I)."""

    parent: str = ""  # the body above the issuer, printed over it (empty for a province's UBND)
    name: str = "ỦY BAN NHÂN DÂN\nTỈNH LẠNG SƠN"
    short: str = "UBND"  # the issuer's abbreviation in "Số: …/BC-UBND"
    place: str = "Lạng Sơn"
    motto: tuple[str, str] = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")
    authority: str = "TM. ỦY BAN NHÂN DÂN"
    signing_for: str = "KT. CHỦ TỊCH"
    signer_title: str = "PHÓ CHỦ TỊCH"
    signer_name: str = ""
    recipients: tuple[str, ...] = field(
        default=(
            "- Văn phòng Chính phủ (b/c);",
            "- TT Tỉnh ủy, TT HĐND tỉnh (b/c);",
            "- Chủ tịch, các PCT UBND tỉnh;",
            "- Các sở, ban, ngành tỉnh;",
            "- UBND các xã, phường;",
            "- Lưu: VT.",
        )
    )
    font: str = "Times New Roman"
    font_size: int = 13  # points, 13-14 by the Decree

    def number(self, kind_code: str, number: str = "") -> str:
        """ "Số: 130/KH-UBND", or "Số:    /BC-UBND" with room for the number the office writes."""
        # no-break spaces: the blank the office fills in by hand survives HTML and Word alike
        return f"Số: {number or chr(0xA0) * 6}/{kind_code}-{self.short}"

    def place_and_date(self, on: date | None) -> str:
        """ "Lạng Sơn, ngày 07 tháng 4 năm 2026": day with two digits, month as a plain number."""
        if on is None:
            return f"{self.place}, ngày     tháng     năm     "
        day = f"{on.day:02d}"
        # the Decree writes months 1 and 2 with a leading zero so no one can add a digit
        month = f"{on.month:02d}" if on.month < 3 else str(on.month)
        return f"{self.place}, ngày {day} tháng {month} năm {on.year}"


def issuer() -> Issuer:
    """The configured issuing body: the defaults with ``settings.CHITIEU_ISSUER`` applied."""
    overrides: dict[str, Any] = dict(getattr(settings, "CHITIEU_ISSUER", {}) or {})
    known = {f.name for f in fields(Issuer)}
    unknown = sorted(set(overrides) - known)
    if unknown:
        raise ValueError(f"CHITIEU_ISSUER: trường không có: {', '.join(unknown)}")
    for key in ("recipients", "motto"):
        if key in overrides:
            overrides[key] = tuple(overrides[key])
    return replace(Issuer(), **overrides)
