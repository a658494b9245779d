"""The bulk save (an Excel upload) and single saves give the same rows, refuse the same figures
with the same messages, and the upload lists every refused row."""

import io
from decimal import Decimal as D

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection, transaction

from chitieu.access.choices import Role
from chitieu.access.permissions import responsible_for, responsible_organizations
from chitieu.catalog.models import Indicator
from chitieu.organizations.models import Organization
from chitieu.reporting.choices import Action
from chitieu.reporting.excel import build_template, read_upload, save_upload
from chitieu.reporting.models import Figure, FigureAudit
from chitieu.reporting.services import (
    FigureConflict,
    FigureError,
    FigureInput,
    FiguresRefused,
    figure_save,
    figure_transition,
    figures_save_bulk,
)
from chitieu.reporting.signals import figures_changed

WASTE = "Tỷ lệ chất thải nguy hại được thu gom, xử lý"

FIGURE_FIELDS = (
    "indicator_id",
    "organization_id",
    "period_code",
    "period_kind",
    "vintage",
    "value",
    "comment",
    "source",
    "status",
    "return_reason",
    "revision",
    "entered_by_id",
    "submitted_at",
)
AUDIT_FIELDS = (
    "user_id",
    "action",
    "old_value",
    "new_value",
    "vintage",
    "status_from",
    "status_to",
    "reason",
)


def _figures():
    """Every figure, field by field, without its id and timestamp."""
    return sorted(Figure.objects.values_list(*FIGURE_FIELDS))


def _audits():
    """Every audit row, its figure named by key, without ids and timestamps."""
    key = ("figure__indicator_id", "figure__organization_id", "figure__period_code")
    return sorted(FigureAudit.objects.values_list(*key, "figure__vintage", *AUDIT_FIELDS), key=repr)


def _one_by_one(user, org, items):
    """Each figure through figure_save in turn; the message of each refused one, by position."""
    problems = []
    for n, item in enumerate(items):
        try:
            figure_save(
                user=user,
                indicator=item.indicator,
                organization=org,
                period_code=item.period_code,
                vintage=item.vintage,
                value=item.value,
                comment=item.comment,
                source=item.source,
                expected_revision=item.expected_revision,
            )
        except (FigureError, FigureConflict, PermissionDenied) as exc:
            problems.append((n, str(exc)))
    return problems


def _rolled_back(fn):
    """Run fn, read what it left, and undo it, so the next path starts from the same rows."""
    with transaction.atomic():
        outcome = fn()
        rows = (_figures(), _audits())
        transaction.set_rollback(True)
    return outcome, rows


@pytest.fixture
def stage(people, enter, forest, nnmt):
    """NN&MT's figures in every state a save meets: draft, returned, submitted, approved."""
    waste = Indicator.objects.get(name=WASTE)

    def step(figure, action, who, reason=""):
        figure_transition(user=people[who], figure=figure, action=action, reason=reason)

    draft = enter(forest, nnmt, "65", "2036", "estimate")
    enter(forest, nnmt, "65,1", "2036", "estimate")  # a second revision of the draft
    returned = enter(forest, nnmt, "64", "2035", "estimate")
    step(returned, Action.SUBMIT, "reporter")
    step(returned, Action.RETURN, "reviewer", "Xem lại")
    submitted = enter(waste, nnmt, "90", "2036", "estimate")
    step(submitted, Action.SUBMIT, "reporter")
    approved = enter(waste, nnmt, "88", "2035", "official")
    step(approved, Action.SUBMIT, "reporter")
    step(approved, Action.VERIFY, "reviewer")
    step(approved, Action.APPROVE, "compiler")
    return {
        "reporter": people["reporter"],
        "forest": forest,
        "waste": waste,
        "draft": Figure.objects.get(pk=draft.pk),
        "returned": Figure.objects.get(pk=returned.pk),
    }


def test_bulk_and_single_saves_leave_identical_figures_and_audit_rows(stage, nnmt):
    forest, waste = stage["forest"], stage["waste"]
    draft, returned = stage["draft"], stage["returned"]
    items = [
        FigureInput(forest, "2036", "estimate", "65,5", "đo lại", "Kiểm kê", draft.revision),
        FigureInput(forest, "2035", "estimate", D("64.25"), "", "", returned.revision),
        FigureInput(forest, "2036", "preliminary", "66", "", "Sơ bộ", 0),
        # a new figure whose writer sent the revision of another vintage on the same form
        FigureInput(forest, "2037", "official", "67,125", "", "", draft.revision),
        FigureInput(waste, "2037", "estimate", "91.5", "ghi chú", "", 0),
    ]
    reporter = stage["reporter"]
    audits_before = len(_audits())

    single, by_one = _rolled_back(lambda: _one_by_one(reporter, nnmt, items))
    results, in_bulk = _rolled_back(
        lambda: figures_save_bulk(user=reporter, organization=nnmt, items=items)
    )

    assert single == []
    assert in_bulk == by_one
    figures, audits = in_bulk
    assert (forest.pk, nnmt.pk, "2036", "year", "estimate", D("65.5"), "đo lại", "Kiểm kê") in {
        f[:8] for f in figures
    }
    assert len(audits) == audits_before + len(items)
    assert (forest.pk, nnmt.pk, "2036", "estimate", reporter.pk, Action.UPDATE, D("65.1")) in {
        a[:7] for a in audits
    }
    assert [(r.created, r.figure.value) for r in results] == [
        (False, D("65.5")),
        (False, D("64.25")),
        (True, D("66")),
        (True, D("67.125")),
        (True, D("91.5")),
    ]
    assert all(r.figure.pk for r in results)


def test_bulk_refuses_what_single_saves_refuse_with_the_same_messages_and_saves_none(stage, nnmt):
    forest, waste, draft = stage["forest"], stage["waste"], stage["draft"]
    everything = Indicator.objects.order_by("pk")
    mine = responsible_for(nnmt, [i.pk for i in everything])
    not_mine = next(i for i in everything if i.pk not in mine)
    items = [
        FigureInput(forest, "2036", "estimate", "65,9", "", "", draft.revision - 1),  # stale
        FigureInput(forest, "2035", "estimate", "65,9", "", "", 0),  # opened as new
        FigureInput(waste, "2036", "estimate", "95", "", "", 2),  # submitted
        FigureInput(waste, "2035", "official", "89", "", "", 4),  # approved
        FigureInput(forest, "2038", "estimate", "65", "", "", None),  # no revision
        FigureInput(forest, "2038", "guess", "65", "", "", 0),
        FigureInput(forest, "2038-03", "estimate", "65", "", "", 0),  # yearly indicator
        FigureInput(forest, "2038", "estimate", "sáu lăm", "", "", 0),
        FigureInput(forest, "2038", "estimate", "120", "", "", 0),  # a rate over 100
        FigureInput(not_mine, "2038", "estimate", "50", "", "", 0),
        FigureInput(forest, "2039", "estimate", "70", "", "", 0),  # fine alone
    ]
    reporter = stage["reporter"]
    before = (_figures(), _audits())

    single, _ = _rolled_back(lambda: _one_by_one(reporter, nnmt, items))
    with pytest.raises(FiguresRefused) as refused:
        figures_save_bulk(user=reporter, organization=nnmt, items=items)

    assert [n for n, _ in single] == list(range(10))
    assert refused.value.problems == single
    assert single[0][1].startswith("Số liệu này vừa được reporter sửa thành 65.1 (lần sửa 2)")
    assert single[3][1] == (
        "Số liệu đã được duyệt và khóa; chỉ thay đổi được sau khi mở lại có lý do."
    )
    assert "không chủ trì hay phối hợp" in single[9][1]
    assert (_figures(), _audits()) == before


def test_a_reporter_of_another_organisation_is_refused_as_by_a_single_save(stage, user_of, nnmt):
    health = user_of("Sở Y tế", Role.REPORTER)
    item = FigureInput(stage["forest"], "2040", "estimate", "65", "", "", 0)
    with pytest.raises(PermissionDenied) as single:
        _one_by_one_raising(health, nnmt, item)
    with pytest.raises(PermissionDenied) as bulk:
        figures_save_bulk(user=health, organization=nnmt, items=[item])
    assert str(bulk.value) == str(single.value)
    assert "không được nhập số liệu của Sở Nông nghiệp" in str(bulk.value)


def _one_by_one_raising(user, org, item):
    figure_save(
        user=user,
        indicator=item.indicator,
        organization=org,
        period_code=item.period_code,
        vintage=item.vintage,
        value=item.value,
        expected_revision=item.expected_revision,
    )


def test_the_same_figure_twice_in_one_batch_is_refused(stage, nnmt):
    item = FigureInput(stage["forest"], "2040", "estimate", "65", "", "", 0)
    with pytest.raises(FiguresRefused) as refused:
        figures_save_bulk(user=stage["reporter"], organization=nnmt, items=[item, item])
    assert [n for n, _ in refused.value.problems] == [1]
    assert not Figure.objects.filter(period_code="2040").exists()


def test_a_batch_tells_what_changed_once_inside_its_transaction(stage, nnmt):
    forest, waste = stage["forest"], stage["waste"]
    heard = []

    def listener(sender, indicator_ids, **kwargs):
        heard.append((set(indicator_ids), connection.in_atomic_block))

    figures_changed.connect(listener)
    try:
        figures_save_bulk(
            user=stage["reporter"],
            organization=nnmt,
            items=[
                FigureInput(forest, "2040", "estimate", "65", "", "", 0),
                FigureInput(forest, "2041", "estimate", "66", "", "", 0),
                FigureInput(waste, "2040", "estimate", "90", "", "", 0),
            ],
        )
    finally:
        figures_changed.disconnect(listener)
    assert heard == [({forest.pk, waste.pk}, True)]


def test_responsible_for_asks_the_rule_of_responsible_organizations(demo):
    # given the demo's indicators and organisations (groups included)
    indicators = list(Indicator.objects.all())
    for org in Organization.objects.all():
        # when asked in one query for every indicator
        mine = responsible_for(org, [i.pk for i in indicators])
        # then it is the indicators whose responsible organisations include it
        assert mine == {i.pk for i in indicators if org.pk in responsible_organizations(i)}
    assert mine  # the last organisation reports something: the comparison was not vacuous


def _edit(data: bytes, values: dict[str, str]) -> bytes:
    wb = openpyxl.load_workbook(io.BytesIO(data))
    ws = wb.active
    for r in range(5, ws.max_row + 1):
        if ws.cell(r, 2).value in values and ws.cell(r, 5).value == "Ước tính":
            ws.cell(r, 6).value = values[ws.cell(r, 2).value]
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_an_upload_whose_figures_changed_after_reading_lists_every_refused_row(stage, nnmt):
    # given a sheet read while the forest and waste figures of 2026 were as the template showed
    forest, reporter = stage["forest"], stage["reporter"]
    template = build_template(nnmt, "2037")
    data = _edit(template, {forest.name: "67", WASTE: "92"})
    up = read_upload(data, nnmt, "so-lieu.xlsx")
    assert up.errors == [] and len(up.rows) == 2
    # when someone enters both figures before the sheet is saved
    for indicator, value in ((forest, "66"), (stage["waste"], "91")):
        figure_save(
            user=reporter,
            indicator=indicator,
            organization=nnmt,
            period_code="2037",
            vintage="estimate",
            value=value,
            expected_revision=0,
        )
    with pytest.raises(FigureError, match="Chưa lưu dòng nào: 2 lỗi"):
        save_upload(up, reporter, "so-lieu.xlsx")
    # then both rows are named, with the message of a single save, and neither is saved
    lines = sorted(r.line for r in up.rows)
    assert [e.split(":")[0] for e in up.errors] == [f"so-lieu.xlsx, dòng {n}" for n in lines]
    assert all("Số liệu này vừa được reporter sửa thành" in e for e in up.errors)
    assert sorted(Figure.objects.filter(period_code="2037").values_list("value", flat=True)) == [
        D(66),
        D(91),
    ]
