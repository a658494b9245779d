"""Disbursement saves, the workflow, transfers and milestones: refusals save nothing, writes audit."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied

from chitieu.audit.models import AuditEntry
from chitieu.investment.choices import AUDIT_DISBURSEMENT, AUDIT_TRANSFER, DisbursementStatus
from chitieu.investment.models import CapitalTransfer, Disbursement, Milestone, Obstacle, Project
from chitieu.investment.services import (
    DisbursementConflict,
    InvestmentError,
    capital_transfer_create,
    disbursement_save,
    disbursement_transition,
    milestone_set,
    obstacle_add,
)
from chitieu.organizations.models import Organization

pytestmark = pytest.mark.django_db


def test_the_managing_agency_enters_a_month_as_a_draft_and_it_is_audited(board, fresh):
    row = disbursement_save(
        user=board, project=fresh, year=2026, month=3, amount="12,5", expected_revision=0
    )
    assert (row.amount, row.status, row.revision) == (D("12.5"), DisbursementStatus.DRAFT, 1)
    entry = AuditEntry.objects.get(entity=AUDIT_DISBURSEMENT, object_id=row.pk)
    assert entry.user == board
    assert D(entry.after["amount"]) == D("12.5")


def test_a_change_names_the_revision_it_saw_and_a_stale_one_is_refused(board, fresh):
    row = disbursement_save(
        user=board, project=fresh, year=2026, month=3, amount="10", expected_revision=0
    )
    row = disbursement_save(
        user=board, project=fresh, year=2026, month=3, amount="11", expected_revision=1
    )
    assert (row.amount, row.revision) == (D(11), 2)
    with pytest.raises(DisbursementConflict) as caught:
        disbursement_save(
            user=board, project=fresh, year=2026, month=3, amount="99", expected_revision=1
        )
    assert caught.value.current.amount == D(11)
    # opened as a new month while someone else entered it: not overwritten either
    with pytest.raises(DisbursementConflict):
        disbursement_save(
            user=board, project=fresh, year=2026, month=3, amount="5", expected_revision=0
        )
    assert Disbursement.objects.get(pk=row.pk).amount == D(11)


def test_disbursement_above_the_capital_plan_is_refused_and_nothing_is_saved(board, fresh):
    disbursement_save(
        user=board, project=fresh, year=2026, month=1, amount="90", expected_revision=0
    )
    with pytest.raises(InvestmentError, match="vượt kế hoạch vốn 100 tỷ đồng"):
        disbursement_save(
            user=board, project=fresh, year=2026, month=2, amount="10,5", expected_revision=0
        )
    assert not Disbursement.objects.filter(project=fresh, month=2).exists()


def test_a_leader_and_another_agency_may_not_enter(leader, health, fresh):
    with pytest.raises(PermissionDenied, match="Lãnh đạo chỉ xem"):
        disbursement_save(
            user=leader, project=fresh, year=2026, month=1, amount="1", expected_revision=0
        )
    with pytest.raises(PermissionDenied, match="Ban Quản lý đầu tư xây dựng công trình giao thông"):
        disbursement_save(
            user=health, project=fresh, year=2026, month=1, amount="1", expected_revision=0
        )
    assert not Disbursement.objects.filter(project=fresh).exists()


def test_draft_submitted_approved_only_the_finance_department_approves(board, finance, fresh):
    row = disbursement_save(
        user=board, project=fresh, year=2026, month=1, amount="5", expected_revision=0
    )
    row = disbursement_transition(
        user=board, disbursement=row, action="submit", expected_revision=1
    )
    assert row.status == DisbursementStatus.SUBMITTED
    with pytest.raises(PermissionDenied, match="Chỉ Sở Tài chính"):
        disbursement_transition(user=board, disbursement=row, action="approve", expected_revision=2)
    with pytest.raises(InvestmentError, match="đang chờ Sở Tài chính duyệt"):
        disbursement_save(
            user=board, project=fresh, year=2026, month=1, amount="6", expected_revision=2
        )
    row = disbursement_transition(
        user=finance, disbursement=row, action="approve", expected_revision=2
    )
    assert row.status == DisbursementStatus.APPROVED
    with pytest.raises(InvestmentError, match="đã được duyệt và khóa"):
        disbursement_save(
            user=board, project=fresh, year=2026, month=1, amount="6", expected_revision=3
        )
    actions = list(
        AuditEntry.objects.filter(entity=AUDIT_DISBURSEMENT, object_id=row.pk).values_list(
            "action", flat=True
        )
    )
    assert actions == ["create", "submit", "approve"]


def test_returning_needs_a_reason_and_gives_the_draft_back(board, finance, fresh):
    row = disbursement_save(
        user=board, project=fresh, year=2026, month=1, amount="5", expected_revision=0
    )
    row = disbursement_transition(
        user=board, disbursement=row, action="submit", expected_revision=1
    )
    with pytest.raises(InvestmentError, match="lý do"):
        disbursement_transition(
            user=finance, disbursement=row, action="return", expected_revision=2
        )
    row = disbursement_transition(
        user=finance, disbursement=row, action="return", expected_revision=2, reason="Sai chứng từ"
    )
    assert row.status == DisbursementStatus.DRAFT


def _sum_of_source(source: str) -> D:
    return sum((p.capital_plan for p in Project.objects.filter(year=2026, source=source)), D(0))


def test_a_transfer_moves_capital_and_keeps_the_sources_total(finance):
    slow = Project.objects.get(code="KM06")  # not started, nothing disbursed, 50
    fast = Project.objects.get(code="KM08")  # Cải tạo trụ sở Tỉnh uỷ, 20
    before = _sum_of_source("provincial")
    t = capital_transfer_create(
        user=finance,
        from_project=slow,
        to_project=fast,
        amount="15",
        reason="Chưa khởi công",
        decision_number="1234/QĐ-UBND",
        decision_date=date(2026, 10, 15),
    )
    slow.refresh_from_db()
    fast.refresh_from_db()
    assert (slow.capital_plan, fast.capital_plan) == (D(35), D(35))
    assert _sum_of_source("provincial") == before
    entry = AuditEntry.objects.get(entity=AUDIT_TRANSFER, object_id=t.pk)
    assert (entry.before["from_plan"], entry.after["from_plan"]) == ("50.000", "35.000")


def test_a_transfer_between_sources_or_into_a_negative_balance_saves_nothing(finance):
    provincial = Project.objects.get(code="KM07")  # 50, some disbursed
    central = Project.objects.get(code="KM12")
    disbursed = sum(d.amount for d in provincial.disbursements.all())
    with pytest.raises(InvestmentError) as caught:
        capital_transfer_create(
            user=finance,
            from_project=provincial,
            to_project=central,
            amount="50",
            reason="x",
            decision_number="1/QĐ",
            decision_date=date(2026, 10, 1),
        )
    message = str(caught.value)
    assert "tổng vốn của từng nguồn" in message
    assert "ít hơn số đã giải ngân" in message and disbursed > 0
    provincial.refresh_from_db()
    assert provincial.capital_plan == D(50)
    assert not CapitalTransfer.objects.exists()


def test_only_the_finance_department_transfers(board):
    a, b = Project.objects.get(code="KM06"), Project.objects.get(code="KM08")
    with pytest.raises(PermissionDenied):
        capital_transfer_create(
            user=board,
            from_project=a,
            to_project=b,
            amount="1",
            reason="x",
            decision_number="1",
            decision_date=date(2026, 1, 1),
        )


def test_milestone_dates_out_of_order_are_refused(board, bridge):
    # Cầu Na Sầm started on 20/8/2026; a completion before that is refused
    with pytest.raises(InvestmentError, match="hoàn thành 01/08/2026 trước khởi công 20/08/2026"):
        milestone_set(
            user=board,
            project=bridge,
            kind="completion",
            planned_on=None,
            actual_on=date(2026, 8, 1),
        )
    assert not Milestone.objects.filter(project=bridge, kind="completion").exists()
    m = milestone_set(
        user=board, project=bridge, kind="completion", planned_on=date(2027, 6, 30), actual_on=None
    )
    assert m.planned_on == date(2027, 6, 30)


def test_an_obstacle_is_an_action_with_a_lead_and_a_deadline(board, bridge):
    lead = Organization.objects.get(name="Sở Xây dựng")
    o = obstacle_add(
        user=board,
        project=bridge,
        kind="procedure",
        title="Thẩm định thiết kế",
        lead=lead,
        deadline=date(2026, 12, 20),
    )
    assert Obstacle.objects.get(pk=o.pk).action.lead == lead
    assert o.action.deadline == date(2026, 12, 20)
