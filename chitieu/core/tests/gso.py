"""Read the statistics office's 2024 GDP sheets (constant 2010 prices) kept in data/."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "gso_2024_gdp.tsv"
SECTORS = {
    "A": "Nông, lâm nghiệp và thủy sản",
    "IC": "Công nghiệp và xây dựng",
    "S": "Dịch vụ",
    "T": "Thuế sản phẩm trừ trợ cấp sản phẩm",
}
TOTAL = "TỔNG SỐ"
# workbook -> the periods of its three level columns (then three index columns)
CONSTANT_SHEETS = {"T6": ("Q1", "Q2", "H1"), "T9": ("Q2", "Q3", "9M"), "T12": ("Q3", "Q4", "year")}


def constant_price_sheets() -> dict[str, dict[str, dict[str, tuple[Decimal, Decimal]]]]:
    """{workbook: {row label: {period: (level, index)}}} for the constant-price sheets."""
    out: dict[str, dict[str, dict[str, tuple[Decimal, Decimal]]]] = {}
    current = None
    for line in DATA.read_text(encoding="utf-8").splitlines():
        if line.startswith("##### FILE"):
            current = None
            for key in CONSTANT_SHEETS:
                if f"Bieu-{key}." in line and "SS" in line:
                    current = key
                    out[key] = {}
            continue
        if current is None:
            continue
        cells = line.split("\t")
        label = " ".join(c.strip() for c in cells[:2] if c.strip())
        nums = [c for c in cells[2:] if c.strip()]
        if label not in (TOTAL, *SECTORS.values()) or len(nums) < 6:
            continue
        values = [Decimal(n) for n in nums[:6]]
        periods = CONSTANT_SHEETS[current]
        out[current][label] = {p: (values[i], values[i + 3]) for i, p in enumerate(periods)}
    return out
