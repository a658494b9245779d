"""Figures: permissions, validation, the workflow, locking, audit."""

from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied

from chitieu.access.choices import Role
from chitieu.catalog.choices import Role as CatalogRole
from chitieu.catalog.models import Indicator, Responsibility
from chitieu.organizations.models import Organization
from chitieu.reporting.choices import Action, FigureStatus, RuleKind
from chitieu.reporting.models import Figure, FigureAudit, ValidationRule
from chitieu.reporting.services import FigureConflict, FigureError, figure_save, figure_transition


def _current_revision(indicator, org, period, vintage):
    """What a writer who had just opened the figure would send: its revision, or 0 for none."""
    f = Figure.objects.filter(
        indicator=indicator, organization=org, period_code=period, vintage=vintage
    ).first()
    return f.revision if f else 0


def _save(user, indicator, org, value="65,2", period="2026", vintage="estimate", **kw):
    kw.setdefault("expected_revision", _current_revision(indicator, org, period, vintage))
    return figure_save(
        user=user,
        indicator=indicator,
        organization=org,
        period_code=period,
        vintage=vintage,
        value=value,
        **kw,
    )


def test_a_reporter_saves_a_figure_in_vietnamese_or_plain_format(user_of, forest, nnmt):
    reporter = user_of(nnmt.name, Role.REPORTER)
    assert _save(reporter, forest, nnmt, "65,2").figure.value == D("65.2")
    assert _save(reporter, forest, nnmt, "65.4", vintage="preliminary").figure.value == D("65.4")
    assert (
        FigureAudit.objects.filter(
            figure__indicator=forest, figure__period_code="2026", action=Action.CREATE
        ).count()
        == 2
    )


def test_a_reporter_cannot_enter_another_agencys_figures(user_of, forest, nnmt):
    health = user_of("Sở Y tế", Role.REPORTER)
    with pytest.raises(PermissionDenied, match="không được nhập số liệu của Sở Nông nghiệp"):
        _save(health, forest, nnmt)
    industrial_zones = Indicator.objects.get(name__startswith="Tỷ lệ khu công nghiệp, khu chế xuất")
    with pytest.raises(PermissionDenied, match="không chủ trì hay phối hợp"):
        _save(health, industrial_zones, Organization.objects.get(name="Sở Y tế"), "50")
    reviewer = user_of("Thống kê tỉnh", Role.REVIEWER)
    with pytest.raises(PermissionDenied):
        _save(reviewer, forest, Organization.objects.get(name="Thống kê tỉnh"))
    assert not Figure.objects.filter(period_code="2026").exists()


def test_a_member_of_a_group_reports_what_the_group_coordinates(user_of, forest):
    # "Các sở, ban, ngành" coordinates forest cover, so every department may report it
    culture = user_of("Sở Văn hóa, Thể thao và Du lịch", Role.REPORTER)
    org = Organization.objects.get(name="Sở Văn hóa, Thể thao và Du lịch")
    assert _save(culture, forest, org).created


@pytest.mark.parametrize(
    "value, period, message",
    [
        ("sáu lăm", "2026", "không phải là số"),
        ("120", "2026", "nằm ngoài khoảng 0 - 100"),
        ("-1", "2026", "nằm ngoài khoảng"),
        ("65", "2026-03", "báo cáo hằng năm, không báo cáo cho Tháng 3/2026"),
        ("65", "2026-13", "Kỳ:"),
    ],
)
def test_bad_figures_are_refused_with_the_reason_and_nothing_saved(
    user_of, forest, nnmt, value, period, message
):
    reporter = user_of(nnmt.name, Role.REPORTER)
    with pytest.raises(FigureError, match=message):
        _save(reporter, forest, nnmt, value, period)
    assert (
        not Figure.objects.filter(organization=nnmt, indicator=forest)
        .exclude(period_code="2025")
        .exists()
    )


def test_one_audit_record_per_change(user_of, forest, nnmt):
    reporter = user_of(nnmt.name, Role.REPORTER)
    f = _save(reporter, forest, nnmt, "65").figure
    _save(reporter, forest, nnmt, "65,5", expected_revision=f.revision)
    audit = list(
        FigureAudit.objects.filter(figure=f).values_list("action", "old_value", "new_value")
    )
    assert audit == [("create", None, D(65)), ("update", D(65), D("65.5"))]
    with pytest.raises(PermissionError):
        FigureAudit.objects.filter(figure=f).first().save()
    with pytest.raises(PermissionError):
        FigureAudit.objects.filter(figure=f).first().delete()


def test_a_stale_save_is_a_conflict_and_both_values_stay(user_of, forest, nnmt):
    reporter = user_of(nnmt.name, Role.REPORTER)
    f = _save(reporter, forest, nnmt, "65").figure
    _save(reporter, forest, nnmt, "66", expected_revision=f.revision)
    with pytest.raises(FigureConflict) as err:
        _save(reporter, forest, nnmt, "67", expected_revision=f.revision)
    assert err.value.current.value == D(66) and err.value.attempted == D(67)
    assert Figure.objects.get(pk=f.pk).value == D(66)


def test_the_workflow_never_skips_a_step_and_approved_figures_are_locked(user_of, forest, nnmt):
    reporter = user_of(nnmt.name, Role.REPORTER)
    reviewer = user_of("Thống kê tỉnh", Role.REVIEWER)
    compiler = user_of("Sở Tài chính", Role.COMPILER)
    f = _save(reporter, forest, nnmt).figure
    with pytest.raises(FigureError, match="Không thể kiểm tra xong"):
        figure_transition(user=reviewer, figure=f, action=Action.VERIFY)
    with pytest.raises(PermissionDenied):
        figure_transition(user=compiler, figure=f, action=Action.SUBMIT)
    figure_transition(user=reporter, figure=f, action=Action.SUBMIT)
    with pytest.raises(FigureError, match="Không thể duyệt"):
        figure_transition(user=compiler, figure=f, action=Action.APPROVE)
    with pytest.raises(PermissionDenied):
        figure_transition(user=reporter, figure=f, action=Action.VERIFY)
    with pytest.raises(FigureError, match="đang chờ Thống kê tỉnh kiểm tra"):
        _save(reporter, forest, nnmt, "70")
    figure_transition(user=reviewer, figure=f, action=Action.VERIFY)
    with pytest.raises(FigureError, match="Cần ghi lý do"):
        figure_transition(user=compiler, figure=f, action=Action.RETURN)
    figure_transition(user=compiler, figure=f, action=Action.APPROVE)
    with pytest.raises(FigureError, match="đã được duyệt và khóa"):
        _save(reporter, forest, nnmt, "70")
    with pytest.raises(FigureError, match="Cần ghi lý do"):
        figure_transition(user=compiler, figure=f, action=Action.REOPEN)
    figure_transition(
        user=compiler, figure=f, action=Action.REOPEN, reason="Thống kê điều chỉnh số sơ bộ"
    )
    assert Figure.objects.get(pk=f.pk).status == FigureStatus.DRAFT
    steps = list(FigureAudit.objects.filter(figure=f).values_list("status_from", "status_to"))
    assert steps == [
        ("", "draft"),
        ("draft", "submitted"),
        ("submitted", "verified"),
        ("verified", "approved"),
        ("approved", "draft"),
    ]


def test_returned_with_a_reason_then_corrected_and_resubmitted(user_of, forest, nnmt):
    reporter = user_of(nnmt.name, Role.REPORTER)
    reviewer = user_of("Thống kê tỉnh", Role.REVIEWER)
    f = _save(reporter, forest, nnmt).figure
    figure_transition(user=reporter, figure=f, action=Action.SUBMIT)
    figure_transition(
        user=reviewer, figure=f, action=Action.RETURN, reason="Chưa khớp số kiểm kê rừng"
    )
    f.refresh_from_db()
    assert (f.status, f.return_reason) == ("returned", "Chưa khớp số kiểm kê rừng")
    _save(reporter, forest, nnmt, "64,9", expected_revision=f.revision)
    figure_transition(user=reporter, figure=f, action=Action.SUBMIT)
    assert Figure.objects.get(pk=f.pk).status == "submitted"


def test_a_jump_needs_a_comment_before_submission(user_of, demo):
    grdp = Indicator.objects.get(name="Tổng sản phẩm trên địa bàn (GRDP)")
    org = Organization.objects.get(name="Sở Tài chính")
    reporter = user_of(org.name, Role.REPORTER)
    _save(reporter, grdp, org, "60.000", period="2025", vintage="official")
    f = _save(reporter, grdp, org, "80.000", period="2026").figure
    with pytest.raises(
        FigureError,
        match=r"tăng 33,3 % so với năm 2025 \(60.000 tỷ đồng\), quá 20 %: cần ghi giải thích",
    ):
        figure_transition(user=reporter, figure=f, action=Action.SUBMIT)
    _save(reporter, grdp, org, "80.000", period="2026", comment="VSIP đi vào hoạt động")
    figure_transition(user=reporter, figure=f, action=Action.SUBMIT)


def test_structure_shares_must_sum_to_100(user_of, demo):
    org = Organization.objects.get(name="Thống kê tỉnh")
    reporter = user_of(org.name, Role.REPORTER)
    parts = Indicator.objects.get(name="Cơ cấu tổng sản phẩm trên địa bàn").children.order_by(
        "name"
    )
    # Seed 003 (in the demo) adds the fourth share, "Thuế sản phẩm trừ trợ cấp sản phẩm", which
    # names no agency in prose; the statistics office is made its lead so that it reports all four.
    tax = parts.get(name="Thuế sản phẩm trừ trợ cấp sản phẩm")
    Responsibility.objects.create(
        target=tax.targets.get(), organization=org, role=CatalogRole.LEAD, position=0
    )
    figs = [
        _save(reporter, ind, org, v, period="2024", vintage="official").figure
        for ind, v in zip(parts, ["30", "20", "40", "5"], strict=True)
    ]
    with pytest.raises(FigureError, match="năm 2024: các phần cộng lại 95 %, phải bằng 100 %"):
        figure_transition(user=reporter, figure=figs[0], action=Action.SUBMIT)
    # and a share beyond 100 is refused at once, before it is saved, by its range rule
    with pytest.raises(FigureError, match="1.234,5 nằm ngoài khoảng 0 - 100 của tỷ lệ này"):
        _save(reporter, parts[0], org, "1.234,5", period="2025", vintage="official")
    # or, where an administrator removed that rule, because it is a part of a structure
    ValidationRule.objects.filter(indicator=parts[0], kind=RuleKind.PERCENT_RANGE).delete()
    with pytest.raises(FigureError, match="1.234,5 nằm ngoài khoảng 0 - 100: đây là tỷ trọng"):
        _save(reporter, parts[0], org, "1.234,5", period="2025", vintage="official")
    assert not Figure.objects.filter(indicator=parts[0], period_code="2025", vintage="official")


def test_per_capita_must_agree_with_total_and_population(user_of, demo):
    org = Organization.objects.get(name="Sở Tài chính")
    stat = Organization.objects.get(name="Thống kê tỉnh")
    fin = user_of(org.name, Role.REPORTER)
    st = user_of(stat.name, Role.REPORTER)
    _save(
        fin,
        Indicator.objects.get(name="Tổng sản phẩm trên địa bàn (GRDP)"),
        org,
        "60.000",
        period="2024",
    )
    _save(st, Indicator.objects.get(name="Dân số"), stat, "800", period="2024")
    per_capita = Indicator.objects.get(
        name="Tổng sản phẩm trên địa bàn bình quân đầu người", unit="Triệu đồng"
    )
    f = _save(fin, per_capita, org, "80", period="2024").figure
    with pytest.raises(FigureError, match="= 75,0 triệu đồng"):
        figure_transition(user=fin, figure=f, action=Action.SUBMIT)


def test_a_figure_opened_as_new_does_not_overwrite_one_entered_meanwhile(user_of, forest, nnmt):
    reporter = user_of(nnmt.name, Role.REPORTER)
    _save(reporter, forest, nnmt, "65")
    with pytest.raises(FigureConflict) as err:
        _save(reporter, forest, nnmt, "66", expected_revision=0)
    assert err.value.current.value == D(65)
    assert Figure.objects.get(indicator=forest, period_code="2026", vintage="estimate").value == D(
        65
    )


def test_a_new_vintage_is_entered_from_the_form_of_the_previous_one(user_of, forest, nnmt):
    reporter = user_of(nnmt.name, Role.REPORTER)
    estimate = _save(reporter, forest, nnmt, "65").figure
    preliminary = _save(
        reporter, forest, nnmt, "65,3", vintage="preliminary", expected_revision=estimate.revision
    )
    assert preliminary.created and preliminary.figure.value == D("65.3")


def test_a_save_without_a_revision_is_refused_not_last_writer_wins(user_of, forest, nnmt):
    # given a figure someone entered
    reporter = user_of(nnmt.name, Role.REPORTER)
    f = _save(reporter, forest, nnmt, "65").figure
    # when a writer sends no revision, for a new figure or for that one
    for period in ("2026", "2027"):
        with pytest.raises(FigureError, match="Thiếu lần sửa của số liệu"):
            _save(reporter, forest, nnmt, "70", period=period, expected_revision=None)
    # then nothing changed and nothing was created
    assert Figure.objects.get(pk=f.pk).value == D(65)
    assert not Figure.objects.filter(indicator=forest, period_code="2027").exists()
    assert FigureAudit.objects.filter(figure=f).count() == 1
