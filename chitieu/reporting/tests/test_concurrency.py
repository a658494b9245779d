"""Two saves of one figure at once, on PostgreSQL with real threads: one wins, one is told."""

import threading
from decimal import Decimal as D

import pytest
from django.core.management import call_command
from django.db import connection

from chitieu.access.choices import Role
from chitieu.access.models import Membership
from chitieu.catalog.models import Indicator
from chitieu.organizations.models import Organization
from chitieu.reporting.models import Figure, FigureAudit
from chitieu.reporting.services import FigureConflict, figure_save

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL")


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_saves_give_one_conflict_and_no_lost_update(django_user_model):
    call_command("load_demo", verbosity=0)
    org = Organization.objects.get(name="Sở Nông nghiệp và Môi trường")
    forest = Indicator.objects.get(name="Tỷ lệ che phủ rừng")
    users = []
    for name in ("a", "b"):
        u = django_user_model.objects.create_user(name, password="x")
        Membership.objects.create(user=u, organization=org, role=Role.REPORTER)
        users.append(u)
    f = figure_save(
        user=users[0],
        indicator=forest,
        organization=org,
        period_code="2026",
        vintage="estimate",
        value="65",
        expected_revision=0,
    )
    barrier = threading.Barrier(2)
    results: list[object] = []

    def worker(user, value):
        try:
            barrier.wait()
            results.append(
                figure_save(
                    user=user,
                    indicator=forest,
                    organization=org,
                    period_code="2026",
                    vintage="estimate",
                    value=value,
                    expected_revision=f.figure.revision,
                ).figure.value
            )
        except FigureConflict as exc:
            results.append(exc)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=worker, args=(u, v))
        for u, v in zip(users, ("66", "67"), strict=True)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    conflicts = [r for r in results if isinstance(r, FigureConflict)]
    saved = [r for r in results if not isinstance(r, FigureConflict)]
    assert len(conflicts) == 1 and len(saved) == 1
    final = Figure.objects.get(pk=f.figure.pk)
    assert final.value == saved[0] and conflicts[0].current.value == saved[0]
    assert conflicts[0].attempted in (D(66), D(67)) and conflicts[0].attempted != saved[0]
    assert FigureAudit.objects.filter(figure=final, action="update").count() == 1
