"""The province's 2026 growth scenario (seed 004) as demo data, with base values derived from
the levels the document itself states."""

from __future__ import annotations

from decimal import Decimal as D

COMPONENTS = {
    "A": "Nông, lâm nghiệp và thủy sản",
    "I": "Công nghiệp",
    "C": "Xây dựng",
    "S": "Dịch vụ",
    "T": "Thuế sản phẩm trừ trợ cấp sản phẩm",
}
AGGREGATES = {"IC": ["I", "C"], "GRDP": ["A", "IC", "S", "T"]}
LABELS = {"GRDP": "Tốc độ tăng GRDP", "IC": "Công nghiệp, Xây dựng", **COMPONENTS}
PERIODS = ["Q1", "Q2", "H1", "Q3", "Q4", "H2", "year"]
# The table "Kịch bản tăng trưởng quý III, IV năm 2026" (Đơn vị: %), as printed.
# fmt: off
TABLE = {
    "GRDP": ["7.53", "6.59", "7.02", "12.07", "14.01", "13.13", "10.61"],
    "A":    ["5.96", "4.18", "4.82", "5.37", "5.83", "5.61", "5.24"],
    "IC":   ["7.19", "9.26", "8.24", "20.90", "24.09", "22.70", "16.36"],
    "I":    ["6.58", "8.83", "7.68", "21.82", "24.70", "23.50", "15.33"],
    "C":    ["7.95", "9.74", "8.88", "20.31", "23.65", "22.16", "17.04"],
    "S":    ["8.20", "6.71", "7.42", "11.64", "12.89", "12.32", "9.99"],
    "T":    ["7.24", "7.74", "7.49", "7.74", "10.81", "9.50", "8.51"],
}
# fmt: on
# "… tăng 4,82%, đóng góp 1,07 điểm phần trăm …" (first half of 2026)
H1_CONTRIBUTIONS = {"A": "1.07", "IC": "1.75", "S": "3.86", "T": "0.34"}
# "giá trị tăng thêm theo giá so sánh đạt X tỷ đồng để cả năm đạt Y tỷ đồng": (second half, year)
LEVELS = {
    "A": (D("6135"), D("11520")),
    "I": (D("3000"), D("5898")),
    "C": (D("4436.1"), D("6917.9")),
    "S": (D("15000"), D("27971")),
}
TARGET = D("10.61")


def _g(series: str, period: str) -> D:
    return D(TABLE[series][PERIODS.index(period)])


def _split(total: D, g_half: D, g_a: D, g_b: D) -> tuple[D, D]:
    """Split a half-year's base between its quarters so that their growth averages to the half's."""
    w = (g_half - g_b) / (g_a - g_b)
    return total * w, total * (1 - w)


def derive_bases() -> dict[str, list[D]]:
    """2025 quarterly values at constant prices implied by seed 004 (tỷ đồng, 0,1 precision).

    A, I, C, S: the stated 2026 levels divided by (1 + growth) give the 2025 half-year bases; the
    quarters' growth splits each half. T: its first-half share of GRDP is its contribution divided
    by its growth; its own H1/H2/year figures give its second half.
    """
    bases: dict[str, list[D]] = {}
    for c, (h2_level, year_level) in LEVELS.items():
        h1 = (year_level - h2_level) / (1 + _g(c, "H1") / 100)
        h2 = h2_level / (1 + _g(c, "H2") / 100)
        q1, q2 = _split(h1, _g(c, "H1"), _g(c, "Q1"), _g(c, "Q2"))
        q3, q4 = _split(h2, _g(c, "H2"), _g(c, "Q3"), _g(c, "Q4"))
        bases[c] = [q1, q2, q3, q4]
    share_t = D(H1_CONTRIBUTIONS["T"]) / _g("T", "H1")
    others_h1 = sum(bases[c][0] + bases[c][1] for c in LEVELS)
    t_h1 = others_h1 * share_t / (1 - share_t)
    w_t = (_g("T", "year") - _g("T", "H2")) / (_g("T", "H1") - _g("T", "H2"))
    t_h2 = t_h1 * (1 - w_t) / w_t
    bases["T"] = [
        *_split(t_h1, _g("T", "H1"), _g("T", "Q1"), _g("T", "Q2")),
        *_split(t_h2, _g("T", "H2"), _g("T", "Q3"), _g("T", "Q4")),
    ]
    return {c: [v.quantize(D("0.1")) for v in vs] for c, vs in bases.items()}


def engine_input() -> dict[str, object]:
    """The scenario as the engine takes it: Q1, Q2 actual; Q3 planned; Q4 solved for the target."""
    bases = derive_bases()
    return {
        "components": COMPONENTS,
        "aggregates": AGGREGATES,
        "base": {c: [str(v) for v in bases[c]] for c in COMPONENTS},
        "growth": {c: [TABLE[c][0], TABLE[c][1], TABLE[c][3], TABLE[c][4]] for c in COMPONENTS},
        "solve": [f"{c}.Q4" for c in COMPONENTS],
        "targets": [{"series": "GRDP", "period": "year", "growth": str(TARGET)}],
        "rule": {"kind": "additive"},
    }


def published() -> dict[str, object]:
    """The printed table in the shape the consistency check takes."""
    return {
        "growth": {s: dict(zip(PERIODS, v, strict=True)) for s, v in TABLE.items()},
        "aggregates": AGGREGATES,
        "contributions": {"H1": H1_CONTRIBUTIONS},
    }
