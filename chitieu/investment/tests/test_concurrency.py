"""Two months of one project saved at once, on PostgreSQL with real threads: together they would
pass the capital plan, so the project's row lock lets one through and refuses the other."""

from __future__ import annotations

import threading
from decimal import Decimal as D

import pytest
from django.db import connection

from chitieu.access.choices import Role
from chitieu.access.models import Membership
from chitieu.investment import demo
from chitieu.investment.models import Disbursement
from chitieu.investment.services import InvestmentError, disbursement_save, project_create
from chitieu.organizations.models import Organization
from chitieu.organizations.services import organizations_load_directory

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL")


@pytest.mark.django_db(transaction=True)
def test_two_months_saved_at_once_never_pass_the_plan_together(django_user_model):
    organizations_load_directory()
    board = Organization.objects.filter(name=demo.BQLGT).first() or Organization.objects.create(
        name=demo.BQLGT, kind="board"
    )
    project = project_create(
        user=None,
        code="RACE",
        name="Đường đua",
        agency=board,
        source="provincial",
        group="ongoing",
        year=2026,
        capital_plan=D(100),
    )
    users = []
    for name in ("a", "b"):
        u = django_user_model.objects.create_user(name, password="x")
        Membership.objects.create(user=u, organization=board, role=Role.REPORTER)
        users.append(u)
    barrier = threading.Barrier(2)
    results: list[object] = []

    def worker(user, month):
        try:
            barrier.wait()
            results.append(
                disbursement_save(
                    user=user,
                    project=project,
                    year=2026,
                    month=month,
                    amount="60",
                    expected_revision=0,
                )
            )
        except InvestmentError as exc:
            results.append(exc)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=worker, args=(u, m)) for u, m in zip(users, (1, 2), strict=True)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    refused = [r for r in results if isinstance(r, InvestmentError)]
    assert len(refused) == 1 and "vượt kế hoạch vốn 100 tỷ đồng" in str(refused[0])
    assert sum(d.amount for d in Disbursement.objects.filter(project=project)) == D(60)
