"""The monthly report as a Word document (python-docx), from the same data as the page."""

from __future__ import annotations

import io

from chitieu.core.numbers import format_number

from .selectors import STATE_LABELS, MonthlyReport


def build(report: MonthlyReport) -> bytes:
    import docx
    from docx.shared import Pt

    d = docx.Document()
    style = d.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)
    d.add_heading(f"Báo cáo Tổ công tác — {report.period.label}", level=1)
    d.add_paragraph(
        f"Lập tự động từ dữ liệu lúc {report.generated_at:%H:%M ngày %d/%m/%Y}. Kế hoạch: {report.plan_label}."
    )
    d.add_heading("1. Tình hình thực hiện chỉ tiêu", level=2)
    t = d.add_table(rows=1, cols=3)
    t.style = "Table Grid"
    for cell, text in zip(t.rows[0].cells, ("Chỉ tiêu", "Trạng thái", "Giải thích"), strict=True):
        cell.text = text
    for e in report.evaluations:
        row = t.add_row().cells
        row[0].text, row[1].text, row[2].text = (
            e.target.printed_name,
            e.get_status_label,
            e.sentence,
        )
    if report.growth_rows:
        d.add_heading("2. Tăng trưởng so với kịch bản (%)", level=2)
        if report.growth_version is not None:
            v = report.growth_version
            d.add_paragraph(
                f"Kịch bản: phiên bản {v.number}, thông qua {v.adopted_at:%d/%m/%Y}."
                if v.adopted_at
                else f"Kịch bản: phiên bản {v.number}."
            )
        g = d.add_table(rows=1, cols=1 + len(report.growth_columns))
        g.style = "Table Grid"
        for cell, text in zip(g.rows[0].cells, ["Khu vực", *report.growth_columns], strict=True):
            cell.text = text
        for label, values in report.growth_rows:
            cells = g.add_row().cells
            cells[0].text = label
            for cell, v in zip(cells[1:], values, strict=True):
                cell.text = format_number(v, 2) if v is not None else ""
    actual = report.growth_actuals
    if actual is not None and actual.status is not None:
        d.add_heading("Thực hiện so với kịch bản", level=3)
        if actual.status.sentence:
            d.add_paragraph(actual.status.sentence)
        if actual.required_rows:
            heads = ["Khu vực", *(label for _, label in actual.required_columns)]
            t = d.add_table(rows=1, cols=len(heads))
            t.style = "Table Grid"
            for cell, text in zip(t.rows[0].cells, heads, strict=True):
                cell.text = f"Cần đạt {text}" if text != "Khu vực" else text
            for _, label, _, values in actual.required_rows:
                cells = t.add_row().cells
                cells[0].text = label
                for cell, v in zip(cells[1:], values, strict=True):
                    cell.text = format_number(v, 2) if v is not None else ""
        for note in [*actual.status.notes, *actual.status.moved]:
            d.add_paragraph(note)
    if report.growth_note:
        d.add_heading("2. Tăng trưởng so với kịch bản (%)", level=2)
        d.add_paragraph(report.growth_note)
    if report.growth_rows:
        d.add_heading("Động lực tăng trưởng chậm so với tiến độ kịch bản", level=3)
        if not report.drivers_behind:
            d.add_paragraph("Không có động lực nào chậm so với tiến độ kịch bản.")
        for row in report.drivers_behind:
            assert row.pace is not None
            lead = f" ({row.driver.lead.name})" if row.driver.lead else ""
            d.add_paragraph(
                f"{row.driver.indicator.name}{lead}: lũy kế đến hết tháng {row.month} đạt "
                f"{row.cumulative_text} {row.unit_in_text}, kịch bản cần {row.expected_text} "
                f"{row.unit_in_text} ({format_number(row.pace.percent_of_pace, 1)} % tiến độ; "
                f"mục tiêu cả năm {row.target_text} {row.unit_in_text}).",
                style="List Bullet",
            )
    d.add_heading("3. Nhiệm vụ quá hạn", level=2)
    if not report.overdue:
        d.add_paragraph("Không có nhiệm vụ quá hạn.")
    for a in report.overdue:
        d.add_paragraph(
            f"{a.title} — {a.lead.name}, hạn {a.deadline:%d/%m/%Y}, tiến độ {a.progress} %",
            style="List Bullet",
        )
    d.add_heading("4. Cơ quan báo cáo trễ hoặc chưa báo cáo", level=2)
    if not report.late:
        d.add_paragraph("Các cơ quan đều báo cáo đúng hạn.")
    for inst, state in report.late:
        d.add_paragraph(
            f"{inst.obligation.organization.name}: {inst.obligation.name} — {STATE_LABELS[state]}",
            style="List Bullet",
        )
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()
