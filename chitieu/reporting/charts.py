"""The targets an indicator's chart draws, worked out once on the server (decision 0054): each
numeric target as a band (a range) or a line (a bound or a value) over the years of its plan's
period, the same target of several plans drawn once, and the levels the value axis must reach."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from chitieu.catalog.models import Target
from chitieu.core.periods import Period, PeriodError

from .evaluation import lower_first

# one colour per target drawn, the same on the chart and in its key
BAND_COLOURS = ("#2b8a3e", "#0b7285", "#5f3dc4", "#9c6500")
LINE_COLOURS = ("#a4161a", "#c2410c", "#6b21a8", "#1d4ed8")


def _years(period_code: str) -> tuple[int, int] | None:
    try:
        p = Period.parse(period_code)
    except PeriodError:
        return None
    return p.start.year, p.end.year


def target_marks(targets: Iterable[Target]) -> list[dict[str, Any]]:
    """The bands and lines of the chart. Targets that set the same level are one mark naming each
    target and period once. A change ("giảm 2 %/năm") is drawn as its level too: evaluation reads
    an indicator with such a target as the change achieved (core.targets.evaluate), so its
    figures and its target are on one scale."""
    marks: dict[tuple[str, float, float], dict[str, Any]] = {}
    for t in targets:
        typed = t.typed
        span = _years(t.period_code)
        if typed is None or span is None:
            continue
        period = lower_first(t.period_label)
        text = typed.describe()
        low = typed.low if typed.low is not None else typed.value
        high = typed.high if typed.high is not None else typed.value
        if low is None and high is None:
            continue
        shape = "band" if low is not None and high is not None and low != high else "line"
        lo = float(low if low is not None else high)  # type: ignore[arg-type]
        hi = float(high if high is not None else low)  # type: ignore[arg-type]
        key = (shape, lo, hi)
        mark = marks.get(key)
        if mark is None:
            mark = marks[key] = {
                "shape": shape,
                "kind": str(typed.kind),
                "low": lo,
                "high": hi,
                "from": span[0],
                "to": span[1],
                "texts": [],
                "periods": [],
                "plans": [],
            }
        mark["from"], mark["to"] = min(mark["from"], span[0]), max(mark["to"], span[1])
        for name, value in (("texts", text), ("periods", period), ("plans", str(t.plan))):
            if value not in mark[name]:
                mark[name].append(value)
    out = sorted(marks.values(), key=lambda m: (m["from"], m["low"], m["high"]))
    bands = lines = 0
    for m in out:
        if m["shape"] == "band":
            m["colour"] = BAND_COLOURS[bands % len(BAND_COLOURS)]
            bands += 1
        else:
            m["colour"] = LINE_COLOURS[lines % len(LINE_COLOURS)]
            lines += 1
        m["name"] = f"Mục tiêu {' / '.join(m['texts'])} ({'; '.join(m['periods'])})"
    return out


def axis_years(figure_years: Iterable[int], marks: Sequence[dict[str, Any]]) -> list[int]:
    """Every year from the first figure or target to the last, so a target's period is on the
    axis even before any figure of it exists."""
    ends = [*figure_years, *(m["from"] for m in marks), *(m["to"] for m in marks)]
    return list(range(min(ends), max(ends) + 1)) if ends else []


def value_range(values: Iterable[float | None], marks: Sequence[dict[str, Any]]) -> list[float]:
    """The lowest and highest level the value axis must show: figures and targets alike."""
    levels = [v for v in values if v is not None]
    levels += [m["low"] for m in marks] + [m["high"] for m in marks]
    return [min(levels), max(levels)] if levels else []
