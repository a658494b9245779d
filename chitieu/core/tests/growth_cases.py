"""Generated growth scenarios and published tables, and every result the engine gives for them,
written exactly: each Decimal as ``str`` (its digits and its exponent) and every sentence; the
full table of a solved scenario through the SHA-256 of those strings, to keep the file small.

``data/growth_golden.json`` holds the cases and the results of the engine as it was before the
speed work of decision 0045; `test_growth_equivalence` holds the engine to them. Regenerate the
file (``python -m chitieu.core.tests.growth_cases``) only for a change that is meant to change a
result, and say so in the commit.
"""

from __future__ import annotations

import hashlib
import json
import random
from decimal import Decimal
from pathlib import Path
from typing import Any

from chitieu.core.growth import (
    PERIODS,
    QUARTERS,
    GrowthError,
    Scenario,
    check_table,
    contributions,
    period_growth,
    solve,
    va_shares,
)
from chitieu.core.growth.report import parse_request, solve_request

GOLDEN = Path(__file__).resolve().parent / "data" / "growth_golden.json"
SOLVE_CASES = 200
CHECK_CASES = 200
TABLE_PERIODS = ("Q1", "Q2", "H1", "Q3", "Q4", "H2", "9M", "year")


def _number(rng: random.Random, low: float, high: float, places: int) -> Any:
    """A number as a request may carry it: int, float or numeric string."""
    value = round(rng.uniform(low, high), places)
    kind = rng.choice(("float", "float", "str", "int"))
    if kind == "int":
        return round(value)
    if kind == "str":
        return f"{value:.{places}f}"
    return value


def _structure(rng: random.Random) -> tuple[dict[str, str], dict[str, list[str]]]:
    """Components, and aggregates nested or flat, with or without taxes (T)."""
    names = rng.sample(["A", "I", "C", "S", "T", "M", "E"], rng.randint(2, 6))
    if rng.random() < 0.7 and "T" not in names:
        names[-1] = "T"
    comps = {n: f"Khu vực {n}" for n in names}
    aggs: dict[str, list[str]] = {}
    rest = list(names)
    if len(rest) >= 3 and rng.random() < 0.7:
        pair = [n for n in rest if n != "T"][:2]
        aggs["IC"] = pair
        rest = [n for n in rest if n not in pair] + ["IC"]
    if rng.random() < 0.3 and len(rest) >= 3:
        aggs["K"] = rest[:2]
        aggs["GRDP"] = ["K", *rest[2:]]
    else:
        aggs["GRDP"] = rest
    return comps, aggs


def solve_case(rng: random.Random) -> dict[str, Any]:
    """A `solve` request: random bases and planned growth, cells, targets and a rule."""
    comps, aggs = _structure(rng)
    series = [*comps, *aggs]
    data: dict[str, Any] = {
        "components": comps,
        "aggregates": aggs,
        "base": {c: [_number(rng, 50, 9000, rng.randint(0, 3)) for _ in QUARTERS] for c in comps},
        "growth": {c: [_number(rng, -8, 30, 2) for _ in QUARTERS] for c in comps},
    }
    if rng.random() < 0.1:
        data["growth"][rng.choice(list(comps))] = [0, 0, 0, 0]
    cells = [f"{s}.{q}" for s in rng.sample(series, rng.randint(1, len(series))) for q in QUARTERS]
    data["solve"] = rng.sample(cells, rng.randint(len(cells) // 2, len(cells)))
    data["targets"] = [
        {
            "series": rng.choice(series),
            "period": rng.choice(list(PERIODS)),
            "growth": _number(rng, -3, 25, 2),
        }
        for _ in range(rng.choice((0, 1, 1, 1, 2, 3)))
    ]
    kind = rng.choice(("additive", "additive", "proportional", "fixed", None))
    if kind == "fixed":
        data["rule"] = {"kind": kind, "series": rng.sample(series, rng.randint(1, 2))}
    elif kind is not None:
        data["rule"] = {"kind": kind}
    if rng.random() < 0.5:
        data["decimals"] = rng.randint(0, 4)
    return data


def check_case(rng: random.Random) -> dict[str, Any]:
    """A published table: a true scenario's figures rounded, some then mistyped or left out."""
    comps, aggs = _structure(rng)
    base = {c: [Decimal(rng.randint(100, 9000)) for _ in QUARTERS] for c in comps}
    growth = {c: [Decimal(rng.randint(-500, 2800)) / 100 for _ in QUARTERS] for c in comps}
    s = Scenario(components=comps, aggregates=aggs, base=base, growth=growth)
    places = rng.choice((1, 2, 2, 2, 3))
    unit = Decimal(1).scaleb(-places)

    def printed(d: Decimal) -> str:
        value = d.quantize(unit, rounding="ROUND_HALF_UP")
        if rng.random() < 0.04:  # a typing error
            value += unit * rng.choice((-30, -7, -1, 1, 4, 25))
        return str(value)

    table: dict[str, dict[str, str]] = {}
    for name in s.series:
        table[name] = {}
        for p in TABLE_PERIODS:
            if rng.random() < 0.04 and name in aggs:
                continue
            table[name][p] = printed(period_growth(s, name, p))
    data: dict[str, Any] = {"growth": table, "aggregates": aggs, "decimals": places}
    contrib: dict[str, dict[str, str]] = {}
    for p in rng.sample(["H1", "H2", "year", "Q2", "9M"], rng.randint(0, 2)):
        contrib[p] = {part: printed(v) for part, v in contributions(s, "GRDP", p).items()}
    if contrib:
        data["contributions"] = contrib
    if rng.random() < 0.15:
        data["base"] = {c: [str(v) for v in qs] for c, qs in base.items()}
    return data


def cases() -> dict[str, list[dict[str, Any]]]:
    rng = random.Random(45)
    return {
        "solve": [solve_case(rng) for _ in range(SOLVE_CASES)],
        "check": [check_case(rng) for _ in range(CHECK_CASES)],
    }


def _exact(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, dict):
        return {str(k): _exact(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_exact(v) for v in value]
    return value


def _error(exc: GrowthError) -> dict[str, str]:
    return {"error": exc.message, "field": exc.field}


def solve_results(data: dict[str, Any]) -> dict[str, Any]:
    """Everything the engine says of a request: the full table it answers with, and the exact
    growth, levels, contributions and shares of the solved scenario."""
    try:
        answer = solve_request(data)
    except GrowthError as exc:
        return _error(exc)
    s, cells, targets, rule, _ = parse_request(data)
    solved, notes = s, []
    if targets:
        solved, values, notes = solve(s, cells, targets, rule)
    exact: dict[str, Any] = {"notes": notes}
    for name in solved.series:
        for p in PERIODS:
            exact[f"{name}.{p}"] = [
                period_growth(solved, name, p),
                solved.base_sum(name, p),
                solved.level_sum(name, p),
            ]
    for agg in solved.aggregates:
        for p in PERIODS:
            exact[f"{agg}.{p}.contributions"] = contributions(solved, agg, p)
            exact[f"{agg}.{p}.va_shares"] = va_shares(solved, agg, p)
    full = json.dumps([_exact(answer), _exact(exact)], ensure_ascii=False, sort_keys=True)
    # the notes and solved cells in full, to read; every other digit through its digest
    return {
        "notes": notes,
        "solved": _exact(answer["solved"]),
        "sha256": hashlib.sha256(full.encode()).hexdigest(),
    }


def check_results(data: dict[str, Any]) -> Any:
    """Every finding of a table, with its values exactly, or the error."""
    try:
        findings = check_table(data)
    except GrowthError as exc:
        return _error(exc)
    return [
        _exact([f.series, f.period, f.published, f.implied, f.message, f.as_dict()])
        for f in findings
    ]


def main() -> None:
    data = cases()
    out = {
        "solve": [{"input": c, "results": solve_results(c)} for c in data["solve"]],
        "check": [{"input": c, "results": check_results(c)} for c in data["check"]],
    }
    GOLDEN.write_text(json.dumps(out, ensure_ascii=False, separators=(",", ":")) + "\n")


if __name__ == "__main__":
    main()
