"""Each downloadable table as a :class:`Report`, from the selectors that serve its page."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from chitieu.actions.selectors import MonthlyReport, Timeliness, monthly_report
from chitieu.catalog.models import Plan
from chitieu.catalog.selectors import plan_appendix
from chitieu.core.numbers import format_number
from chitieu.core.periods import Period
from chitieu.organizations.models import Organization
from chitieu.reporting.evaluation import Evaluation
from chitieu.reporting.selectors import agency_scorecard, overview, scorecard_rules
from chitieu.scenarios.actuals import ActualsView
from chitieu.scenarios.models import GrowthScenario, ScenarioVersion
from chitieu.scenarios.reconcile import TableCell
from chitieu.scenarios.selectors import scenario_view, series_labels

from .document import Cell, Column, Report, Table

REPORTS = ("appendix", "evaluation", "scenario", "scorecard", "monthly")
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]


def _long_date(on: date | None) -> str:
    return f" ngày {on.day:02d} tháng {on.month} năm {on.year}" if on else ""


def _split_number(number: str) -> tuple[str, str]:
    """ "130/KH-UBND" -> ("130", "KH")."""
    head, _, tail = number.partition("/")
    return head.strip(), (tail.split("-")[0].strip() or "KH")


def appendix(plan: Plan) -> Report:
    """The plan's assignment appendix as the plan printed it, merged agency cells included."""
    heading, _, title = plan.title.partition(":")
    if not title:
        heading, title = "PHỤ LỤC", plan.title
    number, code = _split_number(plan.number)
    target_head = plan.target_header or f"Mục tiêu {plan.period.label}"
    table = Table(
        [
            Column("TT", 11),
            Column("Chỉ tiêu", 50),
            Column("Đơn vị tính", 18),
            Column(target_head, 22),
            Column("Cơ quan chủ trì", 34),
            Column("Cơ quan phối hợp", 30),
        ]
    )
    sections = 0
    for line in plan_appendix(plan):
        if line.section is not None:
            numeral = ROMAN[sections] if sections < len(ROMAN) else str(sections + 1)
            sections += 1
            table.rows.append(
                [
                    Cell(numeral, bold=True),
                    Cell(line.section, bold=True),
                    *[Cell() for _ in range(4)],
                ]
            )
            continue
        t = line.target
        assert t is not None
        table.rows.append(
            [
                Cell(t.row_no),
                Cell(t.printed_name, bold=not t.kind),
                Cell(t.printed_unit),
                Cell(t.printed_text),
                Cell(t.lead_text, span=line.lead_rows),
                Cell(t.coordinating_text, span=line.coord_rows),
            ]
        )
    of = f"(Kèm theo {plan.doc_kind} số {plan.number}{_long_date(plan.issued_on)}"
    of += f" của {plan.issuer})" if plan.issuer else ")"
    return Report(
        slug=f"phu-luc-ke-hoach-{plan.pk}",
        kind_code=code,
        heading=heading.strip().upper(),
        title=title.strip().upper(),
        subtitle=of if plan.number else "",
        number=number,
        issued_on=plan.issued_on,
        tables=[table],
    )


def _actual(e: Evaluation) -> tuple[Cell, Cell]:
    """The value the status rests on and its period; before the target's period, the baseline."""
    counted = e.counted if e.value is not None else e.baseline
    value = e.value if e.value is not None else (counted.value if counted else None)
    if value is None:
        return Cell(), Cell()
    places = max(0, -value.normalize().as_tuple().exponent)  # type: ignore[operator]
    when = counted.period.label if counted else (str(e.year) if e.year else "")
    return Cell(value, places=min(places, 2)), Cell(when)


def _evaluation_table(evaluations: list[Evaluation]) -> Table:
    table = Table(
        [
            Column("TT", 10),
            Column("Chỉ tiêu", 44),
            Column("Đơn vị tính", 16),
            Column("Mục tiêu", 20),
            Column("Thực hiện", 20, numeric=True),
            Column("Kỳ số liệu", 16),
            Column("Đánh giá", 20),
            Column("Giải thích", 55),
        ]
    )
    for i, e in enumerate(evaluations, start=1):
        t = e.target
        table.rows.append(
            [
                Cell(i),
                Cell(t.printed_name),
                Cell(t.printed_unit),
                Cell(t.printed_text),
                *_actual(e),
                Cell(e.get_status_label),
                Cell(e.sentence),
            ]
        )
    return table


def evaluation(plan: Plan, period_code: str | None, on: date) -> Report:
    """The plan's targets with the figure each rests on, its status and the sentence why; with a
    period, only the targets set for it (an empty period gives an empty table)."""
    ov = overview(plan)
    evaluations = [
        e for e in ov.evaluations if period_code is None or e.target.period_code == period_code
    ]
    label = Period.parse(period_code).label if period_code else plan.period.label
    return Report(
        slug=f"danh-gia-ke-hoach-{plan.pk}" + (f"-{period_code}" if period_code else ""),
        kind_code="BC",
        heading="BÁO CÁO",
        title=f"ĐÁNH GIÁ THỰC HIỆN CÁC CHỈ TIÊU {label.upper()}",
        subtitle=f"(Theo {plan}; số liệu đã duyệt đến{_long_date(on)})",
        issued_on=on,
        tables=[_evaluation_table(evaluations)],
    )


def scenario(s: GrowthScenario, version: ScenarioVersion | None, on: date) -> Report:
    """The growth scenario table as seed 004 prints it, and each sector's contribution."""
    v = version or s.latest
    view = scenario_view(v.data, v.published, series_labels(v.data))
    columns = [Column("Khu vực", 52)] + [Column(lbl, 16, numeric=True) for _, lbl in view.columns]
    growth = Table(columns, caption="Tốc độ tăng trưởng (%)")
    for row in view.rows:
        indent = "\u00a0" * 4 * row.level  # no-break spaces keep the indent in every format
        growth.rows.append(
            [Cell(indent + row.label, bold=row.level == 0)]
            + [Cell(c.value, places=2) for c in row.cells]
        )
    contrib = Table(list(columns), caption="Đóng góp vào tăng trưởng GRDP (điểm phần trăm)")
    for row in view.contributions:
        contrib.rows.append([Cell(row.label)] + [Cell(c.value, places=2) for c in row.cells])
    notes = [*view.notes, *view.findings]
    if view.error is not None:
        notes.append(f"Không tính được kịch bản: {view.error}")
    return Report(
        slug=f"kich-ban-{s.pk}-phien-ban-{v.number}",
        kind_code="KH",
        heading="PHỤ LỤC",
        title=s.title.upper(),
        subtitle=f"(Phiên bản {v.number}{'; ' + v.note if v.note else ''})",
        issued_on=on,
        tables=[growth, contrib] if contrib.rows else [growth],
        notes=notes,
    )


def _score(value: Decimal | None) -> str:
    return "chưa tính được" if value is None else format_number(value, 1)


def scorecard(org: Organization, plan: Plan, on: date) -> Report:
    """An agency's scorecard: its score, the rules, and each target it leads with its status."""
    card = agency_scorecard(org, plan)
    intro = [
        f"Cơ quan: {org.name}. Kế hoạch: {plan}.",
        f"Điểm tổng hợp: {_score(card.score)}; điểm chỉ tiêu: {_score(card.target_score)}; "
        f"điểm đúng hạn: {_score(card.timeliness_score)} ({card.timeliness_explanation}).",
        card.score_explanation,
        f"Điểm chỉ tiêu: {card.target_explanation}.",
    ]
    return Report(
        slug=f"bang-diem-co-quan-{org.pk}-ke-hoach-{plan.pk}",
        kind_code="BC",
        heading="BẢNG ĐIỂM",
        title=f"KẾT QUẢ THỰC HIỆN CHỈ TIÊU CỦA {org.name.upper()}",
        issued_on=on,
        intro=intro,
        tables=[_evaluation_table(card.evaluations)],
        notes=scorecard_rules(),
    )


def _growth_note(cells: list[TableCell], columns: list[tuple[str, str]]) -> str:
    """The row's footnote marks and the other figures, kept out of the value cells so that these
    stay numbers: "Quý II: (1) tính lại 6,60"."""
    return "; ".join(
        f"{label[:1].upper()}{label[1:]}: ({c.mark}) {c.other_label} {format_number(c.other, 2)}"
        for c, (_, label) in zip(cells, columns, strict=False)
        if c.mark and c.other is not None
    )


def _actuals_table(actual: ActualsView) -> Table:
    """The page's "Thực hiện so với kịch bản": each elapsed period's approved figure, the
    scenario's and the gap in points, the same numbers the page prints."""
    columns = [Column("Khu vực", 52)]
    for _, label in actual.columns:
        name = label[:1].upper() + label[1:]
        columns += [
            Column(f"{name}: thực hiện", 18, numeric=True),
            Column(f"{name}: kịch bản", 18, numeric=True),
            Column(f"{name}: chênh (điểm %)", 18, numeric=True),
        ]
    columns.append(Column("Loại số liệu", 30))
    table = Table(
        columns,
        caption="Thực hiện so với kịch bản (%)",
        sheet="Thực hiện",
        before=[actual.status.sentence] if actual.status and actual.status.sentence else [],
        after=[
            "Thực hiện: số liệu đã duyệt, loại tốt nhất (chính thức → sơ bộ → ước tính). Kịch "
            "bản: mỗi kỳ so với phiên bản được thông qua sau cùng trước khi kỳ đó kết thúc"
            + (f" — {actual.compared}" if actual.compared else "")
            + "."
        ],
    )
    for _, label, _, cells in actual.rows:
        row = [Cell(label)]
        kinds = []
        for figure, planned, gap in cells:
            row += [
                Cell(figure.value if figure else None, places=2),
                Cell(planned, places=2),
                Cell(gap, places=2),
            ]
            kinds.append(figure.vintage_label.lower() if figure else "—")
        table.rows.append([*row, Cell("; ".join(kinds))])
    return table


def _growth_sections(r: MonthlyReport) -> list[Table]:
    """Growth against the adopted scenario: the table, the months ended against it with what the
    rest of the year must reach, and the drivers behind the scenario's pace."""
    if r.growth_table is None:
        if not r.growth_note:
            return []
        return [
            Table(
                [],
                caption="2. Tăng trưởng theo kịch bản (%)",
                sheet="2. Kịch bản",
                before=[r.growth_note],
            )
        ]
    gt = r.growth_table
    g = Table(
        [Column("Khu vực", 52)]
        + [Column(label[:1].upper() + label[1:], 16, numeric=True) for _, label in gt.columns]
        + [Column("Ghi chú", 40)],
        caption="2. Tăng trưởng theo kịch bản (%)",
        sheet="2. Kịch bản",
        before=list(r.growth_version_notes),
    )
    if gt.error:
        g.before.append(gt.error)
    for row in gt.rows:
        g.rows.append(
            [Cell(row.label)]
            + [Cell(c.value, places=2) for c in row.cells]
            + [Cell(_growth_note(row.cells, gt.columns))]
        )
    g.after = [*(f"({mark}) {text}" for mark, text in gt.footnotes), *r.data_notes]
    sections = [g]
    actual = r.growth_actuals
    if actual is not None and actual.status is not None:
        sections.append(_actuals_table(actual))
        columns = [Column("Khu vực", 52)] + [
            Column(f"Cần đạt {label}", 24, numeric=True) for _, label in actual.required_columns
        ]
        required = Table(
            columns if actual.required_rows else [],
            caption="Các kỳ còn lại cần đạt (%) để đạt mục tiêu, tính lại từ số thực hiện",
            sheet="Cần đạt",
            after=[*actual.status.notes, *actual.status.moved],
        )
        for _, label, _, values in actual.required_rows:
            required.rows.append([Cell(label)] + [Cell(v, places=2) for v in values])
        if required.rows or required.after:
            sections.append(required)
    behind = [
        f"{row.driver.indicator.name}"
        f"{f' ({row.driver.lead.name})' if row.driver.lead else ''}: lũy kế đến hết tháng "
        f"{row.month}/{r.period.year} đạt {row.cumulative_text} {row.unit_in_text}, kịch bản cần "
        f"{row.expected_text} {row.unit_in_text} ({format_number(row.pace.percent_of_pace, 1)} % "
        f"tiến độ; mục tiêu cả năm {row.target_text} {row.unit_in_text})."
        + (f" {row.scope}" if row.scope else "")
        for row in r.drivers_behind
        if row.pace is not None
    ]
    sections.append(
        Table(
            [],
            caption="Động lực tăng trưởng chậm so với tiến độ kịch bản",
            sheet="Động lực chậm",
            before=behind or ["Không có động lực nào chậm so với tiến độ kịch bản."],
        )
    )
    # the parts under section 2 are 2a, 2b, … in the order they print: a part left out (no
    # required growth yet) takes no letter, so no two sheets share a number
    for letter, part in zip("abcdefgh", sections[1:], strict=False):
        part.sheet = f"2{letter}. {part.sheet}"
    return sections


def monthly(period_code: str, on: date, now: datetime | None = None) -> Report:
    """The growth task force's monthly report in the same layout as every other document."""
    r = monthly_report(period_code, now=now)
    tables = [_evaluation_table(r.evaluations)]
    tables[0].caption = "1. Tình hình thực hiện chỉ tiêu"
    tables[0].sheet = "1. Chỉ tiêu"
    tables += _growth_sections(r)
    overdue = Table(
        [Column("TT", 10), Column("Nhiệm vụ", 80), Column("Cơ quan chủ trì", 45)]
        + [Column("Hạn", 22), Column("Tiến độ (%)", 20, numeric=True)],
        caption="3. Nhiệm vụ quá hạn",
        sheet="3. Nhiệm vụ quá hạn",
        after=[] if r.overdue else ["Không có nhiệm vụ quá hạn."],
    )
    for i, a in enumerate(r.overdue, start=1):
        due = f"{a.deadline:%d/%m/%Y}" if a.deadline else ""
        overdue.rows.append(
            [Cell(i), Cell(a.title), Cell(a.lead.name), Cell(due), Cell(a.progress)]
        )
    t = r.timeliness or Timeliness()
    late = Table(
        [Column("TT", 10), Column("Cơ quan", 50), Column("Báo cáo", 70), Column("Kỳ", 28)]
        + [Column("Hạn", 22), Column("Tình trạng", 40)]
        if t.rows
        else [],  # nothing to list: the sentences alone, never a header over no rows
        caption="4. Cơ quan báo cáo trễ hoặc chưa báo cáo",
        sheet="4. Báo cáo trễ",
        before=list(t.summary),
        after=[t.note] if t.note else [],
    )
    for i, row in enumerate(t.rows, start=1):
        late.rows.append(
            [Cell(i), Cell(row.organization), Cell(row.report), Cell(row.period_label)]
            + [Cell(row.due_text), Cell(row.state_text)]
        )
    made = f"{r.generated_at:%H:%M ngày %d/%m/%Y}" if r.generated_at else ""
    return Report(
        slug=f"bao-cao-thang-{period_code}",
        kind_code="BC",
        heading="BÁO CÁO",
        title=f"TÌNH HÌNH THỰC HIỆN CHỈ TIÊU VÀ KỊCH BẢN TĂNG TRƯỞNG {r.period.label.upper()}",
        subtitle=f"(Kế hoạch: {r.plan_label})" if r.plan_label else "",
        issued_on=on,
        intro=[f"Báo cáo của Tổ công tác, lập tự động từ dữ liệu lúc {made}."] if made else [],
        tables=[*tables, overdue, late],
    )
