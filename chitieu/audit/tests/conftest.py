import pytest
from django.db import transaction

from chitieu.audit.choices import AuditAction, Entity
from chitieu.audit.models import AuditEntry
from chitieu.audit.services import audit_record
from chitieu.catalog.models import Indicator
from chitieu.crosscheck.choices import EventAction
from chitieu.crosscheck.models import CrosscheckEvent
from chitieu.organizations.models import Organization
from chitieu.reporting.models import Figure, FigureAudit


@pytest.fixture
def audit_rows(db, django_user_model):
    """One row in every audit table, keyed by model label."""
    user = django_user_model.objects.create_user("ghi-nhat-ky", password="x")
    org = Organization.objects.create(name="Sở Thử nghiệm", kind="agency")
    indicator = Indicator.objects.create(name="Tỷ lệ thử", unit="%", key="ty le thu|%")
    figure = Figure.objects.create(
        indicator=indicator, organization=org, period_code="2026", vintage="estimate", value=1
    )
    figure_audit = FigureAudit.objects.create(
        figure=figure, user=user, action="create", new_value=1, vintage="estimate", reason="gốc"
    )
    with transaction.atomic():
        entry = audit_record(
            user=user,
            entity=Entity.ORGANIZATION,
            obj=org,
            action=AuditAction.CREATE,
            after={"name": org.name},
            reason="gốc",
        )
    event = CrosscheckEvent.objects.create(
        user=user, action=EventAction.FINDING_EXPLAIN, subject="Tỷ lệ thử", reason="gốc"
    )
    return {
        "reporting.figureaudit": figure_audit,
        "audit.auditentry": entry,
        "crosscheck.crosscheckevent": event,
    }


@pytest.fixture
def entry(audit_rows) -> AuditEntry:
    return audit_rows["audit.auditentry"]
