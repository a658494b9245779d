"""Evaluation: each target's status and a sentence that explains it; agency scorecards."""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from chitieu.catalog.choices import Role as RespRole
from chitieu.catalog.models import Target
from chitieu.catalog.selectors import target_in_force
from chitieu.core.aggregation import (
    Averaging,
    average_of_years,
    required_remaining_average,
    yearly_average,
)
from chitieu.core.calendar import DueRule
from chitieu.core.calendar import due_date as calendar_due_date
from chitieu.core.growth import required_average_growth
from chitieu.core.numbers import format_number
from chitieu.core.periods import Period, PeriodError, PeriodKind
from chitieu.core.targets import Direction, Kind, evaluate
from chitieu.core.targets import Status as CoreStatus
from chitieu.core.targets import Target as CoreTarget
from chitieu.core.timeliness import ADOPTION_GRACE, Owed
from chitieu.organizations.models import Organization

from .choices import Aggregation, Status
from .counting import COMMUNE_KINDS, STATUSES_OF, Basis, Counted, RollupSpec, select
from .models import Figure, ReportingSpec


@dataclass
class Evaluation:
    """A target's status with the sentence that explains it and the value it rests on."""

    target: Target
    status: str
    sentence: str
    value: Decimal | None = None
    figure: Figure | None = None
    year: int | None = None
    counted: Counted | None = None
    baseline: Counted | None = None  # the latest figure before the target's period
    basis: Basis = Basis.SIGNED
    unapproved: bool = False  # rests on at least one figure only verified
    # the provisional (tạm tính) status, set only where verified figures change what is known
    provisional: Evaluation | None = None
    # the figure the value is (a stored evaluation keeps its id only: ``figure`` is then None)
    figure_id: int | None = None
    # "at risk" only because one year in the period (and no baseline) shows no trend yet: shown
    # as a warning, never counted against the lead agency's score (decision 0053)
    trend_unknown: bool = False

    @property
    def get_status_label(self) -> str:
        return Status(self.status).label


def lower_first(text: str) -> str:
    """A period's label in the middle of a sentence: "giai đoạn 2026 - 2030", "năm 2030"."""
    return text[:1].lower() + text[1:]


def period_phrase(code: str) -> str:
    """A period as a sentence names it: "năm 2024", "quý III/2026" (the code if unreadable)."""
    try:
        return lower_first(Period.parse(code).label)
    except PeriodError:
        return code


def _fmt(d: Decimal, places: int | None = None) -> str:
    return format_number(d.normalize() if places is None else d, places)


def _goal(target: Target) -> Decimal | None:
    """The single number a target aims at, for progress sentences."""
    t = target_in_force(target).typed
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


def _slope(points: list[tuple[int, Decimal]]) -> Decimal | None:
    if len(points) < 2:
        return None
    n = Decimal(len(points))
    mx = sum(Decimal(x) for x, _ in points) / n
    my = sum(y for _, y in points) / n
    den = sum((Decimal(x) - mx) ** 2 for x, _ in points)
    return None if den == 0 else sum((Decimal(x) - mx) * (y - my) for x, y in points) / den


def responsible_for(target: Target) -> set[int]:
    """The province-level organisations whose figures count for a target: its lead agencies
    (groups such as "UBND các xã, phường" report through the roll-up instead)."""
    leads = getattr(target, "leads", None)
    if leads is None:
        leads = list(
            target.responsibilities.filter(role=RespRole.LEAD).select_related("organization")
        )
    return {r.organization_id for r in leads if not r.organization.is_group}


@dataclass
class _Years:
    """A target's counted values split into the years of its period and the baseline."""

    first: int
    last: int
    years: dict[int, Counted]  # yearly values (a multi-year value stands for its last year)
    in_period: dict[int, Counted]
    span: Counted | None  # a figure for exactly the target's period (an average per year)
    baseline: Counted | None


def _split(period: Period, values: Iterable[Counted]) -> _Years:
    first = period.year
    last = period.end_year if period.kind is PeriodKind.MULTI_YEAR else period.year
    years: dict[int, Counted] = {}
    spans: list[Counted] = []
    for c in values:
        p = c.period
        if p.kind is PeriodKind.YEAR:
            years[p.year] = c
        elif p.kind is PeriodKind.MULTI_YEAR:
            spans.append(c)
    exact = next((c for c in spans if c.period_code == period.code), None)
    # a multi-year figure (an average per year) counts for its last year when no yearly one does
    for c in sorted(spans, key=lambda c: c.period.year):
        p = c.period
        if c is exact:
            continue
        if p.end_year < first or first <= p.year:  # wholly before, or wholly inside the period
            years.setdefault(p.end_year, c)
    in_period = {y: c for y, c in years.items() if first <= y <= last}
    before = [y for y in years if y < first]
    baseline = years[max(before)] if before else None
    return _Years(first, last, years, in_period, exact, baseline)


def _year_of(c: Counted) -> int:
    """The year a value stands for: its year, or the last year of a span."""
    p = c.period
    return p.end_year if p.kind is PeriodKind.MULTI_YEAR else p.year


def _when(c: Counted) -> str:
    p = c.period
    return f"giai đoạn {p.code}" if p.kind is PeriodKind.MULTI_YEAR else f"năm {p.year}"


def _need(target: Target, value: Decimal, years_left: int) -> str:
    """What is still needed from ``value`` to the target's goal in ``years_left`` years."""
    goal = _goal(target)
    if goal is None or years_left <= 0:
        return ""
    gap = goal - value
    if target.printed_unit.strip() == "%":
        need = f": cần {'tăng' if gap > 0 else 'giảm'} thêm {_fmt(abs(gap), 1)} điểm %"
        if years_left > 1:
            need += f" ({_fmt(abs(gap) / years_left, 2)} điểm %/năm)"
        return need
    if value > 0 and goal > 0:
        rate = required_average_growth(value, goal, years_left)
        return f": cần tăng bình quân {_fmt(rate, 2)} %/năm trong {years_left} năm"
    return ""


def _in_force_prefix(target: Target) -> str:
    """Where an amendment replaced the target: the document in force and its target as printed."""
    shown = target_in_force(target)
    if shown is target:
        return ""
    text = shown.printed_text
    if shown.printed_unit and shown.printed_unit not in text:
        text += f" {shown.printed_unit}"
    return f"Theo mục tiêu điều chỉnh tại {shown.plan}: {text}. "


def _result(
    target: Target, status: str, sentence: str, c: Counted | None, y: _Years, **kw: object
) -> Evaluation:
    return Evaluation(
        target,
        status,
        _in_force_prefix(target) + sentence,
        value=c.value if c else None,
        figure=c.figure if c else None,
        year=_year_of(c) if c else None,
        counted=c,
        baseline=y.baseline,
        figure_id=c.figure.pk if c and c.figure else None,
        **kw,  # type: ignore[arg-type]
    )


def evaluate_target(
    target: Target,
    figures: Iterable[Figure],
    *,
    basis: Basis = Basis.SIGNED,
    responsible: Collection[int] | None = None,
    rollup: RollupSpec | None = None,
    part_year: Iterable[Figure] = (),
) -> Evaluation:
    """Status of a target from the figures that count (see counting.py), explained in one sentence.
    ``part_year`` (figures of months, quarters, halves) never change the status: where no yearly
    figure is in the period, the sentence names the latest of them that would count."""
    t = target.typed
    if t is None:
        return Evaluation(target, Status.NO_DATA, "Dòng tiêu đề, không có mục tiêu riêng.")
    who = responsible_for(target) if responsible is None else responsible
    chosen = select(
        figures, indicator_id=target.indicator_id, responsible=who, basis=basis, rollup=rollup
    )
    parts = select(part_year, indicator_id=target.indicator_id, responsible=who, basis=basis)
    e = _judge(target, chosen.values.values(), parts.values.values())
    e.basis = basis
    if chosen.problems:
        e.sentence += " Lưu ý: " + "; ".join(chosen.problems) + "."
    return e


def _part_year(period: Period, y: _Years, parts: Iterable[Counted], unit: str) -> str:
    """The latest year of the period with figures for part of it only: the longest from January
    (9 tháng, 6 tháng đầu năm, quý I …) and a later period if there is one, e.g. "6 tháng đầu
    năm 2026: 2.380 Tỷ đồng (ước tính); tháng 9/2026: 320 Tỷ đồng (ước tính)"."""
    inside = [c for c in parts if y.first <= c.period.year <= y.last]
    if not inside:
        return ""
    year = max(c.period.year for c in inside)
    of_year = [c for c in inside if c.period.year == year]
    from_january = [c for c in of_year if c.period.months[0] == 1]
    shown = []
    if from_january:
        shown.append(max(from_january, key=lambda c: c.period.months[1]))
    last = max(of_year, key=lambda c: (c.period.months[1], -c.period.months[0]))
    if not shown or last.period.months[1] > shown[0].period.months[1]:
        shown.append(last)

    def one(c: Counted) -> str:
        return f"{lower_first(c.period.label)}: {_fmt(c.value)}{unit} ({c.vintage_label.lower()})"

    return "; ".join(one(c) for c in shown)


def _judge(target: Target, values: Iterable[Counted], parts: Iterable[Counted] = ()) -> Evaluation:
    # judged against the target in force for its period: its own, or the amending one (0039)
    t = target_in_force(target).typed
    assert t is not None
    period = Period.parse(target.period_code)
    y = _split(period, values)
    unit = f" {target.printed_unit}" if target.printed_unit else ""
    described = t.describe()
    averaging = (
        yearly_average(f"{target.printed_name} {target.indicator.name}")
        if period.kind is PeriodKind.MULTI_YEAR
        else None
    )
    if averaging is not None:
        described += f" bình quân mỗi năm giai đoạn {period.code}"
    used = list(y.in_period.values()) + ([y.span] if y.span else [])
    unapproved = any(c.unapproved for c in used)
    if not used:
        # figures for part of a year are said, never judged: the status stays the yearly one
        part = _part_year(period, y, parts, unit)
        if y.baseline is None:
            said = f"Chưa có số liệu cả năm; {part}" if part else "Chưa có số liệu"
            return _result(
                target,
                Status.NO_DATA,
                f"{said}; mục tiêu {described} ({lower_first(period.label)}).",
                None,
                y,
            )
        b = y.baseline
        # a pace per year (giảm … %/năm) or an average has no distance left to cover
        paced = averaging is not None or t.kind in (Kind.REDUCE_BY, Kind.INCREASE_BY)
        need = "" if paced else _need(target, b.value, y.last - _year_of(b))
        until = f" đến {y.last}" if period.kind is PeriodKind.MULTI_YEAR and not averaging else ""
        sentence = (
            f"Chưa có số liệu {'cả năm ' if part else ''}trong kỳ ({lower_first(period.label)})"
            f"{'; ' + part if part else ''}; số liệu gốc {_when(b)}{b.origin}, "
            f"trước kỳ kế hoạch: {_fmt(b.value)}{unit}; mục tiêu {described}"
            f"{until}{need}."
        )
        return _result(target, Status.BASELINE, sentence, None, y, unapproved=b.unapproved)
    if averaging is not None:
        e = _judge_average(target, t, y, averaging, unit, described)
    else:
        e = _judge_level(target, t, y, unit, described)
    e.unapproved = unapproved
    return e


def _judge_average(
    target: Target, t: CoreTarget, y: _Years, averaging: Averaging, unit: str, described: str
) -> Evaluation:
    """A target that is a yearly average over its period: judged on the average of its years."""
    direction = Direction(target.indicator.direction)
    geometric = averaging is Averaging.GEOMETRIC
    n = y.last - y.first + 1
    known = {yr: c for yr, c in y.in_period.items() if c.period.kind is PeriodKind.YEAR}
    if y.span is not None:
        value, c, complete = y.span.value, y.span, True
        head = f"Bình quân giai đoạn {y.span.period_code} đạt {_fmt(value)}{unit}{y.span.origin}"
    else:
        ordered = sorted(known)
        value = average_of_years([known[yr].value for yr in ordered], geometric=geometric)
        c = known[ordered[-1]]
        complete = len(ordered) == n
        parts = ", ".join(f"{yr}: {_fmt(known[yr].value)}{known[yr].origin}" for yr in ordered)
        span = str(ordered[0]) if len(ordered) == 1 else f"{ordered[0]}-{ordered[-1]}"
        how = "bình quân nhân" if geometric else "bình quân"
        head = f"{how.capitalize()} năm {span} đạt {_fmt(value, 2)}{unit} ({parts})"
    core = evaluate(t, value, direction)
    if complete:
        status = {CoreStatus.ACHIEVED: Status.ACHIEVED, CoreStatus.EXCEEDED: Status.EXCEEDED}.get(
            core, Status.MISSED
        )
        verdict = {Status.ACHIEVED: "đạt", Status.EXCEEDED: "vượt", Status.MISSED: "không đạt"}[
            status
        ]
        return _result(target, status, f"{head}; mục tiêu {described}: {verdict}.", c, y)
    if core in (CoreStatus.ACHIEVED, CoreStatus.EXCEEDED):
        where = "đã vượt mức" if core is CoreStatus.EXCEEDED else "đang ở mức"
        return _result(target, Status.ON_TRACK, f"{head}; {where} mục tiêu {described}.", c, y)
    goal = _goal(target)
    missing = n - len(known)
    need = ""
    if goal is not None:
        rest = required_remaining_average(
            [known[yr].value for yr in sorted(known)], goal, n, geometric=geometric
        )
        if rest is not None:
            need = f": {missing} năm còn lại cần bình quân {_fmt(rest, 2)}{unit} mỗi năm"
    return _result(target, Status.AT_RISK, f"{head}; mục tiêu {described}{need}.", c, y)


def _judge_level(target: Target, t: CoreTarget, y: _Years, unit: str, described: str) -> Evaluation:
    """A level (or a yearly pace) to reach by the end of the period, judged on the latest year."""
    by_year = y.in_period
    end_year = y.last
    year = max(by_year)
    c = by_year[year]
    value = c.value
    direction = Direction(target.indicator.direction)
    core = evaluate(t, value, direction)
    meets = core in (CoreStatus.ACHIEVED, CoreStatus.EXCEEDED)
    # "Đạt 98,2 %" read as "achieved" beside a status that says it is not: a value short of the
    # target "only so far" (before the end) or "only" (at the end) reaches it (decision 0053)
    reached = "Đạt" if meets else ("Chỉ đạt" if year >= end_year else "Mới đạt")
    head = f"{reached} {_fmt(value)}{unit} {_when(c)}{c.origin}"
    if year >= end_year:
        status = {CoreStatus.ACHIEVED: Status.ACHIEVED, CoreStatus.EXCEEDED: Status.EXCEEDED}.get(
            core, Status.MISSED
        )
        verdict = {Status.ACHIEVED: "đạt", Status.EXCEEDED: "vượt", Status.MISSED: "không đạt"}[
            status
        ]
        return _result(target, status, f"{head}; mục tiêu {described}: {verdict}.", c, y)
    # Before the end of the period a target is on track or at risk; it is judged only at the end.
    if t.kind in (Kind.REDUCE_BY, Kind.INCREASE_BY):
        pace = "nhịp hiện nay đủ" if meets else "nhịp hiện nay chưa đủ"
        return _result(
            target,
            Status.ON_TRACK if meets else Status.AT_RISK,
            f"{head}; mục tiêu {described} đến {end_year}: {pace}.",
            c,
            y,
        )
    if meets:
        # above a range (or beyond a bound) is past the target, not "at" it
        where = "đã vượt mức" if core is CoreStatus.EXCEEDED else "đang ở mức"
        return _result(
            target,
            Status.ON_TRACK,
            f"{head}; {where} mục tiêu {described} đến {end_year}.",
            c,
            y,
        )
    years_left = end_year - year
    sentence = f"{head}; mục tiêu {described} đến {end_year}{_need(target, value, years_left)}"
    # The trend starts from the baseline (the last year before the period): progress is the
    # change since then, never the years before it.
    points = sorted((yr, v.value) for yr, v in by_year.items())
    if y.baseline is not None:
        points = [(_year_of(y.baseline), y.baseline.value), *points]
    slope = _slope(points[-5:])
    if slope is None:
        return _result(
            target,
            Status.AT_RISK,
            f"{sentence}; chưa đủ số liệu các năm để thấy xu hướng (cần ít nhất hai năm), nên "
            "chưa tính vào điểm của cơ quan chủ trì.",
            c,
            y,
            trend_unknown=True,
        )
    projected = value + slope * years_left
    if evaluate(t, projected, direction) in (CoreStatus.ACHIEVED, CoreStatus.EXCEEDED):
        return _result(
            target,
            Status.ON_TRACK,
            f"{sentence}; theo xu hướng từ năm {points[-5:][0][0]} sẽ đạt {_fmt(projected, 1)}{unit} vào {end_year}.",
            c,
            y,
        )
    return _result(
        target,
        Status.AT_RISK,
        f"{sentence}; theo xu hướng từ năm {points[-5:][0][0]} chỉ đạt {_fmt(projected, 1)}{unit} vào {end_year}.",
        c,
        y,
    )


def active_communes() -> int:
    """How many communes and wards the province has now: what a complete roll-up covers."""
    return Organization.objects.filter(kind__in=COMMUNE_KINDS, active=True).count()


def rollup_specs(
    indicator_ids: Collection[int], *, expected: int | None = None
) -> dict[int, RollupSpec]:
    """The commune roll-up rule of each indicator that has one (two queries at most; one when
    the caller already counted the communes and wards, ``expected``)."""
    specs = list(
        ReportingSpec.objects.filter(indicator_id__in=indicator_ids).exclude(
            aggregation=Aggregation.NONE
        )
    )
    if not specs:
        return {}
    if expected is None:
        expected = active_communes()
    return {
        s.indicator_id: RollupSpec(Aggregation(s.aggregation), expected, s.aggregation_weight_id)
        for s in specs
    }


# what choosing the figure that counts reads of a figure and its organisation
_COUNTED_FIELDS = (
    "indicator_id",
    "period_code",
    "vintage",
    "value",
    "status",
    "updated_at",
    "organization_id",
    "organization__kind",
    "organization__name",
)


def counting_figures(
    indicator_ids: Collection[int], specs: dict[int, RollupSpec], basis: Basis
) -> dict[int, list[Figure]]:
    """Yearly and multi-year figures that may count, by indicator (weights filed under the
    indicator they weigh), in one query."""
    weight_of: dict[int, list[int]] = defaultdict(list)
    for ind, spec in specs.items():
        if spec.weight_indicator_id is not None:
            weight_of[spec.weight_indicator_id].append(ind)
    out: dict[int, list[Figure]] = defaultdict(list)
    qs = (
        Figure.objects.filter(
            indicator_id__in={*indicator_ids, *weight_of},
            period_kind__in=[PeriodKind.YEAR, PeriodKind.MULTI_YEAR],
            status__in=STATUSES_OF[basis],
        )
        .select_related("organization")
        .only(*_COUNTED_FIELDS)
    )
    for f in qs:
        if f.indicator_id in indicator_ids:
            out[f.indicator_id].append(f)
        for ind in weight_of.get(f.indicator_id, []):
            out[ind].append(f)
    return out


def evaluate_targets(
    targets: list[Target],
    *,
    provisional: bool = False,
    specs: dict[int, RollupSpec] | None = None,
    figures: dict[int, list[Figure]] | None = None,
) -> list[Evaluation]:
    """Evaluate many targets on approved figures with one query for their figures; with
    ``provisional`` each evaluation also carries its tạm tính status where verified figures
    change it (same query: the signed one simply ignores the verified figures). A caller that
    already holds the specs and figures (fetched with the provisional basis) passes them."""
    ids = {t.indicator_id for t in targets}
    if specs is None:
        specs = rollup_specs(ids)
    if figures is None:
        figures = counting_figures(ids, specs, Basis.PROVISIONAL if provisional else Basis.SIGNED)
    out = [_evaluate(t, figures, specs, provisional) for t in targets]
    # a target with no yearly figure in its period names its part-year ones: read (one query)
    # only for those
    waiting = [i for i, e in enumerate(out) if e.status in NOT_JUDGED and targets[i].typed]
    if waiting:
        part_year = part_year_figures(
            {targets[i].indicator_id for i in waiting},
            Basis.PROVISIONAL if provisional else Basis.SIGNED,
        )
        for i in waiting:
            if targets[i].indicator_id in part_year:
                out[i] = _evaluate(targets[i], figures, specs, provisional, part_year)
    return out


def _evaluate(
    t: Target,
    figures: dict[int, list[Figure]],
    specs: dict[int, RollupSpec],
    provisional: bool,
    part_year: dict[int, list[Figure]] | None = None,
) -> Evaluation:
    figs = figures.get(t.indicator_id, [])
    parts = (part_year or {}).get(t.indicator_id, [])
    responsible = responsible_for(t)
    spec = specs.get(t.indicator_id)
    e = evaluate_target(t, figs, responsible=responsible, rollup=spec, part_year=parts)
    if provisional and t.typed is not None:
        p = evaluate_target(
            t, figs, basis=Basis.PROVISIONAL, responsible=responsible, rollup=spec, part_year=parts
        )
        if p.unapproved:
            e.provisional = p
    return e


def part_year_figures(indicator_ids: Collection[int], basis: Basis) -> dict[int, list[Figure]]:
    """Province-level figures of months, quarters and halves that may count, by indicator (one
    query): what a target without a yearly figure names beside its status."""
    out: dict[int, list[Figure]] = defaultdict(list)
    qs = (
        Figure.objects.filter(indicator_id__in=list(indicator_ids), status__in=STATUSES_OF[basis])
        .exclude(period_kind__in=[PeriodKind.YEAR, PeriodKind.MULTI_YEAR])
        .exclude(organization__kind__in=COMMUNE_KINDS)
        .select_related("organization")
        .only(*_COUNTED_FIELDS)
    )
    for f in qs:
        out[f.indicator_id].append(f)
    return out


# -- scorecards -------------------------------------------------------------------------------
# the weights of the two parts of an agency's score
TARGET_WEIGHT = Decimal("0.7")
TIMELINESS_WEIGHT = Decimal("0.3")
# how the figures' deadline moves off a day off, as the working calendar moves it (Shift)
DEADLINE_SHIFT = {
    "next": "nếu ngày đó là ngày nghỉ (thứ Bảy, Chủ nhật, ngày lễ, ngày nghỉ bù) thì hạn là ngày "
    "làm việc kế tiếp",
    "previous": "nếu ngày đó là ngày nghỉ (thứ Bảy, Chủ nhật, ngày lễ, ngày nghỉ bù) thì hạn là "
    "ngày làm việc liền trước",
    "none": "kể cả khi ngày đó là ngày nghỉ",
}


def score_rules(shift: str = "next") -> list[str]:
    """How an agency's score is computed, as the scorecard and its exports print it; ``shift``
    is the working calendar's rule for a deadline that falls on a day off (core.calendar.Shift)."""
    grace = ADOPTION_GRACE.days
    return [
        "Điểm chỉ tiêu (70 %): tỷ lệ mục tiêu chủ trì ở trạng thái Đạt, Vượt hoặc Đúng tiến độ "
        "trong số mục tiêu đã có số liệu.",
        "Điểm đúng hạn (30 %): trong số số liệu và báo cáo định kỳ đã quá hạn gửi, tỷ lệ được gửi "
        "đúng hạn; số liệu, báo cáo gửi trễ và số liệu, báo cáo quá hạn mà chưa gửi đều tính là "
        "không đúng hạn (chưa gửi không được lợi hơn gửi trễ). Hạn gửi số liệu: ngày 12 tháng "
        f"sau kỳ, {DEADLINE_SHIFT.get(str(shift), DEADLINE_SHIFT['next'])}, như trang nhập số "
        "liệu và lịch báo cáo; báo cáo: theo lịch báo cáo.",
        "Số liệu phải gửi: mỗi chỉ tiêu kế hoạch giao cơ quan chủ trì hoặc phối hợp, cho từng "
        "kỳ báo cáo của chỉ tiêu trong các năm của kế hoạch và năm trước kỳ kế hoạch (số liệu "
        "gốc). Kế hoạch không đòi được số liệu trước khi ban hành: hạn nào rơi trước ngày ban "
        f"hành kế hoạch hoặc trong {grace} ngày sau đó được tính là ngày thứ {grace} sau ngày "
        "ban hành (cùng quy tắc ngày nghỉ). Số liệu đã có trong hệ thống từ văn bản, không qua "
        "gửi, không tính.",
        "Điểm tổng = 70 % điểm chỉ tiêu + 30 % điểm đúng hạn. Khi một phần chưa tính được (chưa "
        "có mục tiêu nào có số liệu để chấm, hoặc chưa có số liệu, báo cáo nào quá hạn gửi), "
        "điểm tổng là điểm của phần còn lại (trọng số của nó tính lại thành 100 %), không coi "
        "phần thiếu là 0 điểm; khi thiếu cả hai thì chưa có điểm tổng.",
        "Mục tiêu chưa có số liệu trong kỳ (kể cả khi đã có số liệu gốc trước kỳ) không tính vào "
        "điểm chỉ tiêu nhưng được liệt kê.",
        "Mục tiêu chưa đạt mức mục tiêu nhưng mới có số liệu một năm trong kỳ (chưa có số liệu "
        "gốc) được cảnh báo “Có nguy cơ không đạt” vì chưa thấy xu hướng, nhưng không tính vào "
        "điểm chỉ tiêu cho đến khi có số liệu năm thứ hai.",
        "Chỉ tính số liệu đã được Sở Tài chính duyệt của cơ quan chủ trì hoặc Thống kê tỉnh "
        "(hoặc tổng hợp từ đủ các xã, phường); số liệu của cơ quan phối hợp, số liệu nháp, đã "
        "gửi, bị trả lại không làm thay đổi trạng thái.",
    ]


SCORE_RULES = score_rules()
AGENCY_DEADLINE = DueRule(12)
GOOD = {Status.ACHIEVED, Status.EXCEEDED, Status.ON_TRACK}
# a baseline before the period says where the target starts, not how the agency is doing
NOT_JUDGED = {Status.NO_DATA, Status.BASELINE}


@functools.lru_cache(maxsize=4096)
def due_date(period_code: str) -> date:
    """Agencies report by the 12th of the month after the period ends."""
    return calendar_due_date(Period.parse(period_code), AGENCY_DEADLINE)


@dataclass
class Scorecard:
    evaluations: list[Evaluation] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    # figures and reports past their deadline (``due``) and how many of them came in by it
    on_time: int = 0
    due: int = 0
    figures_due: int = 0  # of ``due``, the figures; the rest are reporting obligations
    late: list[Owed] = field(default_factory=list)  # the figures due not sent on time
    missed_obligations: int = 0  # reporting obligations sent late or not at all

    @property
    def judged(self) -> list[Evaluation]:
        """The evaluations the target score counts: those with figures in the period, less
        those "at risk" only for want of a trend."""
        return [e for e in self.evaluations if e.status not in NOT_JUDGED and not e.trend_unknown]

    @property
    def unscored(self) -> list[Evaluation]:
        """At risk only for want of a trend: listed, not counted (decision 0053)."""
        return [e for e in self.evaluations if e.trend_unknown and e.status not in NOT_JUDGED]

    @property
    def good(self) -> int:
        return sum(1 for e in self.judged if e.status in GOOD)

    @property
    def target_score(self) -> Decimal | None:
        judged = self.judged
        if not judged:
            return None
        return Decimal(self.good) / len(judged) * 100

    @property
    def timeliness_score(self) -> Decimal | None:
        return None if not self.due else Decimal(self.on_time) / self.due * 100

    @property
    def timeliness_explanation(self) -> str:
        """What the on-time part counted: the figures and reports due, sent late, never sent."""
        if not self.due:
            return "chưa có số liệu, báo cáo nào quá hạn gửi"
        missing = sum(1 for o in self.late if o.sent_on is None)
        figures = self.figures_due - len(self.late)
        parts = [f"số liệu {figures}/{self.figures_due}"]
        if self.late:
            parts[0] += f" ({len(self.late) - missing} gửi trễ, {missing} quá hạn chưa gửi)"
        reports = self.due - self.figures_due
        if reports:
            parts.append(f"báo cáo định kỳ {reports - self.missed_obligations}/{reports}")
        return (
            f"{self.on_time}/{self.due} số liệu, báo cáo đã quá hạn được gửi đúng hạn: "
            + "; ".join(parts)
        )

    @property
    def score(self) -> Decimal | None:
        """The weighted mean of the parts that can be computed: a missing part is left out and
        the other's weight renormalised, never counted as 0 (decision 0053)."""
        parts = [
            (w, v)
            for w, v in (
                (TARGET_WEIGHT, self.target_score),
                (TIMELINESS_WEIGHT, self.timeliness_score),
            )
            if v is not None
        ]
        if not parts:
            return None
        return sum((w * v for w, v in parts), Decimal(0)) / sum(w for w, _ in parts)

    @property
    def score_explanation(self) -> str:
        """How the total was computed from the parts, with the numbers, in one sentence."""
        a, b, total = self.target_score, self.timeliness_score, self.score
        f = functools.partial(format_number, decimals=1)
        if total is None:
            return (
                "Chưa có điểm tổng: chưa có mục tiêu chủ trì nào có số liệu để chấm điểm chỉ "
                "tiêu và chưa có số liệu, báo cáo nào đến hạn gửi."
            )
        if a is not None and b is not None:
            return f"Điểm tổng = 70 % × {f(a)} (chỉ tiêu) + 30 % × {f(b)} (đúng hạn) = {f(total)}."
        if a is None:
            assert b is not None
            return (
                f"Điểm tổng = điểm đúng hạn {f(b)}: chưa có mục tiêu chủ trì nào có số liệu để "
                "chấm điểm chỉ tiêu, nên điểm tổng chỉ tính phần đúng hạn (trọng số 30 % tính "
                "lại thành 100 %), không coi phần chỉ tiêu là 0 điểm."
            )
        return (
            f"Điểm tổng = điểm chỉ tiêu {f(a)}: chưa có số liệu, báo cáo nào đến hạn gửi, nên "
            "điểm tổng chỉ tính phần chỉ tiêu (trọng số 70 % tính lại thành 100 %)."
        )

    @property
    def target_explanation(self) -> str:
        """Which targets the target score counts, and which it leaves out and why."""
        judged, unscored = len(self.judged), len(self.unscored)
        text = f"{self.good}/{judged} mục tiêu đã chấm ở trạng thái Đạt, Vượt hoặc Đúng tiến độ"
        if not judged:
            text = "chưa có mục tiêu nào có số liệu để chấm"
        left = []
        # named as the status bar above names them, each apart
        for status in sorted(NOT_JUDGED, key=lambda s: s != Status.BASELINE):
            n = sum(1 for e in self.evaluations if e.status == status)
            if n:
                left.append(f"{n} mục tiêu {Status(status).label.lower()}")
        if unscored:
            left.append(f"{unscored} mục tiêu mới có số liệu một năm, chưa thấy xu hướng")
        return text + (f"; không tính {', '.join(left)}" if left else "")


def scorecard(targets: list[Target], *, evaluations: list[Evaluation] | None = None) -> Scorecard:
    """An agency's scorecard from the targets it leads, the on-time part still to be filled in
    (``selectors.agency_scorecard`` counts the figures owed). A caller that already holds the
    targets' (signed) evaluations, stored ones, passes them instead of evaluating again."""
    card = Scorecard(evaluations=evaluate_targets(targets) if evaluations is None else evaluations)
    for e in card.evaluations:
        card.counts[e.status] = card.counts.get(e.status, 0) + 1
    return card
