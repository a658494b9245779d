"""Whether an approved figure counts for the evaluation of its indicator's targets, and why not:
what the queue, a figure's page and the approval message say (decision 0053). The rule itself is
counting.py's; this module only tells it, from the same facts (the lead agencies, the statistics
office, the communes' roll-up, yearly figures only)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from chitieu.catalog.choices import Role as RespRole
from chitieu.catalog.models import Responsibility
from chitieu.core.periods import Period, PeriodError, PeriodKind
from chitieu.organizations.choices import OrgKind

from .choices import VINTAGE_RANK, Aggregation
from .counting import COMMUNE_KINDS
from .evaluation import period_phrase
from .models import Figure, ReportingSpec

YEARLY = (PeriodKind.YEAR, PeriodKind.MULTI_YEAR)


@dataclass
class TargetUse:
    """One target of the figure's indicator, and whether the figure counts for it."""

    target_id: int
    plan_id: int
    period_code: str
    counts: bool
    why: str


@dataclass
class FigureUse:
    """The figure's organisation's part in its indicator, and what that means for evaluation."""

    # "Chủ trì", "Phối hợp", "Thống kê tỉnh", "Xã, phường", "Chủ trì chung" / "Phối hợp chung"
    # (through a group such as "Các sở, ban, ngành"), "Không được giao"
    role: str
    counts: bool  # counts for at least one target
    summary: str  # one sentence, for the approval message and the figure's page
    targets: list[TargetUse] = field(default_factory=list)
    reason: str = ""  # the summary in a few words, for a row of the queue


@dataclass
class _Assigned:
    """Who a target of the figure's indicator is assigned to."""

    plan_id: int
    period_code: str
    leads: list[tuple[int, str]] = field(default_factory=list)  # agencies (id, name)
    coordinators: set[int] = field(default_factory=set)
    # groups assigned as a whole ("Các sở, ban, ngành"): (role, name, kinds of their members)
    groups: list[tuple[str, str, list[str]]] = field(default_factory=list)

    def group_of(self, kind: str, role: str) -> str | None:
        """The name of the first group of this role the kind of organisation belongs to."""
        return next((n for r, n, kinds in self.groups if r == role and kind in kinds), None)


def _last_year(code: str) -> int | None:
    try:
        p = Period.parse(code)
    except PeriodError:
        return None
    return p.end_year if p.kind is PeriodKind.MULTI_YEAR else p.year


def _names(names: Iterable[str]) -> str:
    return ", ".join(dict.fromkeys(names)) or "chưa ghi"


def figure_uses(figures: Iterable[Figure]) -> dict[int, FigureUse]:
    """For each figure (with its organisation read), its role and whether it counts: two queries
    for any number of figures (the indicators' responsibilities, their roll-up specs)."""
    figures = list(figures)
    indicator_ids = {f.indicator_id for f in figures}
    rows = (
        Responsibility.objects.filter(target__indicator_id__in=indicator_ids)
        .exclude(target__kind="")
        .order_by("target__plan_id", "target__position", "role", "position")
        .values_list(
            "target_id",
            "target__indicator_id",
            "target__plan_id",
            "target__period_code",
            "role",
            "organization_id",
            "organization__name",
            "organization__kind",
            "organization__member_kinds",
        )
    )
    targets: dict[int, dict[int, _Assigned]] = defaultdict(dict)
    for target_id, ind, plan_id, period, role, org_id, org_name, kind, members in rows:
        entry = targets[ind].setdefault(target_id, _Assigned(plan_id, period))
        if kind == OrgKind.GROUP:
            # counting reads no group's figures and no member's as a lead's (``responsible_for``)
            entry.groups.append((role, org_name, list(members or ())))
        elif role == RespRole.LEAD:
            entry.leads.append((org_id, org_name))
        elif role == RespRole.COORDINATING:
            entry.coordinators.add(org_id)
    rolled_up = set(
        ReportingSpec.objects.filter(indicator_id__in=indicator_ids)
        .exclude(aggregation=Aggregation.NONE)
        .values_list("indicator_id", flat=True)
    )
    return {
        f.pk: _use(f, targets.get(f.indicator_id, {}), f.indicator_id in rolled_up) for f in figures
    }


def _use(f: Figure, targets: dict[int, _Assigned], rolled_up: bool) -> FigureUse:
    org, kind = f.organization_id, f.organization.kind
    year = _last_year(f.period_code)
    # a target whose period ended before the figure's year does not read it
    live = {
        pk: t
        for pk, t in targets.items()
        if year is None or (_last_year(t.period_code) or year) >= year
    }
    all_leads = _names(name for t in live.values() for _, name in t.leads)
    all_instead = (
        f"cơ quan chủ trì ({all_leads}) hoặc Thống kê tỉnh"
        if any(t.leads for t in live.values())
        else "Thống kê tỉnh"
    )
    if kind == OrgKind.STATISTICS:
        role = "Thống kê tỉnh"
    elif any(org in {i for i, _ in t.leads} for t in live.values()):
        role = "Chủ trì"
    elif any(org in t.coordinators for t in live.values()):
        role = "Phối hợp"
    elif kind in COMMUNE_KINDS:
        role = "Xã, phường"
    elif any(t.group_of(kind, RespRole.LEAD) for t in live.values()):
        role = "Chủ trì chung"
    elif any(t.group_of(kind, RespRole.COORDINATING) for t in live.values()):
        role = "Phối hợp chung"
    else:
        role = "Không được giao"
    try:
        sub_annual = Period.parse(f.period_code).kind not in YEARLY
    except PeriodError:
        sub_annual = False
    uses = []
    for pk, t in live.items():
        lead_ids = {i for i, _ in t.leads}
        lead_names = _names(name for _, name in t.leads)
        # whose figures evaluation reads instead: the lead agencies, if the target names any
        instead = (
            f"cơ quan chủ trì ({lead_names}) hoặc Thống kê tỉnh" if t.leads else "Thống kê tỉnh"
        )
        lead_group = t.group_of(kind, RespRole.LEAD)
        coordinating_group = t.group_of(kind, RespRole.COORDINATING)
        if sub_annual:
            counts, why = False, "số liệu dưới một năm; trạng thái mục tiêu dựa trên số liệu cả năm"
        elif kind == OrgKind.STATISTICS:
            counts, why = True, "số liệu của Thống kê tỉnh được dùng cho mọi mục tiêu"
        elif org in lead_ids:
            counts, why = True, "số liệu của cơ quan chủ trì"
        elif kind in COMMUNE_KINDS and rolled_up:
            counts, why = True, "được cộng vào số tổng hợp từ các xã, phường"
        elif org in t.coordinators:
            counts, why = (
                False,
                f"số liệu của cơ quan phối hợp; đánh giá dùng số liệu của {instead}",
            )
        elif lead_group or coordinating_group:
            # a target handed to a whole group: counting reads no member's figure as a lead's
            how = "chủ trì" if lead_group else "phối hợp"
            counts, why = (
                False,
                f"mục tiêu giao chung cho “{lead_group or coordinating_group}” ({how}), không "
                f"nêu tên cơ quan; số liệu riêng của một cơ quan trong nhóm không được dùng, "
                f"đánh giá dùng số liệu của {instead}",
            )
        else:
            counts, why = (
                False,
                f"cơ quan không được giao mục tiêu này; đánh giá dùng số liệu của {instead}",
            )
        uses.append(TargetUse(pk, t.plan_id, t.period_code, counts, why))
    counted = [u for u in uses if u.counts]
    if not uses and targets:
        # its targets' periods are over: say which, not that there is none
        ended = ", ".join(
            period_phrase(code) for code in sorted({t.period_code for t in targets.values()})
        )
        summary = (
            f"Chỉ tiêu không có mục tiêu cho {period_phrase(f.period_code)} (các mục tiêu của nó thuộc "
            f"kỳ đã qua: {ended}), nên số liệu này chưa được dùng để đánh giá."
        )
        reason = f"Không dùng để đánh giá: các mục tiêu thuộc kỳ đã qua ({ended})"
    elif not uses:
        summary = "Chỉ tiêu chưa có mục tiêu nào trong các kế hoạch, nên số liệu này chưa được dùng để đánh giá."
        reason = "Không dùng để đánh giá: chỉ tiêu chưa có mục tiêu nào"
    elif sub_annual:
        summary = (
            "Số liệu dưới một năm không dùng để tính trạng thái mục tiêu (trạng thái dựa trên số "
            "liệu cả năm); khi chưa có số liệu cả năm, trang chỉ tiêu nêu kèm số liệu này."
        )
        reason = "Không dùng để tính trạng thái mục tiêu: số liệu dưới một năm"
    elif len(counted) == len(uses):
        summary = (
            f"Số liệu được dùng để đánh giá {len(uses)} mục tiêu của chỉ tiêu "
            f"({counted[0].why}; số liệu chính thức được ưu tiên trước sơ bộ, ước tính)."
        )
        reason = f"Dùng để đánh giá: {counted[0].why}"
    elif not counted:
        first = uses[0].why
        same = all(u.why == first for u in uses)
        detail = (
            first
            if same
            else f"số liệu của cơ quan {role.lower()}; đánh giá dùng số liệu của {all_instead}"
        )
        summary = f"Số liệu không được dùng để đánh giá mục tiêu nào: {detail}."
        reason = f"Không dùng để đánh giá: {detail}"
    else:
        summary = (
            f"Số liệu được dùng để đánh giá {len(counted)} trong {len(uses)} mục tiêu của chỉ "
            "tiêu (nơi cơ quan là chủ trì); các mục tiêu còn lại dùng số liệu của cơ quan chủ trì "
            "của chúng hoặc Thống kê tỉnh."
        )
        reason = (
            f"Dùng để đánh giá {len(counted)} trong {len(uses)} mục tiêu (nơi cơ quan là chủ trì)"
        )
    return FigureUse(role, bool(counted), summary, uses, reason)


# -- what a checker compares a figure with -------------------------------------------------------
def earlier_periods(code: str) -> list[tuple[str, str]]:
    """(what it is, period code): the period just before (for months, quarters and halves) and
    the same period of the previous year, the base of every growth rate."""
    try:
        p = Period.parse(code)
    except PeriodError:
        return []
    if p.kind is PeriodKind.MULTI_YEAR:
        span = p.end_year - p.year + 1
        return [("Giai đoạn trước", Period.span(p.year - span, p.end_year - span).code)]
    out: list[tuple[str, str]] = []
    if p.kind is PeriodKind.MONTH:
        before = Period.month(p.year, p.index - 1) if p.index > 1 else Period.month(p.year - 1, 12)
        out.append(("Tháng trước", before.code))
    elif p.kind is PeriodKind.QUARTER:
        before = (
            Period.quarter(p.year, p.index - 1) if p.index > 1 else Period.quarter(p.year - 1, 4)
        )
        out.append(("Quý trước", before.code))
    elif p.kind is PeriodKind.H2:
        out.append(("6 tháng đầu năm", Period.h1(p.year).code))
    if p.kind is PeriodKind.YEAR:
        out.append(("Năm trước", str(p.year - 1)))
    else:
        out.append(("Cùng kỳ năm trước", Period(p.year - 1, p.kind, p.index).code))
    return out


@dataclass
class Earlier:
    """The organisation's own figure for an earlier period (its most final vintage)."""

    what: str
    period_code: str
    figure: Figure | None


def earlier_figures(figure: Figure) -> list[Earlier]:
    """The figure's organisation's figures of the periods a checker compares it with (one query)."""
    wanted = earlier_periods(figure.period_code)
    found: dict[str, Figure] = {}
    for f in Figure.objects.filter(
        indicator_id=figure.indicator_id,
        organization_id=figure.organization_id,
        period_code__in=[code for _, code in wanted],
    ):
        kept = found.get(f.period_code)
        if kept is None or VINTAGE_RANK.get(f.vintage, 0) > VINTAGE_RANK.get(kept.vintage, 0):
            found[f.period_code] = f
    return [Earlier(what, code, found.get(code)) for what, code in wanted]
