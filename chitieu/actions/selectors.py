"""Reads for actions, the reporting calendar and the task force's monthly report."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from chitieu.core.calendar import VN, Shift, WorkCalendar
from chitieu.core.growth.model import PERIOD_LABELS, PERIODS, QUARTERS
from chitieu.core.periods import Period, PeriodError
from chitieu.organizations.models import Organization
from chitieu.reporting.evaluation import Evaluation, Scorecard
from chitieu.reporting.selectors import Overview, OverviewRow, default_plan, overview
from chitieu.scenarios.actuals import ActualsView, Reads, actuals_view, version_in_force
from chitieu.scenarios.drivers import DriverRow, drivers_view
from chitieu.scenarios.models import GrowthScenario, ScenarioVersion
from chitieu.scenarios.reconcile import ScenarioTable, scenario_table

from .choices import ActionStatus
from .models import Action, ObligationInstance
from .services import calendar_setting, work_calendar


def actions(
    *,
    organization: int | None = None,
    plan: int | None = None,
    overdue: bool = False,
    due_month: date | None = None,
    today: date | None = None,
) -> QuerySet[Action]:
    today = today or timezone.localdate()
    qs = Action.objects.select_related("lead", "plan").prefetch_related("coordinating")
    if organization:
        qs = qs.filter(lead_id=organization) | qs.filter(coordinating__id=organization)
    if plan:
        qs = qs.filter(plan_id=plan)
    if overdue:
        qs = qs.filter(status=ActionStatus.OPEN, deadline__lt=today)
    if due_month:
        qs = qs.filter(deadline__year=due_month.year, deadline__month=due_month.month)
    return qs.distinct().order_by("deadline", "id")


def instance_state(inst: ObligationInstance, now: Any = None) -> str:
    """on_time, late, missing (past due, nothing sent) or pending."""
    now = now or timezone.now()
    if inst.submitted_at is not None:
        return "on_time" if inst.submitted_at <= inst.due_at else "late"
    return "missing" if now > inst.due_at else "pending"


STATE_LABELS = {
    "on_time": "Đúng hạn",
    "late": "Trễ hạn",
    "missing": "Chưa gửi (quá hạn)",
    "pending": "Chưa đến hạn",
}


def calendar_month(period_code: str) -> list[tuple[ObligationInstance, str]]:
    rows = ObligationInstance.objects.filter(period_code=period_code).select_related(
        "obligation__organization", "obligation__recipient"
    )
    return [(i, instance_state(i)) for i in rows]


@dataclass
class MonthlyReport:
    period: Period
    plan_label: str
    # the targets with data, as their stored evaluations tell them (what the page shows)
    rows: list[OverviewRow] = field(default_factory=list)
    totals: dict[str, int] = field(default_factory=dict)
    growth_table: ScenarioTable | None = None  # the version in force, as the report prints it
    growth_actuals: ActualsView | None = None  # the months ended so far against the scenario
    growth_version: ScenarioVersion | None = None  # the adopted version in force at the month's end
    growth_version_notes: list[str] = field(default_factory=list)  # which version, and why
    growth_note: str = ""  # why there is no growth section
    drivers_behind: list[DriverRow] = field(default_factory=list)
    # what has no approved data yet although its period has ended by the month's end
    data_notes: list[str] = field(default_factory=list)
    drivers_through: int | None = None  # the last month the drivers' approved figures reach
    overdue: list[Action] = field(default_factory=list)
    timeliness: Timeliness | None = None  # section 4: reports late, missing or not yet due
    generated_at: Any = None
    overview: Overview | None = None

    @functools.cached_property
    def evaluations(self) -> list[Evaluation]:
        """The same targets as ``rows`` as Evaluations with their lead agencies, which the
        documents print: built only when asked for, since the page needs the rows alone."""
        if self.overview is None:
            return []
        return [e for e in self.overview.evaluations if e.status != "no_data"]


def monthly_report(period_code: str, *, now: datetime | None = None) -> MonthlyReport:
    """The task force's report for a month, built from the data as they stand at ``now`` (the
    moment it is made): statuses, growth against the scenario, overdue actions, agencies late or
    missing."""
    period = Period.parse(period_code)
    now = now or timezone.now()
    plan = default_plan()
    report = MonthlyReport(period, str(plan) if plan else "", generated_at=now.astimezone(VN))
    if plan is not None:
        ov = overview(plan)
        report.overview = ov
        report.rows = [r for r in ov.rows if r.status != "no_data"]
        report.totals = dict(ov.totals)
    # the version adopted by the month's end: a trial saved since never reaches the report
    v = version_in_force(period.year, timezone.make_aware(datetime.combine(period.end, time.max)))
    scenario = v.scenario if v is not None else None
    if v is None and GrowthScenario.objects.filter(year=period.year).exists():
        report.growth_note = (
            f"Kịch bản tăng trưởng năm {period.year} chưa có phiên bản được thông qua "
            f"trước ngày {period.end:%d/%m/%Y}."
        )
    if scenario is not None and v is not None:
        report.growth_version = v
        reads = Reads(scenario)
        report.growth_table = scenario_table(scenario, v, as_of=period.end, reads=reads)
        report.growth_version_notes = _version_notes(scenario, v, period)
        actual = actuals_view(scenario, v, as_of=period.end, reads=reads)
        if actual.status is not None and report.growth_table is not None:
            # a sentence the scenario table's footnotes already print ("Để GRDP cả năm đạt …")
            # is printed once, there (decision 0055)
            printed = " ".join(text for _, text in report.growth_table.footnotes)
            kept = [n for n in actual.status.notes if n not in printed]
            actual = replace(actual, status=replace(actual.status, notes=kept))
        report.growth_actuals = actual if actual.rows else None
        older = sorted(
            {ref.number for ref in actual.references.values() if ref is not None and ref != v}
        )
        if older:
            report.growth_version_notes.append(
                f"Phần “Thực hiện so với kịch bản” so mỗi kỳ với phiên bản được thông qua trước "
                f"khi kỳ đó kết thúc: {actual.compared}. Phiên bản {v.number} được thông qua sau "
                f"khi các kỳ đó kết thúc và lấy chính số thực hiện của chúng làm đầu vào, nên "
                f"không dùng để đo chênh lệch của chúng."
            )
        drivers = drivers_view(scenario, as_of=period.end, version=v, reads=reads)
        report.drivers_behind = drivers.behind
        report.data_notes = _growth_not_in(actual, period)
        months = [row.month for row in drivers.rows if row.month is not None]
        if months:
            report.drivers_through = max(months)
            if max(months) < period.index:
                missing = ", ".join(
                    f"tháng {m}/{period.year}" for m in range(max(months) + 1, period.index + 1)
                )
                report.data_notes.append(
                    f"Số liệu đã duyệt của các động lực tăng trưởng mới có đến hết tháng "
                    f"{max(months)}/{period.year}; {missing} chưa có số liệu đã duyệt, nên lũy kế "
                    f"và tiến độ dưới đây tính đến hết tháng {max(months)}/{period.year}."
                )
    month_end = period.end
    report.overdue = list(actions(overdue=True, today=month_end))
    report.timeliness = reporting_timeliness(period, now)
    return report


@dataclass(frozen=True)
class LateReport:
    """One report sent late or still missing, as section 4 lists it."""

    organization: str
    report: str
    period_label: str
    due_at: datetime
    state: str  # "late" or "missing"
    submitted_at: datetime | None = None

    @property
    def due_text(self) -> str:
        return f"{self.due_at.astimezone(VN):%d/%m/%Y}"

    @property
    def state_text(self) -> str:
        if self.submitted_at is not None:
            return (
                f"{STATE_LABELS[self.state]} (gửi ngày {self.submitted_at.astimezone(VN):%d/%m/%Y})"
            )
        return STATE_LABELS[self.state]


@dataclass
class Timeliness:
    """Section 4 of the monthly report: the page, the Word and the Excel file print this and
    nothing else, so that the three say the same (decision 0062)."""

    summary: list[str] = field(default_factory=list)
    rows: list[LateReport] = field(default_factory=list)  # empty: no table at all
    note: str = ""


def _late_report(inst: ObligationInstance, state: str, label: str) -> LateReport:
    return LateReport(
        organization=inst.obligation.organization.name,
        report=inst.obligation.name,
        period_label=label,
        due_at=inst.due_at,
        state=state,
        submitted_at=inst.submitted_at if state == "late" else None,
    )


def _period_label(code: str) -> tuple[Period | None, str]:
    try:
        p = Period.parse(code)
    except (PeriodError, ValueError):
        return None, f"kỳ {code}"  # an odd code is still listed, under its own name
    return p, p.label[:1].lower() + p.label[1:]


def _deadlines(instances: list[ObligationInstance]) -> str:
    days = sorted({i.due_at.astimezone(VN).date() for i in instances})
    if len(days) == 1:
        return f"hạn {days[0]:%d/%m/%Y}"
    return f"hạn từ {days[0]:%d/%m/%Y} đến {days[-1]:%d/%m/%Y}"


def reporting_timeliness(period: Period, now: datetime) -> Timeliness:
    """The month's reports as they stand at ``now``: those late or missing, those not yet due,
    and the reports of earlier periods still missing at ``now`` (a report missing in October is
    still missing in November's report until it is sent)."""
    related = ("obligation__organization",)
    own = list(ObligationInstance.objects.filter(period_code=period.code).select_related(*related))
    month = period.label[:1].lower() + period.label[1:]
    states = [(i, instance_state(i, now)) for i in own]
    rows = [_late_report(i, s, month) for i, s in states if s in ("late", "missing")]
    pending = [i for i, s in states if s == "pending"]
    due = [i for i, s in states if s != "pending"]
    earlier: list[LateReport] = []
    still_missing = (
        ObligationInstance.objects.filter(submitted_at__isnull=True, due_at__lt=now)
        .exclude(period_code=period.code)
        .select_related(*related)
    )
    for inst in still_missing:
        p, label = _period_label(inst.period_code)
        if p is not None and p.end > period.end:
            continue  # a later period's report belongs to that period's monthly report
        earlier.append(_late_report(inst, "missing", label))
    t = Timeliness(rows=sorted([*earlier, *rows], key=lambda r: (r.due_at, r.organization)))
    if not own:
        t.summary.append(f"Không có báo cáo định kỳ nào của {month}.")
    elif due and not rows:
        t.summary.append(
            f"Các báo cáo {month} đã đến hạn đều được gửi đúng hạn ({len(due)} báo cáo)."
        )
    elif due:
        count = {k: sum(s == k for _, s in states) for k in ("on_time", "late", "missing")}
        t.summary.append(
            f"Trong {len(due)} báo cáo {month} đã đến hạn: {count['on_time']} đúng hạn, "
            f"{count['late']} trễ hạn, {count['missing']} chưa gửi."
        )
    if pending:
        if due:
            t.summary.append(
                f"{len(pending)} báo cáo {month} chưa đến hạn ({_deadlines(pending)})."
            )
        else:
            t.summary.append(f"Chưa đến hạn báo cáo {month} ({_deadlines(pending)}).")
    if earlier:
        t.note = (
            f"Danh sách gồm cả {len(earlier)} báo cáo của kỳ trước vẫn chưa gửi tính đến "
            f"{now.astimezone(VN):%H:%M ngày %d/%m/%Y}."
        )
    return t


def _version_notes(scenario: GrowthScenario, v: ScenarioVersion, period: Period) -> list[str]:
    """Which version the table is and why, when a later one exists that the report does not use."""
    on = f", thông qua ngày {v.adopted_at.astimezone(VN):%d/%m/%Y}" if v.adopted_at else ""
    notes = [
        f"Bảng dưới là phiên bản {v.number} của kịch bản{on}: phiên bản được thông qua sau cùng "
        f"tính đến hết ngày {period.end:%d/%m/%Y}."
    ]
    later = scenario.versions.filter(number__gt=v.number).order_by("-number").first()
    if later is not None:
        if later.status == ScenarioVersion.Status.ADOPTED and later.adopted_at is not None:
            why = f"thông qua ngày {later.adopted_at.astimezone(VN):%d/%m/%Y}, sau tháng báo cáo"
        else:
            why = f"{later.get_status_display().lower()}, chưa được thông qua"
        notes.append(
            f"Phiên bản mới nhất là phiên bản {later.number} ({why}), nên báo cáo không dùng."
        )
    return notes


def _growth_not_in(actual: ActualsView, period: Period) -> list[str]:
    """Quarters ended by the month's end whose growth has no approved figure yet."""
    have = {code for code, _ in actual.columns}
    ended = [
        q
        for q in QUARTERS
        if Period.parse(f"{period.year}-{q}").end <= period.end and q not in have
    ]
    if not ended:
        return []
    latest = [label for code, label in actual.columns if code in PERIODS]
    names = ", ".join(f"{PERIOD_LABELS[q]}/{period.year}" for q in ended)
    text = f"{names[:1].upper()}{names[1:]} đã kết thúc nhưng chưa có số liệu tăng trưởng đã duyệt"
    if latest:
        text += f"; số thực hiện mới nhất là {latest[-1]}"
    return [text + "."]


def reporting_calendar() -> tuple[Shift, WorkCalendar]:
    """The administrator's shift rule and working calendar, as deadlines everywhere use them."""
    return Shift(calendar_setting().shift), work_calendar()


def obligations_on_scorecard(card: Scorecard, org: Organization, now: datetime) -> None:
    """Reporting obligations past their deadline at `now` count in the agency's timeliness: on
    time, late or missing."""
    for inst in ObligationInstance.objects.filter(obligation__organization=org, due_at__lt=now):
        card.due += 1
        if inst.submitted_at is not None and inst.submitted_at <= inst.due_at:
            card.on_time += 1
        else:
            card.missed_obligations += 1
