"""The loader on shapes a tester found: what is saved, refused or noted (decision 0043)."""

import io

from chitieu.catalog.choices import PlanKind
from chitieu.catalog.models import Target
from chitieu.catalog.services import plan_import
from chitieu.importers import read_document
from chitieu.organizations.selectors import organization_directory


def _xlsx(rows, merges=()):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    for rng in merges:
        ws.merge_cells(rng)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _load(data, name="phu-luc.xlsx"):
    doc = read_document(data, name, organization_directory())
    return plan_import(document=doc, source_bytes=data)


def test_an_annual_plan_with_an_estimate_column_is_saved_as_an_annual_plan(orgs):
    data = _xlsx(
        [
            ["TT", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch năm 2026", None, "Cơ quan chủ trì"],
            [None, None, None, "Ước TH 2025", "KH 2026", None],
            ["1", "Tốc độ tăng trưởng GRDP", "%", "8,2", "≥ 10", "Sở Tài chính"],
        ],
        ["D1:E1", "A1:A2", "B1:B2", "C1:C2", "F1:F2"],
    )
    plan = _load(data).plan
    assert (plan.period_code, plan.kind) == ("2026", PlanKind.ANNUAL)
    assert list(Target.objects.filter(plan=plan).values_list("period_code", "printed_text")) == [
        ("2026", "≥ 10")
    ]


def test_a_plan_whose_every_row_is_skipped_is_refused(orgs):
    import pytest

    from chitieu.catalog.services import ImportDecisions, ImportRefused

    data = _xlsx(
        [
            ["TT", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch năm 2026", "Cơ quan chủ trì"],
            ["1", "Tốc độ tăng trưởng GRDP", "%", "≥ 10", "Sở Tài chính"],
        ]
    )
    doc = read_document(data, "phu-luc.xlsx", organization_directory())
    with pytest.raises(ImportRefused, match="không có dòng chỉ tiêu nào để lưu"):
        plan_import(document=doc, decisions=ImportDecisions(skip={0}))
