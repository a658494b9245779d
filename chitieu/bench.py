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
from chitieu.scenarios import demo as seed_004

SEEDS = Path(__file__).resolve().parent / "demo" / "seeds"


# The province's own published table (seed 004), the check's real workload.
_SEED_004_TABLE = seed_004.published()
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


_PARSED = parse_request(_SCENARIO)


def _solve_parsed() -> object:
    """The solve alone, on a request parsed once (solve copies what it changes)."""
    s, cells, targets, rule, _ = _PARSED
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
        # the two halves of growth_solve
        "growth_parse": _measure(lambda: parse_request(_SCENARIO), 500),
        "growth_solve_parsed": _measure(_solve_parsed, 500),
        "growth_solve_with_full_table": _measure(lambda: solve_request(_SCENARIO), 200),
        "growth_check_seed_004": _measure(lambda: check_table(_SEED_004_TABLE), 50),
    }
    return out


if __name__ == "__main__":
    print(json.dumps(core_figures(), ensure_ascii=False, indent=2))
