"""Public investment arithmetic: disbursement against plan, lateness, transfers, the growth link and
the checks of a plan's own sums. Amounts are in tỷ đồng; months are 1..12 of one plan year."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from .numbers import format_number

ZERO = Decimal(0)
HUNDRED = Decimal(100)
MONTHS = range(1, 13)


def amount_text(value: Decimal) -> str:
    """An amount as a person reads it: "1.025" or "4.436,1" (at most one decimal)."""
    places = 0 if value == value.to_integral_value() else 1
    return format_number(value, places)


def rate(done: Decimal, plan: Decimal) -> Decimal | None:
    """What share of the plan is done, in percent; None when there is no plan to measure against."""
    if plan <= 0:
        return None
    return done / plan * HUNDRED


def expected_path(plan: Decimal, commitments: Mapping[int, Decimal]) -> list[Decimal]:
    """Cumulative disbursement expected at the end of each month (12 values).

    A month with an investor's commitment expects that amount; the plan left after all commitments
    is spread evenly over the months without one (pro rata), so the path ends at the plan unless
    the commitments alone exceed it."""
    bad = [m for m in commitments if m not in MONTHS]
    if bad:
        raise ValueError(f"Tháng {bad[0]} không có trong năm (1-12).")
    free = [m for m in MONTHS if m not in commitments]
    left = max(plan - sum(commitments.values(), ZERO), ZERO)
    share = left / len(free) if free else ZERO
    out: list[Decimal] = []
    running = ZERO
    for m in MONTHS:
        running += commitments.get(m, share)
        out.append(running)
    return out


def cumulative(by_month: Mapping[int, Decimal]) -> list[Decimal]:
    """Running totals at the end of each month (12 values)."""
    out: list[Decimal] = []
    running = ZERO
    for m in MONTHS:
        running += by_month.get(m, ZERO)
        out.append(running)
    return out


@dataclass(frozen=True)
class Progress:
    """Where a project stands at the end of ``as_of`` month."""

    plan: Decimal
    expected: Decimal
    actual: Decimal

    @property
    def stuck(self) -> Decimal:
        """Capital stuck: what should have been disbursed by now and was not (never negative)."""
        return max(self.expected - self.actual, ZERO)

    @property
    def rate(self) -> Decimal | None:
        return rate(self.actual, self.plan)

    @property
    def expected_rate(self) -> Decimal | None:
        return rate(self.expected, self.plan)

    @property
    def behind_points(self) -> Decimal:
        """How many points of the plan the project is behind its expected path."""
        if self.plan <= 0:
            return ZERO
        return (self.expected - self.actual) / self.plan * HUNDRED


def progress(
    plan: Decimal,
    commitments: Mapping[int, Decimal],
    actuals: Mapping[int, Decimal],
    as_of_month: int,
) -> Progress:
    """Plan, expected and actual cumulative disbursement at the end of ``as_of_month``."""
    if as_of_month not in MONTHS:
        raise ValueError(f"Tháng {as_of_month} không có trong năm (1-12).")
    i = as_of_month - 1
    done = sum((v for m, v in actuals.items() if m <= as_of_month), ZERO)
    return Progress(plan=plan, expected=expected_path(plan, commitments)[i], actual=done)


def days_late(planned: date | None, actual: date | None, as_of: date) -> int:
    """Days a milestone is (or was) late: reached after its date, or not reached and past it."""
    if planned is None:
        return 0
    reached = actual if actual is not None else (as_of if as_of > planned else planned)
    return max((reached - planned).days, 0)


def order_errors(labelled: Sequence[tuple[str, date | None]], what: str) -> list[str]:
    """Dates that must not go backwards (start, completion, handover, operation), as sentences."""
    errors: list[str] = []
    last: tuple[str, date] | None = None
    for label, day in labelled:
        if day is None:
            continue
        if last is not None and day < last[1]:
            errors.append(
                f"{what}: {label.lower()} {day:%d/%m/%Y} trước {last[0].lower()} {last[1]:%d/%m/%Y}."
            )
        last = (label, day)
    return errors


@dataclass(frozen=True)
class Lateness:
    """One project measured for the list of projects holding growth back."""

    key: int
    progress: Progress
    worst_milestone: str = ""
    worst_days: int = 0
    reasons: list[str] = field(default_factory=list)


def holding_back(
    items: Iterable[Lateness], *, behind_points: Decimal, late_days: int
) -> list[Lateness]:
    """Projects behind their disbursement path by more than ``behind_points`` or with a milestone
    more than ``late_days`` late, most capital stuck first (then the longest delay)."""
    out: list[Lateness] = []
    for item in items:
        reasons: list[str] = []
        if item.progress.behind_points > behind_points:
            reasons.append(
                f"Giải ngân chậm {format_number(item.progress.behind_points, 1)} điểm % "
                f"so với tiến độ phải đạt ({amount_text(item.progress.stuck)} tỷ đồng)."
            )
        if item.worst_days > late_days:
            reasons.append(f"Mốc {item.worst_milestone.lower()} chậm {item.worst_days} ngày.")
        if reasons:
            out.append(
                Lateness(
                    key=item.key,
                    progress=item.progress,
                    worst_milestone=item.worst_milestone,
                    worst_days=item.worst_days,
                    reasons=reasons,
                )
            )
    out.sort(key=lambda x: (-x.progress.stuck, -x.worst_days, x.key))
    return out


def over_plan_error(*, plan: Decimal, other_months: Decimal, amount: Decimal) -> str | None:
    """A month's disbursement that would take the year past the capital plan, as a sentence."""
    if amount < 0:
        return f"Số giải ngân {amount_text(amount)} tỷ đồng không được âm."
    total = other_months + amount
    if total > plan:
        return (
            f"Giải ngân cả năm sẽ là {amount_text(total)} tỷ đồng, vượt kế hoạch vốn {amount_text(plan)} tỷ đồng "
            f"({amount_text(total - plan)} tỷ đồng); cần điều chuyển vốn trước khi ghi."
        )
    return None


def transfer_errors(
    *,
    amount: Decimal,
    same_project: bool,
    source_from: str,
    source_to: str,
    from_plan: Decimal,
    from_disbursed: Decimal,
) -> list[str]:
    """Why a transfer of capital between two projects cannot be made (empty when it can).

    It keeps each source's total (both projects draw on the same source) and leaves the giving
    project at least what it has already disbursed."""
    errors: list[str] = []
    if amount <= 0:
        errors.append("Số vốn điều chuyển phải lớn hơn 0.")
    if same_project:
        errors.append("Dự án nhận phải khác dự án chuyển đi.")
    if source_from != source_to:
        errors.append(
            f"Hai dự án dùng hai nguồn vốn khác nhau ({source_from}; {source_to}): "
            "điều chuyển sẽ làm thay đổi tổng vốn của từng nguồn."
        )
    left = from_plan - amount
    if amount > 0 and left < from_disbursed:
        errors.append(
            f"Sau điều chuyển, kế hoạch vốn còn {amount_text(left)} tỷ đồng, ít hơn số đã giải ngân "
            f"{amount_text(from_disbursed)} tỷ đồng: số dư sẽ âm {amount_text(from_disbursed - left)} tỷ đồng."
        )
    return errors


# The growth link ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class GrowthBase:
    """What the scenario says about construction and GRDP (constant 2010 prices, tỷ đồng)."""

    construction_base_h2: Decimal  # construction value added, second half of the previous year
    construction_growth_h2: Decimal  # required growth of the second half, %
    grdp_base_h2: Decimal  # GRDP, second half of the previous year
    grdp_base_year: Decimal  # GRDP, whole previous year

    @property
    def construction_required_h2(self) -> Decimal:
        return self.construction_base_h2 * (1 + self.construction_growth_h2 / HUNDRED)


@dataclass(frozen=True)
class Support:
    """How far planned disbursement supports construction's second half."""

    disbursement: Decimal
    value_added: Decimal
    required: Decimal
    increment: Decimal

    @property
    def share_of_required(self) -> Decimal | None:
        return rate(self.value_added, self.required)

    @property
    def share_of_increment(self) -> Decimal | None:
        return rate(self.value_added, self.increment)


def value_added(amounts: Mapping[str, Decimal], coefficients: Mapping[str, Decimal]) -> Decimal:
    """Construction value added implied by disbursement: each source's amount times its coefficient."""
    missing = [s for s, v in amounts.items() if v and s not in coefficients]
    if missing:
        raise ValueError(f"Chưa có hệ số giá trị tăng thêm cho nguồn vốn “{missing[0]}”.")
    return sum((v * coefficients[s] for s, v in amounts.items() if v), ZERO)


def support(
    disbursement: Mapping[str, Decimal], coefficients: Mapping[str, Decimal], base: GrowthBase
) -> Support:
    """Value added of the planned disbursement set against the construction the scenario needs."""
    va = value_added(disbursement, coefficients)
    return Support(
        disbursement=sum(disbursement.values(), ZERO),
        value_added=va,
        required=base.construction_required_h2,
        increment=base.construction_required_h2 - base.construction_base_h2,
    )


@dataclass(frozen=True)
class ShortfallCost:
    """What a shortfall of disbursement costs in growth points."""

    shortfall: Decimal
    value_added: Decimal
    construction_points: Decimal  # of the second half's construction growth
    grdp_points_h2: Decimal  # of the second half's GRDP growth
    grdp_points_year: Decimal  # of the year's GRDP growth


def shortfall_cost(
    shortfall: Mapping[str, Decimal], coefficients: Mapping[str, Decimal], base: GrowthBase
) -> ShortfallCost:
    """Lost value added = shortfall x coefficient; points = lost value added / last year's base x 100."""
    va = value_added(shortfall, coefficients)
    return ShortfallCost(
        shortfall=sum(shortfall.values(), ZERO),
        value_added=va,
        construction_points=va / base.construction_base_h2 * HUNDRED,
        grdp_points_h2=va / base.grdp_base_h2 * HUNDRED,
        grdp_points_year=va / base.grdp_base_year * HUNDRED,
    )


# Checks of the plan's own arithmetic -----------------------------------------------------------


@dataclass(frozen=True)
class Finding:
    """One check of a printed total against the parts the plan lists, with its sentence."""

    code: str
    ok: bool
    printed: Decimal
    computed: Decimal
    message: str

    @property
    def difference(self) -> Decimal:
        return self.computed - self.printed


def check_total(
    *, code: str, label: str, printed: Decimal, parts: Sequence[Decimal], open_ended: bool = False
) -> Finding:
    """A printed total against the sum of its listed parts.

    An open-ended list ("…", "như") only has to stay within the total; a closed one must match."""
    computed = sum(parts, ZERO)
    terms = " + ".join(amount_text(p) for p in parts)
    if open_ended:
        ok = computed <= printed
        if ok:
            message = (
                f"{label}: các khoản được nêu ({terms}) cộng lại {amount_text(computed)} tỷ đồng, trong "
                f"tổng {amount_text(printed)} tỷ đồng; danh sách còn để ngỏ, {amount_text(printed - computed)} tỷ "
                "đồng chưa gắn với dự án nào."
            )
        else:
            message = (
                f"{label}: các khoản được nêu ({terms}) cộng lại {amount_text(computed)} tỷ đồng, vượt "
                f"tổng in {amount_text(printed)} tỷ đồng ({amount_text(computed - printed)} tỷ đồng)."
            )
    else:
        ok = computed == printed
        if ok:
            message = f"{label}: {terms} = {amount_text(computed)} tỷ đồng, khớp với tổng in {amount_text(printed)} tỷ đồng."
        else:
            gap = computed - printed
            word = "nhiều hơn" if gap > 0 else "ít hơn"
            message = (
                f"{label}: {terms} = {amount_text(computed)} tỷ đồng, {word} tổng in "
                f"{amount_text(printed)} tỷ đồng {amount_text(abs(gap))} tỷ đồng."
            )
    return Finding(code=code, ok=ok, printed=printed, computed=computed, message=message)


def check_count(*, code: str, label: str, printed: int, listed: int) -> Finding:
    """A printed number of projects against the projects the plan names."""
    ok = printed == listed
    if ok:
        message = f"{label}: văn bản nêu {printed} dự án và kể tên đủ {listed} dự án."
    else:
        message = f"{label}: văn bản nêu {printed} dự án nhưng kể tên {listed} khoản mục."
    return Finding(
        code=code, ok=ok, printed=Decimal(printed), computed=Decimal(listed), message=message
    )
