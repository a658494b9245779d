"""Reads for the scenario against its actuals: the best approved figure of each series and period,
the version in force when a period ended, the rest of the year solved again, and the gap in words."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from chitieu.core.calendar import VN
from chitieu.core.growth import GrowthError, Scenario, period_growth
from chitieu.core.growth.actuals import Actual, Replan, gap_sentence, looks_like_index, replan
from chitieu.core.growth.model import PERIOD_LABELS, PERIODS, QUARTERS
from chitieu.core.growth.report import parse_request
from chitieu.core.growth.solve import Rule, TargetSpec
from chitieu.core.numbers import format_number
from chitieu.core.periods import Period
from chitieu.reporting.choices import VINTAGE_RANK, FigureStatus, Vintage
from chitieu.reporting.models import Figure

from .models import GrowthScenario, ScenarioVersion, SeriesIndicator
from .selectors import display_order, series_labels

# How the task force names each part of GRDP in its sentences.
SENTENCE_LABELS = {
    "A": "khu vực nông, lâm nghiệp và thủy sản",
    "IC": "khu vực công nghiệp và xây dựng",
    "S": "khu vực dịch vụ",
    "T": "thuế sản phẩm trừ trợ cấp sản phẩm",
}
KEYS = ("Q1", "Q2", "H1", "Q3", "9M", "Q4", "H2", "year")


@dataclass(frozen=True)
class ActualFigure:
    """An approved figure standing as the actual of a series and period."""

    value: Decimal
    vintage: str
    figure_id: int

    @property
    def vintage_label(self) -> str:
        return Vintage(self.vintage).label


@dataclass
class GrowthStatus:
    """A period of the year: actual against the scenario in force, and what the rest must bring."""

    scenario: GrowthScenario
    version: ScenarioVersion
    period: str  # "H1"
    period_code: str  # "2026-H1"
    top: str
    actual: ActualFigure | None = None
    computed: Decimal | None = None  # the top series from its parts' actual quarters
    reference: ScenarioVersion | None = None
    scenario_value: Decimal | None = None
    last_year: Decimal | None = None
    parts: list[tuple[str, str, Decimal | None, Decimal | None]] = field(default_factory=list)
    required: dict[str, Decimal] = field(default_factory=dict)
    required_by_series: dict[str, dict[str, Decimal]] = field(default_factory=dict)
    elapsed: list[str] = field(default_factory=list)
    sentence: str = ""
    notes: list[str] = field(default_factory=list)
    moved: list[str] = field(default_factory=list)
    error: str = ""

    @property
    def gap_pp(self) -> Decimal | None:
        if self.actual is None or self.scenario_value is None:
            return None
        return self.actual.value - self.scenario_value

    def as_dict(self) -> dict[str, Any]:
        """The shape of `growth_status --json`: numbers as strings, exact."""

        def s(d: Decimal | None) -> str | None:
            return None if d is None else str(d)

        return {
            "period": self.period_code,
            "actual": s(self.actual.value) if self.actual else None,
            "vintage": self.actual.vintage if self.actual else None,
            "scenario": s(self.scenario_value),
            "scenario_version": self.reference.number if self.reference else None,
            "gap_pp": s(self.gap_pp),
            "same_period_last_year": s(self.last_year),
            "contributions": {code: s(c) for code, _, _, c in self.parts},
            "required": {k: s(self.required.get(k)) for k in ("Q3", "Q4", "H2")},
            "sentence": self.sentence,
            "notes": self.notes,
            "moved": self.moved,
        }


def period_code(year: int, key: str) -> str:
    """ "H1" of 2026 -> "2026-H1"; "year" -> "2026"."""
    return str(year) if key == "year" else f"{year}-{key}"


def series_indicators(scenario: GrowthScenario) -> dict[str, int]:
    return dict(
        SeriesIndicator.objects.filter(scenario=scenario).values_list("series", "indicator_id")
    )


Parsed = tuple[Scenario, list[tuple[str, int]], list[TargetSpec], Rule, int]


class Reads:
    """What one page reads of a scenario's year, each read once: the series' indicators, the
    approved figures of a year, the adopted versions and each version's inputs parsed.

    It lives for one call of a page's selectors and is never kept: the next request reads again,
    so a new version or a newly approved figure shows at once. The parsed scenarios are shared by
    the callers, which never change them (solving copies what it changes)."""

    def __init__(self, scenario: GrowthScenario) -> None:
        self.scenario = scenario
        self._bound: dict[str, int] | None = None
        self._figures: dict[int, dict[tuple[int, str], list[Figure]]] = {}
        self._adopted: dict[int, list[ScenarioVersion]] = {}
        self._parsed: dict[int, tuple[dict[str, Any], Parsed]] = {}

    def bound(self) -> dict[str, int]:
        if self._bound is None:
            self._bound = series_indicators(self.scenario)
        return self._bound

    def figures(self, year: int) -> dict[tuple[int, str], list[Figure]]:
        """Approved figures of every period of ``year`` (and of the year before, which the same
        pages compare with), by (indicator, period), best vintage first."""
        if year not in self._figures:
            years = [y for y in (year, year - 1) if y not in self._figures]
            found = _figures(
                list(self.bound().values()), [period_code(y, k) for y in years for k in KEYS]
            )
            for y in years:
                self._figures[y] = {}
            for (indicator_id, code), figures in found.items():
                self._figures[int(code[:4])][(indicator_id, code)] = figures
        return self._figures[year]

    def version_in_force(self, year: int, at: datetime) -> ScenarioVersion | None:
        """As `version_in_force`, from the year's adopted versions read once."""
        if year not in self._adopted:
            self._adopted[year] = list(_adopted_versions(year))
        return next(
            (v for v in self._adopted[year] if v.adopted_at is not None and v.adopted_at <= at),
            None,
        )

    def parsed(self, data: dict[str, Any]) -> Parsed:
        """``parse_request(data)``, once per inputs."""
        kept = self._parsed.get(id(data))
        if kept is None or kept[0] is not data:
            kept = (data, parse_request(data))
            self._parsed[id(data)] = kept
        return kept[1]


def _figures(indicator_ids: list[int], codes: list[str]) -> dict[tuple[int, str], list[Figure]]:
    """Approved figures by (indicator, period), best vintage first: only signed figures count."""
    out: dict[tuple[int, str], list[Figure]] = {}
    qs = Figure.objects.filter(
        indicator_id__in=indicator_ids, period_code__in=codes, status=FigureStatus.APPROVED
    ).order_by("-updated_at")
    for f in qs:
        out.setdefault((f.indicator_id, f.period_code), []).append(f)
    for figures in out.values():
        figures.sort(key=lambda f: -VINTAGE_RANK[Vintage(f.vintage)])
    return out


def actuals_table(
    scenario: GrowthScenario,
    year: int,
    rank: int = 0,
    as_of: date | None = None,
    reads: Reads | None = None,
) -> dict[str, dict[str, ActualFigure]]:
    """{series: {period: figure}} — the best vintage (rank 0), or the one before it (rank 1);
    with ``as_of``, only periods that had ended by then."""
    reads = reads or Reads(scenario)
    bound = reads.bound()
    keys = [k for k in KEYS if as_of is None or Period.parse(period_code(year, k)).end <= as_of]
    found = reads.figures(year)
    out: dict[str, dict[str, ActualFigure]] = {}
    for series, indicator_id in bound.items():
        for key in keys:
            figures = found.get((indicator_id, period_code(year, key)), [])
            if len(figures) > rank:
                f = figures[rank]
                out.setdefault(series, {})[key] = ActualFigure(f.value, f.vintage, f.pk)
    return out


def _adopted_versions(year: int, at: datetime | None = None) -> QuerySet[ScenarioVersion]:
    """The year's adopted versions (by ``at``), the one adopted last first."""
    qs = ScenarioVersion.objects.filter(
        scenario__year=year, status=ScenarioVersion.Status.ADOPTED, adopted_at__isnull=False
    )
    if at is not None:
        qs = qs.filter(adopted_at__lte=at)
    return qs.select_related("scenario").order_by("-adopted_at", "-number")


def version_in_force(year: int, at: datetime) -> ScenarioVersion | None:
    """The scenario version of the year adopted last before ``at`` (trials never count)."""
    return _adopted_versions(year, at).first()


def _end_of(year: int, key: str) -> datetime:
    period = Period.parse(period_code(year, key))
    return timezone.make_aware(datetime.combine(period.end, time.max))


def _core_actuals(table: dict[str, dict[str, ActualFigure]]) -> dict[str, dict[str, Actual]]:
    return {
        series: {k: Actual(a.value, a.vintage) for k, a in periods.items() if k in QUARTERS}
        for series, periods in table.items()
    }


def _solved(
    s: Scenario, table: dict[str, dict[str, ActualFigure]], data: dict[str, Any], reads: Reads
) -> Replan:
    _, cells, targets, rule, _ = reads.parsed(data)
    return replan(s, _core_actuals(table), targets, rule, cells)


def growth_status(
    scenario: GrowthScenario,
    key: str,
    *,
    version: ScenarioVersion | None = None,
    as_of: date | None = None,
    reads: Reads | None = None,
) -> GrowthStatus:
    """The period ``key`` ("Q1" … "H1" … "year") of the scenario's year against its actuals."""
    if key not in PERIODS:
        raise GrowthError("period", f"kỳ “{key}” không có (dùng {', '.join(KEYS)})")
    reads = reads or Reads(scenario)
    version = version or scenario.adopted
    fallback = version is None
    version = version or scenario.latest
    data = version.data
    s, _, _, _, _ = reads.parsed(data)
    top = display_order(s)[0][0]
    status = GrowthStatus(scenario, version, key, period_code(scenario.year, key), top)
    if fallback:
        status.notes.append(
            f"Kịch bản chưa có phiên bản được thông qua: các kỳ còn lại tính theo bản thử "
            f"(phiên bản {version.number})."
        )
    table = actuals_table(scenario, scenario.year, as_of=as_of, reads=reads)
    if not table:
        status.notes.append(
            "Chưa có số liệu thực hiện đã duyệt của các chuỗi kịch bản (hoặc chưa gắn chỉ tiêu)."
        )
    doubtful = _index_lookalikes(table, series_labels(data))
    if doubtful:
        # never read 107,02 as 107 % growth: ask, and compute nothing from it
        status.error = "; ".join(doubtful)
        return status
    try:
        r = _solved(s, table, data, reads)
    except GrowthError as exc:
        status.error = exc.message
        return status
    status.elapsed, status.notes = r.elapsed, [*status.notes, *r.notes]
    status.required = r.required(top)
    status.required_by_series = {
        series: r.required(series) for series, _ in display_order(s) if series != top
    }
    status.actual = table.get(top, {}).get(key)
    period_done = all(QUARTERS[q] in r.elapsed for q in PERIODS[key])
    if period_done:
        status.computed = _one_vintage(status, s, r, table, key, as_of, reads)
        if status.actual is None:
            status.notes.append(
                f"{top} {PERIOD_LABELS[key]} chưa có số liệu riêng: tính từ các quý của các khu vực "
                f"được {format_number(status.computed, 2)} %."
            )
        elif abs(status.computed - status.actual.value) >= Decimal("0.005"):
            status.notes.append(
                f"Tính từ các quý của các khu vực, {top} {PERIOD_LABELS[key]} tăng "
                f"{format_number(status.computed, 2)} %; số liệu công bố là "
                f"{format_number(status.actual.value, 2)} %."
            )
    status.reference = reads.version_in_force(scenario.year, _end_of(scenario.year, key))
    if status.reference is not None:
        ref, _, _, _, _ = reads.parsed(status.reference.data)
        status.scenario_value = period_growth(ref, top, key)
    last = actuals_table(scenario, scenario.year - 1, reads=reads).get(top, {}).get(key)
    status.last_year = last.value if last else None
    labels = series_labels(data)
    printed: dict[str, tuple[Decimal, Decimal]] = {}
    if period_done and top in s.aggregates:
        whole = r.scenario.base_sum(top, key)
        in_document = ((version.published or {}).get("contributions") or {}).get(key) or {}
        for part in s.aggregates[top]:
            reported = table.get(part, {}).get(key)
            growth = reported.value if reported else period_growth(r.scenario, part, key)
            # the contribution of the growth the sentence prints, not of a recomputed one
            share = r.scenario.base_sum(part, key) / whole
            status.parts.append((part, labels.get(part, part), growth, share * growth))
            if part in in_document:
                name = labels.get(part, part)
                name = SENTENCE_LABELS.get(part, name[:1].lower() + name[1:])
                printed[name] = (Decimal(str(in_document[part])), share)
    shown = status.actual or (
        ActualFigure(status.computed, _weakest(table, r.elapsed), 0)
        if status.computed is not None
        else None
    )
    if shown is not None:
        status.sentence = gap_sentence(
            period=key,
            total_label=top,
            actual=Actual(shown.value, shown.vintage),
            scenario=status.scenario_value,
            last_year=status.last_year,
            parts=[
                (SENTENCE_LABELS.get(code, label[:1].lower() + label[1:]), g, c)
                for code, label, g, c in status.parts
                if g is not None and c is not None
            ],
            printed=printed,
        )
    status.moved = _moved(s, scenario, data, r, top, as_of, reads)
    return status


def _index_lookalikes(
    table: dict[str, dict[str, ActualFigure]], labels: dict[str, str]
) -> list[str]:
    """Every approved actual that looks like an index typed as a rate, as a question."""
    return [
        f"{labels.get(series, series)} {PERIOD_LABELS[key]}: {format_number(a.value, 2)} trông "
        f"như chỉ số (cùng kỳ = 100), không phải tốc độ tăng: có phải "
        f"{format_number(a.value - 100, 2)} %? Sửa số liệu rồi duyệt lại."
        for series, periods in table.items()
        for key, a in periods.items()
        if looks_like_index(a.value)
    ]


def _quarters_by_vintage(
    year: int, as_of: date | None, reads: Reads
) -> dict[str, dict[str, dict[str, Actual]]]:
    """{vintage: {series: {quarter: actual}}}: every approved quarter, each in its own vintage."""
    bound = reads.bound()
    keys = [q for q in QUARTERS if as_of is None or Period.parse(period_code(year, q)).end <= as_of]
    found = reads.figures(year)
    out: dict[str, dict[str, dict[str, Actual]]] = {}
    for series, indicator_id in bound.items():
        for k in keys:
            for f in found.get((indicator_id, period_code(year, k)), []):
                out.setdefault(f.vintage, {}).setdefault(series, {}).setdefault(
                    k, Actual(f.value, f.vintage)
                )
    return out


def _one_vintage(
    status: GrowthStatus,
    s: Scenario,
    r: Replan,
    table: dict[str, dict[str, ActualFigure]],
    key: str,
    as_of: date | None,
    reads: Reads,
) -> Decimal:
    """The top series over ``key`` from its components' quarters, all of one vintage.

    A preliminary first half beside an estimated second half adds up figures of different
    releases (the office revises earlier quarters when it estimates later ones), so a year built
    that way is one the office never published. Where the best figures of the quarters differ in
    vintage, the period is computed from the best vintage that covers every quarter, and the note
    says so; where none does, from the best of each quarter, as the office's cumulative columns
    are, and the note says that."""
    quarters = [QUARTERS[q] for q in PERIODS[key]]
    by_quarter = {
        q: min(
            (table[c][q].vintage for c in s.components),
            key=lambda v: VINTAGE_RANK[Vintage(v)],
        )
        for q in quarters
    }
    if len(set(by_quarter.values())) <= 1 and all(
        table[c][q].vintage == by_quarter[q] for c in s.components for q in quarters
    ):
        return period_growth(r.scenario, status.top, key)
    described = ", ".join(
        f"{PERIOD_LABELS[q]} {Vintage(v).label.lower()}" for q, v in by_quarter.items()
    )
    label = f"{status.top} {PERIOD_LABELS[key]}"
    by_vintage = _quarters_by_vintage(status.scenario.year, as_of, reads)
    for vintage in sorted(by_vintage, key=lambda v: -VINTAGE_RANK[Vintage(v)]):
        acts = by_vintage[vintage]
        if all(q in acts.get(c, {}) for c in s.components for q in quarters):
            growth = {c: list(r.scenario.growth[c]) for c in s.components}
            for c in s.components:
                for q in quarters:
                    growth[c][QUARTERS.index(q)] = acts[c][q].growth
            value = period_growth(replace(r.scenario, growth=growth), status.top, key)
            status.notes.append(
                f"{label}: các quý có số liệu khác loại ({described}); chỉ tính lại từ số "
                f"{Vintage(vintage).label.lower()} của cả {len(quarters)} quý, không trộn các "
                f"loại: {format_number(value, 2)} %."
            )
            return value
    value = period_growth(r.scenario, status.top, key)
    status.notes.append(
        f"{label}: các quý có số liệu khác loại ({described}) và chưa loại nào đủ cả "
        f"{len(quarters)} quý; tính theo số mới nhất của từng quý, như cột cộng dồn của cơ quan "
        f"thống kê: {format_number(value, 2)} %."
    )
    return value


def _weakest(table: dict[str, dict[str, ActualFigure]], elapsed: list[str]) -> str:
    ranks = [
        VINTAGE_RANK[Vintage(a.vintage)]
        for p in table.values()
        for k, a in p.items()
        if k in elapsed
    ]
    inverse = {v: k for k, v in VINTAGE_RANK.items()}
    return str(inverse[min(ranks)]) if ranks else Vintage.ESTIMATE


def _moved(
    s: Scenario,
    scenario: GrowthScenario,
    data: dict[str, Any],
    now: Replan,
    top: str,
    as_of: date | None,
    reads: Reads,
) -> list[str]:
    """What a revised quarter changed: the earlier vintage beside the new one, and the required
    growth of the remaining periods before and after."""
    best = actuals_table(scenario, scenario.year, as_of=as_of, reads=reads)
    earlier = actuals_table(scenario, scenario.year, rank=1, as_of=as_of, reads=reads)
    changes: list[str] = []
    previous = {series: dict(periods) for series, periods in best.items()}
    labels = series_labels(data)
    for series, periods in earlier.items():
        for key, old in periods.items():
            new = best[series][key]
            if key in QUARTERS and key in now.elapsed and old.value != new.value:
                previous[series][key] = old
                changes.append(
                    f"{labels.get(series, series)} {PERIOD_LABELS[key]}: "
                    f"{new.vintage_label.lower()} {format_number(new.value, 2)} % thay cho "
                    f"{old.vintage_label.lower()} {format_number(old.value, 2)} %"
                )
    if not changes:
        return []
    try:
        before = _solved(s, previous, data, reads).required(top)
    except GrowthError:
        return changes
    after = now.required(top)
    for key in ("Q3", "Q4", "H2"):
        if key in after and key in before and after[key] != before[key]:
            changes.append(
                f"{top} {PERIOD_LABELS[key]} nay cần tăng {format_number(after[key], 2)} % "
                f"(trước là {format_number(before[key], 2)} %)"
            )
    return changes


@dataclass
class ActualsView:
    """The scenario page's "thực hiện so với kịch bản": elapsed periods and what the rest needs."""

    columns: list[tuple[str, str]] = field(default_factory=list)
    # (series, label, level, [(actual, planned, gap in points)])
    rows: list[
        tuple[str, str, int, list[tuple[ActualFigure | None, Decimal | None, Decimal | None]]]
    ] = field(default_factory=list)
    required_columns: list[tuple[str, str]] = field(default_factory=list)
    required_rows: list[tuple[str, str, int, list[Decimal | None]]] = field(default_factory=list)
    status: GrowthStatus | None = None
    # the version each period is compared with: the one in force when the period ended
    references: dict[str, ScenarioVersion | None] = field(default_factory=dict)

    @property
    def compared(self) -> str:
        """ "phiên bản 1 (thông qua 20/01/2026) cho quý I, quý II, 6 tháng đầu năm"."""
        groups: dict[int | None, list[str]] = {}
        versions: dict[int | None, ScenarioVersion | None] = {}
        for key, label in self.columns:
            v = self.references.get(key)
            n = v.number if v is not None else None
            groups.setdefault(n, []).append(label)
            versions[n] = v
        parts = []
        for n, periods in groups.items():
            v = versions[n]
            if v is None:
                parts.append(f"chưa có phiên bản được thông qua cho {', '.join(periods)}")
            else:
                on = f" (thông qua {v.adopted_at.astimezone(VN):%d/%m/%Y})" if v.adopted_at else ""
                parts.append(f"phiên bản {v.number}{on} cho {', '.join(periods)}")
        return "; ".join(parts)


def actuals_view(
    scenario: GrowthScenario,
    version: ScenarioVersion,
    as_of: date | None = None,
    reads: Reads | None = None,
) -> ActualsView:
    """Each series' actual for every period that has one, beside the version in force then."""
    view = ActualsView()
    reads = reads or Reads(scenario)
    table = actuals_table(scenario, scenario.year, as_of=as_of, reads=reads)
    if not table:
        return view
    keys = [k for k in KEYS if any(k in periods for periods in table.values())]
    s, _, _, _, _ = reads.parsed(version.data)
    references: dict[str, Scenario | None] = {}
    for k in keys:
        ref = reads.version_in_force(scenario.year, _end_of(scenario.year, k))
        references[k] = reads.parsed(ref.data)[0] if ref else None
        view.references[k] = ref
    labels = series_labels(version.data)
    view.columns = [(k, PERIOD_LABELS[k]) for k in keys]
    for series, level in display_order(s):
        cells = []
        for k in keys:
            ref_s = references[k]
            planned = period_growth(ref_s, series, k) if ref_s is not None else None
            actual = table.get(series, {}).get(k)
            gap = (
                actual.value - planned
                if actual is not None and planned is not None and not looks_like_index(actual.value)
                else None
            )
            cells.append((actual, planned, gap))
        view.rows.append((series, labels.get(series, series), level, cells))
    cumulative = [k for k in ("year", "9M", "H1", "Q1") if k in keys]
    view.status = growth_status(
        scenario, cumulative[0] if cumulative else keys[-1], version=version, reads=reads
    )
    if view.status.required:
        order = [k for k in KEYS if k in view.status.required]
        view.required_columns = [(k, PERIOD_LABELS[k]) for k in order]
        top = view.status.top
        for series, level in display_order(s):
            req = (
                view.status.required
                if series == top
                else view.status.required_by_series.get(series, {})
            )
            view.required_rows.append(
                (series, labels.get(series, series), level, [req.get(k) for k in order])
            )
    return view
