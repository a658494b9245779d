"""Evaluation: each target's status and a sentence that explains it; agency scorecards."""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.utils import timezone

from chitieu.catalog.models import Target
from chitieu.core.calendar import DueRule
from chitieu.core.calendar import due_date as calendar_due_date
from chitieu.core.growth import required_average_growth
from chitieu.core.numbers import format_number
from chitieu.core.periods import Period, PeriodKind
from chitieu.core.targets import Direction, Kind, evaluate
from chitieu.core.targets import Status as CoreStatus

from .choices import VINTAGE_RANK, Status
from .models import Figure


@dataclass
class Evaluation:
    target: Target
    status: str
    sentence: str
    value: Decimal | None = None
    figure: Figure | None = None
    year: int | None = None

    @property
    def get_status_label(self) -> str:
        return Status(self.status).label


def _fmt(d: Decimal, places: int | None = None) -> str:
    return format_number(d.normalize() if places is None else d, places)


def _goal(target: Target) -> Decimal | None:
    """The single number a target aims at, for progress sentences."""
    t = target.typed
    if t is None:
        return None
    down = target.indicator.direction == Direction.DOWN
    match t.kind:
        case Kind.RANGE:
            return t.high if down else t.low
        case Kind.MIN:
            return t.low
        case Kind.MAX:
            return t.high
        case _:
            return t.value


def yearly_figures(figures: Iterable[Figure]) -> dict[int, Figure]:
    """The best figure of each year (official over preliminary over estimate, then the latest)."""
    best: dict[int, Figure] = {}
    spans: dict[
        int, Figure
    ] = {}  # a multi-year figure (an average per year) counts for its last year
    for f in figures:
        p = Period.parse(f.period_code)
        if p.kind is PeriodKind.MULTI_YEAR:
            spans[p.end_year] = f
            continue
        if p.kind is not PeriodKind.YEAR:
            continue
        cur = best.get(p.year)
        if cur is None or (VINTAGE_RANK.get(f.vintage, 0), f.updated_at) > (
            VINTAGE_RANK.get(cur.vintage, 0),
            cur.updated_at,
        ):
            best[p.year] = f
    for year, f in spans.items():
        best.setdefault(year, f)
    return best


def _slope(points: list[tuple[int, Decimal]]) -> Decimal | None:
    if len(points) < 2:
        return None
    n = Decimal(len(points))
    mx = sum(Decimal(x) for x, _ in points) / n
    my = sum(y for _, y in points) / n
    den = sum((Decimal(x) - mx) ** 2 for x, _ in points)
    return None if den == 0 else sum((Decimal(x) - mx) * (y - my) for x, y in points) / den


def evaluate_target(target: Target, figures: Iterable[Figure]) -> Evaluation:
    """Status of a target from the indicator's yearly figures, explained in one sentence."""
    t = target.typed
    if t is None:
        return Evaluation(target, Status.NO_DATA, "Dòng tiêu đề, không có mục tiêu riêng.")
    period = Period.parse(target.period_code)
    end_year = period.end_year if period.kind is PeriodKind.MULTI_YEAR else period.year
    by_year = {y: f for y, f in yearly_figures(figures).items() if y <= end_year}
    unit = f" {target.printed_unit}" if target.printed_unit else ""
    described = t.describe()
    if not by_year:
        return Evaluation(
            target, Status.NO_DATA, f"Chưa có số liệu; mục tiêu {described} ({period.label})."
        )
    year = max(by_year)
    fig = by_year[year]
    value = fig.value
    direction = Direction(target.indicator.direction)
    core = evaluate(t, value, direction)
    when = Period.parse(fig.period_code)
    head = f"Đạt {_fmt(value)}{unit} {'giai đoạn ' + when.code if when.kind is PeriodKind.MULTI_YEAR else 'năm ' + str(year)}"
    if year >= end_year:
        status = {CoreStatus.ACHIEVED: Status.ACHIEVED, CoreStatus.EXCEEDED: Status.EXCEEDED}.get(
            core, Status.MISSED
        )
        verdict = {Status.ACHIEVED: "đạt", Status.EXCEEDED: "vượt", Status.MISSED: "không đạt"}[
            status
        ]
        return Evaluation(
            target, status, f"{head}; mục tiêu {described}: {verdict}.", value, fig, year
        )
    # Before the end of the period a target is on track or at risk; it is judged only at the end.
    meets = core in (CoreStatus.ACHIEVED, CoreStatus.EXCEEDED)
    if t.kind in (Kind.REDUCE_BY, Kind.INCREASE_BY):
        pace = "nhịp hiện nay đủ" if meets else "nhịp hiện nay chưa đủ"
        return Evaluation(
            target,
            Status.ON_TRACK if meets else Status.AT_RISK,
            f"{head}; mục tiêu {described} đến {end_year}: {pace}.",
            value,
            fig,
            year,
        )
    if meets:
        return Evaluation(
            target,
            Status.ON_TRACK,
            f"{head}; đang ở mức mục tiêu {described} đến {end_year}.",
            value,
            fig,
            year,
        )
    years_left = end_year - year
    goal = _goal(target)
    need = ""
    if goal is not None:
        gap = goal - value
        if target.printed_unit.strip() == "%":
            need = f": cần {'tăng' if gap > 0 else 'giảm'} thêm {_fmt(abs(gap), 1)} điểm %"
            if years_left > 1:
                need += f" ({_fmt(abs(gap) / years_left, 2)} điểm %/năm)"
        elif value > 0 and goal > 0:
            rate = required_average_growth(value, goal, years_left)
            need = f": cần tăng bình quân {_fmt(rate, 2)} %/năm trong {years_left} năm"
    sentence = f"{head}; mục tiêu {described} đến {end_year}{need}"
    slope = _slope(sorted((y, f.value) for y, f in by_year.items())[-5:])
    if slope is None:
        return Evaluation(
            target,
            Status.AT_RISK,
            f"{sentence}; chưa đủ số liệu các năm để thấy xu hướng.",
            value,
            fig,
            year,
        )
    projected = value + slope * years_left
    if evaluate(t, projected, direction) in (CoreStatus.ACHIEVED, CoreStatus.EXCEEDED):
        return Evaluation(
            target,
            Status.ON_TRACK,
            f"{sentence}; theo xu hướng các năm gần đây sẽ đạt {_fmt(projected, 1)}{unit} vào {end_year}.",
            value,
            fig,
            year,
        )
    return Evaluation(
        target,
        Status.AT_RISK,
        f"{sentence}; theo xu hướng chỉ đạt {_fmt(projected, 1)}{unit} vào {end_year}.",
        value,
        fig,
        year,
    )


def evaluate_targets(targets: list[Target]) -> list[Evaluation]:
    """Evaluate many targets with one query for their figures."""
    ids = {t.indicator_id for t in targets}
    figures: dict[int, list[Figure]] = defaultdict(list)
    yearly = Figure.objects.filter(
        indicator_id__in=ids, period_kind__in=[PeriodKind.YEAR, PeriodKind.MULTI_YEAR]
    )
    for f in yearly.only(
        "indicator_id", "period_code", "vintage", "value", "updated_at", "organization_id"
    ):
        figures[f.indicator_id].append(f)
    return [evaluate_target(t, figures[t.indicator_id]) for t in targets]


# -- scorecards -------------------------------------------------------------------------------
SCORE_RULES = [
    "Điểm chỉ tiêu (70 %): tỷ lệ mục tiêu chủ trì ở trạng thái Đạt, Vượt hoặc Đúng tiến độ trong số mục tiêu đã có số liệu.",
    "Điểm đúng hạn (30 %): tỷ lệ số liệu và báo cáo định kỳ gửi đúng hạn (số liệu: ngày 12 tháng sau kỳ; "
    "báo cáo: theo lịch báo cáo); báo cáo quá hạn chưa gửi tính là không đúng hạn.",
    "Mục tiêu chưa có số liệu không tính vào điểm chỉ tiêu nhưng được liệt kê.",
]
AGENCY_DEADLINE = DueRule(12)
GOOD = {Status.ACHIEVED, Status.EXCEEDED, Status.ON_TRACK}


@functools.lru_cache(maxsize=4096)
def due_date(period_code: str) -> date:
    """Agencies report by the 12th of the month after the period ends."""
    return calendar_due_date(Period.parse(period_code), AGENCY_DEADLINE)


@dataclass
class Scorecard:
    evaluations: list[Evaluation] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    on_time: int = 0
    submitted: int = 0
    late: list[Figure] = field(default_factory=list)
    missed_obligations: int = 0  # reporting obligations sent late or not at all

    @property
    def target_score(self) -> Decimal | None:
        judged = [e for e in self.evaluations if e.status != Status.NO_DATA]
        if not judged:
            return None
        return Decimal(sum(1 for e in judged if e.status in GOOD)) / len(judged) * 100

    @property
    def timeliness_score(self) -> Decimal | None:
        return None if not self.submitted else Decimal(self.on_time) / self.submitted * 100

    @property
    def score(self) -> Decimal | None:
        a, b = self.target_score, self.timeliness_score
        if a is None and b is None:
            return None
        return (a or Decimal(0)) * Decimal("0.7") + (
            b if b is not None else (a or Decimal(0))
        ) * Decimal("0.3")


def scorecard(
    targets: list[Target], figures: list[Figure], due: Callable[[str], date] = due_date
) -> Scorecard:
    """An agency's scorecard from the targets it leads and the figures it submitted; ``due``
    gives a period's deadline (by default the 12th, unshifted)."""
    card = Scorecard(evaluations=evaluate_targets(targets))
    for e in card.evaluations:
        card.counts[e.status] = card.counts.get(e.status, 0) + 1
    for f in figures:
        if f.submitted_at is None:
            continue
        card.submitted += 1
        submitted_on = (
            timezone.localtime(f.submitted_at).date()
            if isinstance(f.submitted_at, datetime)
            else f.submitted_at
        )
        if submitted_on <= due(f.period_code):
            card.on_time += 1
        else:
            card.late.append(f)
    return card
