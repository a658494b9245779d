import pytest
from django.contrib.auth import get_user_model

from chitieu.access.choices import Role
from chitieu.access.models import Membership
from chitieu.catalog.models import Indicator, Plan
from chitieu.catalog.services import ImportDecisions, plan_import
from chitieu.conftest import SEEDS
from chitieu.importers import read_document
from chitieu.organizations.models import Organization
from chitieu.organizations.selectors import organization_directory
from chitieu.organizations.services import organizations_load_directory

SEED_000 = "000_2572cdf0c591401d.txt"
SEED_001 = "001_f2f7cc9a5a75b946.txt"
SEED_002 = "002_ad4a9c0b18438c67.txt"
SEED_003 = "003_9c9170de04c84ef3.txt"


def _import(name: str, **typed) -> Plan:
    directory = organization_directory()
    doc = read_document((SEEDS / name).read_bytes(), name, directory)
    skip = {i for i, r in enumerate(doc.rows) if r.error}
    return plan_import(document=doc, decisions=ImportDecisions(skip=skip, **typed)).plan


@pytest.fixture
def plans(db):
    """Seeds 000, 001 and 003 as the demo imports them, by seed number."""
    organizations_load_directory()
    return {"000": _import(SEED_000), "001": _import(SEED_001), "003": _import(SEED_003)}


@pytest.fixture
def plans_with_002(plans):
    """Seed 002 too: its period is not in its heading, so the person types it (2024-2030)."""
    plans["002"] = _import(SEED_002, period_code="2024-2030")
    return plans


@pytest.fixture
def taichinh(db):
    """A finance officer (the compiler role) of Sở Tài chính."""
    organizations_load_directory()
    user = get_user_model().objects.create_user("taichinh", password="x")
    Membership.objects.create(
        user=user, organization=Organization.objects.get(name="Sở Tài chính"), role=Role.COMPILER
    )
    return user


@pytest.fixture
def reporter(db):
    organizations_load_directory()
    user = get_user_model().objects.create_user("nnmt", password="x")
    Membership.objects.create(
        user=user,
        organization=Organization.objects.get(name="Sở Nông nghiệp và Môi trường"),
        role=Role.REPORTER,
    )
    return user


@pytest.fixture
def indicator():
    """The catalog indicator a plan printed under this name (and unit, when given)."""

    def get(plan: Plan, name: str, unit: str | None = None) -> Indicator:
        targets = plan.targets.filter(printed_name=name)
        if unit is not None:
            targets = targets.filter(printed_unit=unit)
        return targets.get().indicator

    return get
