"""`make bench`: how fast the pure readers and the target parser run, printed as JSON.

Figures, not assertions: the suite never times anything.
"""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from chitieu.core.targets import parse_target
from chitieu.importers import read_document
from chitieu.importers.agencies import Directory

SEEDS = Path(__file__).resolve().parent / "demo" / "seeds"


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


def main() -> None:
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
    }
    print(json.dumps(out, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
