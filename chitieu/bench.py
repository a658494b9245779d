"""`make bench`: how fast the pure readers and the target parser run, printed as JSON.

Figures, not assertions: the suite never times anything.
"""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from chitieu.core.growth import check_table, solve
from chitieu.core.growth.report import parse_request, solve_request
from chitieu.core.targets import parse_target
from chitieu.importers import read_document
from chitieu.importers.agencies import Directory

SEEDS = Path(__file__).resolve().parent / "demo" / "seeds"


_Q = ["Q1", "Q2", "H1", "Q3", "Q4", "H2", "year"]
_SEED_004_TABLE = {
    "growth": {
        k: dict(zip(_Q, v, strict=True))
        for k, v in {
            "GRDP": [7.53, 6.59, 7.02, 12.07, 14.01, 13.13, 10.61],
            "A": [5.96, 4.18, 4.82, 5.37, 5.83, 5.61, 5.24],
            "IC": [7.19, 9.26, 8.24, 20.90, 24.09, 22.70, 16.36],
            "I": [6.58, 8.83, 7.68, 21.82, 24.70, 23.50, 15.33],
            "C": [7.95, 9.74, 8.88, 20.31, 23.65, 22.16, 17.04],
            "S": [8.20, 6.71, 7.42, 11.64, 12.89, 12.32, 9.99],
            "T": [7.24, 7.74, 7.49, 7.74, 10.81, 9.50, 8.51],
        }.items()
    },
    "aggregates": {"IC": ["I", "C"], "GRDP": ["A", "IC", "S", "T"]},
    "contributions": {"H1": {"A": 1.07, "IC": 1.75, "S": 3.86, "T": 0.34}},
}
_SCENARIO = {
    "components": {"A": "A", "I": "I", "C": "C", "S": "S", "T": "T"},
    "aggregates": {"IC": ["I", "C"], "GRDP": ["A", "IC", "S", "T"]},
    "base": {
        "A": [1843, 3284, 2783, 3036],
        "I": [1500, 1600, 1700, 1900],
        "C": [1200, 1500, 1800, 2600],
        "S": [4200, 4400, 4500, 4900],
        "T": [300, 310, 320, 330],
    },
    "growth": {
        "A": [5.96, 4.18, 5.37, 5.83],
        "I": [6.58, 8.83, 21.82, 24.70],
        "C": [7.95, 9.74, 20.31, 23.65],
        "S": [8.20, 6.71, 11.64, 12.89],
        "T": [7.24, 7.74, 7.74, 10.81],
    },
    "solve": [f"{c}.{q}" for c in "AICST" for q in ("Q3", "Q4")],
    "targets": [{"series": "GRDP", "period": "year", "growth": 10.61}],
}


def _solve_only() -> object:
    s, cells, targets, rule, _ = parse_request(_SCENARIO)
    return solve(s, cells, targets, rule)


def _measure(fn: Callable[[], object], repeat: int) -> dict[str, float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return {
        "p50_ms": round(statistics.median(times), 3),
        "p95_ms": round(times[int(len(times) * 0.95) - 1], 3),
        "runs": repeat,
    }


def core_figures() -> dict[str, object]:
    """Timings of the pure readers and the growth engine."""
    directory = Directory.default()
    seeds = {p.name: p.read_bytes() for p in sorted(SEEDS.glob("*.txt"))}
    texts = ["10 - 11", ">30", "≥ 76", "khoảng 111.100", "giảm 2 %/năm", "0,7 - 0,75", "75,5"]
    out = {
        "read_document": {
            name: _measure(lambda d=data, n=name: read_document(d, n, directory), 30)
            for name, data in seeds.items()
        },
        "parse_target_x1000": _measure(lambda: [parse_target(t) for t in texts * 143], 20),
        "directory_load": _measure(Directory.default, 20),
        "growth_solve": _measure(_solve_only, 500),
        "growth_solve_with_full_table": _measure(lambda: solve_request(_SCENARIO), 200),
        "growth_check_seed_004": _measure(lambda: check_table(_SEED_004_TABLE), 50),
    }
    return out


if __name__ == "__main__":
    print(json.dumps(core_figures(), ensure_ascii=False, indent=2))
