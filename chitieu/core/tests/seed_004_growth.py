"""Seed 004's growth scenario table (Đơn vị: %) and the first half's contributions as printed."""

PERIODS = ["Q1", "Q2", "H1", "Q3", "Q4", "H2", "year"]
# fmt: off
ROWS = {
    "GRDP": [7.53, 6.59, 7.02, 12.07, 14.01, 13.13, 10.61],
    "A":    [5.96, 4.18, 4.82, 5.37, 5.83, 5.61, 5.24],
    "IC":   [7.19, 9.26, 8.24, 20.90, 24.09, 22.70, 16.36],
    "I":    [6.58, 8.83, 7.68, 21.82, 24.70, 23.50, 15.33],
    "C":    [7.95, 9.74, 8.88, 20.31, 23.65, 22.16, 17.04],
    "S":    [8.20, 6.71, 7.42, 11.64, 12.89, 12.32, 9.99],
    "T":    [7.24, 7.74, 7.49, 7.74, 10.81, 9.50, 8.51],
}
# fmt: on
# "khu vực nông, lâm nghiệp và thủy sản tăng 4,82%, đóng góp 1,07 điểm phần trăm …"
H1_CONTRIBUTIONS = {"A": 1.07, "IC": 1.75, "S": 3.86, "T": 0.34}
AGGREGATES = {"IC": ["I", "C"], "GRDP": ["A", "IC", "S", "T"]}


def table(rows=None, contributions=True):
    rows = rows or ROWS
    data = {
        "growth": {k: dict(zip(PERIODS, v, strict=True)) for k, v in rows.items()},
        "aggregates": AGGREGATES,
    }
    if contributions:
        data["contributions"] = {"H1": H1_CONTRIBUTIONS}
    return data
